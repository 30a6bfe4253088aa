#include "sluice/stream/exchange/key_groups.h"

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "sluice/stream/runtime/channel.h"
#include "sluice/stream/runtime/task.h"
#include "stream/stream_test_util.h"

namespace sluice::stream {
namespace {

using columnar::Int32;
using columnar::Int64;
using columnar::String;
using testing::MakeBatch;
using testing::MakeSchema;

TEST(KeyGroupTest, RangesPartitionAllKeyGroups) {
  for (int p : {1, 2, 3, 4, 7, 128}) {
    int next = 0;
    for (int s = 0; s < p; ++s) {
      KeyGroupRange r = KeyGroupRangeFor(s, 128, p);
      EXPECT_EQ(r.start, next);
      for (int kg = r.start; kg < r.end; ++kg) EXPECT_EQ(SubtaskForKeyGroup(kg, 128, p), s);
      next = r.end;
    }
    EXPECT_EQ(next, 128);
  }
}

TEST(KeyGroupTest, HashIgnoresIntegerWidthAndEncodesKeys) {
  RecordBatch a =
      MakeBatch(MakeSchema({{"k", Int32()}, {"s", String()}}), {{1, "x"}, {2, "y"}, {1, "x"}, {Scalar(), "x"}});
  RecordBatch b =
      MakeBatch(MakeSchema({{"k", Int64()}, {"s", String()}}), {{1, "x"}, {2, "y"}, {1, "x"}, {Scalar(), "x"}});
  std::vector<uint64_t> ha, hb;
  const std::vector<int> cols = {0, 1};
  ASSERT_TRUE(HashKeyColumns(a, cols, &ha).ok());
  ASSERT_TRUE(HashKeyColumns(b, cols, &hb).ok());
  EXPECT_EQ(ha, hb);
  EXPECT_EQ(ha[0], ha[2]);
  EXPECT_NE(ha[0], ha[1]);
  EXPECT_NE(ha[0], ha[3]);
  std::string k0, k2, k3;
  EncodeKey(a, cols, 0, &k0);
  EncodeKey(b, cols, 2, &k2);
  EncodeKey(a, cols, 3, &k3);
  EXPECT_EQ(k0, k2);
  EXPECT_NE(k0, k3);
  auto decoded = DecodeKey(k3);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, (Scalars{Scalar(), Scalar("x")}));
  EXPECT_FALSE(DecodeKey(std::string("i\x01", 2)).ok());
}

TEST(KeyedExchangeTest, EveryKeyGoesToTheSubtaskOwningItsKeyGroup) {
  const int p = 3, max_p = 16;
  std::vector<std::shared_ptr<Channel>> channels;
  for (int i = 0; i < p; ++i) channels.push_back(std::make_shared<Channel>(64));
  runtime::ExchangeWriter w(Partitioning::kHash, {0}, max_p, /*producer_subtask=*/1, channels, {5, 5, 5});
  SchemaPtr s = MakeSchema({{"k", Int64()}, {"v", Int64()}});
  std::vector<Scalars> rows;
  for (int64_t i = 0; i < 200; ++i) rows.push_back({Scalar(i % 17), Scalar(i)});
  ASSERT_TRUE(w.Send(MakeBatch(s, rows)).ok());
  ASSERT_TRUE(w.Broadcast(StreamElement::Kind::kWatermark, 42).ok());
  int64_t total = 0;
  for (int t = 0; t < p; ++t) {
    StreamElement e;
    KeyGroupRange range = KeyGroupRangeFor(t, max_p, p);
    bool saw_watermark = false;
    while (channels[t]->Pop(&e, 0) == Channel::PopResult::kElement) {
      EXPECT_EQ(e.input, 5);
      if (e.kind == StreamElement::Kind::kWatermark) {
        EXPECT_EQ(e.value, 42);
        saw_watermark = true;
        continue;
      }
      std::vector<uint64_t> h;
      ASSERT_TRUE(HashKeyColumns(e.batch, std::vector<int>{0}, &h).ok());
      for (uint64_t x : h) EXPECT_TRUE(range.Contains(KeyGroupOf(x, max_p)));
      total += e.batch.num_rows;
    }
    EXPECT_TRUE(saw_watermark);
  }
  EXPECT_EQ(total, 200);
}

}  // namespace
}  // namespace sluice::stream
