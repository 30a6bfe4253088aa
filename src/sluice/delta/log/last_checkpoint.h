#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sluice/common/status.h"

namespace sluice::delta {

// The content of `_delta_log/_last_checkpoint` (PROTOCOL.md "Last Checkpoint
// File Schema"): a hint pointing at the newest checkpoint. Only the fields
// sluice uses are parsed; the rest (checkpointSchema, checksum...) is ignored.
struct LastCheckpoint {
  int64_t version = 0;
  int64_t size = 0;              // actions in the checkpoint
  std::optional<int32_t> parts;  // multi-part checkpoints
  std::optional<int64_t> size_in_bytes;
  std::optional<int64_t> num_of_add_files;
  std::optional<std::string> v2_path;  // v2Checkpoint.path (file name inside _delta_log)
};

// Parses a _last_checkpoint file. Corrupt "<file_name>: ..." when it is not a
// JSON object with a non-negative integer "version" (callers fall back to
// listing the log then).
Result<LastCheckpoint> ParseLastCheckpoint(std::string_view json, const std::string& file_name);

// Returns the _last_checkpoint JSON for `cp` (for the checkpoint writer).
std::string SerializeLastCheckpoint(const LastCheckpoint& cp);

}  // namespace sluice::delta
