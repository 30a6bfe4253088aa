// `sluice-test-jobs` jobs into Delta tables, killed and restarted by
// the interop tests (tests/interop/test_stream_delta_*.py):
//   window-to-delta: seeded generator -> KeyBy(key) -> tumbling event-time
//                    window count/sum -> Delta sink
//   delta-to-delta:  continuous Delta source on table A -> map -> Delta sink
//                    into table B
//   delta-tail:      continuous Delta source -> rows as JSON lines with the
//                    wall-clock time each was read (_seen_ms)
// The first two checkpoint into --checkpoint-dir and, with --restore, resume
// from the latest complete checkpoint there.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jobs/jobs.h"
#include "sluice/columnar/primitive_builder.h"
#include "sluice/connectors/delta/delta_sink.h"
#include "sluice/connectors/delta/delta_source.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/metrics/progress_reporter.h"
#include "sluice/stream/sources/generator_source.h"

namespace sluice::test_jobs {
namespace {

namespace col = sluice::columnar;
using columnar::Scalar;

struct CommonArgs {
  std::string table;
  std::string checkpoint_dir;
  std::string app_id;
  int parallelism = 2;
  int64_t interval_ms = 200;
  bool restore = false;
  std::vector<std::string> partition_by;  // of a table the sink creates
  int64_t progress_ms = 0;                // progress line on stderr every this often (0 = none)
  std::string metrics_json;               // with progress: the metrics as JSON, rewritten each time
  int64_t compact_every = 0;              // background compaction every this many sink commits (0 = none)
};

stream::StreamOptions OptionsFor(const CommonArgs& a) {
  stream::StreamOptions o;
  o.parallelism = a.parallelism;
  o.checkpoint_dir = a.checkpoint_dir;
  o.checkpoint_interval_ms = a.interval_ms;
  o.restore_latest = a.restore;
  o.batch_size = 500;
  o.metrics = std::make_shared<stream::MetricsRegistry>();
  return o;
}

// Runs the job, with a progress line on stderr when asked.
Status Execute(stream::StreamEnvironment& env, const CommonArgs& a, const std::string& name) {
  if (a.progress_ms <= 0) return env.Execute(name);
  stream::ProgressReporter progress(env.options().metrics, a.progress_ms);
  if (!a.metrics_json.empty()) progress.SetJsonPath(a.metrics_json);
  progress.Start();
  Status st = env.Execute(name);
  progress.Stop();
  return st;
}

Result<std::shared_ptr<connectors::DeltaSink>> SinkFor(const CommonArgs& a) {
  connectors::DeltaSinkOptions s;
  s.table_root = a.table;
  s.app_id = a.app_id;
  s.partition_columns = a.partition_by;
  s.compact_every_commits = a.compact_every;
  return connectors::DeltaSink::Make(std::move(s));
}

void AddCommonOptions(CLI::App* cmd, CommonArgs* a, const std::string& default_app_id) {
  a->app_id = default_app_id;
  cmd->add_option("--table", a->table, "Delta table the job writes")->required();
  cmd->add_option("--checkpoint-dir", a->checkpoint_dir)->required();
  cmd->add_option("--app-id", a->app_id, "txn appId of the Delta sink");
  cmd->add_option("--parallelism", a->parallelism);
  cmd->add_option("--interval-ms", a->interval_ms, "Checkpoint interval");
  cmd->add_flag("--restore", a->restore, "Restore from the latest checkpoint in --checkpoint-dir, if any");
  cmd->add_option("--partition-by", a->partition_by, "Partition columns of a table the sink creates");
  cmd->add_option("--progress-ms", a->progress_ms, "Print a progress line to stderr this often (0 = never)");
  cmd->add_option("--metrics-json", a->metrics_json, "With --progress-ms: also write the metrics as JSON to this file");
  cmd->add_option("--compact-every", a->compact_every, "Compact small files in the background every N sink commits");
}

// The continuous source options shared by delta-to-delta and delta-tail.
struct TailArgs {
  std::string source;
  std::optional<int64_t> version;
  std::optional<int64_t> end_version;
  int64_t poll_ms = 100;
  bool ignore_deletes = false;
  bool ignore_changes = false;
};

void AddTailOptions(CLI::App* cmd, TailArgs* a) {
  cmd->add_option("--source", a->source, "Delta table the job follows")->required();
  cmd->add_option("--version", a->version, "Emit the changes from this version on (default: snapshot, then changes)");
  cmd->add_option("--end-version", a->end_version, "Stop after emitting this version");
  cmd->add_option("--poll-ms", a->poll_ms, "How often the log is listed");
  cmd->add_flag("--ignore-deletes", a->ignore_deletes);
  cmd->add_flag("--ignore-changes", a->ignore_changes);
}

Result<std::shared_ptr<connectors::DeltaSource>> SourceFor(const TailArgs& a) {
  connectors::DeltaSourceOptions o;
  o.table_root = a.source;
  o.continuous = true;
  o.version = a.version;
  o.end_version = a.end_version;
  o.poll_interval_ms = a.poll_ms;
  o.ignore_deletes = a.ignore_deletes;
  o.ignore_changes = a.ignore_changes;
  return connectors::DeltaSource::Make(std::move(o));
}

// ---- window-to-delta ----

struct WindowArgs {
  CommonArgs common;
  int64_t events = 100000;
  uint64_t seed = 7;
  int64_t keys = 50;
  double rate = 0;  // rows per second per source subtask (0 = unlimited)
  int64_t window_ms = 1000;
  int64_t disorder_ms = 20;
};

constexpr int64_t kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

// The generator's rows: id, key in [0, keys), value in [0, 1000), and ts =
// kT0 + (index within its split) ms - jitter in [0, disorder_ms]. Every split (one
// per source subtask) walks the same event-time range, so windows fire all
// along the run, and no row is ever late (jitter <= the watermark bound), so
// each (key, window) fires exactly once whatever the timing.
stream::GeneratorOptions WindowGenerator(const WindowArgs& a) {
  stream::GeneratorOptions g;
  g.count = a.events;
  g.seed = a.seed;
  g.num_splits = a.common.parallelism;
  g.rows_per_second = a.rate;
  auto schema = std::make_shared<col::Schema>();
  schema->fields = {col::MakeField("id", col::Int64(), false), col::MakeField("key", col::Int64(), false),
                    col::MakeField("value", col::Int64(), false),
                    col::MakeField("ts", col::Timestamp(col::TimeUnit::kMilli, true), false)};
  g.schema = schema;
  const int64_t count = a.events, splits = a.common.parallelism, keys = a.keys, disorder = a.disorder_ms;
  g.generate = [=](int64_t first, int64_t n, uint64_t seed, stream::BatchBuilder* out) -> Status {
    int64_t begin = 0;  // start of the split holding `first` (batches never cross splits)
    for (int64_t s = 0; s < splits; ++s) {
      if (count * s / splits <= first) begin = count * s / splits;
    }
    for (int64_t i = first; i < first + n; ++i) {
      const auto key = static_cast<int64_t>(stream::GeneratorRandom(seed, i, 1) % static_cast<uint64_t>(keys));
      const auto value = static_cast<int64_t>(stream::GeneratorRandom(seed, i, 2) % 1000);
      const auto jitter = static_cast<int64_t>(stream::GeneratorRandom(seed, i, 3) % (disorder + 1));
      SLUICE_RETURN_NOT_OK(out->Append({Scalar(i), Scalar(key), Scalar(value), Scalar(kT0 + i - begin - jitter)}));
    }
    return Status::OK();
  };
  return g;
}

Status RunWindowToDelta(const WindowArgs& a) {
  if (a.events < 0 || a.keys <= 0 || a.window_ms <= 0 || a.disorder_ms < 0) {
    return Status::Invalid("window-to-delta: --events >= 0, --keys > 0, --window-ms > 0, --disorder-ms >= 0");
  }
  stream::StreamEnvironment env(OptionsFor(a.common));
  SLUICE_ASSIGN_OR_RETURN(auto sink, SinkFor(a.common));
  env.FromSource(std::make_shared<stream::GeneratorSource>(WindowGenerator(a)),
                 stream::WatermarkStrategy::ForBoundedOutOfOrderness("ts", a.disorder_ms), "generator")
      .KeyBy({"key"})
      .Window(stream::windows::TumblingEventTime(a.window_ms))
      .Aggregate({stream::agg::Count("n"), stream::agg::Sum("value", "total")})
      .Name("window")
      .SinkTo(sink, "delta");
  return Execute(env, a.common, "window-to-delta");
}

// ---- delta-to-delta ----

struct CopyArgs {
  CommonArgs common;
  TailArgs tail;
};

// The transform (the interop test applies the same one to table A): id, key,
// value of A, then doubled = 2 * value + 1 and label = "k<key>".
Status RunDeltaToDelta(const CopyArgs& a) {
  SLUICE_ASSIGN_OR_RETURN(auto source, SourceFor(a.tail));
  const col::Schema& in = *source->schema();
  const int id = in.FieldIndex("id"), key = in.FieldIndex("key"), value = in.FieldIndex("value");
  if (id < 0 || key < 0 || value < 0) {
    return Status::Invalid("delta-to-delta: {} needs int64 columns id, key and value", a.tail.source);
  }
  auto out = std::make_shared<col::Schema>();
  out->fields = {col::MakeField("id", col::Int64()), col::MakeField("key", col::Int64()),
                 col::MakeField("value", col::Int64()), col::MakeField("doubled", col::Int64()),
                 col::MakeField("label", col::String())};
  stream::StreamEnvironment env(OptionsFor(a.common));
  SLUICE_ASSIGN_OR_RETURN(auto sink, SinkFor(a.common));
  env.FromSource(source, stream::WatermarkStrategy::NoWatermarks(), "delta-source")
      .Map(out,
           [=](const stream::Row& r, stream::BatchBuilder* b) {
             const int64_t v = r.GetInt64(value), k = r.GetInt64(key);
             return b->Append({r.Get(id), Scalar(k), Scalar(v), Scalar(2 * v + 1), Scalar("k" + std::to_string(k))});
           })
      .Name("transform")
      .SinkTo(sink, "delta-sink");
  return Execute(env, a.common, "delta-to-delta");
}

// ---- delta-tail ----

Status RunDeltaTail(const TailArgs& a) {
  SLUICE_ASSIGN_OR_RETURN(auto source, SourceFor(a));
  auto out = std::make_shared<col::Schema>(*source->schema());
  out->fields.push_back(col::MakeField("_seen_ms", col::Int64(), false));
  stream::StreamOptions o;
  o.poll_interval_ms = 1;
  stream::StreamEnvironment env(o);
  env.FromSource(source, stream::WatermarkStrategy::NoWatermarks(), "delta-source")
      .MapBatches(out,
                  [out](const col::RecordBatch& b) -> Result<col::RecordBatch> {
                    const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count();
                    col::NumericBuilder<int64_t> seen(col::Int64());
                    seen.Reserve(b.num_rows);
                    for (int64_t i = 0; i < b.num_rows; ++i) seen.Append(now);
                    col::RecordBatch r = b;
                    r.schema = out;
                    SLUICE_ASSIGN_OR_RETURN(auto array, seen.Finish());
                    r.columns.push_back(std::move(array));
                    return r;
                  })
      .Name("seen")
      .Print();
  return env.Execute("delta-tail");
}

}  // namespace

void AddDeltaJobs(CLI::App& app, int* exit_code) {
  auto* w = app.add_subcommand("window-to-delta", "Checkpointed keyed tumbling-window count/sum into a Delta table");
  auto wa = std::make_shared<WindowArgs>();
  AddCommonOptions(w, &wa->common, "window-to-delta");
  w->add_option("--events", wa->events);
  w->add_option("--seed", wa->seed);
  w->add_option("--keys", wa->keys);
  w->add_option("--rate", wa->rate, "Rows per second per source subtask (0 = unlimited)");
  w->add_option("--window-ms", wa->window_ms);
  w->add_option("--disorder-ms", wa->disorder_ms, "Event-time jitter and watermark bound");
  w->callback([=] { *exit_code = Report(RunWindowToDelta(*wa)); });

  auto* c = app.add_subcommand("delta-to-delta", "Checkpointed continuous Delta source -> map -> Delta sink");
  auto ca = std::make_shared<CopyArgs>();
  AddCommonOptions(c, &ca->common, "delta-to-delta");
  AddTailOptions(c, &ca->tail);
  c->callback([=] { *exit_code = Report(RunDeltaToDelta(*ca)); });

  auto* t = app.add_subcommand("delta-tail", "Print the rows of a Delta table as they are committed");
  auto ta = std::make_shared<TailArgs>();
  AddTailOptions(t, ta.get());
  t->callback([=] { *exit_code = Report(RunDeltaTail(*ta)); });
}

}  // namespace sluice::test_jobs
