// `sluice-test-jobs keyed-count`: the job the exactly-once interop
// test kills and restarts. A seeded, rate-limited generator -> KeyBy(key) ->
// rolling count -> a transactional file sink, checkpointed every 200 ms.
#include <cstdio>
#include <memory>
#include <string>

#include "jobs/jobs.h"
#include "sluice/connectors/files/transactional_file_sink.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/sources/generator_source.h"

namespace sluice::test_jobs {
namespace {

struct StreamTestArgs {
  std::string checkpoint_dir;
  std::string out;
  int64_t events = 100000;
  uint64_t seed = 42;
  int parallelism = 2;
  std::string backend = "memory";
  bool restore = false;
  std::string restore_from;
  double rate = 20000;  // rows per second per source subtask (0 = unlimited)
  int64_t keys = 1000;
  int64_t interval_ms = 200;
  std::string savepoint_dir;
  int64_t savepoint_after = 0;
  bool stop_after_savepoint = false;
  int64_t block_cache_bytes = 8 << 20;
  int64_t write_buffer_bytes = 4 << 20;
  std::string state_dir;
};

Status RunKeyedCount(const StreamTestArgs& a) {
  stream::StreamOptions o;
  o.parallelism = a.parallelism;
  o.checkpoint_dir = a.checkpoint_dir;
  o.checkpoint_interval_ms = a.interval_ms;
  o.restore_latest = a.restore;
  o.restore_from = a.restore_from;
  o.savepoint_dir = a.savepoint_dir;
  o.savepoint_after_checkpoints = a.savepoint_after;
  o.stop_after_savepoint = a.stop_after_savepoint;
  o.batch_size = 1000;
  if (a.backend == "rocksdb") {
    o.state_backend = stream::StateBackendKind::kRocksDb;
    o.rocksdb.block_cache_bytes = a.block_cache_bytes;
    o.rocksdb.write_buffer_bytes = a.write_buffer_bytes;
    o.rocksdb.dir = a.state_dir;
  } else if (a.backend != "memory") {
    return Status::Invalid("--backend: expected memory or rocksdb, got '{}'", a.backend);
  }
  stream::StreamEnvironment env(o);
  stream::GeneratorOptions g;
  g.count = a.events;
  g.seed = a.seed;
  g.num_splits = 8;
  g.num_keys = a.keys;
  g.rows_per_second = a.rate;
  auto sink = std::make_shared<connectors::TransactionalFileSink>(a.out);
  env.FromSource(std::make_shared<stream::GeneratorSource>(g), stream::WatermarkStrategy::NoWatermarks(), "generator")
      .KeyBy({"key"})
      .Count()
      .Name("count")
      .SinkTo(sink, "out");
  return env.Execute("keyed-count");
}

}  // namespace

void AddKeyedCountJob(CLI::App& app, int* exit_code) {
  auto* kc = app.add_subcommand("keyed-count", "Checkpointed keyed count into a transactional file sink");
  auto a = std::make_shared<StreamTestArgs>();
  kc->add_option("--checkpoint-dir", a->checkpoint_dir)->required();
  kc->add_option("--out", a->out)->required();
  kc->add_option("--events", a->events);
  kc->add_option("--seed", a->seed);
  kc->add_option("--parallelism", a->parallelism);
  kc->add_option("--backend", a->backend);
  kc->add_flag("--restore", a->restore, "Restore from the latest checkpoint in --checkpoint-dir, if any");
  kc->add_option("--restore-from", a->restore_from, "Restore from this checkpoint or savepoint directory");
  kc->add_option("--rate", a->rate, "Rows per second per source subtask (0 = unlimited)");
  kc->add_option("--keys", a->keys);
  kc->add_option("--interval-ms", a->interval_ms);
  kc->add_option("--savepoint-dir", a->savepoint_dir);
  kc->add_option("--savepoint-after", a->savepoint_after, "Take the savepoint after this many checkpoints");
  kc->add_flag("--stop-after-savepoint", a->stop_after_savepoint);
  kc->add_option("--block-cache-bytes", a->block_cache_bytes);
  kc->add_option("--write-buffer-bytes", a->write_buffer_bytes);
  kc->add_option("--state-dir", a->state_dir, "RocksDB working directory");
  kc->callback([=] { *exit_code = Report(RunKeyedCount(*a)); });
}

}  // namespace sluice::test_jobs
