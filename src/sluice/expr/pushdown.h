#pragma once

// The forms of an expression that storage-side pruning understands: Delta's
// partition pruning and per-file statistics skipping take the leaves of a
// predicate that compare one column with literals, and treat every other
// leaf as "may match".
#include <optional>
#include <string>
#include <vector>

#include "sluice/expr/expr.h"

namespace sluice::expr {

// `column op values`: op is a comparison (one value), kIsNull / kIsNotNull
// (none) or kIn (the list). Values are the literals as written (a column
// type converts them: columnar::CastScalar).
struct ColumnPredicate {
  std::string column;  // as written; a dotted name may reach into structs
  Op op = Op::kEq;
  std::vector<Scalar> values;
};

// The leaf form of `e` when it is `column op literal`, `literal op column`
// (flipped), `column IS [NOT] NULL` or `column IN (literals)`; nullopt for any
// other shape (arithmetic, two columns, functions).
std::optional<ColumnPredicate> AsColumnPredicate(const Expr& e);

// The AND-ed parts of `e` (e itself when it is not an AND).
std::vector<Expr> Conjuncts(const Expr& e);

// The columns `e` references, each once, in first-use order.
std::vector<std::string> ReferencedColumns(const Expr& e);

// Returns true iff a comparison result `c` (<0, 0, >0) satisfies comparison `op`.
bool CompareHolds(int c, Op op);

}  // namespace sluice::expr
