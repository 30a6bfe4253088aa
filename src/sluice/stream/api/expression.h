#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/columnar/scalar.h"
#include "sluice/common/status.h"

namespace sluice::stream {

using columnar::Scalar;
using columnar::Scalars;

// A vectorised scalar expression over the columns of a batch: column
// references, literals, arithmetic (+ - * / %), comparisons, and/or/not.
// Integers compute in int64, floats in double (ints widen when mixed); any
// null operand gives null. Strings support comparisons only.
class Expr {
 public:
  enum class Op {
    kColumn,
    kLiteral,
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
    kNeg
  };

  Op op() const { return node_->op; }
  const std::string& column() const { return node_->column; }
  const Scalar& literal() const { return node_->literal; }
  const std::vector<Expr>& args() const { return node_->args; }
  // "(price * 2)", "(a > 3)".
  std::string ToString() const;

  // Builds a node (prefer Col/Lit and the operators below).
  static Expr Make(Op op, std::vector<Expr> args, std::string column = {}, Scalar literal = {});

 private:
  struct Node {
    Op op;
    std::string column;
    Scalar literal;
    std::vector<Expr> args;
  };
  std::shared_ptr<const Node> node_;
};

// A reference to the column named `name`.
Expr Col(std::string name);
// A constant.
Expr Lit(Scalar v);

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

// Returns the type `expr` produces over `schema` (a column reference keeps its
// column's type; arithmetic gives int64 or float64; predicates give bool).
Result<columnar::DataTypePtr> ResultType(const Expr& expr, const columnar::Schema& schema);

// Evaluates `expr` over every row of `batch`. Division or modulo of integers
// by zero gives null.
Result<columnar::ArrayPtr> Evaluate(const Expr& expr, const columnar::RecordBatch& batch);

}  // namespace sluice::stream
