#include "sluice/connectors/files/file_follower.h"

#include <algorithm>
#include <chrono>
#include <tuple>

#include "sluice/common/clock.h"
#include "sluice/connectors/files/file_listing.h"

namespace sluice::connectors {
namespace {}  // namespace

Result<stream::ReadResult> FileFollower::Read(int64_t) {
  while (true) {
    if (!position_.current.empty()) {
      SLUICE_ASSIGN_OR_RETURN(auto batch, cursor_.Next(position_.current, &position_.rows));
      if (batch) return stream::ReadResult{stream::ReadResult::Kind::kBatch, std::move(*batch)};
      position_.done.insert(std::move(position_.current));
      position_.current.clear();
      position_.rows = 0;
      continue;
    }
    if (!queue_.empty()) {
      position_.current = std::move(queue_.front());
      queue_.pop_front();
      continue;
    }
    const int64_t now = MonotonicMillis();
    if (last_poll_ms_ >= 0 && now - last_poll_ms_ < o_->poll_interval_ms) {
      return stream::ReadResult{stream::ReadResult::Kind::kNothingYet, {}};
    }
    last_poll_ms_ = now;
    SLUICE_ASSIGN_OR_RETURN(bool waiting, Poll());
    if (queue_.empty()) {
      // Nothing left to read and nothing waiting to become stable.
      if (!waiting && o_->stop && o_->stop()) return stream::ReadResult{stream::ReadResult::Kind::kEnd, {}};
      return stream::ReadResult{stream::ReadResult::Kind::kNothingYet, {}};
    }
  }
}

Result<bool> FileFollower::Poll() {
  SLUICE_ASSIGN_OR_RETURN(std::vector<io::FileInfo> files,
                          ListDataFiles(*io::LocalFileSystem(), o_->paths, o_->name_pattern,
                                        /*missing_files_ok=*/true));
  // Done files that are gone are forgotten (both lists are sorted by path).
  auto f = files.begin();
  for (auto it = position_.done.begin(); it != position_.done.end();) {
    while (f != files.end() && f->path < *it) ++f;
    if (f != files.end() && f->path == *it) {
      ++it;
    } else {
      it = position_.done.erase(it);
    }
  }
  std::map<std::string, std::pair<int64_t, int64_t>> seen;
  std::vector<const io::FileInfo*> ready;
  bool waiting = false;
  for (const io::FileInfo& f : files) {
    const std::pair<int64_t, int64_t> state{f.size, f.modification_time_ms};
    if (position_.done.count(f.path) || f.path == position_.current) continue;
    seen.emplace(f.path, state);
    if (o_->wait_for_stable_files) {
      auto it = last_seen_.find(f.path);
      if (it == last_seen_.end() || it->second != state) {
        waiting = true;
        continue;
      }
    }
    ready.push_back(&f);
  }
  last_seen_ = std::move(seen);
  std::sort(ready.begin(), ready.end(), [](const io::FileInfo* a, const io::FileInfo* b) {
    return std::tie(a->modification_time_ms, a->path) < std::tie(b->modification_time_ms, b->path);
  });
  for (const io::FileInfo* f : ready) queue_.push_back(f->path);
  return waiting;
}

std::vector<stream::SourceSplit> FileFollower::SnapshotSplits() const {
  return {stream::SourceSplit{kFollowerSplitId, EncodeWatchPosition(position_)}};
}

}  // namespace sluice::connectors
