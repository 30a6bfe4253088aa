// q5 and q7 against brute force over the generated bids.
#include <map>
#include <set>

#include "nexmark/nexmark_test_util.h"

namespace sluice::nexmark {
namespace {

using columnar::Scalar;
using columnar::Scalars;
using testing::AllEvents;
using testing::ExpectQuery;
using testing::GenerateAll;
using testing::SmallConfig;

TEST(NexmarkQueriesTest, Q5FindsTheAuctionsWithMostBidsPerSlidingWindow) {
  NexmarkConfig c = SmallConfig();
  AllEvents e = GenerateAll(c);
  std::map<int64_t, std::map<int64_t, int64_t>> counts;  // window start -> auction -> bids
  for (const Bid& b : e.bids) {
    for (int64_t s = WindowStart(b.date_time, c.slide_ms); s > b.date_time - c.window_ms; s -= c.slide_ms) {
      ++counts[s][b.auction];
    }
  }
  std::vector<Scalars> want;
  for (const auto& [start, per_auction] : counts) {
    int64_t max = 0;
    for (const auto& [a, n] : per_auction) max = std::max(max, n);
    for (const auto& [a, n] : per_auction) {
      if (n == max) want.push_back({a, n, start, start + c.window_ms});
    }
  }
  // 30 s of events in 10 s windows sliding by 2 s: 19 windows.
  EXPECT_EQ(counts.size(), 19u);
  EXPECT_GE(ExpectQuery("q5", c, want), counts.size());
}

TEST(NexmarkQueriesTest, Q7FindsTheHighestBidsPerTumblingWindow) {
  NexmarkConfig c = SmallConfig();
  AllEvents e = GenerateAll(c);
  std::map<int64_t, int64_t> max;  // window start -> highest price
  for (const Bid& b : e.bids) {
    int64_t s = WindowStart(b.date_time, c.window_ms);
    max[s] = std::max(max[s], b.price);
  }
  std::vector<Scalars> want;
  for (const Bid& b : e.bids) {
    if (b.price == max[WindowStart(b.date_time, c.window_ms)]) {
      want.push_back({b.auction, b.price, b.bidder, b.date_time, b.extra});
    }
  }
  EXPECT_EQ(max.size(), 3u);
  EXPECT_GE(ExpectQuery("q7", c, want), 3u);
}

TEST(NexmarkQueriesTest, Q7ManySmallWindows) {
  // 300 windows of 100 ms (~90 bids each): every window fires, at both
  // parallelisms, with the bids of both source subtasks interleaved.
  NexmarkConfig c = SmallConfig();
  c.window_ms = 100;
  AllEvents e = GenerateAll(c);
  std::map<int64_t, int64_t> max;
  for (const Bid& b : e.bids) {
    int64_t s = WindowStart(b.date_time, c.window_ms);
    max[s] = std::max(max[s], b.price);
  }
  std::vector<Scalars> want;
  for (const Bid& b : e.bids) {
    if (b.price == max[WindowStart(b.date_time, c.window_ms)]) {
      want.push_back({b.auction, b.price, b.bidder, b.date_time, b.extra});
    }
  }
  EXPECT_GE(ExpectQuery("q7", c, want), max.size());
}

}  // namespace
}  // namespace sluice::nexmark
