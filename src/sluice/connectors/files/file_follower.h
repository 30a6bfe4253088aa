#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sluice/connectors/files/file_cursor.h"
#include "sluice/connectors/files/file_source.h"
#include "sluice/connectors/files/watch_position.h"
#include "sluice/stream/api/source.h"

namespace sluice::connectors {

// The id of a watched file source's one split.
inline constexpr const char* kFollowerSplitId = "watch";

// Reads the follower split of a watched file source (FileSource documents
// the rules): lists the paths at most every poll_interval_ms, queues the
// files not read yet that are ready, in (modification time, path) order, and
// reads them one after the other.
class FileFollower final : public stream::SourceReader {
 public:
  // `options` must outlive the reader; `start` is a fresh or restored position.
  FileFollower(const FileSourceOptions* options, WatchPosition start)
      : o_(options), cursor_(options), position_(std::move(start)) {}

  Result<stream::ReadResult> Read(int64_t max_rows) override;
  std::vector<stream::SourceSplit> SnapshotSplits() const override;

 private:
  // Lists the paths: forgets done files no longer listed, notes each file's
  // size and modification time, and queues the ready ones. Returns true iff
  // some new file is not ready yet (waiting to hold still).
  Result<bool> Poll();

  const FileSourceOptions* o_;
  FileCursor cursor_;
  WatchPosition position_;
  std::deque<std::string> queue_;  // ready files, in reading order
  // Size and modification time of each file at the previous listing.
  std::map<std::string, std::pair<int64_t, int64_t>> last_seen_;
  int64_t last_poll_ms_ = -1;
};

}  // namespace sluice::connectors
