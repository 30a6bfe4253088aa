#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sluice/stream/time/time.h"

namespace sluice::stream {

// Counters of one node instance (a source, operator or sink in one subtask).
// Only that instance's thread writes them, once per batch or watermark, with
// relaxed atomics; reporters read them from other threads.
struct InstanceMetrics {
  enum class Kind { kSource, kOperator, kSink };
  int node_id = 0;
  std::string node;
  Kind kind = Kind::kOperator;
  int subtask = 0;
  std::atomic<int64_t> records_in{0};   // rows received (read, for a source)
  std::atomic<int64_t> records_out{0};  // rows emitted (main and side outputs)
  std::atomic<int64_t> bytes_in{0};     // their Arrow data bytes (columnar::DataBytes)
  std::atomic<int64_t> bytes_out{0};
  // Time spent blocked sending to a full channel (backpressure from downstream).
  std::atomic<int64_t> backpressure_ns{0};
  std::atomic<int64_t> watermark{kMinTimestamp};
  // Sinks: the input watermark when the latest checkpoint barrier passed.
  std::atomic<int64_t> barrier_watermark{kMinTimestamp};

  void AddIn(int64_t rows, int64_t bytes) {
    records_in.fetch_add(rows, std::memory_order_relaxed);
    bytes_in.fetch_add(bytes, std::memory_order_relaxed);
  }
  void AddOut(int64_t rows, int64_t bytes) {
    records_out.fetch_add(rows, std::memory_order_relaxed);
    bytes_out.fetch_add(bytes, std::memory_order_relaxed);
  }
};

// Totals over the subtasks of one node.
struct NodeMetrics {
  int node_id = 0;
  std::string node;
  InstanceMetrics::Kind kind = InstanceMetrics::Kind::kOperator;
  int subtasks = 0;
  int64_t records_in = 0;
  int64_t records_out = 0;
  int64_t bytes_in = 0;
  int64_t bytes_out = 0;
  int64_t backpressure_ms = 0;        // summed over the subtasks
  int64_t watermark = kMinTimestamp;  // minimum over the subtasks that have one
  int64_t watermark_lag_ms = -1;      // snapshot wall time - watermark; -1 without one
};

// A point-in-time copy of a job's metrics.
struct MetricsSnapshot {
  int64_t wall_ms = 0;  // when it was taken (system clock)
  std::vector<NodeMetrics> nodes;
  int64_t source_rows = 0;                 // rows read by every source
  int64_t sink_rows = 0;                   // rows written to every sink
  int64_t sink_watermark = kMinTimestamp;  // minimum over sink instances
  int64_t commits = 0;                     // checkpoints (or final commits) committed to the sinks
  int64_t last_checkpoint = 0;             // id of the latest committed checkpoint
  int64_t last_latency_ms = -1;            // of the latest commit; -1 = none yet
  int64_t latency_p50_ms = -1;             // over the recent commits
  int64_t latency_p99_ms = -1;
  int64_t checkpoints = 0;                   // completed checkpoints and savepoints
  int64_t last_checkpoint_duration_ms = -1;  // trigger to commit point (_metadata written)
  int64_t last_checkpoint_bytes = -1;        // its state files

  // The snapshot as one JSON object (nodes as an array).
  std::string ToJson() const;
};

// The metrics of one job: node instances register when the job is planned;
// the runtime counts rows per batch and records checkpoints and commits.
//
// End-to-end latency of a commit: how long after an event it became visible
// in the sinks. With event time, a commit publishes every result up to the
// sinks' watermark at its barrier, so latency = commit time - that watermark
// (meaningful when event time follows the wall clock). Without event time it
// is the age of the commit's oldest possible row: commit time - when the
// previous checkpoint was triggered (rows read after that barrier go into
// this commit).
class MetricsRegistry {
 public:
  // Adds an instance; the pointer stays valid for the registry's lifetime.
  InstanceMetrics* Register(int node_id, std::string node, InstanceMetrics::Kind kind, int subtask);
  // Checkpoint `id` was triggered at wall time `now_ms`.
  void OnCheckpointTriggered(int64_t id, int64_t now_ms);
  // The sinks committed checkpoint `id` (0: the final commit of a job
  // without checkpoints) at wall time `now_ms`.
  void OnCommitted(int64_t id, int64_t now_ms);
  // Checkpoint (or savepoint) `id` completed after `duration_ms` with
  // `bytes` of state files.
  void OnCheckpointCompleted(int64_t id, int64_t duration_ms, int64_t bytes);
  // A copy of every counter, taken at wall time `now_ms`.
  MetricsSnapshot Snapshot(int64_t now_ms) const;

 private:
  mutable std::mutex mu_;
  std::deque<InstanceMetrics> instances_;  // deque: stable addresses
  int64_t start_ms_ = -1;                  // first trigger or commit reference
  int64_t previous_trigger_ms_ = -1;
  int64_t last_trigger_ms_ = -1;
  int64_t last_trigger_id_ = 0;
  int64_t commits_ = 0;
  int64_t last_checkpoint_ = 0;
  int64_t checkpoints_ = 0;
  int64_t last_checkpoint_duration_ms_ = -1;
  int64_t last_checkpoint_bytes_ = -1;
  std::deque<int64_t> latencies_ms_;  // the most recent commits, newest last
};

}  // namespace sluice::stream
