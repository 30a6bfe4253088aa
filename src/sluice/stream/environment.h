#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sluice/common/status.h"
#include "sluice/stream/clock.h"
#include "sluice/stream/data_stream.h"
#include "sluice/stream/job_graph.h"
#include "sluice/stream/source.h"
#include "sluice/stream/watermark.h"

namespace sluice::stream {

struct StreamOptions {
  int parallelism = 1;
  int max_parallelism = 128;  // number of key groups
  int64_t batch_size = 4096;  // rows a source reads per batch
  int channel_capacity = 16;  // batches buffered per channel (backpressure)
  // Processing time; nullptr = the system clock.
  std::shared_ptr<const Clock> clock;
  // How often an idle task polls processing time, in milliseconds.
  int64_t poll_interval_ms = 5;
  // Checkpointing (hooks only so far): interval (0 = off) and directory.
  int64_t checkpoint_interval_ms = 0;
  std::string checkpoint_dir;
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

  // Runs the job until every source is exhausted (bounded input) and every
  // operator finished; returns the first failure, naming its operator.
  Status Execute(const std::string& job_name = "job");

  // The graph built so far (for the runtime and tests).
  JobGraph& graph() { return graph_; }
  // Adds a node (used by DataStream); returns its id.
  int AddNode(StreamNode node);
  // Records a build error (the first one wins) and returns `node`.
  int Fail(Status st, int node);

 private:
  StreamOptions options_;
  JobGraph graph_;
};

}  // namespace sluice::stream
