// Fold: constant sub-trees become literals; AND/OR with a constant side
// simplify (sound under three-valued logic: x AND TRUE = x, x AND FALSE =
// FALSE, x OR TRUE = TRUE, x OR FALSE = x).
#include <cstring>

#include "sluice/expr/binder.h"
#include "sluice/expr/evaluate.h"

namespace sluice::expr {
namespace {

bool IsBoolLiteral(const BoundExpr& e, bool value) {
  return e.op == Op::kLiteral && e.literal.is_bool() && e.literal.bool_value() == value;
}

BoundExpr Literal(Scalar v, columnar::DataTypePtr type) {
  BoundExpr b;
  b.op = Op::kLiteral;
  b.literal = std::move(v);
  b.type = std::move(type);
  return b;
}

// Row 0 of a one-row result (a bool, int64 or double array).
Scalar FirstValue(const columnar::Array& a) {
  if (a.IsNull(0)) return Scalar();
  switch (a.type->id) {
    case columnar::TypeId::kBool:
      return Scalar(a.BoolValue(0));
    case columnar::TypeId::kInt64:
      return Scalar(a.values<int64_t>()[0]);
    case columnar::TypeId::kFloat64:
      return Scalar(a.values<double>()[0]);
    default:
      return Scalar();
  }
}

}  // namespace

BoundExpr Fold(BoundExpr e) {
  if (e.op == Op::kColumn || e.op == Op::kLiteral) return e;
  bool constant = true;
  for (BoundExpr& a : e.args) {
    a = Fold(std::move(a));
    constant &= a.op == Op::kLiteral;
  }
  if (constant) {
    const auto schema = std::make_shared<columnar::Schema>();
    const columnar::RecordBatch one_row{schema, 1, {}};
    auto v = Evaluate(e, one_row);
    if (v.ok() && (*v)->length == 1) return Literal(FirstValue(**v), e.type);
    return e;  // kept as is: evaluation reports the error per batch
  }
  if (e.op == Op::kAnd || e.op == Op::kOr) {
    const bool dominant = e.op == Op::kOr;  // TRUE decides OR, FALSE decides AND
    for (int side = 0; side < 2; ++side) {
      if (IsBoolLiteral(e.args[side], dominant)) return Literal(Scalar(dominant), e.type);
      if (IsBoolLiteral(e.args[side], !dominant)) return std::move(e.args[1 - side]);
    }
  }
  return e;
}

}  // namespace sluice::expr
