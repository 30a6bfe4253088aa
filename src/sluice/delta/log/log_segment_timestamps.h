#pragma once

#include <cstdint>
#include <optional>

#include "sluice/common/status.h"
#include "sluice/delta/log/log_segment.h"
#include "sluice/delta/protocol/actions.h"
#include "sluice/io/filesystem.h"

namespace sluice::delta {

// In-commit timestamps as configured by a table's metadata (PROTOCOL.md
// "In-Commit Timestamps").
struct InCommitTimestampConfig {
  bool enabled = false;
  int64_t enablement_version = 0;  // first version with an inCommitTimestamp
  std::optional<int64_t> enablement_timestamp;
};

// Reads delta.enableInCommitTimestamps and its enablement version/timestamp.
InCommitTimestampConfig GetInCommitTimestampConfig(const Metadata& metadata);

// Returns commitInfo.inCommitTimestamp of commit file `commit`, or nullopt
// when it has none.
Result<std::optional<int64_t>> ReadInCommitTimestamp(const io::FileSystem& fs, const LogFile& commit);

// Returns when `commit` was committed: its inCommitTimestamp when `ict` covers
// its version, else the file's modification time.
Result<int64_t> CommitTimestamp(const io::FileSystem& fs, const LogFile& commit, const InCommitTimestampConfig& ict);

// Returns the latest listed version committed at or before `timestamp_ms`
// (in-commit timestamps from the enablement version on, else modification
// times made monotonic as Spark does). Invalid naming the earliest commit's
// timestamp when `timestamp_ms` is before it.
Result<int64_t> VersionAtTimestamp(const io::FileSystem& fs, const LogListing& listing,
                                   const InCommitTimestampConfig& ict, int64_t timestamp_ms);

}  // namespace sluice::delta
