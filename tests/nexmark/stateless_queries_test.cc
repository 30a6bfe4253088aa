// q0, q1, q2 against brute force over the generated bids.
#include "nexmark/nexmark_test_util.h"

namespace sluice::nexmark {
namespace {

using columnar::Scalar;
using columnar::Scalars;
using testing::AllEvents;
using testing::ExpectQuery;
using testing::GenerateAll;
using testing::SmallConfig;

TEST(NexmarkQueriesTest, Q0PassesEveryBidThrough) {
  NexmarkConfig c = SmallConfig();
  AllEvents e = GenerateAll(c);
  std::vector<Scalars> want;
  for (const Bid& b : e.bids) want.push_back({b.auction, b.bidder, b.price, b.date_time, b.extra});
  EXPECT_EQ(ExpectQuery("q0", c, want), static_cast<size_t>(CountOfKind(c.events, EventKind::kBid)));
}

TEST(NexmarkQueriesTest, Q1ConvertsPrices) {
  NexmarkConfig c = SmallConfig();
  AllEvents e = GenerateAll(c);
  std::vector<Scalars> want;
  for (const Bid& b : e.bids) {
    want.push_back({b.auction, b.bidder, static_cast<double>(b.price) * 0.908, b.date_time, b.extra});
  }
  EXPECT_GT(ExpectQuery("q1", c, want), 0u);
}

TEST(NexmarkQueriesTest, Q2SelectsAuctions) {
  NexmarkConfig c = SmallConfig();
  AllEvents e = GenerateAll(c);
  std::vector<Scalars> want;
  for (const Bid& b : e.bids) {
    if (b.auction % 123 == 0) want.push_back({b.auction, b.price});
  }
  size_t n = ExpectQuery("q2", c, want);
  EXPECT_GT(n, 0u);
  EXPECT_LT(n, e.bids.size() / 10);
}

TEST(NexmarkQueriesTest, UnknownQueryIsNamed) {
  auto q = FindQuery("q6");
  ASSERT_FALSE(q.ok());
  EXPECT_NE(q.status().message().find("q6"), std::string::npos);
  EXPECT_NE(q.status().message().find("q0, q1"), std::string::npos);
}

}  // namespace
}  // namespace sluice::nexmark
