#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sluice/stream/api/environment.h"
#include "sluice/stream/api/sink.h"
#include "sluice/stream/checkpoint/checkpoint_coordinator.h"
#include "sluice/stream/checkpoint/snapshot_format.h"
#include "sluice/stream/graph/job_graph.h"
#include "sluice/stream/metrics/metrics.h"
#include "sluice/stream/operators/operator.h"
#include "sluice/stream/runtime/channel.h"
#include "sluice/stream/state/keyed_state_backend.h"
#include "sluice/stream/time/timer_service.h"

namespace sluice::stream::runtime {

// Job-wide run state shared by every task thread.
struct JobState {
  std::atomic<bool> cancelled{false};
  std::mutex mu;
  Status failure;
  std::vector<std::shared_ptr<Channel>> channels;  // every channel, closed on failure
  // Records the first failure and cancels the job.
  void Fail(const Status& st);
};

// Sends a producer subtask's output over one edge to the consumer's channels.
class ExchangeWriter {
 public:
  ExchangeWriter(Partitioning p, std::vector<int> key_columns, int max_parallelism, int producer_subtask,
                 std::vector<std::shared_ptr<Channel>> targets, std::vector<int> target_inputs);
  // Routes a batch (forward, round robin, or split by key group).
  Status Send(const columnar::RecordBatch& batch);
  // Sends a control element (watermark, idle, end) to every target.
  Status Broadcast(StreamElement::Kind kind, int64_t value);
  // Where the time blocked on full channels is counted (may be null).
  void set_metrics(InstanceMetrics* m) { metrics_ = m; }

 private:
  Status Push(size_t target, StreamElement e);
  Partitioning partitioning_;
  std::vector<int> key_columns_;
  int max_parallelism_;
  std::vector<std::shared_ptr<Channel>> targets_;  // by consumer subtask (one for forward)
  std::vector<int> target_inputs_;                 // the receiver's input index for this producer
  size_t round_robin_ = 0;
  std::vector<uint64_t> hashes_;
  std::vector<std::vector<int32_t>> rows_;
  InstanceMetrics* metrics_ = nullptr;
};

class NodeInstance;

// The Output of one node instance: chained consumers and exchanges, each
// for the main output or one side output.
class Fanout final : public Output {
 public:
  struct Target {
    std::string side_tag;
    NodeInstance* chained = nullptr;
    std::unique_ptr<ExchangeWriter> exchange;
  };
  std::vector<Target> targets;
  InstanceMetrics* metrics = nullptr;  // counts rows out

  Status Emit(const columnar::RecordBatch& batch) override;
  Status EmitSide(const std::string& tag, const columnar::RecordBatch& batch) override;
  Status EmitWatermark(int64_t watermark) override;
  // Propagates idleness / end of input through the chain to every exchange.
  Status EmitControl(StreamElement::Kind kind);
};

// One node of a chain in one subtask: an operator, a sink writer, or (for a
// source head) nothing but its output.
class NodeInstance {
 public:
  const StreamNode* node = nullptr;
  OperatorContext ctx;
  std::unique_ptr<Operator> op;
  std::unique_ptr<SinkWriter> writer;
  std::unique_ptr<KeyedStateBackend> state;
  std::unique_ptr<TimerService> timers;
  Fanout output;
  std::vector<std::string> committables;  // prepared by the sink writer at the end
  InstanceMetrics* metrics = nullptr;     // rows in, watermark (set by the executor)
  // Checkpointing (null coordinator: off): this instance's index among all
  // instances of the job and its stable node key "<id>-<name>".
  checkpoint::CheckpointCoordinator* coordinator = nullptr;
  int instance = -1;
  std::string node_key;

  Status Open();
  Status Process(const columnar::RecordBatch& batch);
  Status Watermark(int64_t watermark);
  Status ProcessingTime(int64_t now);
  // Finishes this node, then its chained consumers, then ends the exchanges.
  Status Finish();

  // Barrier `id` reached this node: snapshots (splits of `reader` for a
  // source head, operator state, keyed state and timers per key group; sink
  // committables), writes the state file, acknowledges, then forwards the
  // barrier through the chain and the exchanges.
  Status Checkpoint(int64_t id, SourceReader* reader);
  // Restores this node (and not its chain) from the snapshots of its node in
  // a checkpoint: operator state of the same subtask; every key group it owns.
  Status Restore(const std::vector<const checkpoint::SubtaskSnapshot*>& snapshots,
                 const checkpoint::SubtaskSnapshot* same_subtask);
  // Checkpoint `id` completed: tells the operator, then the chain.
  Status NotifyComplete(int64_t id);

 private:
  Status Wrap(Status st) const;
};

}  // namespace sluice::stream::runtime
