#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/checkpoint/checkpoint_coordinator.h"
#include "sluice/stream/graph/job_graph.h"
#include "sluice/stream/runtime/job_control.h"
#include "sluice/stream/runtime/task.h"

namespace sluice::stream::runtime {

// One subtask of a chain: its node instances and its input channel.
struct Task {
  int head = -1;
  int subtask = 0;
  std::vector<std::unique_ptr<NodeInstance>> nodes;  // chain order: head first
  std::shared_ptr<Channel> input;
  int num_inputs = 0;
  std::unique_ptr<SourceReader> reader;
};

// One run of a job graph: plans tasks (job.cc), runs their threads
// (job_loops.cc) and drives checkpoints, restore and commits
// (job_checkpoints.cc).
class Job {
 public:
  // `control` (may be null) carries savepoint and cancel requests from a client.
  Job(const JobGraph& g, const StreamOptions& o, JobControl* control);
  Status Run();

 private:
  Status Plan();
  // Instantiates node `id` (and its chained consumers) in `task`.
  Status BuildChain(Task* task, int id, NodeInstance** out);
  Status AssignSplits();
  // Hands every sink's final committables to its committer.
  Status CommitSinks();
  static std::string NodeKey(const StreamNode& n);
  // Numbers the instances, restores them from a checkpoint if asked, and
  // creates the coordinator.
  Status SetUpCheckpoints();
  // Loads checkpoint `dir`, restores every instance, re-commits its sinks.
  Result<int64_t> Restore(const std::string& dir);
  Status CommitTo(int64_t id, const std::vector<checkpoint::SinkCommittables>& sinks);
  // Injects a pending barrier and forwards completed-checkpoint notices.
  Status PollCheckpoints(Task* t, int64_t* last_barrier, int64_t* notified);
  void TriggerLoop();
  void Stop();
  Status RunSource(Task* t);
  Status RunTask(Task* t);
  Status PollProcessingTime(Task* t) { return t->nodes[0]->ProcessingTime(clock_->NowMillis()); }
  const JobGraph& g_;
  const StreamOptions& o_;
  JobControl* control_;
  std::shared_ptr<const Clock> clock_;
  std::shared_ptr<MetricsRegistry> metrics_;
  JobState state_;
  std::vector<std::vector<int>> consumers_;
  std::vector<std::vector<Task*>> head_tasks_;
  std::vector<std::vector<int>> input_offset_;
  std::vector<std::unique_ptr<Task>> tasks_;
  std::unique_ptr<checkpoint::CheckpointCoordinator> coord_;
  std::map<int, std::vector<std::vector<SourceSplit>>> restored_splits_;
  int64_t first_barrier_ = 0;  // barriers up to this id were taken before this run
  std::atomic<bool> tasks_done_{false};
  std::atomic<bool> stopped_{false};
};

}  // namespace sluice::stream::runtime
