#include "sluice/stream/metrics/metrics.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "sluice/common/clock.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/metrics/progress_reporter.h"
#include "sluice/stream/sinks/collect_sink.h"
#include "sluice/stream/sources/generator_source.h"
#include "stream/stream_test_util.h"

namespace sluice::stream {
namespace {

const NodeMetrics* Find(const MetricsSnapshot& s, const std::string& name) {
  for (const auto& n : s.nodes) {
    if (n.node == name) return &n;
  }
  return nullptr;
}

TEST(MetricsTest, RecordsInAndOutPerOperatorMatchTheData) {
  StreamOptions o;
  o.parallelism = 2;
  o.batch_size = 100;
  o.metrics = std::make_shared<MetricsRegistry>();
  StreamEnvironment env(o);
  GeneratorOptions g;
  g.count = 10000;
  g.num_keys = 10;
  auto sink = std::make_shared<CollectSink>();
  env.FromSource(std::make_shared<GeneratorSource>(g), WatermarkStrategy::NoWatermarks(), "gen")
      .Filter(Col("value") % Lit(2) == Lit(0))
      .Name("even")
      .KeyBy({"key"})
      .Count()
      .Name("count")
      .SinkTo(sink, "collect");
  ASSERT_TRUE(env.Execute().ok());

  const int64_t kept = sink->num_rows();  // the rolling count emits one row per kept row
  ASSERT_GT(kept, 3000);
  ASSERT_LT(kept, 7000);
  MetricsSnapshot s = o.metrics->Snapshot(WallMillis());
  const NodeMetrics* gen = Find(s, "gen");
  const NodeMetrics* even = Find(s, "even");
  const NodeMetrics* count = Find(s, "count");
  const NodeMetrics* collect = Find(s, "collect");
  ASSERT_TRUE(gen && even && count && collect);
  EXPECT_EQ(gen->kind, InstanceMetrics::Kind::kSource);
  EXPECT_EQ(collect->kind, InstanceMetrics::Kind::kSink);
  EXPECT_EQ(gen->subtasks, 2);
  EXPECT_EQ(gen->records_in, 10000);
  EXPECT_EQ(gen->records_out, 10000);
  EXPECT_EQ(even->records_in, 10000);
  EXPECT_EQ(even->records_out, kept);
  EXPECT_EQ(count->records_in, kept);
  EXPECT_EQ(count->records_out, kept);
  EXPECT_EQ(collect->records_in, kept);
  EXPECT_EQ(s.source_rows, 10000);
  EXPECT_EQ(s.sink_rows, kept);
  EXPECT_EQ(s.commits, 1);  // the final commit of a job without checkpoints
  // Bytes: the generator's 4 int64 columns, 8 bytes a value (plus validity bits if any).
  EXPECT_GE(gen->bytes_in, 10000 * 32);
  EXPECT_LE(gen->bytes_in, 10000 * 33);
  EXPECT_EQ(gen->bytes_out, gen->bytes_in);
  EXPECT_EQ(even->bytes_in, gen->bytes_out);
  EXPECT_LT(even->bytes_out, even->bytes_in);
  EXPECT_EQ(count->bytes_in, even->bytes_out);
  EXPECT_EQ(s.checkpoints, 0);
}

TEST(MetricsTest, BackpressureIsTheProducersTimeBlockedOnAFullChannel) {
  StreamOptions o;
  o.batch_size = 100;
  o.channel_capacity = 1;
  o.metrics = std::make_shared<MetricsRegistry>();
  StreamEnvironment env(o);
  GeneratorOptions g;
  g.count = 3000;  // 30 batches
  auto source = std::make_shared<GeneratorSource>(g);
  env.FromSource(source, WatermarkStrategy::NoWatermarks(), "gen")
      .MapBatches(source->schema(),
                  [](const columnar::RecordBatch& b) -> Result<columnar::RecordBatch> {
                    usleep(10 * 1000);  // a slow consumer: 10 ms a batch
                    return b;
                  })
      .Name("slow")
      .SetParallelism(2)  // not chained to the source: a channel between them
      .SinkTo(std::make_shared<CollectSink>(), "collect");
  ASSERT_TRUE(env.Execute().ok());
  MetricsSnapshot s = o.metrics->Snapshot(WallMillis());
  const NodeMetrics* gen = Find(s, "gen");
  const NodeMetrics* slow = Find(s, "slow");
  ASSERT_TRUE(gen && slow);
  EXPECT_GE(gen->backpressure_ms, 50);  // 30 batches, two consumers at 10 ms a batch
  EXPECT_EQ(slow->backpressure_ms, 0);  // chained to its sink: never blocked
}

TEST(MetricsTest, JsonDumpHasEveryCounter) {
  MetricsRegistry r;
  InstanceMetrics* src = r.Register(0, "gen \"x\"", InstanceMetrics::Kind::kSource, 0);
  src->AddIn(10, 80);
  src->watermark = 5000;
  r.OnCheckpointCompleted(1, 12, 345);
  std::string json = r.Snapshot(6000).ToJson();
  for (const char* part :
       {R"("source_rows":10)", R"("checkpoints":1)", R"("last_checkpoint_duration_ms":12)",
        R"("last_checkpoint_bytes":345)", R"("name":"gen \"x\"")", R"("kind":"source")", R"("bytes_in":80)",
        R"("watermark":5000)", R"("watermark_lag_ms":1000)", R"("sink_watermark":null)"}) {
    EXPECT_NE(json.find(part), std::string::npos) << part << " in " << json;
  }
  EXPECT_EQ(json.front(), '{');
  EXPECT_EQ(json.back(), '}');
}

TEST(MetricsTest, CheckpointedJobCountsCommitsAndEventTimeLatency) {
  namespace stdfs = std::filesystem;
  const stdfs::path dir = stdfs::temp_directory_path() / ("sluice_metrics_" + std::to_string(::getpid()));
  stdfs::remove_all(dir);
  StreamOptions o;
  o.parallelism = 2;
  o.batch_size = 50;
  o.checkpoint_dir = dir.string();
  o.checkpoint_interval_ms = 30;
  o.metrics = std::make_shared<MetricsRegistry>();
  StreamEnvironment env(o);
  GeneratorOptions g;
  g.count = 4000;
  g.rows_per_second = 5000;  // ~400 ms
  // Event time follows the wall clock from 2 s ago: every latency >= ~2 s.
  g.start_time_ms = WallMillis() - 2000;
  g.interval_ms = 0;
  auto sink = std::make_shared<CollectSink>();
  env.FromSource(std::make_shared<GeneratorSource>(g), WatermarkStrategy::ForMonotonousTimestamps("ts"), "gen")
      .SinkTo(sink, "collect");
  auto client = env.ExecuteAsync();
  MetricsSnapshot mid;
  EXPECT_TRUE(testing::WaitUntil(
      [&] {
        mid = client->Metrics();
        return mid.checkpoints >= 2;
      },
      "two checkpoints while the job runs"));
  ASSERT_TRUE(client->Wait().ok());
  stdfs::remove_all(dir);
  EXPECT_GT(mid.last_checkpoint_bytes, 0);  // a checkpoint while running holds the sources' split positions
  MetricsSnapshot s = o.metrics->Snapshot(WallMillis());
  EXPECT_GE(s.commits, 3);
  EXPECT_GE(s.last_checkpoint, s.commits);
  EXPECT_EQ(s.sink_rows, 4000);
  EXPECT_EQ(s.sink_watermark, kMaxWatermark);  // end of input
  EXPECT_GE(s.latency_p50_ms, 1900);
  EXPECT_LT(s.latency_p50_ms, 60000);
  EXPECT_GE(s.checkpoints, 3);
  EXPECT_GE(s.last_checkpoint_duration_ms, 0);
  EXPECT_EQ(s.last_checkpoint_bytes, 0);  // the final checkpoint: every source finished, no state left
}

TEST(MetricsTest, LatencyWithoutEventTimeIsTheAgeOfTheOldestPossibleRow) {
  MetricsRegistry r;
  InstanceMetrics* sink = r.Register(1, "sink", InstanceMetrics::Kind::kSink, 0);
  const int64_t t0 = WallMillis();
  r.OnCheckpointTriggered(1, t0 + 1000);
  r.OnCommitted(1, t0 + 1300);  // first checkpoint: rows since the job started
  EXPECT_GE(r.Snapshot(t0).last_latency_ms, 1300 - 50);
  r.OnCheckpointTriggered(2, t0 + 2000);
  r.OnCommitted(2, t0 + 2250);  // rows read since barrier 1
  EXPECT_EQ(r.Snapshot(t0).last_latency_ms, 1250);
  r.OnCommitted(3, t0 + 2600);  // a final, untriggered checkpoint: rows since barrier 2
  EXPECT_EQ(r.Snapshot(t0).last_latency_ms, 600);
  // With a watermark at the barrier: commit time - watermark.
  sink->barrier_watermark = t0 + 2500;
  r.OnCheckpointTriggered(4, t0 + 3000);
  r.OnCommitted(4, t0 + 3100);
  MetricsSnapshot s = r.Snapshot(t0);
  EXPECT_EQ(s.last_latency_ms, 600);
  EXPECT_EQ(s.commits, 4);
  EXPECT_EQ(s.last_checkpoint, 4);
  EXPECT_EQ(s.latency_p50_ms, 1250);  // of 600, 600, 1250, ~1300
  EXPECT_GE(s.latency_p99_ms, 1300 - 50);
}

TEST(MetricsTest, ProgressLineFormatting) {
  EXPECT_EQ(ProgressReporter::Thousands(0), "0");
  EXPECT_EQ(ProgressReporter::Thousands(999), "999");
  EXPECT_EQ(ProgressReporter::Thousands(1234567), "1,234,567");
  EXPECT_EQ(ProgressReporter::Thousands(-1000), "-1,000");
  EXPECT_EQ(ProgressReporter::FormatWatermark(kMinTimestamp), "-");
  EXPECT_EQ(ProgressReporter::FormatWatermark(kMaxWatermark), "end");
  EXPECT_EQ(ProgressReporter::FormatWatermark(1767225600000 + 3 * 3600000 + 4 * 60000 + 5678), "03:04:05.678");
  MetricsSnapshot prev, now;
  prev.wall_ms = 10000;
  prev.source_rows = 1000;
  now.wall_ms = 12000;
  now.source_rows = 41000;
  now.sink_rows = 1234;
  now.commits = 7;
  now.sink_watermark = 1767225600000 + 1500;
  now.last_latency_ms = 1250;
  now.latency_p50_ms = 900;
  now.latency_p99_ms = 1400;
  EXPECT_EQ(ProgressReporter::FormatLine(now, prev, 8000),
            "[  4.0s] 20,000 rows/s | read 41,000 | written 1,234 | commits 7 | watermark 00:00:01.500 | latency "
            "1.25s (p50 900ms, p99 1.40s)");
}

TEST(MetricsTest, ReporterPrintsLinesAndOperatorTotals) {
  auto registry = std::make_shared<MetricsRegistry>();
  InstanceMetrics* src = registry->Register(0, "gen", InstanceMetrics::Kind::kSource, 0);
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  const std::string json_path =
      (std::filesystem::temp_directory_path() / ("sluice_metrics_json_" + std::to_string(::getpid()))).string();
  {
    ProgressReporter reporter(registry, 10, f);
    reporter.SetJsonPath(json_path);
    reporter.Start();
    src->AddIn(500, 4000);
    src->AddOut(500, 4000);
    reporter.Println("hello");
    usleep(50 * 1000);
    reporter.Stop();
  }
  std::rewind(f);
  std::string text(4096, '\0');
  text.resize(std::fread(text.data(), 1, text.size(), f));
  std::fclose(f);
  EXPECT_NE(text.find("hello\n"), std::string::npos) << text;
  EXPECT_NE(text.find("read 500"), std::string::npos) << text;
  EXPECT_NE(text.find("source 'gen' x1: 500 rows in, 500 rows out"), std::string::npos) << text;
  std::FILE* j = std::fopen(json_path.c_str(), "r");
  ASSERT_NE(j, nullptr);
  std::string json(4096, '\0');
  json.resize(std::fread(json.data(), 1, json.size(), j));
  std::fclose(j);
  std::filesystem::remove(json_path);
  EXPECT_NE(json.find(R"("records_in":500)"), std::string::npos) << json;
}

}  // namespace
}  // namespace sluice::stream
