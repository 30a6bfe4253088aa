#pragma once

// sluice's one expression IR: the tree the stream API's Filter/Project, Delta
// predicates (scan filters, replaceWhere, partition deletes) and the SQL layer
// build. An Expr is unresolved (columns by name); Bind() (binder.h) resolves
// it against a schema into a typed BoundExpr that Evaluate() (evaluate.h)
// runs over RecordBatches and pushdown.h turns into the forms Delta's file
// skipping needs.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/columnar/data_type.h"
#include "sluice/columnar/scalar.h"

namespace sluice::expr {

using columnar::Scalar;

enum class Op {
  kColumn,   // column()
  kLiteral,  // literal(), of literal_type() (null: the scalar's natural type)
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kAnd,
  kOr,
  kNot,
  kNeg,
  kIsNull,
  kIsNotNull,
  kIn,  // args()[0] IN (args()[1..]: literals)
};

bool IsArithmetic(Op op);
bool IsComparison(Op op);
// The comparison with its operands swapped (a < b == b > a).
Op Flip(Op op);
// The comparison that holds exactly when `op` does not, for non-null operands.
Op Negate(Op op);
// "+", "=", "AND", "IS NULL", ...
const char* OpName(Op op);

// True for the words ParseExpr reserves (AND, OR, NOT, IS, IN, NULL, TRUE,
// FALSE, BETWEEN; any case): a column with such a name prints back-quoted.
bool IsReservedWord(std::string_view word);

// An immutable expression node, cheap to copy (shared).
class Expr {
 public:
  Op op() const { return node_->op; }
  const std::string& column() const { return node_->column; }
  const Scalar& literal() const { return node_->literal; }
  const columnar::DataTypePtr& literal_type() const { return node_->literal_type; }
  const std::vector<Expr>& args() const { return node_->args; }

  // SQL text that parses back to the same tree: `(price * 2)`, `(a > 3)`,
  // `'x'`, `DATE '2024-01-31'`, `(b IS NULL)`, `(c IN (1, 2))`; columns that
  // are not plain identifiers are back-quoted.
  std::string ToString() const;

  // Builds a node (prefer Col/Lit and the operators below).
  static Expr Make(Op op, std::vector<Expr> args, std::string column = {}, Scalar literal = {},
                   columnar::DataTypePtr literal_type = nullptr);

 private:
  struct Node {
    Op op;
    std::string column;
    Scalar literal;
    columnar::DataTypePtr literal_type;
    std::vector<Expr> args;
  };
  std::shared_ptr<const Node> node_;
};

// A reference to the column named `name` (resolved by Bind).
Expr Col(std::string name);
// A constant of its natural type (int64, double, bool, string; null).
Expr Lit(Scalar v);
// A constant of `type` (`v` in the type's Scalar form: days for dates,
// microseconds for timestamps, the unscaled int128 for decimals).
Expr Lit(Scalar v, columnar::DataTypePtr type);

Expr operator+(Expr a, Expr b);
Expr operator-(Expr a, Expr b);
Expr operator*(Expr a, Expr b);
Expr operator/(Expr a, Expr b);
Expr operator%(Expr a, Expr b);
Expr operator==(Expr a, Expr b);
Expr operator!=(Expr a, Expr b);
Expr operator<(Expr a, Expr b);
Expr operator<=(Expr a, Expr b);
Expr operator>(Expr a, Expr b);
Expr operator>=(Expr a, Expr b);
Expr operator&&(Expr a, Expr b);
Expr operator||(Expr a, Expr b);
Expr operator!(Expr a);
Expr operator-(Expr a);
Expr IsNull(Expr a);
Expr IsNotNull(Expr a);
Expr In(Expr a, std::vector<Scalar> values);

}  // namespace sluice::expr
