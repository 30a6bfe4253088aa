#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/io/filesystem.h"

namespace sluice::delta {

// One file of the `_delta_log` folder.
struct LogFile {
  std::string path;  // full file-system path
  int64_t version = 0;
  int64_t size = 0;
  int64_t modification_time_ms = 0;
};

enum class CheckpointKind { kClassic, kMultiPart, kV2 };

// A complete checkpoint at one version: one file (classic, V2 top-level) or
// every part of a multi-part checkpoint, in part order.
struct CheckpointFiles {
  int64_t version = 0;
  CheckpointKind kind = CheckpointKind::kClassic;
  std::vector<LogFile> files;
};

// What a listing of `_delta_log` holds, by kind, each sorted by version.
struct LogListing {
  std::string log_dir;                       // "<table_root>/_delta_log"
  std::vector<LogFile> commits;              // NNNNNNNNNNNNNNNNNNNN.json
  std::vector<CheckpointFiles> checkpoints;  // complete ones only (all parts present)
  bool has_last_checkpoint = false;
};

// The files needed to rebuild one version: a checkpoint (optional) and the
// contiguous commits after it up to `version`.
struct LogSegment {
  std::string log_dir;
  int64_t version = -1;
  std::optional<CheckpointFiles> checkpoint;
  std::vector<LogFile> commits;  // versions checkpoint+1 .. version, ascending
  // The commit file of `version` itself when listed (for its timestamp), even
  // when the checkpoint covers it.
  std::optional<LogFile> version_commit;
};

// Kind of a file name inside `_delta_log`, with its version(s).
struct LogFileName {
  enum Kind { kCommit, kClassicCheckpoint, kMultiPartCheckpoint, kV2Checkpoint, kCompaction, kOther };
  Kind kind = kOther;
  int64_t version = -1;
  int32_t part = 0;          // multi-part: 1-based part number
  int32_t num_parts = 0;     // multi-part: total parts
  int64_t end_version = -1;  // compaction X.Y.compacted.json: Y
};

// Classifies a file name (no directory) of the log folder.
LogFileName ParseLogFileName(std::string_view name);

// Returns the 20-digit zero-padded file name of commit `version`.
std::string CommitFileName(int64_t version);

// Lists `<table_root>/_delta_log`, or with `from_version` only the files of
// versions >= from_version (and _last_checkpoint). NotFound "<root>: not a
// Delta table (no _delta_log)" when the folder is missing.
Result<LogListing> ListLog(const io::FileSystem& fs, const std::string& table_root,
                           std::optional<int64_t> from_version = std::nullopt);

// Chooses the newest complete checkpoint at or before `version` (latest when
// absent) and the commits after it, checking they are contiguous. Corrupt
// names a missing version; NotFound when `version` is beyond the newest or
// cannot be rebuilt (older than the oldest checkpoint whose earlier commits
// were removed).
Result<LogSegment> BuildLogSegment(const LogListing& listing, std::optional<int64_t> version);

}  // namespace sluice::delta
