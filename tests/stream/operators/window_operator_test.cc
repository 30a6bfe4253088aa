#include <algorithm>

#include "sluice/stream/operators/keyed_operators.h"
#include "stream/stream_test_util.h"

namespace sluice::stream {
namespace {

using columnar::Int64;
using columnar::String;
using testing::MakeBatch;
using testing::MakeSchema;
using testing::OperatorHarness;

SchemaPtr InputSchema() { return MakeSchema({{"k", String()}, {"ts", Int64()}, {"v", Int64()}}); }

// A window operator keyed by k, counting and summing v.
std::unique_ptr<OperatorHarness> MakeWindowHarness(WindowSpec spec, int64_t lateness = 0, std::string late_tag = "") {
  SchemaPtr in = InputSchema();
  auto aggregation = Aggregation::ForAggregates({agg::Count("n"), agg::Sum("v", "sum")}, *in);
  EXPECT_TRUE(aggregation.ok());
  WindowOperatorOptions o;
  o.spec = spec;
  o.allowed_lateness = lateness;
  o.late_tag = std::move(late_tag);
  o.timestamp_column = 1;
  o.key_columns = {0};
  SchemaPtr out = WindowOutputSchema(*in, o.key_columns, *aggregation);
  return std::make_unique<OperatorHarness>(MakeWindowOperator(out, o, *aggregation));
}

std::vector<Scalars> Sorted(std::vector<Scalars> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

Scalars R(const char* k, int64_t start, int64_t end, int64_t n, int64_t sum) {
  return {Scalar(k), Scalar(start), Scalar(end), Scalar(n), Scalar(sum)};
}

TEST(WindowOperatorTest, TumblingEventTimeOutOfOrder) {
  auto h = MakeWindowHarness(windows::TumblingEventTime(10));
  // 8 arrives after 12: out of order but not late (watermark still below 9).
  ASSERT_TRUE(
      h->Process(MakeBatch(InputSchema(), {{"a", 1, 1}, {"a", 5, 2}, {"b", 3, 10}, {"a", 12, 3}, {"a", 8, 4}})).ok());
  EXPECT_TRUE(h->TakeOutput().empty());
  ASSERT_TRUE(h->Watermark(8).ok());
  EXPECT_TRUE(h->TakeOutput().empty());  // window [0,10) ends at 9
  ASSERT_TRUE(h->Watermark(9).ok());
  EXPECT_EQ(Sorted(h->TakeOutput()), (std::vector<Scalars>{R("a", 0, 10, 3, 7), R("b", 0, 10, 1, 10)}));
  ASSERT_TRUE(h->Process(MakeBatch(InputSchema(), {{"a", 15, 5}})).ok());
  ASSERT_TRUE(h->Watermark(19).ok());
  EXPECT_EQ(h->TakeOutput(), (std::vector<Scalars>{R("a", 10, 20, 2, 8)}));
  EXPECT_EQ(h->timers().size(TimeDomain::kEventTime), 0u);
}

TEST(WindowOperatorTest, LateDataWithinAllowedLatenessRefiresLaterGoesToSideOutput) {
  auto h = MakeWindowHarness(windows::TumblingEventTime(10), /*lateness=*/5, "late");
  ASSERT_TRUE(h->Process(MakeBatch(InputSchema(), {{"a", 1, 1}, {"a", 2, 2}})).ok());
  ASSERT_TRUE(h->Watermark(9).ok());
  EXPECT_EQ(h->TakeOutput(), (std::vector<Scalars>{R("a", 0, 10, 2, 3)}));
  // Late (9 >= 3) but within lateness (cleanup at 9 + 5 = 14): updates and re-fires at once.
  ASSERT_TRUE(h->Process(MakeBatch(InputSchema(), {{"a", 3, 4}})).ok());
  EXPECT_EQ(h->TakeOutput(), (std::vector<Scalars>{R("a", 0, 10, 3, 7)}));
  EXPECT_TRUE(h->SideOutput("late").empty());
  ASSERT_TRUE(h->Watermark(13).ok());
  EXPECT_TRUE(h->TakeOutput().empty());  // no second timer firing for the re-fired window
  ASSERT_TRUE(h->Watermark(14).ok());    // cleanup
  // Now too late: side output. The row for [10,20) is on time.
  ASSERT_TRUE(h->Process(MakeBatch(InputSchema(), {{"a", 4, 8}, {"a", 16, 1}})).ok());
  EXPECT_TRUE(h->TakeOutput().empty());
  EXPECT_EQ(h->SideOutput("late"), (std::vector<Scalars>{{Scalar("a"), Scalar(4), Scalar(8)}}));
  ASSERT_TRUE(h->Watermark(kMaxWatermark).ok());
  EXPECT_EQ(h->TakeOutput(), (std::vector<Scalars>{R("a", 10, 20, 1, 1)}));
}

TEST(WindowOperatorTest, SlidingEventTime) {
  auto h = MakeWindowHarness(windows::SlidingEventTime(10, 5));
  ASSERT_TRUE(h->Process(MakeBatch(InputSchema(), {{"a", 12, 2}, {"a", 7, 1}, {"b", -1, 5}})).ok());
  ASSERT_TRUE(h->Watermark(9).ok());
  // Windows ending by 9: [-5,5) holds b@-1, [0,10) holds a@7 (b@-1 is not in it).
  EXPECT_EQ(Sorted(h->TakeOutput()),
            (std::vector<Scalars>{R("a", 0, 10, 1, 1), R("b", -10, 0, 1, 5), R("b", -5, 5, 1, 5)}));
  ASSERT_TRUE(h->Watermark(kMaxWatermark).ok());
  EXPECT_EQ(Sorted(h->TakeOutput()), (std::vector<Scalars>{R("a", 5, 15, 2, 3), R("a", 10, 20, 1, 2)}));
}

TEST(WindowOperatorTest, EventTimeSessionsMergeOutOfOrder) {
  auto h = MakeWindowHarness(windows::EventTimeSession(5));
  // a: 1 and 4 -> [1,9); 20 -> [20,25); 12 -> [12,17); then 8 -> [8,13) bridges
  // [1,9) and [12,17) into [1,17).
  ASSERT_TRUE(
      h->Process(MakeBatch(InputSchema(), {{"a", 1, 1}, {"a", 4, 2}, {"a", 20, 3}, {"a", 12, 4}, {"b", 2, 7}})).ok());
  ASSERT_TRUE(h->Process(MakeBatch(InputSchema(), {{"a", 8, 5}})).ok());
  ASSERT_TRUE(h->Watermark(10).ok());
  EXPECT_EQ(h->TakeOutput(), (std::vector<Scalars>{R("b", 2, 7, 1, 7)}));
  ASSERT_TRUE(h->Watermark(kMaxWatermark).ok());
  EXPECT_EQ(h->TakeOutput(), (std::vector<Scalars>{R("a", 1, 17, 4, 12), R("a", 20, 25, 1, 3)}));
  EXPECT_EQ(h->timers().size(TimeDomain::kEventTime), 0u);
}

TEST(WindowOperatorTest, SessionLateRowGoesToSideOutput) {
  auto h = MakeWindowHarness(windows::EventTimeSession(5), 0, "late");
  ASSERT_TRUE(h->Process(MakeBatch(InputSchema(), {{"a", 1, 1}})).ok());
  ASSERT_TRUE(h->Watermark(20).ok());
  EXPECT_EQ(h->TakeOutput(), (std::vector<Scalars>{R("a", 1, 6, 1, 1)}));
  ASSERT_TRUE(h->Process(MakeBatch(InputSchema(), {{"a", 3, 9}, {"a", 30, 1}})).ok());
  EXPECT_EQ(h->SideOutput("late"), (std::vector<Scalars>{{Scalar("a"), Scalar(3), Scalar(9)}}));
}

TEST(WindowOperatorTest, ProcessingTimeTumblingWithManualClock) {
  auto h = MakeWindowHarness(windows::TumblingProcessingTime(10));
  ASSERT_TRUE(h->SetProcessingTime(1).ok());
  ASSERT_TRUE(h->Process(MakeBatch(InputSchema(), {{"a", 999, 1}, {"b", 0, 2}})).ok());
  ASSERT_TRUE(h->SetProcessingTime(5).ok());
  ASSERT_TRUE(h->Process(MakeBatch(InputSchema(), {{"a", -50, 3}})).ok());  // event time is ignored
  ASSERT_TRUE(h->SetProcessingTime(8).ok());
  EXPECT_TRUE(h->TakeOutput().empty());
  ASSERT_TRUE(h->SetProcessingTime(9).ok());
  EXPECT_EQ(Sorted(h->TakeOutput()), (std::vector<Scalars>{R("a", 0, 10, 2, 4), R("b", 0, 10, 1, 2)}));
  ASSERT_TRUE(h->SetProcessingTime(12).ok());
  ASSERT_TRUE(h->Process(MakeBatch(InputSchema(), {{"a", 0, 7}})).ok());
  ASSERT_TRUE(h->SetProcessingTime(18).ok());
  EXPECT_TRUE(h->TakeOutput().empty());
  ASSERT_TRUE(h->SetProcessingTime(25).ok());
  EXPECT_EQ(h->TakeOutput(), (std::vector<Scalars>{R("a", 10, 20, 1, 7)}));
}

TEST(WindowOperatorTest, GlobalWindowFiresAtEndOfInput) {
  auto h = MakeWindowHarness(windows::Global());
  ASSERT_TRUE(h->Process(MakeBatch(InputSchema(), {{"a", 1, 1}, {"a", 100, 2}})).ok());
  ASSERT_TRUE(h->Watermark(1000000).ok());
  EXPECT_TRUE(h->TakeOutput().empty());
  ASSERT_TRUE(h->Watermark(kMaxWatermark).ok());
  EXPECT_EQ(h->TakeOutput(), (std::vector<Scalars>{R("a", kMinTimestamp, kMaxTimestamp, 2, 3)}));
}

}  // namespace
}  // namespace sluice::stream
