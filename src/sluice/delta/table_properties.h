#pragma once

#include <cstdint>
#include <string_view>

#include "sluice/common/status.h"
#include "sluice/delta/actions.h"

namespace sluice::delta {

// Parses a Delta interval property ("interval 1 week", "interval 30 days",
// "7 days", "interval 2 hours 30 minutes", "0 seconds") into milliseconds.
// Units: week(s), day(s), hour(s), minute(s), second(s), millisecond(s),
// microsecond(s) (rounded down), case-insensitive. Invalid naming the text.
Result<int64_t> ParseIntervalMs(std::string_view text);

// delta.deletedFileRetentionDuration (default 1 week), in ms.
Result<int64_t> DeletedFileRetentionMs(const Metadata& metadata);
// delta.logRetentionDuration (default 30 days), in ms.
Result<int64_t> LogRetentionMs(const Metadata& metadata);
// delta.checkpointInterval (default 10); Invalid unless a positive integer.
Result<int64_t> CheckpointInterval(const Metadata& metadata);
// delta.targetFileSize in bytes when set (a number, optionally with a b, kb,
// mb, gb suffix), else `fallback`.
Result<int64_t> TargetFileSize(const Metadata& metadata, int64_t fallback);

}  // namespace sluice::delta
