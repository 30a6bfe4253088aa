#include "sluice/stream/window/window_assigner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace sluice::stream {
namespace {

std::vector<TimeWindow> Assign(const WindowSpec& spec, int64_t ts) {
  std::vector<TimeWindow> out;
  spec.AssignWindows(ts, &out);
  return out;
}

// Brute force: every window [offset + k * slide, + size) that contains ts.
std::vector<std::pair<int64_t, int64_t>> Containing(int64_t size, int64_t slide, int64_t offset, int64_t ts) {
  std::vector<std::pair<int64_t, int64_t>> out;
  for (int64_t k = -200; k <= 200; ++k) {
    const int64_t start = offset + k * slide;
    if (start <= ts && ts < start + size) out.emplace_back(start, start + size);
  }
  return out;
}

std::vector<std::pair<int64_t, int64_t>> Bounds(const std::vector<TimeWindow>& ws) {
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const TimeWindow& w : ws) out.emplace_back(w.start, w.end);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(WindowAssignerTest, TumblingAndSlidingMatchBruteForceIncludingNegativeTimes) {
  for (int64_t ts = -2500; ts <= 2500; ts += 37) {
    EXPECT_EQ(Bounds(Assign(windows::TumblingEventTime(1000), ts)), Containing(1000, 1000, 0, ts)) << ts;
    EXPECT_EQ(Bounds(Assign(windows::TumblingEventTime(1000, 250), ts)), Containing(1000, 1000, 250, ts)) << ts;
    EXPECT_EQ(Bounds(Assign(windows::SlidingEventTime(1000, 250), ts)), Containing(1000, 250, 0, ts)) << ts;
    EXPECT_EQ(Bounds(Assign(windows::SlidingEventTime(1000, 300, 100), ts)), Containing(1000, 300, 100, ts)) << ts;
  }
  // A window's end is exclusive: ts = 1000 is in [1000, 2000), not [0, 1000).
  EXPECT_EQ(Bounds(Assign(windows::TumblingEventTime(1000), 1000)),
            (std::vector<std::pair<int64_t, int64_t>>{{1000, 2000}}));
}

TEST(WindowAssignerTest, SessionsStartAsOneGapLongWindow) {
  const auto w = Assign(windows::EventTimeSession(40), 100);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].start, 100);
  EXPECT_EQ(w[0].end, 140);
  EXPECT_TRUE(windows::EventTimeSession(40).is_merging());
  EXPECT_FALSE(windows::SlidingEventTime(10, 5).is_merging());
}

}  // namespace
}  // namespace sluice::stream
