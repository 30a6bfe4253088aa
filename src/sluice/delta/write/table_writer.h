#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluice/columnar/record_batch_reader.h"
#include "sluice/common/status.h"
#include "sluice/delta/txn/transaction.h"
#include "sluice/delta/write/data_writer.h"
#include "sluice/expr/expr.h"
#include "sluice/io/filesystem.h"

namespace sluice::delta {

enum class SaveMode { kAppend, kOverwrite };

struct WriteOptions {
  SaveMode mode = SaveMode::kAppend;
  // With kOverwrite: replace only the rows matching this predicate, which may
  // use partition columns only (whole files are removed); every written row
  // must match it too (Invalid otherwise, as Delta checks).
  std::optional<expr::Expr> replace_where;
  bool merge_schema = false;      // add the input's new columns to the table
  bool overwrite_schema = false;  // kOverwrite of the whole table: take the input's schema
  // For a table created by this write: partition columns (an existing table
  // must already have exactly these, or the option left empty), properties,
  // name and description.
  std::vector<std::string> partition_columns;
  std::map<std::string, std::string> configuration;
  std::optional<std::string> name;
  std::optional<std::string> description;
  DataWriterOptions data;
  // Exactly-once writers: the app id and version to record in the commit.
  std::optional<Txn> txn;
  // Passed to the commit (operation metrics and parameters are filled in).
  bool checkpoint = true;
};

// Creates an empty table with `schema` (converted to Delta types) at version
// 0. Conflict when the table exists.
Result<CommitResult> CreateTable(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                 const columnar::Schema& schema, const WriteOptions& options = {});

// Writes every batch of `input` into the table in one commit: an append, an
// overwrite of the whole table, or a replaceWhere of some partitions. The
// table is created when missing (with the input's schema converted to Delta
// types). Batches are fitted to the table schema (schema_enforcement.h).
// Data files are written first and become visible only with the commit; on
// any error they are deleted and the table is untouched.
Result<CommitResult> WriteTable(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                columnar::RecordBatchReader& input, const WriteOptions& options = {});

// Deletes the rows whose partition values match `predicate` (partition
// columns only) by removing whole files, in one DELETE commit.
Result<CommitResult> DeletePartitions(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                      const expr::Expr& predicate);

// Returns the live files of `snapshot` whose partition values satisfy
// `predicate`; Invalid when it names a column that is not a partition column.
Result<std::vector<Add>> FilesMatchingPartitions(const Snapshot& snapshot, const expr::Expr& predicate);

// A Remove for a live file, as Spark writes it (extendedFileMetadata with
// partition values and size; deletionTimestamp = now).
Remove RemoveFor(const Add& add, int64_t now_ms, bool data_change = true);

// Deletes the data files of `adds` (written but not committed), best effort.
void DeleteDataFiles(const io::FileSystem& fs, const std::string& table_root, const std::vector<Add>& adds);

// Renders a predicate back as text (for commitInfo operationParameters).
std::string PredicateToString(const expr::Expr& p);

}  // namespace sluice::delta
