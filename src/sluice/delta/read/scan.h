#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/columnar/record_batch_reader.h"
#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"
#include "sluice/delta/snapshot/snapshot.h"
#include "sluice/expr/expr.h"

namespace sluice::delta {

struct ScanOptions {
  std::vector<std::string> columns;  // logical top-level names; empty = all (partition columns included)
  std::optional<expr::Expr> filter;  // used to skip files (partition values, stats); rows are filtered too
  int64_t batch_rows = 64 * 1024;
  // Read only these files of the snapshot (e.g. the files optimize
  // compacts), in this order, instead of all live files.
  std::optional<std::vector<Add>> files;
};

// Reads the rows of a snapshot: file pruning by partition values and
// per-file statistics, each data file read with sluice's Parquet reader,
// column mapping (name/id) resolved to logical names, partition columns
// materialised from partitionValues, deletion vectors applied.
class Scan final : public columnar::RecordBatchReader {
 public:
  static Result<std::unique_ptr<Scan>> Make(SnapshotPtr snapshot, ScanOptions options = {});
  // The schema of the batches.
  const columnar::SchemaPtr& schema() const override { return schema_; }
  // The files that survive pruning.
  const std::vector<Add>& files() const { return files_; }
  // Returns the next batch, or std::nullopt at the end.
  Result<std::optional<columnar::RecordBatch>> Next() override;
  ~Scan() override;

 private:
  Scan() = default;
  struct State;
  SnapshotPtr snapshot_;
  ScanOptions options_;
  columnar::SchemaPtr schema_;
  std::vector<Add> files_;
  std::unique_ptr<State> state_;
};

}  // namespace sluice::delta
