#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/stream/checkpoint/snapshot_format.h"

namespace sluice::stream::checkpoint {

// Drives aligned-barrier checkpoints of one job. Every node instance (one
// operator, source head or sink writer in one subtask) either acknowledges
// checkpoint n after it snapshotted at barrier n, or has finished (end of
// bounded input: it has nothing left to snapshot). When every instance is
// accounted for, the coordinator writes chk-<n>/_metadata atomically (the
// commit point), then calls the commit function with the sink committables,
// then publishes n as completed. At most one checkpoint is in flight.
class CheckpointCoordinator {
 public:
  // What a completed checkpoint took.
  struct Stats {
    int64_t duration_ms = 0;  // trigger to commit point (0 for the final checkpoint)
    int64_t bytes = 0;        // its state files
  };
  // Commits the committables of checkpoint `id` to the sinks (idempotently).
  using CommitFn = std::function<Status(int64_t id, const std::vector<SinkCommittables>& sinks, const Stats& stats)>;

  // `num_instances` instances take part; checkpoints go to `checkpoint_dir`
  // (chk-<n>), the last `retain` complete ones are kept; ids start at `first_id`.
  CheckpointCoordinator(std::string checkpoint_dir, int retain, int num_instances, int64_t first_id, CommitFn commit);

  // Starts the next checkpoint unless one is in flight; returns its id or 0.
  int64_t Trigger();
  // The next triggered checkpoint is a savepoint written to `dir` (kept forever).
  void RequestSavepoint(std::string dir);
  // Whether a requested savepoint has not been triggered yet.
  bool savepoint_requested() const {
    std::lock_guard<std::mutex> lock(mu_);
    return !savepoint_request_.empty();
  }
  // Id of the latest triggered checkpoint (sources inject barriers up to it).
  int64_t triggered() const { return triggered_.load(); }
  // Id of the latest completed checkpoint (0 = none yet).
  int64_t completed() const { return completed_.load(); }
  // Id of the latest completed savepoint (0 = none yet).
  int64_t completed_savepoint() const { return completed_savepoint_.load(); }
  // Directory of in-flight checkpoint `id` (where acked state files go).
  std::string DirFor(int64_t id) const;

  // Instance `instance` snapshotted checkpoint `id`: `file` names its state
  // file (file.file empty: no state); sinks pass their committables.
  Status Acknowledge(int64_t id, int instance, StateFileEntry file, std::string sink_node,
                     std::vector<std::string> committables);
  // Instance `instance` finished; sinks pass their last committables, which
  // go with the next checkpoint that completes.
  Status Finished(int instance, std::string sink_node, std::vector<std::string> committables);
  // End of a bounded job (every instance finished): takes the final
  // checkpoint, committing whatever is left. Returns its id.
  Result<int64_t> CompleteFinal();

 private:
  Status MaybeComplete();  // mu_ held
  Status Complete(int64_t id, const std::string& dir, bool savepoint);
  Status ApplyRetention();

  const std::string checkpoint_dir_;
  const int retain_;
  const int num_instances_;
  CommitFn commit_;
  mutable std::mutex mu_;
  std::atomic<int64_t> triggered_;
  std::atomic<int64_t> completed_{0};
  std::atomic<int64_t> completed_savepoint_{0};
  int64_t next_id_;
  int64_t pending_ = 0;  // in-flight id, 0 = none
  std::string pending_dir_;
  std::chrono::steady_clock::time_point pending_start_;
  bool pending_savepoint_ = false;
  std::string savepoint_request_;
  std::set<int> acked_;
  std::set<int> finished_;
  std::vector<StateFileEntry> files_;
  std::vector<SinkCommittables> sinks_;     // of the pending checkpoint
  std::vector<SinkCommittables> leftover_;  // from finished sinks, for the next checkpoint
};

}  // namespace sluice::stream::checkpoint
