// Exact evaluation of partition-only predicates on a file's partition values
// (replaceWhere, partition deletes, optimize filters): each file's values
// become a one-row batch the bound predicate is evaluated over, so every
// expression the IR has works here with the row filter's semantics.
#include <fmt/format.h>

#include <algorithm>

#include "sluice/columnar/scalar_cast.h"
#include "sluice/delta/read/partition_values.h"
#include "sluice/delta/write/table_writer.h"
#include "sluice/expr/evaluate.h"
#include "sluice/expr/pushdown.h"

namespace sluice::delta {

Result<std::vector<Add>> FilesMatchingPartitions(const Snapshot& snapshot, const expr::Expr& predicate) {
  const columnar::Schema& schema = *snapshot.schema();
  const std::vector<std::string>& partition_columns = snapshot.metadata().partition_columns;
  // The partition columns, in the order of the table schema.
  auto partitions = std::make_shared<columnar::Schema>();
  for (const auto& f : schema.fields) {
    if (std::find(partition_columns.begin(), partition_columns.end(), f->name) != partition_columns.end()) {
      partitions->fields.push_back(f);
    }
  }
  for (const std::string& c : expr::ReferencedColumns(predicate)) {
    if (partitions->FieldIndex(c) >= 0) continue;
    if (schema.FieldIndex(c) < 0) return Status::Invalid("the table has no column '{}'", c);
    return Status::Invalid(
        "'{}' is not a partition column (partition columns: [{}]); only partition columns may be used here", c,
        fmt::join(partition_columns, ", "));
  }
  SLUICE_ASSIGN_OR_RETURN(expr::BoundExpr bound, expr::BindPredicate(predicate, *partitions));
  std::vector<Add> out;
  columnar::RecordBatch row{partitions, 1, {}};
  for (const Add& add : snapshot.files()) {
    row.columns.clear();
    for (const auto& f : partitions->fields) {
      auto it = add.partition_values.find(f->name);
      std::optional<std::string> text = it == add.partition_values.end() ? std::nullopt : it->second;
      auto v = ParsePartitionValue(*f->type, text);
      if (!v.ok()) return v.status().WithContext("file " + add.path);
      SLUICE_ASSIGN_OR_RETURN(auto column, columnar::MakeConstantArray(f->type, *v, 1));
      row.columns.push_back(std::move(column));
    }
    SLUICE_ASSIGN_OR_RETURN(std::vector<uint8_t> keep, expr::EvaluateSelection(bound, row));
    if (keep[0]) out.push_back(add);
  }
  return out;
}

std::string PredicateToString(const expr::Expr& p) { return p.ToString(); }

}  // namespace sluice::delta
