#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

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

constexpr int64_t kWindowInputRows = 20000;

std::vector<Scalars> RunWindowJob(int parallelism, WindowSpec spec) {
  StreamEnvironment env(Options(parallelism));
  auto sink = std::make_shared<CollectSink>();
  env.FromSource(std::make_shared<GeneratorSource>(Generated(kWindowInputRows)), Watermarks(), "gen")
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

// A row RunWindowJob aggregates: the generated input with value >= 100.
struct Event {
  int64_t key, value, ts;
};

std::vector<Event> WindowInput() {
  std::vector<Event> events;
  for (const Scalars& r : GeneratedRows(kWindowInputRows)) {
    const int64_t value = r[2].int_value();
    if (value >= 100) events.push_back({r[1].int_value(), value, r[3].int_value()});
  }
  return events;
}

// The brute-force aggregates of one window, by (key, window start, window end).
struct Aggregates {
  int64_t n = 0, sum = 0, min = INT64_MAX, max = INT64_MIN;
  void Add(int64_t v) {
    ++n;
    sum += v;
    min = std::min(min, v);
    max = std::max(max, v);
  }
};
using WindowMap = std::map<std::tuple<int64_t, int64_t, int64_t>, Aggregates>;

// RunWindowJob's expected output for `windows`, sorted as SortedRows() is.
std::vector<Scalars> WindowRows(const WindowMap& windows) {
  std::vector<Scalars> rows;
  for (const auto& [w, a] : windows) {
    const auto [key, start, end] = w;
    rows.push_back({Scalar(key), Scalar(start), Scalar(end), Scalar(a.n), Scalar(a.sum), Scalar(a.min), Scalar(a.max),
                    Scalar(static_cast<double>(a.sum) / a.n), Scalar(key), Scalar(key)});
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

// Runs `spec` at parallelism 1, 2 and 4 and expects exactly `expected` each time.
void ExpectWindowResults(WindowSpec spec, const std::vector<Scalars>& expected) {
  for (int p : {1, 2, 4}) {
    auto rows = RunWindowJob(p, spec);
    ASSERT_EQ(rows.size(), expected.size()) << "parallelism " << p;
    EXPECT_EQ(rows, expected) << "parallelism " << p;
  }
}

TEST(PipelineTest, TumblingWindowsMatchBruteForceAtEveryParallelism) {
  WindowMap windows;
  for (const Event& e : WindowInput()) {
    const int64_t start = e.ts - ((e.ts % 1000) + 1000) % 1000;
    windows[{e.key, start, start + 1000}].Add(e.value);
  }
  ExpectWindowResults(windows::TumblingEventTime(1000), WindowRows(windows));
}

TEST(PipelineTest, SlidingWindowsMatchBruteForceAtEveryParallelism) {
  // Flink's sliding windows: [s, s + size) for every s = k * slide; a row is
  // in each one that contains its timestamp (size / slide = 4 of them).
  // Brute force: test every row against every window start in range.
  const int64_t size = 1000, slide = 250;
  const std::vector<Event> events = WindowInput();
  int64_t min_ts = INT64_MAX, max_ts = INT64_MIN;
  for (const Event& e : events) {
    min_ts = std::min(min_ts, e.ts);
    max_ts = std::max(max_ts, e.ts);
  }
  ASSERT_LT(min_ts, 0);  // jitter puts the first rows before 0: windows over negative times too
  WindowMap windows;
  int64_t memberships = 0;
  for (int64_t s = (min_ts - size) / slide * slide - slide; s <= max_ts; s += slide) {
    for (const Event& e : events) {
      if (s <= e.ts && e.ts < s + size) {
        windows[{e.key, s, s + size}].Add(e.value);
        ++memberships;
      }
    }
  }
  ASSERT_EQ(memberships, static_cast<int64_t>(events.size()) * (size / slide));
  ExpectWindowResults(windows::SlidingEventTime(size, slide), WindowRows(windows));
}

TEST(PipelineTest, SessionWindowsMatchBruteForceAtEveryParallelism) {
  // Flink's session windows: a row opens [ts, ts + gap), and windows that
  // intersect or touch merge (TimeWindow::intersects is inclusive), so a row
  // exactly `gap` after the previous one of its key extends the session.
  // Brute force: per key, sort by time; a new session starts where the next
  // row is more than `gap` after the previous one.
  const int64_t gap = 40;
  std::map<int64_t, std::vector<std::pair<int64_t, int64_t>>> by_key;  // key -> (ts, value)
  for (const Event& e : WindowInput()) by_key[e.key].push_back({e.ts, e.value});
  WindowMap windows;
  int64_t touching = 0;  // rows exactly `gap` after the previous: the boundary case
  for (auto& [key, rows] : by_key) {
    std::sort(rows.begin(), rows.end());
    int64_t start = rows[0].first, last = rows[0].first;
    Aggregates a;
    for (const auto& [ts, value] : rows) {
      if (ts - last > gap) {
        windows[{key, start, last + gap}] = a;
        start = ts;
        a = {};
      }
      touching += ts - last == gap;
      last = ts;
      a.Add(value);
    }
    windows[{key, start, last + gap}] = a;
  }
  EXPECT_GT(touching, 0);
  EXPECT_GT(windows.size(), 10 * by_key.size());  // many sessions per key, not one long one
  ExpectWindowResults(windows::EventTimeSession(gap), WindowRows(windows));
}

// A small keyed window job over `batches` of (k, ts) rows, counting per window.
std::vector<Scalars> CountPerWindow(WindowSpec spec, std::vector<std::vector<Scalars>> batches) {
  SchemaPtr in = MakeSchema({{"k", String()}, {"ts", Int64()}});
  std::vector<RecordBatch> input;
  for (const auto& rows : batches) input.push_back(MakeBatch(in, rows));
  StreamEnvironment env(Options(1));
  auto sink = std::make_shared<CollectSink>();
  env.FromBatches(input, WatermarkStrategy::ForBoundedOutOfOrderness("ts", 100))
      .KeyBy({"k"})
      .Window(spec)
      .Aggregate({agg::Count("n")})
      .SinkTo(sink);
  Status st = env.Execute();
  EXPECT_TRUE(st.ok()) << st.ToString();
  return sink->SortedRows();
}

TEST(PipelineTest, SessionsMergeWhenARowBridgesThem) {
  // Gap 10. a: [0,10) and [25,35); 10 touches [0,10) -> [0,20); 15 opens
  // [15,25), which touches both -> one session [0,35); 3 falls inside it.
  // c: 11 is more than the gap after 0 -> two sessions.
  auto rows = CountPerWindow(windows::EventTimeSession(10),
                             {{{"a", 0}, {"a", 25}, {"b", 5}, {"c", 0}}, {{"a", 10}, {"a", 15}, {"a", 3}, {"c", 11}}});
  EXPECT_EQ(rows, (std::vector<Scalars>{{Scalar("a"), Scalar(0), Scalar(35), Scalar(5)},
                                       {Scalar("b"), Scalar(5), Scalar(15), Scalar(1)},
                                       {Scalar("c"), Scalar(0), Scalar(10), Scalar(1)},
                                       {Scalar("c"), Scalar(11), Scalar(21), Scalar(1)}}));
}

TEST(PipelineTest, SlidingWindowsStartAtOffsetPlusMultiplesOfTheSlide) {
  // Size 10, slide 5: -3 is in [-10,0) and [-5,5); 7 in [0,10) and [5,15);
  // 12 in [5,15) and [10,20).
  auto rows = CountPerWindow(windows::SlidingEventTime(10, 5), {{{"a", -3}, {"a", 7}, {"a", 12}}});
  EXPECT_EQ(rows, (std::vector<Scalars>{{Scalar("a"), Scalar(-10), Scalar(0), Scalar(1)},
                                       {Scalar("a"), Scalar(-5), Scalar(5), Scalar(1)},
                                       {Scalar("a"), Scalar(0), Scalar(10), Scalar(1)},
                                       {Scalar("a"), Scalar(5), Scalar(15), Scalar(2)},
                                       {Scalar("a"), Scalar(10), Scalar(20), Scalar(1)}}));
  // Offset 2: starts are 2 + 5k. -3 is in [-8,2) and [-3,7); 7 in [2,12) and
  // [7,17); 12 in [7,17) and [12,22).
  rows = CountPerWindow(windows::SlidingEventTime(10, 5, 2), {{{"a", -3}, {"a", 7}, {"a", 12}}});
  EXPECT_EQ(rows, (std::vector<Scalars>{{Scalar("a"), Scalar(-8), Scalar(2), Scalar(1)},
                                       {Scalar("a"), Scalar(-3), Scalar(7), Scalar(1)},
                                       {Scalar("a"), Scalar(2), Scalar(12), Scalar(1)},
                                       {Scalar("a"), Scalar(7), Scalar(17), Scalar(2)},
                                       {Scalar("a"), Scalar(12), Scalar(22), Scalar(1)}}));
}

// The rolling count's output (key, n) in arrival order: each key is one
// subtask's, so its updates arrive in the order they were made.
std::vector<Scalars> RunRollingJob(int parallelism) {
  StreamEnvironment env(Options(parallelism));
  auto sink = std::make_shared<CollectSink>();
  env.FromSource(std::make_shared<GeneratorSource>(Generated(5000)), WatermarkStrategy::NoWatermarks())
      .KeyBy({"key"})
      .Aggregate({agg::Count("n")})
      .SinkTo(sink);
  Status st = env.Execute("rolling");
  EXPECT_TRUE(st.ok()) << st.ToString();
  return sink->Rows();
}

TEST(PipelineTest, RollingCountEmitsOneToNPerKeyInOrderAtParallelism124) {
  std::map<int64_t, int64_t> rows_per_key;
  for (const Scalars& r : GeneratedRows(5000)) ++rows_per_key[r[1].int_value()];
  for (int p : {1, 2, 4}) {
    auto rows = RunRollingJob(p);
    ASSERT_EQ(rows.size(), 5000u) << "parallelism " << p;  // one update per input row
    std::map<int64_t, int64_t> seen;
    for (const Scalars& r : rows) {
      ASSERT_EQ(r.size(), 2u);
      const int64_t key = r[0].int_value();
      ASSERT_EQ(r[1].int_value(), ++seen[key]) << "key " << key << " at parallelism " << p;
    }
    EXPECT_EQ(seen, rows_per_key) << "parallelism " << p;
  }
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
