// Hidden `sluice stream-test` jobs into Delta tables, killed and restarted by
// the interop tests (tests/interop/test_stream_delta_*.py):
//   window-to-delta: seeded generator -> KeyBy(key) -> tumbling event-time
//                    window count/sum -> Delta sink
//   delta-to-delta:  continuous Delta source on table A -> map -> Delta sink
//                    into table B
// Both checkpoint into --checkpoint-dir and, with --restore, resume from the
// latest complete checkpoint there.
#include <memory>
#include <string>

#include "sluice/cli/commands.h"
#include "sluice/cli/report.h"
#include "sluice/connectors/delta/delta_sink.h"
#include "sluice/connectors/delta/delta_source.h"
#include "sluice/stream/environment.h"
#include "sluice/stream/sources/generator_source.h"

namespace sluice::cli {
namespace {

namespace col = sluice::columnar;
using stream::Value;

struct CommonArgs {
  std::string table;
  std::string checkpoint_dir;
  std::string app_id;
  int parallelism = 2;
  int64_t interval_ms = 200;
  bool restore = false;
};

stream::StreamOptions OptionsFor(const CommonArgs& a) {
  stream::StreamOptions o;
  o.parallelism = a.parallelism;
  o.checkpoint_dir = a.checkpoint_dir;
  o.checkpoint_interval_ms = a.interval_ms;
  o.restore_latest = a.restore;
  o.batch_size = 500;
  return o;
}

Result<std::shared_ptr<connectors::DeltaSink>> SinkFor(const CommonArgs& a) {
  connectors::DeltaSinkOptions s;
  s.table_root = a.table;
  s.app_id = a.app_id;
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
      SLUICE_RETURN_NOT_OK(out->Append({Value(i), Value(key), Value(value), Value(kT0 + i - begin - jitter)}));
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
  return env.Execute("window-to-delta");
}

}  // namespace

void AddStreamTestDeltaCommands(CLI::App* st, int* exit_code) {
  auto* w = st->add_subcommand("window-to-delta", "Checkpointed keyed tumbling-window count/sum into a Delta table");
  auto wa = std::make_shared<WindowArgs>();
  AddCommonOptions(w, &wa->common, "window-to-delta");
  w->add_option("--events", wa->events);
  w->add_option("--seed", wa->seed);
  w->add_option("--keys", wa->keys);
  w->add_option("--rate", wa->rate, "Rows per second per source subtask (0 = unlimited)");
  w->add_option("--window-ms", wa->window_ms);
  w->add_option("--disorder-ms", wa->disorder_ms, "Event-time jitter and watermark bound");
  w->callback([=] { *exit_code = Report(RunWindowToDelta(*wa)); });
}

}  // namespace sluice::cli
