#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/delta/snapshot/snapshot.h"
#include "sluice/delta/txn/transaction.h"
#include "sluice/delta/write/data_writer.h"
#include "sluice/expr/expr.h"
#include "sluice/io/filesystem.h"

namespace sluice::delta {

// Table maintenance, as Spark's and delta-rs's RESTORE, VACUUM and OPTIMIZE.

struct RestoreResult {
  CommitResult commit;
  int64_t restored_version = -1;
  int64_t files_added = 0;    // files of the target version brought back
  int64_t files_removed = 0;  // files live now but not at the target version
};

// Rolls the table back (or forward) to the content of version/timestamp
// `target` in a new RESTORE commit: adds what the target had and the latest
// lacks, removes the rest, restores the target's metadata (the protocol is
// never downgraded). NotFound naming the file when a data file the target
// needs was vacuumed.
Result<RestoreResult> RestoreTable(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                   const VersionSpec& target);

struct VacuumOptions {
  // Files no longer referenced and older than this are deleted; default the
  // table's delta.deletedFileRetentionDuration (1 week).
  std::optional<int64_t> retention_ms;
  bool dry_run = false;
  // Allow a retention shorter than the table's (readers of old versions, and
  // writers still adding files, may then fail).
  bool force = false;
};

struct VacuumResult {
  std::vector<std::string> files;  // deleted (or, on a dry run, to delete), paths relative to the root
  int64_t bytes = 0;
};

// Deletes data files (and deletion-vector files) that no version within the
// retention period references and that are older than the retention: live
// files and their DVs, and files removed less than `retention` ago, stay;
// hidden files and folders (names starting with '_' or '.', except Hive
// partition folders) and the log are never touched. Records VACUUM START and
// VACUUM END commits unless dry_run or the table is one sluice does not
// write to (it needs only to read it). Invalid when the retention is shorter
// than the table's and !force.
Result<VacuumResult> VacuumTable(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                 const VacuumOptions& options = {});

struct OptimizeOptions {
  std::optional<expr::Expr> partition_filter;  // only these partitions (partition columns only)
  // Bin size; default the table's delta.targetFileSize, else 128 MiB.
  std::optional<int64_t> target_file_bytes;
  DataWriterOptions data;
};

struct OptimizeResult {
  CommitResult commit;  // version -1 when there was nothing to compact
  int64_t files_removed = 0;
  int64_t files_added = 0;
  int64_t bytes_removed = 0;
  int64_t bytes_added = 0;
};

// Bin-packs the small files of each partition (smaller than the target) into
// files of about the target size, in one OPTIMIZE commit with
// dataChange=false; deletion vectors are applied while rewriting. A
// concurrent removal of a compacted file makes the commit conflict.
Result<OptimizeResult> OptimizeTable(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                     const OptimizeOptions& options = {});

}  // namespace sluice::delta
