// The Nexmark generator: proportions, ids, distributions, determinism, splits.
#include <cmath>
#include <set>

#include "nexmark/lib/event_batches.h"
#include "nexmark/lib/event_file.h"
#include "nexmark/lib/nexmark_source.h"
#include "nexmark/lib/result_checksum.h"
#include "nexmark/nexmark_test_util.h"

namespace sluice::nexmark {
namespace {

using columnar::Scalar;
using columnar::Scalars;
using testing::AllEvents;
using testing::GenerateAll;
using testing::SmallConfig;

TEST(NexmarkGeneratorTest, KindsFollowTheProportions) {
  int64_t n[3] = {0, 0, 0};
  for (int64_t i = 0; i < 5000; ++i) {
    ++n[static_cast<int>(KindOf(i))];
    for (EventKind k : {EventKind::kPerson, EventKind::kAuction, EventKind::kBid}) {
      int64_t next = NextEventOfKind(i, k);
      EXPECT_GE(next, i);
      EXPECT_EQ(KindOf(next), k);
      for (int64_t j = i; j < next; ++j) EXPECT_NE(KindOf(j), k);
      EXPECT_EQ(CountOfKind(i + 1, k), n[static_cast<int>(k)]) << i;
    }
  }
  EXPECT_EQ(n[0], 100);
  EXPECT_EQ(n[1], 300);
  EXPECT_EQ(n[2], 4600);
}

TEST(NexmarkGeneratorTest, IdsTimestampsAndFieldsAreInRange) {
  NexmarkConfig c = SmallConfig();
  AllEvents e = GenerateAll(c);
  for (size_t i = 0; i < e.persons.size(); ++i) {
    const Person& p = e.persons[i];
    EXPECT_EQ(p.id, kFirstPersonId + static_cast<int64_t>(i));
    EXPECT_EQ(p.credit_card.size(), 19u);
    EXPECT_NE(p.email_address.find('@'), std::string::npos);
    EXPECT_NEAR(static_cast<double>(p.name.size() + p.email_address.size() + p.credit_card.size() + p.city.size() +
                                    p.state.size() + p.extra.size() + 8),
                kAvgPersonBytes, kAvgPersonBytes * 0.25);
  }
  std::set<int64_t> categories;
  for (size_t i = 0; i < e.auctions.size(); ++i) {
    const Auction& a = e.auctions[i];
    EXPECT_EQ(a.id, kFirstAuctionId + static_cast<int64_t>(i));
    EXPECT_GT(a.expires, a.date_time);
    EXPECT_GT(a.reserve, a.initial_bid);
    EXPECT_LT(a.seller, kFirstPersonId + static_cast<int64_t>(e.persons.size()) + kPersonIdLead);
    categories.insert(a.category);
  }
  EXPECT_EQ(categories, (std::set<int64_t>{10, 11, 12, 13, 14}));
  int64_t last_ts = 0, hot = 0, below_1000 = 0;
  for (const Bid& b : e.bids) {
    EXPECT_GE(b.date_time, last_ts);
    last_ts = b.date_time;
    EXPECT_GE(b.price, 100);
    EXPECT_LE(b.price, 100'000'000);
    if (b.price < 1000) ++below_1000;
    EXPECT_LE(b.auction, kFirstAuctionId + static_cast<int64_t>(e.auctions.size()) + kAuctionIdLead);
    EXPECT_FALSE(b.channel.empty());
    EXPECT_EQ(b.url.rfind("https://www.nexmark.com/", 0), 0u);
    if ((b.auction - kFirstAuctionId) % kHotGroup == 0) ++hot;
    EXPECT_GE(b.extra.size(), 54u);
    EXPECT_LE(b.extra.size(), 82u);
  }
  // Half the bids go to hot auctions; prices are log-uniform over 6 decades.
  EXPECT_GT(hot, static_cast<int64_t>(e.bids.size()) * 45 / 100);
  EXPECT_NEAR(static_cast<double>(below_1000) / e.bids.size(), 1.0 / 6, 0.02);
  EXPECT_EQ(last_ts, c.base_time_ms + (c.events - 1) * 1000 / c.events_per_second);
}

TEST(NexmarkGeneratorTest, Pow10IsCloseToPow) {
  for (double x = 0; x < 6.99; x += 0.0137) {
    EXPECT_NEAR(Pow10(x) / std::pow(10.0, x), 1.0, 1e-13) << x;
  }
}

TEST(NexmarkGeneratorTest, EventsDependOnlyOnSeedAndIndex) {
  NexmarkConfig c = SmallConfig();
  auto channels = std::make_shared<ChannelTable>(c.seed);
  Bid a, b;
  GenerateBid(c, *channels, 1234, &a);
  GenerateBid(c, *channels, 1233, &b);
  GenerateBid(c, *channels, 1234, &b);  // the record is reused
  EXPECT_EQ(a.auction, b.auction);
  EXPECT_EQ(a.price, b.price);
  EXPECT_EQ(a.extra, b.extra);
  NexmarkConfig other = c;
  other.seed = c.seed + 1;
  GenerateBid(other, ChannelTable(other.seed), 1234, &b);
  EXPECT_NE(a.extra, b.extra);
  // Batches of any range hold exactly the events of that range.
  auto whole = GenerateBatch(c, EventKind::kBid, 0, 1000);
  auto part = GenerateBatch(c, EventKind::kBid, 500, 1000);
  ASSERT_TRUE(whole.ok() && part.ok());
  EXPECT_EQ(whole->num_rows, CountOfKind(1000, EventKind::kBid));
  EXPECT_EQ(part->num_rows, CountOfKind(1000, EventKind::kBid) - CountOfKind(500, EventKind::kBid));
  auto rows = stream::testing::RowsOf({*whole});
  auto tail = stream::testing::RowsOf({*part});
  EXPECT_TRUE(std::equal(tail.begin(), tail.end(), rows.end() - static_cast<ptrdiff_t>(tail.size())));
}

// Reads every batch of `splits` with one reader.
std::vector<Scalars> ReadAll(stream::SourceReader* r, int64_t max_rows, int64_t limit = -1) {
  std::vector<columnar::RecordBatch> batches;
  while (limit < 0 || static_cast<int64_t>(batches.size()) < limit) {
    auto res = r->Read(max_rows);
    EXPECT_TRUE(res.ok());
    if (!res.ok() || res->kind != stream::ReadResult::Kind::kBatch) break;
    batches.push_back(res->batch);
  }
  return stream::testing::RowsOf(batches);
}

TEST(NexmarkGeneratorTest, SplitsCoverEveryEventOnceAndResumeFromTheirPosition) {
  NexmarkConfig c = SmallConfig();
  c.events = 10000;
  c.split_block = 300;
  NexmarkSource source(c, EventKind::kAuction);
  auto all = GenerateBatch(c, EventKind::kAuction, 0, c.events);
  ASSERT_TRUE(all.ok());
  auto splits = source.CreateSplits(3);
  ASSERT_TRUE(splits.ok());
  ASSERT_EQ(splits->size(), 3u);
  std::vector<Scalars> got;
  for (const auto& s : *splits) {
    auto reader = source.CreateReader(0, {s});
    ASSERT_TRUE(reader.ok());
    // Read two batches, snapshot, and resume with a fresh reader.
    auto first = ReadAll(reader->get(), 7, 2);
    auto resumed = source.CreateReader(0, (*reader)->SnapshotSplits());
    ASSERT_TRUE(resumed.ok());
    auto rest = ReadAll(resumed->get(), 50);
    got.insert(got.end(), first.begin(), first.end());
    got.insert(got.end(), rest.begin(), rest.end());
  }
  EXPECT_EQ(testing::Sorted(got), testing::Sorted(stream::testing::RowsOf({*all})));
}

TEST(NexmarkGeneratorTest, BadSplitPositionIsCorrupt) {
  NexmarkSource source(SmallConfig(), EventKind::kBid);
  for (const char* pos : {"", "1/2", "5/3/0/10/20", "0/10/15/10/20", "0/10/0/x/20"}) {
    auto r = source.CreateReader(0, {{"bid-0", pos}});
    ASSERT_FALSE(r.ok()) << pos;
    EXPECT_EQ(r.status().code(), StatusCode::kCorrupt) << pos;
    EXPECT_NE(r.status().message().find("bid-0"), std::string::npos);
  }
}

TEST(NexmarkGeneratorTest, ChecksumIsOrderIndependentAndSeesEveryColumn) {
  auto batch = GenerateBatch(SmallConfig(), EventKind::kBid, 0, 400);
  ASSERT_TRUE(batch.ok());
  ResultSummary whole, halves;
  ASSERT_TRUE(AddToSummary(*batch, &whole).ok());
  ASSERT_TRUE(AddToSummary(batch->Slice(200, batch->num_rows - 200), &halves).ok());
  ASSERT_TRUE(AddToSummary(batch->Slice(0, 200), &halves).ok());
  EXPECT_EQ(whole.rows, batch->num_rows);
  EXPECT_EQ(whole.checksum, halves.checksum);
  for (size_t col = 0; col < batch->columns.size(); ++col) {
    columnar::RecordBatch changed = *batch;
    changed.columns[col] = batch->columns[col]->Slice(1, batch->num_rows - 1);  // shift one column
    changed.num_rows = batch->num_rows - 1;
    for (auto& c : changed.columns) {
      if (c->length > changed.num_rows) c = c->Slice(0, changed.num_rows);
    }
    ResultSummary s;
    ASSERT_TRUE(AddToSummary(changed, &s).ok());
    ResultSummary prefix;
    ASSERT_TRUE(AddToSummary(batch->Slice(0, changed.num_rows), &prefix).ok());
    EXPECT_NE(s.checksum, prefix.checksum) << col;
  }
  EXPECT_EQ(StringHash(""), 0u);
  EXPECT_NE(StringHash("abc"), StringHash("abd"));
  EXPECT_NE(StringHash("abcdefgh"), StringHash(std::string_view("abcdefgh\0", 9)));
}

TEST(NexmarkGeneratorTest, EventFileHoldsEveryEventInOrder) {
  NexmarkConfig c = SmallConfig();
  auto b = GenerateAllEvents(c, 40, 160);
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(b->Validate().ok());
  EXPECT_EQ(b->num_rows, 120);
  auto rows = stream::testing::RowsOf({*b});
  const int person_id = b->schema->FieldIndex("person_id");
  const int bid_price = b->schema->FieldIndex("bid_price");
  ASSERT_GT(person_id, 0);
  ASSERT_GT(bid_price, 0);
  EXPECT_EQ(rows[10][0], Scalar("person"));  // event 50
  EXPECT_EQ(rows[10][person_id], Scalar(kFirstPersonId + 1));
  EXPECT_TRUE(rows[10][bid_price].is_null());
  EXPECT_EQ(rows[0][0], Scalar("bid"));
  EXPECT_FALSE(rows[0][bid_price].is_null());
  EXPECT_FALSE(WriteEventFile(c, "/tmp/events.csv").ok());
}

}  // namespace
}  // namespace sluice::nexmark
