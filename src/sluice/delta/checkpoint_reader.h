#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/delta/actions.h"
#include "sluice/delta/log_segment.h"
#include "sluice/io/file.h"
#include "sluice/io/filesystem.h"

namespace sluice::delta {

// Appends the actions stored in a Parquet checkpoint (classic, one part of a
// multi-part, a V2 top-level or a sidecar file) to `out`: the rows of the
// columns add, remove, metaData, protocol, txn, domainMetadata,
// checkpointMetadata, sidecar (absent columns are fine). add.stats is taken
// from the JSON string column; stats_parsed is ignored. Errors (Corrupt)
// name the file, the column and the row.
Status ReadParquetCheckpoint(std::unique_ptr<io::RandomAccessFile> file, std::vector<Action>* out);

// Appends every action of checkpoint `cp` to `out`: all parts, and for a V2
// checkpoint (JSON or Parquet top level) the actions of each sidecar in
// `<log_dir>/_sidecars/`.
Status ReadCheckpoint(const io::FileSystem& fs, const std::string& log_dir, const CheckpointFiles& cp,
                      std::vector<Action>* out);

}  // namespace sluice::delta
