#pragma once

#include <cstdint>
#include <string_view>

#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"

namespace sluice::delta {

// Typed access to the `delta.*` table properties (metaData.configuration)
// that the write path honours, with Spark's defaults.

// delta.appendOnly: true iff the value is "true" (any case).
bool IsAppendOnly(const Metadata& metadata);

// delta.checkpointInterval (default 10). Invalid naming the value when it is
// not a positive integer.
Result<int64_t> CheckpointInterval(const Metadata& metadata);

// delta.deletedFileRetentionDuration in milliseconds (default "interval 1
// week"). Invalid naming the value when it does not parse.
Result<int64_t> DeletedFileRetentionMs(const Metadata& metadata);

// delta.logRetentionDuration in milliseconds (default "interval 30 days").
Result<int64_t> LogRetentionMs(const Metadata& metadata);

// delta.targetFileSize in bytes when set (a number, optionally with a b, kb,
// mb or gb suffix), else `fallback`. Invalid naming the value otherwise.
Result<int64_t> TargetFileSize(const Metadata& metadata, int64_t fallback);

// Parses a Spark calendar interval as Delta stores durations: "interval 1
// week", "interval 2 days 12 hours", "7 days" (the "interval" prefix is
// optional; units nanosecond..week, singular or plural, any case). Months and
// years have no fixed length and are refused. Returns milliseconds (sub-ms
// parts truncated); Invalid naming the text when it does not parse.
Result<int64_t> ParseIntervalMs(std::string_view text);

}  // namespace sluice::delta
