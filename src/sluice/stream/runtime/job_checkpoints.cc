#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <thread>

#include "sluice/common/clock.h"
#include "sluice/stream/checkpoint/checkpoint_storage.h"
#include "sluice/stream/runtime/job.h"
#include "sluice/stream/runtime/job_control.h"

namespace sluice::stream::runtime {

std::string Job::NodeKey(const StreamNode& n) {
  std::string key = std::to_string(n.id) + "-";
  for (char ch : n.name) key += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_') ? ch : '_';
  return key;
}

Status Job::SetUpCheckpoints() {
  int instances = 0;
  for (auto& t : tasks_) {
    for (auto& ni : t->nodes) {
      ni->instance = instances++;
      ni->node_key = NodeKey(*ni->node);
    }
  }
  std::string restore = o_.restore_from;
  if (restore.empty() && o_.restore_latest) {
    SLUICE_ASSIGN_OR_RETURN(auto done, checkpoint::ListCompleteCheckpoints(o_.checkpoint_dir));
    if (!done.empty()) restore = checkpoint::CheckpointDirFor(o_.checkpoint_dir, done.back());
  }
  int64_t first_id = 1;
  if (!restore.empty()) {
    SLUICE_ASSIGN_OR_RETURN(std::string dir, checkpoint::ResolveRestorePath(restore));
    SLUICE_ASSIGN_OR_RETURN(int64_t id, Restore(dir));
    first_id = id + 1;
  }
  if (o_.checkpoint_dir.empty()) return Status::OK();
  SLUICE_ASSIGN_OR_RETURN(auto dirs, checkpoint::ListCheckpointDirs(o_.checkpoint_dir));
  if (!dirs.empty()) first_id = std::max(first_id, dirs.back() + 1);
  first_barrier_ = first_id - 1;
  coord_ = std::make_unique<checkpoint::CheckpointCoordinator>(
      o_.checkpoint_dir, o_.checkpoints_retained, instances, first_id,
      [this](int64_t id, const std::vector<checkpoint::SinkCommittables>& sinks,
             const checkpoint::CheckpointCoordinator::Stats& stats) {
        metrics_->OnCheckpointCompleted(id, stats.duration_ms, stats.bytes);
        SLUICE_RETURN_NOT_OK(CommitTo(id, sinks));
        metrics_->OnCommitted(id, WallMillis());
        return Status::OK();
      });
  for (auto& t : tasks_) {
    for (auto& ni : t->nodes) ni->coordinator = coord_.get();
  }
  return Status::OK();
}

Result<int64_t> Job::Restore(const std::string& dir) {
  SLUICE_ASSIGN_OR_RETURN(checkpoint::CheckpointMetadata meta, checkpoint::LoadMetadata(dir));
  std::map<std::string, std::vector<std::pair<int, checkpoint::SubtaskSnapshot>>> by_node;
  for (const auto& f : meta.files) {
    SLUICE_ASSIGN_OR_RETURN(std::string bytes, checkpoint::ReadFile(dir + "/" + f.file));
    auto snap = checkpoint::DecodeSubtaskSnapshot(bytes);
    if (!snap.ok()) return snap.status().WithContext(dir + "/" + f.file);
    by_node[f.node].emplace_back(f.subtask, std::move(snap).value());
  }
  for (auto& [key, list] : by_node) {
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  for (auto& t : tasks_) {
    for (auto& ni : t->nodes) {
      std::vector<const checkpoint::SubtaskSnapshot*> all;
      const checkpoint::SubtaskSnapshot* same = nullptr;
      for (const auto& [sub, snap] : by_node[ni->node_key]) {
        all.push_back(&snap);
        if (sub == ni->ctx.subtask) same = &snap;
      }
      SLUICE_RETURN_NOT_OK(ni->Restore(all, same));
    }
  }
  // Source splits: at the same parallelism each subtask gets its own splits
  // back, in its order (a reader's event time stays monotonic, so rows that
  // were on time stay on time); otherwise every snapshotted split is dealt
  // round robin over the new parallelism. Sources without any are finished.
  for (const auto& node : g_.nodes) {
    if (!node.source) continue;
    auto& assigned = restored_splits_[node.id];
    assigned.assign(node.parallelism, {});
    bool same_parallelism = true;
    for (const auto& f : meta.files) {
      if (f.node == NodeKey(node)) same_parallelism = same_parallelism && f.parallelism == node.parallelism;
    }
    size_t j = 0;
    for (const auto& [sub, snap] : by_node[NodeKey(node)]) {
      for (const auto& sp : snap.splits) {
        assigned[same_parallelism && sub < node.parallelism ? sub : j % node.parallelism].push_back(sp);
        ++j;
      }
    }
  }
  // A commit interrupted after the checkpoint completed is re-run (sinks are idempotent).
  SLUICE_RETURN_NOT_OK(CommitTo(meta.checkpoint_id, meta.sinks));
  return meta.checkpoint_id;
}

Status Job::CommitTo(int64_t id, const std::vector<checkpoint::SinkCommittables>& sinks) {
  for (const auto& node : g_.nodes) {
    if (!node.sink) continue;
    std::vector<std::string> c;
    for (const auto& s : sinks) {
      if (s.node == NodeKey(node)) c = s.committables;
    }
    Status st = node.sink->Commit(id, std::move(c));
    if (!st.ok()) return st.WithContext("sink '" + node.name + "' commit");
  }
  return Status::OK();
}

Status Job::PollCheckpoints(Task* t, int64_t* last_barrier, int64_t* notified) {
  if (!coord_) return Status::OK();
  if (t->reader && coord_->triggered() > *last_barrier) {
    *last_barrier = coord_->triggered();
    SLUICE_RETURN_NOT_OK(t->nodes[0]->Checkpoint(*last_barrier, t->reader.get()));
  }
  int64_t done = coord_->completed();
  if (done > *notified) {
    *notified = done;
    SLUICE_RETURN_NOT_OK(t->nodes[0]->NotifyComplete(done));
  }
  return Status::OK();
}

void Job::TriggerLoop() {
  using namespace std::chrono;
  const int64_t interval = o_.checkpoint_interval_ms;
  auto next = steady_clock::now() + milliseconds(interval);
  // The savepoint asked for and not completed yet: by the client, or the
  // one the options schedule after `savepoint_after_checkpoints` checkpoints.
  std::optional<JobControl::SavepointRequest> savepoint;
  bool from_client = false;
  int64_t savepoint_base = 0;  // completed_savepoint() when it was requested
  bool scheduled_done = false;
  int64_t due_count = 0;
  while (!tasks_done_ && !state_.cancelled) {
    std::this_thread::sleep_for(milliseconds(std::min<int64_t>(interval > 0 ? interval : 20, 20)));
    if (control_ && control_->cancel_requested()) {
      Stop();
      return;
    }
    if (!coord_) {  // checkpointing is off: savepoints cannot be taken
      if (control_ && control_->TakeSavepointRequest()) {
        control_->SavepointDone(Status::Invalid("savepoint: checkpointing is off (no checkpoint_dir)"));
      }
      continue;
    }
    if (savepoint && coord_->completed_savepoint() > savepoint_base) {
      if (from_client) control_->SavepointDone(Status::OK());
      bool stop = savepoint->stop;
      savepoint.reset();
      if (stop) {
        Stop();
        return;
      }
    }
    const bool due = interval > 0 && steady_clock::now() >= next;
    if (due) {
      ++due_count;
      next = steady_clock::now() + milliseconds(interval);
    }
    const bool had_savepoint = savepoint.has_value();
    if (!savepoint && control_) {
      savepoint = control_->TakeSavepointRequest();
      from_client = savepoint.has_value();
    }
    if (!savepoint && !scheduled_done && due && o_.savepoint_after_checkpoints > 0 && !o_.savepoint_dir.empty() &&
        due_count > o_.savepoint_after_checkpoints && coord_->completed() > first_barrier_) {
      savepoint = JobControl::SavepointRequest{o_.savepoint_dir, o_.stop_after_savepoint};
      from_client = false;
      scheduled_done = true;
    }
    if (savepoint && !had_savepoint) {  // the next trigger takes it
      savepoint_base = coord_->completed_savepoint();
      coord_->RequestSavepoint(savepoint->dir);
    }
    // A requested savepoint is triggered at once; checkpoints when due.
    if (!due && !(savepoint && coord_->savepoint_requested())) continue;
    if (int64_t id = coord_->Trigger(); id > 0) metrics_->OnCheckpointTriggered(id, WallMillis());
  }
}

void Job::Stop() {
  stopped_ = true;
  state_.cancelled = true;
  for (auto& c : state_.channels) c->Close();
}

}  // namespace sluice::stream::runtime
