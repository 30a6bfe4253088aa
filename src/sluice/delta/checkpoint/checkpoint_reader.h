#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/delta/log/log_segment.h"
#include "sluice/delta/protocol/actions.h"
#include "sluice/io/file.h"
#include "sluice/io/filesystem.h"

namespace sluice::delta {

// The actions of a checkpoint by kind, each in file row order: adds and
// removes in their own vectors, built in place (a 100k-file checkpoint is
// not moved action by action through std::variant), all others in `others`.
struct CheckpointActions {
  std::vector<Add> adds;
  std::vector<Remove> removes;
  std::vector<Action> others;
  // FileKeyIndex::PathKeyHash of each add / remove, computed while its path
  // was in cache (log replay would otherwise re-read 100k cold paths); empty
  // when not computed.
  std::vector<uint32_t> add_key_hashes;
  std::vector<uint32_t> remove_key_hashes;
  // Room to leave in `adds` for adds appended after the checkpoint's (those
  // of the later commits), so that appending them moves no checkpoint add.
  size_t extra_adds = 0;
};

// Appends the actions stored in a Parquet checkpoint (classic, one part of a
// multi-part, a V2 top-level or a sidecar file) to `out`: the rows of the
// columns add, remove, metaData, protocol, txn, domainMetadata,
// checkpointMetadata, sidecar (absent columns are fine). add.stats is taken
// from the JSON string column; stats_parsed is ignored. Errors (Corrupt)
// name the file, the column and the row.
Status ReadParquetCheckpoint(std::unique_ptr<io::RandomAccessFile> file, CheckpointActions* out);
// The same, appending to one vector: the non-file actions, then the adds,
// then the removes (each in row order).
Status ReadParquetCheckpoint(std::unique_ptr<io::RandomAccessFile> file, std::vector<Action>* out);

// Appends every action of checkpoint `cp` to `out`: all parts, and for a V2
// checkpoint (JSON or Parquet top level) the actions of each sidecar in
// `<log_dir>/_sidecars/`.
Status ReadCheckpoint(const io::FileSystem& fs, const std::string& log_dir, const CheckpointFiles& cp,
                      CheckpointActions* out);
// The same, appending to one vector in the order of the overload above.
Status ReadCheckpoint(const io::FileSystem& fs, const std::string& log_dir, const CheckpointFiles& cp,
                      std::vector<Action>* out);

}  // namespace sluice::delta
