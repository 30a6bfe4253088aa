#pragma once

#include <memory>
#include <optional>
#include <string>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"
#include "sluice/delta/schema/column_mapping.h"
#include "sluice/expr/expr.h"

namespace sluice::delta {

// File pruning for a predicate (PROTOCOL.md "Per-file Statistics"). Never
// drops a file that could hold a matching row: missing or unusable stats keep
// the file; truncated string maxima and millisecond timestamp stats are used
// as loose bounds; nullCount is trusted only when tight or 0 / numRecords.
class FileSkipper {
 public:
  // Binds `predicate` to the logical `schema` (columns resolved by name, a
  // dotted name reaching into structs; literals coerced to column types);
  // Invalid naming an unknown column or a literal of the wrong type.
  static Result<FileSkipper> Make(const columnar::SchemaPtr& schema, const std::vector<std::string>& partition_columns,
                                  ColumnMappingMode mode, const expr::Expr& predicate);
  // Returns false only when no row of `file` can satisfy the predicate.
  bool MayMatch(const Add& file) const;

  struct Bound;  // the predicate with resolved columns (data_skipping.cc)
  FileSkipper(FileSkipper&&) noexcept;
  FileSkipper& operator=(FileSkipper&&) noexcept;
  ~FileSkipper();

 private:
  FileSkipper() = default;
  std::unique_ptr<Bound> bound_;
};

}  // namespace sluice::delta
