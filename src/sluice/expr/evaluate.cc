#include "sluice/expr/evaluate.h"

#include <cmath>
#include <cstring>

#include "sluice/columnar/builder.h"
#include "sluice/columnar/scalar_cast.h"
#include "sluice/columnar/take.h"
#include "sluice/expr/pushdown.h"

namespace sluice::expr {
namespace {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::RecordBatch;
using columnar::TypeId;

// An intermediate column: one vector of values by kind, and validity bytes
// (empty = all valid). Strings from a column point into it; from a literal
// they live in `str_scalar`.
struct Vec {
  enum class Kind { kNull, kInt, kDouble, kBool, kString, kInt128 } kind = Kind::kNull;
  std::vector<int64_t> i;
  std::vector<double> d;
  std::vector<uint8_t> b;
  std::vector<__int128> w;
  ArrayPtr str;
  std::string str_scalar;
  std::vector<uint8_t> valid;

  bool Valid(int64_t k) const { return valid.empty() || valid[k]; }
  std::string_view Str(int64_t k) const { return str ? str->StringValue(k) : std::string_view(str_scalar); }
  double D(int64_t k) const {
    if (kind == Kind::kDouble) return d[k];
    if (kind == Kind::kInt128) return static_cast<double>(w[k]);
    return static_cast<double>(i[k]);
  }
};
using K = Vec::Kind;

bool IsIntegerColumn(TypeId id) {
  return (id >= TypeId::kInt8 && id <= TypeId::kUInt64) || id == TypeId::kDate32 || id == TypeId::kTime32 ||
         id == TypeId::kTime64 || id == TypeId::kTimestamp;
}

template <typename T>
void Widen(const Array& a, int64_t n, std::vector<int64_t>* out) {
  const T* v = a.values<T>();
  out->resize(n);
  for (int64_t k = 0; k < n; ++k) (*out)[k] = static_cast<int64_t>(v[k]);
}

Result<Vec> FromColumn(const Array& a, const std::string& name, int64_t n) {
  Vec v;
  if (a.null_count > 0) {
    v.valid.resize(n);
    for (int64_t k = 0; k < n; ++k) v.valid[k] = a.IsValid(k);
  }
  const TypeId id = a.type->id;
  if (IsIntegerColumn(id)) {
    v.kind = K::kInt;
    switch (id) {
      case TypeId::kInt8:
        Widen<int8_t>(a, n, &v.i);
        break;
      case TypeId::kInt16:
        Widen<int16_t>(a, n, &v.i);
        break;
      case TypeId::kInt32:
      case TypeId::kDate32:
      case TypeId::kTime32:
        Widen<int32_t>(a, n, &v.i);
        break;
      case TypeId::kUInt8:
        Widen<uint8_t>(a, n, &v.i);
        break;
      case TypeId::kUInt16:
        Widen<uint16_t>(a, n, &v.i);
        break;
      case TypeId::kUInt32:
        Widen<uint32_t>(a, n, &v.i);
        break;
      case TypeId::kUInt64:
        Widen<uint64_t>(a, n, &v.i);
        break;
      default:
        v.i.assign(a.values<int64_t>(), a.values<int64_t>() + n);
        break;
    }
  } else if (id == TypeId::kFloat64 || id == TypeId::kFloat32) {
    v.kind = K::kDouble;
    v.d.resize(n);
    for (int64_t k = 0; k < n; ++k) v.d[k] = id == TypeId::kFloat64 ? a.values<double>()[k] : a.values<float>()[k];
  } else if (id == TypeId::kBool) {
    v.kind = K::kBool;
    v.b.resize(n);
    for (int64_t k = 0; k < n; ++k) v.b[k] = a.BoolValue(k);
  } else if (a.type->IsBinaryLike()) {
    v.kind = K::kString;
    v.str = a.Slice(0, n);
  } else if (id == TypeId::kDecimal128) {
    v.kind = K::kInt128;
    v.w.resize(n);
    for (int64_t k = 0; k < n; ++k) std::memcpy(&v.w[k], a.FixedValue(k).data(), 16);
  } else if (id == TypeId::kNull) {
    v.valid.assign(n, 0);
  } else {
    return Status::NotSupported("expression over column '{}' of type {}", name, a.type->ToString());
  }
  return v;
}

Vec FromLiteral(const Scalar& lit, int64_t n) {
  Vec v;
  if (lit.is_null()) {
    v.valid.assign(n, 0);
  } else if (lit.is_int()) {
    v.kind = K::kInt;
    v.i.assign(n, lit.int_value());
  } else if (lit.is_double()) {
    v.kind = K::kDouble;
    v.d.assign(n, lit.double_value());
  } else if (lit.is_bool()) {
    v.kind = K::kBool;
    v.b.assign(n, lit.bool_value());
  } else if (lit.is_int128()) {
    v.kind = K::kInt128;
    v.w.assign(n, lit.int128_value());
  } else {
    v.kind = K::kString;
    v.str_scalar = lit.string_value();
  }
  return v;
}

std::vector<uint8_t> AndValid(const Vec& a, const Vec& b, int64_t n) {
  if (a.valid.empty()) return b.valid;
  if (b.valid.empty()) return a.valid;
  std::vector<uint8_t> out(n);
  for (int64_t k = 0; k < n; ++k) out[k] = a.valid[k] & b.valid[k];
  return out;
}

template <typename T>
int Cmp(const T& x, const T& y) {
  return x < y ? -1 : (y < x ? 1 : 0);
}

// NaN above every number, as Spark orders doubles.
int CmpDouble(double x, double y) {
  if (std::isnan(x) || std::isnan(y)) return std::isnan(x) ? (std::isnan(y) ? 0 : 1) : -1;
  return Cmp(x, y);
}

// out[k] = cmp(x(k), y(k)) <op> 0 for every row, with the operator chosen once
// per batch so each loop is a tight one.
template <typename X, typename Y, typename Cmp>
void CompareLoop(Op op, int64_t n, X x, Y y, Cmp cmp, uint8_t* out) {
  switch (op) {
    case Op::kEq:
      for (int64_t k = 0; k < n; ++k) out[k] = cmp(x(k), y(k)) == 0;
      break;
    case Op::kNe:
      for (int64_t k = 0; k < n; ++k) out[k] = cmp(x(k), y(k)) != 0;
      break;
    case Op::kLt:
      for (int64_t k = 0; k < n; ++k) out[k] = cmp(x(k), y(k)) < 0;
      break;
    case Op::kLe:
      for (int64_t k = 0; k < n; ++k) out[k] = cmp(x(k), y(k)) <= 0;
      break;
    case Op::kGt:
      for (int64_t k = 0; k < n; ++k) out[k] = cmp(x(k), y(k)) > 0;
      break;
    default:
      for (int64_t k = 0; k < n; ++k) out[k] = cmp(x(k), y(k)) >= 0;
      break;
  }
}

// The values of a number vector as doubles (a copy only for non-doubles).
const std::vector<double>& AsDoubles(const Vec& v, int64_t n, std::vector<double>* scratch) {
  if (v.kind == K::kDouble) return v.d;
  scratch->resize(n);
  for (int64_t k = 0; k < n; ++k) (*scratch)[k] = v.D(k);
  return *scratch;
}

Vec Compare(Op op, const Vec& a, const Vec& b, int64_t n) {
  Vec out;
  out.kind = K::kBool;
  out.valid = AndValid(a, b, n);
  out.b.resize(n);
  uint8_t* r = out.b.data();
  auto at = [](const auto& vec) { return [p = vec.data()](int64_t k) { return p[k]; }; };
  if (a.kind == K::kNull || b.kind == K::kNull) {
    out.valid.assign(n, 0);
  } else if (a.kind == K::kString) {
    auto str = [](const Vec& v) { return [&v](int64_t k) { return v.Str(k); }; };
    CompareLoop(
        op, n, str(a), str(b), [](std::string_view x, std::string_view y) { return x.compare(y); }, r);
  } else if (a.kind == K::kBool) {
    CompareLoop(
        op, n, at(a.b), at(b.b), [](uint8_t x, uint8_t y) { return Cmp(x, y); }, r);
  } else if (a.kind == K::kInt && b.kind == K::kInt) {
    CompareLoop(
        op, n, at(a.i), at(b.i), [](int64_t x, int64_t y) { return Cmp(x, y); }, r);
  } else if (a.kind == K::kInt128 && b.kind == K::kInt128) {
    CompareLoop(
        op, n, at(a.w), at(b.w), [](__int128 x, __int128 y) { return Cmp(x, y); }, r);
  } else {
    std::vector<double> sa, sb;
    CompareLoop(
        op, n, at(AsDoubles(a, n, &sa)), at(AsDoubles(b, n, &sb)), [](double x, double y) { return CmpDouble(x, y); },
        r);
  }
  return out;
}

Vec Logic(Op op, const Vec& a, const Vec& b, int64_t n) {
  Vec out;
  out.kind = K::kBool;
  out.b.resize(n);
  out.valid.assign(n, 1);
  const bool is_and = op == Op::kAnd;
  for (int64_t k = 0; k < n; ++k) {
    const bool av = a.kind != K::kNull && a.Valid(k), bv = b.kind != K::kNull && b.Valid(k);
    const bool x = av && a.b[k], y = bv && b.b[k];
    // The dominant value (FALSE for AND, TRUE for OR) on either side decides.
    if (is_and ? ((av && !x) || (bv && !y)) : (x || y)) {
      out.b[k] = !is_and;
    } else if (av && bv) {
      out.b[k] = is_and;
    } else {
      out.valid[k] = 0;
    }
  }
  return out;
}

Vec Arithmetic(Op op, const Vec& a, const Vec& b, int64_t n) {
  Vec out;
  out.valid = AndValid(a, b, n);
  if (a.kind == K::kNull || b.kind == K::kNull) {
    out.kind = K::kInt;
    out.i.assign(n, 0);
    out.valid.assign(n, 0);
    return out;
  }
  if (a.kind == K::kInt && b.kind == K::kInt) {
    out.kind = K::kInt;
    out.i.resize(n);
    const int64_t* x = a.i.data();
    const int64_t* y = b.i.data();
    int64_t* r = out.i.data();
    auto wrap = [](uint64_t v) { return static_cast<int64_t>(v); };
    switch (op) {
      case Op::kAdd:
        for (int64_t k = 0; k < n; ++k) r[k] = wrap(static_cast<uint64_t>(x[k]) + static_cast<uint64_t>(y[k]));
        break;
      case Op::kSub:
        for (int64_t k = 0; k < n; ++k) r[k] = wrap(static_cast<uint64_t>(x[k]) - static_cast<uint64_t>(y[k]));
        break;
      case Op::kMul:
        for (int64_t k = 0; k < n; ++k) r[k] = wrap(static_cast<uint64_t>(x[k]) * static_cast<uint64_t>(y[k]));
        break;
      default:
        // Division by zero (and INT64_MIN / -1) gives null.
        if (out.valid.empty()) out.valid.assign(n, 1);
        for (int64_t k = 0; k < n; ++k) {
          if (y[k] == 0 || (y[k] == -1 && x[k] == INT64_MIN)) {
            out.valid[k] = 0;
            r[k] = 0;
          } else {
            r[k] = op == Op::kDiv ? x[k] / y[k] : x[k] % y[k];
          }
        }
    }
    return out;
  }
  out.kind = K::kDouble;
  out.d.resize(n);
  std::vector<double> sa, sb;
  const double* x = AsDoubles(a, n, &sa).data();
  const double* y = AsDoubles(b, n, &sb).data();
  double* r = out.d.data();
  switch (op) {
    case Op::kAdd:
      for (int64_t k = 0; k < n; ++k) r[k] = x[k] + y[k];
      break;
    case Op::kSub:
      for (int64_t k = 0; k < n; ++k) r[k] = x[k] - y[k];
      break;
    case Op::kMul:
      for (int64_t k = 0; k < n; ++k) r[k] = x[k] * y[k];
      break;
    case Op::kDiv:
      for (int64_t k = 0; k < n; ++k) r[k] = x[k] / y[k];
      break;
    default:
      for (int64_t k = 0; k < n; ++k) r[k] = std::fmod(x[k], y[k]);
      break;
  }
  return out;
}

Vec In(const Vec& a, const std::vector<Vec>& list, int64_t n) {
  Vec out;
  out.kind = K::kBool;
  out.b.assign(n, 0);
  out.valid.assign(n, 1);
  bool list_has_null = false;
  for (const Vec& l : list) list_has_null |= l.kind == K::kNull;
  for (const Vec& l : list) {
    if (l.kind == K::kNull) continue;
    Vec eq = Compare(Op::kEq, a, l, n);
    for (int64_t k = 0; k < n; ++k) out.b[k] |= eq.Valid(k) && eq.b[k];
  }
  for (int64_t k = 0; k < n; ++k) {
    if (a.kind == K::kNull || !a.Valid(k) || (!out.b[k] && list_has_null)) out.valid[k] = 0;
  }
  return out;
}

Result<Vec> Eval(const BoundExpr& e, const RecordBatch& batch) {
  const int64_t n = batch.num_rows;
  switch (e.op) {
    case Op::kColumn:
      return FromColumn(*batch.columns[e.column], e.name, n);
    case Op::kLiteral:
      return FromLiteral(e.literal, n);
    case Op::kIn: {
      SLUICE_ASSIGN_OR_RETURN(Vec a, Eval(e.args[0], batch));
      std::vector<Vec> list;  // each literal as n rows, as Compare() reads them
      for (size_t i = 1; i < e.args.size(); ++i) list.push_back(FromLiteral(e.args[i].literal, n));
      return In(a, list, n);
    }
    default:
      break;
  }
  SLUICE_ASSIGN_OR_RETURN(Vec a, Eval(e.args[0], batch));
  switch (e.op) {
    case Op::kNot:
      if (a.kind == K::kNull) return a;
      for (auto& x : a.b) x = !x;
      return a;
    case Op::kNeg:
      if (a.kind == K::kInt) {
        for (auto& x : a.i) x = static_cast<int64_t>(0 - static_cast<uint64_t>(x));
      } else if (a.kind == K::kDouble) {
        for (auto& x : a.d) x = -x;
      }
      return a;
    case Op::kIsNull:
    case Op::kIsNotNull: {
      Vec out;
      out.kind = K::kBool;
      out.b.resize(n);
      const bool want_null = e.op == Op::kIsNull;
      for (int64_t k = 0; k < n; ++k) out.b[k] = (a.kind == K::kNull || !a.Valid(k)) == want_null;
      return out;
    }
    default:
      break;
  }
  SLUICE_ASSIGN_OR_RETURN(Vec b, Eval(e.args[1], batch));
  if (IsComparison(e.op)) return Compare(e.op, a, b, n);
  if (e.op == Op::kAnd || e.op == Op::kOr) return Logic(e.op, a, b, n);
  return Arithmetic(e.op, a, b, n);
}

Result<ArrayPtr> ToArray(Vec v, const columnar::DataTypePtr& type, int64_t n) {
  const uint8_t* valid = v.valid.empty() ? nullptr : v.valid.data();
  switch (v.kind) {
    case K::kInt: {
      columnar::Int64Builder b(columnar::Int64());
      if (valid) {
        b.AppendValues(std::span<const int64_t>(v.i), valid);
      } else {
        b.AppendValues(std::span<const int64_t>(v.i));
      }
      return b.Finish();
    }
    case K::kDouble: {
      columnar::DoubleBuilder b(columnar::Float64());
      if (valid) {
        b.AppendValues(std::span<const double>(v.d), valid);
      } else {
        b.AppendValues(std::span<const double>(v.d));
      }
      return b.Finish();
    }
    case K::kBool: {
      columnar::BoolBuilder b;
      b.Reserve(n);
      for (int64_t k = 0; k < n; ++k) {
        if (valid && !valid[k]) {
          b.AppendNull();
        } else {
          b.Append(v.b[k] != 0);
        }
      }
      return b.Finish();
    }
    case K::kNull:
      return columnar::MakeConstantArray(type->id == TypeId::kNull ? columnar::Bool() : type, Scalar(), n);
    default:
      // Strings and decimals reach here only as literals at the top.
      return Status::NotSupported("expression of type {} as a result", type->ToString());
  }
}

}  // namespace

Result<ArrayPtr> Evaluate(const BoundExpr& expr, const RecordBatch& batch) {
  if (expr.op == Op::kColumn) return batch.columns[expr.column];
  if (expr.op == Op::kLiteral) return columnar::MakeConstantArray(expr.type, expr.literal, batch.num_rows);
  SLUICE_ASSIGN_OR_RETURN(Vec v, Eval(expr, batch));
  return ToArray(std::move(v), expr.type, batch.num_rows);
}

Result<std::vector<uint8_t>> EvaluateSelection(const BoundExpr& predicate, const RecordBatch& batch) {
  const int64_t n = batch.num_rows;
  std::vector<uint8_t> keep(static_cast<size_t>(n), 0);
  if (predicate.op == Op::kLiteral) {
    if (predicate.literal.is_bool() && predicate.literal.bool_value()) keep.assign(static_cast<size_t>(n), 1);
    return keep;
  }
  if (predicate.op == Op::kColumn) {
    const Array& a = *batch.columns[predicate.column];
    for (int64_t k = 0; k < n; ++k) keep[k] = a.IsValid(k) && a.BoolValue(k);
    return keep;
  }
  SLUICE_ASSIGN_OR_RETURN(Vec v, Eval(predicate, batch));
  if (v.kind != K::kBool) return keep;
  for (int64_t k = 0; k < n; ++k) keep[k] = v.Valid(k) && v.b[k];
  return keep;
}

Result<RecordBatch> FilterBatch(const BoundExpr& predicate, const RecordBatch& batch) {
  SLUICE_ASSIGN_OR_RETURN(std::vector<uint8_t> keep, EvaluateSelection(predicate, batch));
  return columnar::FilterRows(batch, keep);
}

}  // namespace sluice::expr
