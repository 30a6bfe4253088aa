#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sluice/common/clock.h"
#include "sluice/common/status.h"
#include "sluice/stream/api/data_stream.h"
#include "sluice/stream/api/job_client.h"
#include "sluice/stream/api/source.h"
#include "sluice/stream/graph/job_graph.h"
#include "sluice/stream/metrics/metrics.h"
#include "sluice/stream/time/watermark.h"

namespace sluice::stream {

enum class StateBackendKind { kMemory, kRocksDb };

// Options of the RocksDB state backend (memory budget per subtask).
struct RocksDbOptions {
  std::string dir;  // working directory; empty = a temporary directory
  int64_t block_cache_bytes = 8 << 20;
  int64_t write_buffer_bytes = 4 << 20;
};

struct StreamOptions {
  int parallelism = 1;
  int max_parallelism = 128;  // number of key groups
  int64_t batch_size = 4096;  // rows a source reads per batch
  int channel_capacity = 16;  // batches buffered per channel (backpressure)
  // Processing time; nullptr = the system clock.
  std::shared_ptr<const Clock> clock;
  // How often an idle task polls processing time, in milliseconds.
  int64_t poll_interval_ms = 5;
  // Checkpointing is on when checkpoint_dir is set: aligned-barrier
  // checkpoints every checkpoint_interval_ms (0 = only the final one at the
  // end of bounded input) into checkpoint_dir/chk-<n>; the newest
  // `checkpoints_retained` complete ones are kept.
  int64_t checkpoint_interval_ms = 0;
  std::string checkpoint_dir;
  int checkpoints_retained = 3;
  // Restore: a checkpoint or savepoint directory (holding _metadata), or a
  // checkpoint root whose latest complete checkpoint is used; error if none.
  std::string restore_from;
  // Restore from the latest complete checkpoint in checkpoint_dir if there
  // is one; start fresh otherwise.
  bool restore_latest = false;
  // Savepoint: after `savepoint_after_checkpoints` completed checkpoints (0 =
  // never) the next one is a savepoint written to savepoint_dir (never
  // deleted); with stop_after_savepoint the job then stops (Execute returns OK).
  std::string savepoint_dir;
  int64_t savepoint_after_checkpoints = 0;
  bool stop_after_savepoint = false;
  // Keyed state backend of every keyed operator.
  StateBackendKind state_backend = StateBackendKind::kMemory;
  RocksDbOptions rocksdb;
  // Where the job counts rows per operator, checkpoints and commits (for
  // progress lines); nullptr = a registry of the job's own, not shared.
  std::shared_ptr<MetricsRegistry> metrics;
};

// Builds and runs a streaming job (Flink's StreamExecutionEnvironment).
class StreamEnvironment {
 public:
  explicit StreamEnvironment(StreamOptions options = {});
  StreamEnvironment(const StreamEnvironment&) = delete;
  StreamEnvironment& operator=(const StreamEnvironment&) = delete;

  const StreamOptions& options() const { return options_; }
  void SetParallelism(int p) { options_.parallelism = p; }

  // Adds a source; event time and watermarks follow `watermarks`.
  DataStream FromSource(std::shared_ptr<Source> source, WatermarkStrategy watermarks, std::string name = "Source");
  // Adds a bounded source of the given batches (split round robin over subtasks).
  DataStream FromBatches(std::vector<columnar::RecordBatch> batches, WatermarkStrategy watermarks,
                         std::string name = "Batches");
  // Adds a source that may have failed to build (a connector's Make(), e.g.
  // connectors::FileSource::Make): its error fails Execute(), named after the source.
  template <typename S>
  DataStream FromSource(Result<std::shared_ptr<S>> source, WatermarkStrategy watermarks, std::string name = "Source") {
    if (!source.ok()) return FailedSource(source.status(), std::move(name));
    return FromSource(std::shared_ptr<Source>(std::move(source).value()), std::move(watermarks), std::move(name));
  }

  // Runs the job until every source is exhausted (bounded input) and every
  // operator finished; returns the first failure, naming its operator.
  Status Execute(const std::string& job_name = "job");
  // Starts the job on a thread of its own and returns a handle on it for
  // savepoints, stop, cancel and metrics (Flink's executeAsync). The
  // environment must outlive the handle. Build errors show in Wait().
  std::unique_ptr<JobClient> ExecuteAsync(const std::string& job_name = "job");

  // The graph built so far (for the runtime and tests).
  JobGraph& graph() { return graph_; }
  // Adds a node (used by DataStream); returns its id.
  int AddNode(StreamNode node);
  // Records a build error (the first one wins) and returns `node`.
  int Fail(Status st, int node);

 private:
  // A source node that only carries `error` (which fails Execute()).
  DataStream FailedSource(const Status& error, std::string name);

  StreamOptions options_;
  JobGraph graph_;
};

}  // namespace sluice::stream
