#pragma once

#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/expr/expr.h"

namespace sluice::expr {

// An expression resolved against a schema: every node typed, every column
// an index. Literals hold the Scalar form of their type (a string compared
// with a date column has become days, with a decimal column the unscaled
// int128), so evaluation never parses text.
struct BoundExpr {
  Op op = Op::kLiteral;
  columnar::DataTypePtr type;  // what the node produces
  int column = -1;             // kColumn: index in the bound schema
  std::string name;            // kColumn: the field name
  Scalar literal;              // kLiteral
  std::vector<BoundExpr> args;

  // The bound tree as an Expr again (columns by their resolved names,
  // literals with their types), and its SQL text.
  Expr ToExpr() const;
  std::string ToString() const;
};

// Resolves `expr` against `schema`. Columns match by exact name, else by the
// only case-insensitive match (Spark's default resolution; two such fields are
// ambiguous). Types follow SQL: + - * / % take numbers (int64 when both sides
// are integers, else double; integer division or modulo by zero is null);
// comparisons take two numbers, two strings, two bools or two values of one
// temporal or decimal type, a literal being converted to the other side's
// type (columnar::CastScalar: '2024-01-31' against a date column); AND, OR,
// NOT take bools (SQL three-valued logic); IS [NOT] NULL takes anything.
// Errors are Invalid and name the column or the sub-expression at fault and
// the whole expression.
Result<BoundExpr> Bind(const Expr& expr, const columnar::Schema& schema);

// Folds sub-trees without columns into literals and simplifies boolean
// connectives with a constant side (x AND FALSE -> FALSE, x OR FALSE -> x).
BoundExpr Fold(BoundExpr expr);

// Bind then Fold; the result must be a bool expression (a filter). Invalid
// naming the expression otherwise.
Result<BoundExpr> BindPredicate(const Expr& expr, const columnar::Schema& schema);

}  // namespace sluice::expr
