#pragma once

#include <cstdint>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/expr/binder.h"

namespace sluice::expr {

// Evaluates `expr` (bound to the schema of `batch`) over every row, a whole
// column at a time. A column reference returns the column itself (no copy);
// other nodes give a new array of the node's type. SQL semantics: a null
// operand makes arithmetic and comparisons null; AND/OR/NOT are three-valued
// (FALSE AND NULL is FALSE, TRUE OR NULL is TRUE); integer arithmetic wraps
// (two's complement) and integer division or modulo by zero is null.
Result<columnar::ArrayPtr> Evaluate(const BoundExpr& expr, const columnar::RecordBatch& batch);

// Evaluates the bool `predicate` and returns one byte per row: 1 where it is
// true, 0 where it is false or null (a WHERE clause keeps the 1s).
Result<std::vector<uint8_t>> EvaluateSelection(const BoundExpr& predicate, const columnar::RecordBatch& batch);

// The rows of `batch` where `predicate` is true (the batch itself when all are).
Result<columnar::RecordBatch> FilterBatch(const BoundExpr& predicate, const columnar::RecordBatch& batch);

}  // namespace sluice::expr
