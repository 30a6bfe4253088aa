#include "sluice/stream/checkpoint/checkpoint_coordinator.h"

#include <algorithm>
#include <filesystem>

#include "sluice/stream/checkpoint/checkpoint_storage.h"

namespace sluice::stream::checkpoint {
namespace {

void AddCommittables(std::vector<SinkCommittables>* all, const std::string& node, std::vector<std::string> c) {
  if (node.empty()) return;
  for (auto& s : *all) {
    if (s.node == node) {
      for (auto& x : c) s.committables.push_back(std::move(x));
      return;
    }
  }
  all->push_back(SinkCommittables{node, std::move(c)});
}

}  // namespace

CheckpointCoordinator::CheckpointCoordinator(std::string checkpoint_dir, int retain, int num_instances,
                                             int64_t first_id, CommitFn commit)
    : checkpoint_dir_(std::move(checkpoint_dir)),
      retain_(retain < 1 ? 1 : retain),
      num_instances_(num_instances),
      commit_(std::move(commit)),
      triggered_(first_id - 1),
      next_id_(first_id) {}

int64_t CheckpointCoordinator::Trigger() {
  std::lock_guard<std::mutex> lock(mu_);
  if (pending_ != 0 || static_cast<int>(finished_.size()) == num_instances_) return 0;
  pending_ = next_id_++;
  pending_start_ = std::chrono::steady_clock::now();
  pending_savepoint_ = !savepoint_request_.empty();
  pending_dir_ = pending_savepoint_ ? savepoint_request_ : CheckpointDirFor(checkpoint_dir_, pending_);
  savepoint_request_.clear();
  acked_.clear();
  files_.clear();
  sinks_.clear();
  triggered_ = pending_;
  return pending_;
}

void CheckpointCoordinator::RequestSavepoint(std::string dir) {
  std::lock_guard<std::mutex> lock(mu_);
  savepoint_request_ = std::move(dir);
}

std::string CheckpointCoordinator::DirFor(int64_t id) const {
  std::lock_guard<std::mutex> lock(mu_);
  return id == pending_ ? pending_dir_ : CheckpointDirFor(checkpoint_dir_, id);
}

Status CheckpointCoordinator::Acknowledge(int64_t id, int instance, StateFileEntry file, std::string sink_node,
                                          std::vector<std::string> committables) {
  std::lock_guard<std::mutex> lock(mu_);
  if (id != pending_) return Status::Invalid("checkpoint {} acknowledged but {} is in flight", id, pending_);
  if (!acked_.insert(instance).second) return Status::Invalid("checkpoint {}: instance {} acked twice", id, instance);
  if (!file.file.empty()) files_.push_back(std::move(file));
  AddCommittables(&sinks_, sink_node, std::move(committables));
  return MaybeComplete();
}

Status CheckpointCoordinator::Finished(int instance, std::string sink_node, std::vector<std::string> committables) {
  std::lock_guard<std::mutex> lock(mu_);
  finished_.insert(instance);
  AddCommittables(&leftover_, sink_node, std::move(committables));
  return MaybeComplete();
}

Status CheckpointCoordinator::MaybeComplete() {
  if (pending_ == 0) return Status::OK();
  for (int i = 0; i < num_instances_; ++i) {
    if (!acked_.count(i) && !finished_.count(i)) return Status::OK();
  }
  return Complete(pending_, pending_dir_, pending_savepoint_);
}

Status CheckpointCoordinator::Complete(int64_t id, const std::string& dir, bool savepoint) {
  CheckpointMetadata m;
  m.checkpoint_id = id;
  m.savepoint = savepoint;
  m.files = std::move(files_);
  m.sinks = std::move(sinks_);
  for (auto& s : leftover_) AddCommittables(&m.sinks, s.node, std::move(s.committables));
  leftover_.clear();
  files_.clear();
  sinks_.clear();
  // The commit point: readers see either no _metadata or all of it.
  SLUICE_RETURN_NOT_OK(WriteFileAtomic(dir + "/_metadata", EncodeMetadata(m)));
  Stats stats;
  if (pending_ == id) {
    stats.duration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - pending_start_)
            .count();
  }
  for (const auto& f : m.files) {
    std::error_code ec;
    auto size = std::filesystem::file_size(dir + "/" + f.file, ec);
    if (!ec) stats.bytes += static_cast<int64_t>(size);
  }
  pending_ = 0;
  Status st = commit_ ? commit_(id, m.sinks, stats) : Status::OK();
  if (!st.ok()) return st.WithContext(fmt::format("commit of checkpoint {}", id));
  completed_ = id;
  if (savepoint) completed_savepoint_ = id;
  return savepoint ? Status::OK() : ApplyRetention();
}

Result<int64_t> CheckpointCoordinator::CompleteFinal() {
  std::lock_guard<std::mutex> lock(mu_);
  if (pending_ != 0) return Status::Invalid("final checkpoint: checkpoint {} still in flight", pending_);
  int64_t id = next_id_++;
  triggered_ = id;
  SLUICE_RETURN_NOT_OK(Complete(id, CheckpointDirFor(checkpoint_dir_, id), false));
  return id;
}

Status CheckpointCoordinator::ApplyRetention() {
  SLUICE_ASSIGN_OR_RETURN(std::vector<int64_t> ids, ListCheckpointDirs(checkpoint_dir_));
  const int64_t current = completed_.load();
  // Keep the newest `retain_` complete checkpoints; drop older ones and any
  // abandoned (incomplete) directory older than the current one.
  SLUICE_ASSIGN_OR_RETURN(std::vector<int64_t> done, ListCompleteCheckpoints(checkpoint_dir_));
  int64_t oldest_kept = done.size() > static_cast<size_t>(retain_) ? done[done.size() - retain_] : 0;
  for (int64_t id : ids) {
    if (id >= current) continue;
    bool complete = std::binary_search(done.begin(), done.end(), id);
    if (!complete || id < oldest_kept) {
      SLUICE_RETURN_NOT_OK(RemoveCheckpointDir(CheckpointDirFor(checkpoint_dir_, id)));
    }
  }
  return Status::OK();
}

}  // namespace sluice::stream::checkpoint
