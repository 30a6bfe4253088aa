#include "sluice/stream/time/watermark.h"

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "sluice/stream/runtime/channel.h"
#include "stream/stream_test_util.h"

namespace sluice::stream {
namespace {

using columnar::Int32;
using columnar::Int64;
using columnar::String;
using testing::MakeBatch;
using testing::MakeSchema;

TEST(WatermarkTest, TrackerTakesMinimumOverActiveInputs) {
  WatermarkTracker t(3);
  EXPECT_FALSE(t.Update(0, 10));
  EXPECT_FALSE(t.Update(1, 20));
  EXPECT_TRUE(t.Update(2, 5));
  EXPECT_EQ(t.current(), 5);
  // Input 2 goes idle: the minimum of the others (10) applies.
  EXPECT_TRUE(t.SetIdle(2, true));
  EXPECT_EQ(t.current(), 10);
  // It comes back with an older watermark: the combined one never goes back.
  EXPECT_FALSE(t.Update(2, 7));
  EXPECT_EQ(t.current(), 10);
  EXPECT_FALSE(t.Update(0, kMaxWatermark));  // input 2 (at 7) holds it back
  EXPECT_TRUE(t.Update(2, 30));
  EXPECT_EQ(t.current(), 20);
  EXPECT_FALSE(t.SetIdle(0, true));
  EXPECT_TRUE(t.SetIdle(1, true));
  EXPECT_FALSE(t.AllIdle());
  EXPECT_EQ(t.current(), 30);
  // All idle: the maximum over every input (input 0 finished with kMaxWatermark).
  EXPECT_TRUE(t.SetIdle(2, true));
  EXPECT_TRUE(t.AllIdle());
  EXPECT_EQ(t.current(), kMaxWatermark);
}

TEST(WatermarkTest, BoundedOutOfOrdernessGenerator) {
  WatermarkGenerator g(5);
  EXPECT_EQ(g.CurrentWatermark(), kMinTimestamp);
  g.OnEvent(100);
  g.OnEvent(90);
  EXPECT_EQ(g.CurrentWatermark(), 94);
  RecordBatch b = MakeBatch(MakeSchema({{"ts", columnar::Timestamp(columnar::TimeUnit::kMicro, true)}}),
                            {{Scalar(int64_t{1500})}, {Scalar(int64_t{-1500})}});
  std::vector<int64_t> ts;
  ASSERT_TRUE(ExtractTimestamps(b, 0, &ts).ok());
  EXPECT_EQ(ts, (std::vector<int64_t>{1, -2}));
  RecordBatch bad = MakeBatch(MakeSchema({{"ts", String()}}), {{Scalar("x")}});
  EXPECT_FALSE(ExtractTimestamps(bad, 0, &ts).ok());
}

}  // namespace
}  // namespace sluice::stream
