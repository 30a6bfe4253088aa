#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/stream/checkpoint/snapshot_format.h"

namespace sluice::stream::checkpoint {

// File access of checkpoints on the local file system. (io::LocalFileSystem()
// is declared but not implemented on this branch; these few calls move onto it
// once it lands.)

// Writes `bytes` to `path` atomically (temp file, fsync, rename); creates parents.
Status WriteFileAtomic(const std::string& path, std::string_view bytes);
// Reads a whole file.
Result<std::string> ReadFile(const std::string& path);
// Removes a checkpoint directory: _metadata first, so a half-deleted
// checkpoint never looks complete.
Status RemoveCheckpointDir(const std::string& dir);

// "<dir>/chk-<id>".
std::string CheckpointDirFor(const std::string& checkpoint_dir, int64_t id);
// Ids of the complete checkpoints (with _metadata) in `checkpoint_dir`, ascending.
Result<std::vector<int64_t>> ListCompleteCheckpoints(const std::string& checkpoint_dir);
// Ids of every chk-<n> directory (complete or not), ascending.
Result<std::vector<int64_t>> ListCheckpointDirs(const std::string& checkpoint_dir);
// Resolves `restore_from`: a checkpoint or savepoint directory holding
// _metadata, or a checkpoint root whose latest complete checkpoint is used.
// Returns the directory; NotFound if there is nothing to restore.
Result<std::string> ResolveRestorePath(const std::string& restore_from);
// Reads and parses "<dir>/_metadata".
Result<CheckpointMetadata> LoadMetadata(const std::string& dir);

}  // namespace sluice::stream::checkpoint
