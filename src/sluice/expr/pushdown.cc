#include "sluice/expr/pushdown.h"

#include <algorithm>

namespace sluice::expr {

std::optional<ColumnPredicate> AsColumnPredicate(const Expr& e) {
  const auto& a = e.args();
  if (IsComparison(e.op())) {
    if (a[0].op() == Op::kColumn && a[1].op() == Op::kLiteral) {
      return ColumnPredicate{a[0].column(), e.op(), {a[1].literal()}};
    }
    if (a[0].op() == Op::kLiteral && a[1].op() == Op::kColumn) {
      return ColumnPredicate{a[1].column(), Flip(e.op()), {a[0].literal()}};
    }
    return std::nullopt;
  }
  if ((e.op() == Op::kIsNull || e.op() == Op::kIsNotNull) && a[0].op() == Op::kColumn) {
    return ColumnPredicate{a[0].column(), e.op(), {}};
  }
  if (e.op() == Op::kIn && a[0].op() == Op::kColumn) {
    ColumnPredicate p{a[0].column(), Op::kIn, {}};
    for (size_t i = 1; i < a.size(); ++i) {
      if (a[i].op() != Op::kLiteral) return std::nullopt;
      p.values.push_back(a[i].literal());
    }
    return p;
  }
  return std::nullopt;
}

std::vector<Expr> Conjuncts(const Expr& e) {
  if (e.op() != Op::kAnd) return {e};
  std::vector<Expr> out = Conjuncts(e.args()[0]);
  for (Expr& x : Conjuncts(e.args()[1])) out.push_back(std::move(x));
  return out;
}

namespace {

void Collect(const Expr& e, std::vector<std::string>* out) {
  if (e.op() == Op::kColumn) {
    if (std::find(out->begin(), out->end(), e.column()) == out->end()) out->push_back(e.column());
    return;
  }
  for (const Expr& a : e.args()) Collect(a, out);
}

}  // namespace

std::vector<std::string> ReferencedColumns(const Expr& e) {
  std::vector<std::string> out;
  Collect(e, &out);
  return out;
}

bool CompareHolds(int c, Op op) {
  switch (op) {
    case Op::kEq:
      return c == 0;
    case Op::kNe:
      return c != 0;
    case Op::kLt:
      return c < 0;
    case Op::kLe:
      return c <= 0;
    case Op::kGt:
      return c > 0;
    case Op::kGe:
      return c >= 0;
    default:
      return false;
  }
}

}  // namespace sluice::expr
