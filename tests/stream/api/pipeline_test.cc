#include <map>
#include <tuple>

#include "sluice/stream/api/environment.h"
#include "sluice/stream/sinks/collect_sink.h"
#include "sluice/stream/sources/generator_source.h"
#include "stream/stream_test_util.h"

namespace sluice::stream {
namespace {

using columnar::Int64;
using columnar::String;
using testing::MakeBatch;
using testing::MakeSchema;

GeneratorOptions Generated(int64_t count) {
  GeneratorOptions g;
  g.count = count;
  g.seed = 7;
  g.num_splits = 4;
  g.num_keys = 13;
  g.interval_ms = 1;
  g.max_disorder_ms = 20;  // out of order by up to 20 ms...
  return g;
}
// ...and watermarks that allow for it, so no row is late at any parallelism.
WatermarkStrategy Watermarks() { return WatermarkStrategy::ForBoundedOutOfOrderness("ts", 20); }

StreamOptions Options(int parallelism) {
  StreamOptions o;
  o.parallelism = parallelism;
  o.batch_size = 256;
  o.channel_capacity = 4;
  o.poll_interval_ms = 1;
  return o;
}

// Reads the whole generated input (one subtask) for brute-force expectations.
std::vector<Scalars> GeneratedRows(int64_t count) {
  StreamEnvironment env(Options(1));
  auto sink = std::make_shared<CollectSink>();
  env.FromSource(std::make_shared<GeneratorSource>(Generated(count)), Watermarks()).SinkTo(sink);
  EXPECT_TRUE(env.Execute().ok());
  return sink->Rows();
}

std::vector<Scalars> RunWindowJob(int parallelism, WindowSpec spec) {
  StreamEnvironment env(Options(parallelism));
  auto sink = std::make_shared<CollectSink>();
  env.FromSource(std::make_shared<GeneratorSource>(Generated(20000)), Watermarks(), "gen")
      .Filter(Col("value") >= Lit(100))
      .KeyBy({"key"})
      .Window(spec)
      .Aggregate({agg::Count("n"), agg::Sum("value"), agg::Min("value"), agg::Max("value"), agg::Avg("value"),
                  agg::First("key"), agg::Last("key")})
      .SinkTo(sink);
  Status st = env.Execute("window");
  EXPECT_TRUE(st.ok()) << st.ToString();
  return sink->SortedRows();
}

TEST(PipelineTest, TumblingWindowsMatchBruteForceAtEveryParallelism) {
  // Brute force: (key, window start) -> count, sum, min, max over value >= 100.
  std::map<std::pair<int64_t, int64_t>, std::tuple<int64_t, int64_t, int64_t, int64_t>> expected;
  for (const Scalars& r : GeneratedRows(20000)) {
    int64_t key = r[1].int_value(), value = r[2].int_value(), ts = r[3].int_value();
    if (value < 100) continue;
    int64_t start = ts - ((ts % 1000) + 1000) % 1000;
    auto [it, fresh] = expected.try_emplace({key, start}, 0, 0, INT64_MAX, INT64_MIN);
    auto& [n, sum, mn, mx] = it->second;
    ++n;
    sum += value;
    mn = std::min(mn, value);
    mx = std::max(mx, value);
  }
  std::vector<Scalars> brute;
  for (const auto& [k, v] : expected) {
    auto [n, sum, mn, mx] = v;
    brute.push_back({Scalar(k.first), Scalar(k.second), Scalar(k.second + 1000), Scalar(n), Scalar(sum), Scalar(mn),
                     Scalar(mx), Scalar(static_cast<double>(sum) / n), Scalar(k.first), Scalar(k.first)});
  }
  std::sort(brute.begin(), brute.end());
  auto p1 = RunWindowJob(1, windows::TumblingEventTime(1000));
  ASSERT_EQ(p1.size(), brute.size());
  EXPECT_EQ(p1, brute);
  EXPECT_EQ(RunWindowJob(2, windows::TumblingEventTime(1000)), p1);
  EXPECT_EQ(RunWindowJob(4, windows::TumblingEventTime(1000)), p1);
}

TEST(PipelineTest, SlidingAndSessionWindowsSameAtParallelism124) {
  for (WindowSpec spec : {windows::SlidingEventTime(1000, 250), windows::EventTimeSession(40)}) {
    auto p1 = RunWindowJob(1, spec);
    EXPECT_FALSE(p1.empty());
    EXPECT_EQ(RunWindowJob(2, spec), p1);
    EXPECT_EQ(RunWindowJob(4, spec), p1);
  }
}

std::vector<Scalars> RunRollingJob(int parallelism) {
  StreamEnvironment env(Options(parallelism));
  auto sink = std::make_shared<CollectSink>();
  env.FromSource(std::make_shared<GeneratorSource>(Generated(5000)), WatermarkStrategy::NoWatermarks())
      .KeyBy({"key"})
      .Aggregate({agg::Count("n")})
      .SinkTo(sink);
  Status st = env.Execute("rolling");
  EXPECT_TRUE(st.ok()) << st.ToString();
  return sink->SortedRows();
}

TEST(PipelineTest, RollingCountSameAtParallelism124) {
  auto p1 = RunRollingJob(1);
  ASSERT_EQ(p1.size(), 5000u);  // one update per input row
  EXPECT_EQ(RunRollingJob(2), p1);
  EXPECT_EQ(RunRollingJob(4), p1);
}

TEST(PipelineTest, MapFlatMapProjectUnionReduce) {
  SchemaPtr in = MakeSchema({{"k", String()}, {"v", Int64()}});
  SchemaPtr doubled = MakeSchema({{"k", String()}, {"v", Int64()}});
  StreamEnvironment env(Options(2));
  auto a = env.FromBatches({MakeBatch(in, {{"x", 1}, {"y", 2}}), MakeBatch(in, {{"x", 3}})},
                           WatermarkStrategy::NoWatermarks(), "a");
  auto b = env.FromBatches({MakeBatch(in, {{"y", 10}})}, WatermarkStrategy::NoWatermarks(), "b");
  auto sink = std::make_shared<CollectSink>();
  a.Map(doubled,
        [](const Row& r, BatchBuilder* out) {
          return out->Append({r.Get(0), Scalar(r.GetInt64(1) * 2)});
        })
      .Union({b})
      .FlatMap(in,
               [](const Row& r, BatchBuilder* out) {
                 for (int64_t i = 0; i < r.GetInt64(1) % 3; ++i)
                   SLUICE_RETURN_NOT_OK(out->Append({r.Get(0), Scalar(i)}));
                 return Status::OK();
               })
      .WithColumn("w", Col("v") * Lit(10) + Lit(1))
      .KeyBy({"k"})
      .Reduce([](const Scalars& acc, const Row& row, Scalars* out) {
        *out = acc;
        (*out)[2] = Scalar(acc[2].int_value() + row.GetInt64(2));
        return Status::OK();
      })
      .SinkTo(sink);
  Status st = env.Execute();
  ASSERT_TRUE(st.ok()) << st.ToString();
  // Mapped: x2 y4 x6, plus y10. FlatMap emits v%3 rows (i = 0..): x2 -> 0,1; y4 -> 0; x6 -> none; y10 -> 0.
  // Rolling reduce of w = 10*i + 1 per key: x: 1, 12; y: 1, 2 (two rows with w 1).
  auto rows = sink->SortedRows();
  std::vector<Scalars> expected = {{Scalar("x"), Scalar(0), Scalar(1)},
                                   {Scalar("x"), Scalar(0), Scalar(12)},
                                   {Scalar("y"), Scalar(0), Scalar(1)},
                                   {Scalar("y"), Scalar(0), Scalar(2)}};
  EXPECT_EQ(rows, expected);
}

TEST(PipelineTest, LateRowsReachSideOutput) {
  SchemaPtr in = MakeSchema({{"k", String()}, {"ts", Int64()}});
  StreamEnvironment env(Options(1));
  auto results = std::make_shared<CollectSink>();
  auto late = std::make_shared<CollectSink>();
  // Batches arrive in order; the watermark after batch 1 is 100 - 0 - 1 = 99.
  auto windowed = env.FromBatches({MakeBatch(in, {{"a", 1}, {"a", 100}}), MakeBatch(in, {{"a", 5}, {"a", 99}})},
                                  WatermarkStrategy::ForMonotonousTimestamps("ts"))
                      .KeyBy({"k"})
                      .Window(windows::TumblingEventTime(10))
                      .SideOutputLateData("late")
                      .Aggregate({agg::Count("n")});
  windowed.SinkTo(results);
  windowed.GetSideOutput("late").SinkTo(late);
  Status st = env.Execute();
  ASSERT_TRUE(st.ok()) << st.ToString();
  // 99 <= watermark 99 is late too: window [90, 100) was complete at 99.
  EXPECT_EQ(late->Rows(), (std::vector<Scalars>{{Scalar("a"), Scalar(5)}, {Scalar("a"), Scalar(99)}}));
  EXPECT_EQ(results->SortedRows(), (std::vector<Scalars>{{Scalar("a"), Scalar(0), Scalar(10), Scalar(1)},
                                                         {Scalar("a"), Scalar(100), Scalar(110), Scalar(1)}}));
}

TEST(PipelineTest, UserFunctionErrorFailsJobWithOperatorName) {
  for (int p : {1, 3}) {
    StreamEnvironment env(Options(p));
    auto sink = std::make_shared<CollectSink>();
    env.FromSource(std::make_shared<GeneratorSource>(Generated(100000)), WatermarkStrategy::NoWatermarks())
        .Filter([](const Row& r) -> Result<bool> {
          if (r.GetInt64(0) == 4321) return Status::Invalid("bad id {}", r.GetInt64(0));
          return true;
        })
        .Name("check-id")
        .KeyBy({"key"})
        .Count()
        .SinkTo(sink);
    Status st = env.Execute("failing");
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), StatusCode::kInvalid);
    EXPECT_NE(st.message().find("job 'failing'"), std::string::npos) << st.ToString();
    EXPECT_NE(st.message().find("operator 'check-id'"), std::string::npos) << st.ToString();
    EXPECT_NE(st.message().find("bad id 4321"), std::string::npos) << st.ToString();
    EXPECT_NE(st.message().find("record "), std::string::npos) << st.ToString();
  }
}

TEST(PipelineTest, BuildErrorsSurfaceFromExecute) {
  SchemaPtr in = MakeSchema({{"k", String()}, {"v", Int64()}});
  StreamEnvironment env(Options(1));
  env.FromBatches({MakeBatch(in, {{"x", 1}})}, WatermarkStrategy::NoWatermarks()).KeyBy({"nope"}).Count().Print();
  Status st = env.Execute();
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_NE(st.message().find("nope"), std::string::npos);
}

}  // namespace
}  // namespace sluice::stream
