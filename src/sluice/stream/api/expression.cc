#include "sluice/stream/api/expression.h"

#include <fmt/format.h>

#include <cmath>

#include "sluice/columnar/builder.h"
#include "sluice/stream/api/row.h"

namespace sluice::stream {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::DataTypePtr;
using columnar::RecordBatch;
using columnar::TypeId;
using Op = Expr::Op;

Expr Expr::Make(Op op, std::vector<Expr> args, std::string column, Scalar literal) {
  Expr e;
  e.node_ = std::make_shared<const Node>(Node{op, std::move(column), std::move(literal), std::move(args)});
  return e;
}

Expr Col(std::string name) { return Expr::Make(Op::kColumn, {}, std::move(name)); }
Expr Lit(Scalar v) { return Expr::Make(Op::kLiteral, {}, {}, std::move(v)); }

#define SLUICE_BINARY_OP(SYM, OP) \
  Expr operator SYM(Expr a, Expr b) { return Expr::Make(Op::OP, {std::move(a), std::move(b)}); }
SLUICE_BINARY_OP(+, kAdd)
SLUICE_BINARY_OP(-, kSub)
SLUICE_BINARY_OP(*, kMul)
SLUICE_BINARY_OP(/, kDiv)
SLUICE_BINARY_OP(%, kMod)
SLUICE_BINARY_OP(==, kEq)
SLUICE_BINARY_OP(!=, kNe)
SLUICE_BINARY_OP(<, kLt)
SLUICE_BINARY_OP(<=, kLe)
SLUICE_BINARY_OP(>, kGt)
SLUICE_BINARY_OP(>=, kGe)
SLUICE_BINARY_OP(&&, kAnd)
SLUICE_BINARY_OP(||, kOr)
#undef SLUICE_BINARY_OP
Expr operator!(Expr a) { return Expr::Make(Op::kNot, {std::move(a)}); }
Expr operator-(Expr a) { return Expr::Make(Op::kNeg, {std::move(a)}); }

namespace {

const char* OpSymbol(Op op) {
  static const char* kSymbols[] = {
      "", "", "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "!", "-"};
  return kSymbols[static_cast<int>(op)];
}

bool IsArithmetic(Op op) { return op >= Op::kAdd && op <= Op::kMod; }
bool IsComparison(Op op) { return op >= Op::kEq && op <= Op::kGe; }

// An intermediate column: int64, double, bool (bytes) or string values, and
// validity bytes (empty = all valid).
struct Vec {
  enum class Kind { kInt, kDouble, kBool, kString } kind = Kind::kInt;
  std::vector<int64_t> i;
  std::vector<double> d;
  std::vector<uint8_t> b;
  ArrayPtr str;            // kString from a column
  std::string str_scalar;  // kString from a literal (when str is null)
  std::vector<uint8_t> valid;

  bool Valid(int64_t k) const { return valid.empty() || valid[k]; }
  std::string_view Str(int64_t k) const { return str ? str->StringValue(k) : std::string_view(str_scalar); }
  double D(int64_t k) const { return kind == Kind::kDouble ? d[k] : static_cast<double>(i[k]); }
};

Result<Vec> Eval(const Expr& e, const RecordBatch& batch);

Result<Vec> FromColumn(const Array& a, const std::string& name, int64_t n) {
  Vec v;
  if (a.null_count > 0) {
    v.valid.resize(n);
    for (int64_t k = 0; k < n; ++k) v.valid[k] = a.IsValid(k);
  }
  TypeId id = a.type->id;
  if (IsIntegerLike(id)) {
    v.kind = Vec::Kind::kInt;
    v.i.resize(n);
    if (id == TypeId::kInt64 || id == TypeId::kTimestamp || id == TypeId::kTime64) {
      std::copy(a.values<int64_t>(), a.values<int64_t>() + n, v.i.begin());
    } else if (id == TypeId::kInt32 || id == TypeId::kDate32 || id == TypeId::kTime32) {
      std::copy(a.values<int32_t>(), a.values<int32_t>() + n, v.i.begin());
    } else {
      for (int64_t k = 0; k < n; ++k) {
        Scalar x = ArrayValue(a, k);
        v.i[k] = x.is_int() ? x.int_value() : 0;
      }
    }
  } else if (id == TypeId::kFloat64 || id == TypeId::kFloat32) {
    v.kind = Vec::Kind::kDouble;
    v.d.resize(n);
    for (int64_t k = 0; k < n; ++k) v.d[k] = id == TypeId::kFloat64 ? a.values<double>()[k] : a.values<float>()[k];
  } else if (id == TypeId::kBool) {
    v.kind = Vec::Kind::kBool;
    v.b.resize(n);
    for (int64_t k = 0; k < n; ++k) v.b[k] = a.BoolValue(k);
  } else if (a.type->IsBinaryLike()) {
    v.kind = Vec::Kind::kString;
    v.str = a.Slice(0, n);
  } else {
    return Status::NotSupported("expression over column '{}' of type {}", name, a.type->ToString());
  }
  return v;
}

Vec FromLiteral(const Scalar& lit, int64_t n) {
  Vec v;
  if (lit.is_null()) {
    v.valid.assign(n, 0);
    v.i.assign(n, 0);
  } else if (lit.is_int()) {
    v.i.assign(n, lit.int_value());
  } else if (lit.is_double()) {
    v.kind = Vec::Kind::kDouble;
    v.d.assign(n, lit.double_value());
  } else if (lit.is_bool()) {
    v.kind = Vec::Kind::kBool;
    v.b.assign(n, lit.bool_value());
  } else {
    v.kind = Vec::Kind::kString;
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

template <typename T, typename F>
void Compare(const T& x, const T& y, Op op, uint8_t* out, F&&) {
  switch (op) {
    case Op::kEq:
      *out = x == y;
      break;
    case Op::kNe:
      *out = x != y;
      break;
    case Op::kLt:
      *out = x < y;
      break;
    case Op::kLe:
      *out = x <= y;
      break;
    case Op::kGt:
      *out = x > y;
      break;
    default:
      *out = x >= y;
      break;
  }
}

Result<Vec> EvalBinary(Op op, Vec a, Vec b, int64_t n) {
  using K = Vec::Kind;
  Vec out;
  out.valid = AndValid(a, b, n);
  if (op == Op::kAnd || op == Op::kOr) {
    if (a.kind != K::kBool || b.kind != K::kBool) return Status::Invalid("{} needs bool operands", OpSymbol(op));
    out.kind = K::kBool;
    out.b.resize(n);
    for (int64_t k = 0; k < n; ++k) out.b[k] = op == Op::kAnd ? (a.b[k] & b.b[k]) : (a.b[k] | b.b[k]);
    return out;
  }
  if (IsComparison(op)) {
    out.kind = K::kBool;
    out.b.resize(n);
    auto none = [] {};
    if (a.kind == K::kString || b.kind == K::kString) {
      if (a.kind != b.kind) return Status::Invalid("cannot compare a string with a non-string");
      for (int64_t k = 0; k < n; ++k) Compare(a.Str(k), b.Str(k), op, &out.b[k], none);
    } else if (a.kind == K::kBool && b.kind == K::kBool) {
      for (int64_t k = 0; k < n; ++k) Compare(a.b[k], b.b[k], op, &out.b[k], none);
    } else if (a.kind == K::kBool || b.kind == K::kBool) {
      return Status::Invalid("cannot compare a bool with a number");
    } else if (a.kind == K::kInt && b.kind == K::kInt) {
      for (int64_t k = 0; k < n; ++k) Compare(a.i[k], b.i[k], op, &out.b[k], none);
    } else {
      for (int64_t k = 0; k < n; ++k) Compare(a.D(k), b.D(k), op, &out.b[k], none);
    }
    return out;
  }
  // Arithmetic.
  if (a.kind == K::kString || b.kind == K::kString || a.kind == K::kBool || b.kind == K::kBool) {
    return Status::Invalid("{} needs numeric operands", OpSymbol(op));
  }
  if (a.kind == K::kInt && b.kind == K::kInt) {
    out.kind = K::kInt;
    out.i.resize(n);
    const int64_t* x = a.i.data();
    const int64_t* y = b.i.data();
    int64_t* r = out.i.data();
    switch (op) {
      case Op::kAdd:
        for (int64_t k = 0; k < n; ++k)
          r[k] = static_cast<int64_t>(static_cast<uint64_t>(x[k]) + static_cast<uint64_t>(y[k]));
        break;
      case Op::kSub:
        for (int64_t k = 0; k < n; ++k)
          r[k] = static_cast<int64_t>(static_cast<uint64_t>(x[k]) - static_cast<uint64_t>(y[k]));
        break;
      case Op::kMul:
        for (int64_t k = 0; k < n; ++k)
          r[k] = static_cast<int64_t>(static_cast<uint64_t>(x[k]) * static_cast<uint64_t>(y[k]));
        break;
      default: {
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
    }
    return out;
  }
  out.kind = K::kDouble;
  out.d.resize(n);
  for (int64_t k = 0; k < n; ++k) {
    double x = a.D(k), y = b.D(k);
    switch (op) {
      case Op::kAdd:
        out.d[k] = x + y;
        break;
      case Op::kSub:
        out.d[k] = x - y;
        break;
      case Op::kMul:
        out.d[k] = x * y;
        break;
      case Op::kDiv:
        out.d[k] = x / y;
        break;
      default:
        out.d[k] = std::fmod(x, y);
        break;
    }
  }
  return out;
}

Result<Vec> Eval(const Expr& e, const RecordBatch& batch) {
  const int64_t n = batch.num_rows;
  switch (e.op()) {
    case Op::kColumn: {
      int col = batch.schema->FieldIndex(e.column());
      if (col < 0) return Status::NotFound("expression: no column '{}' in {}", e.column(), batch.schema->ToString());
      return FromColumn(*batch.columns[col], e.column(), n);
    }
    case Op::kLiteral:
      return FromLiteral(e.literal(), n);
    case Op::kNot: {
      SLUICE_ASSIGN_OR_RETURN(Vec a, Eval(e.args()[0], batch));
      if (a.kind != Vec::Kind::kBool) return Status::Invalid("! needs a bool operand in {}", e.ToString());
      for (auto& x : a.b) x = !x;
      return a;
    }
    case Op::kNeg: {
      SLUICE_ASSIGN_OR_RETURN(Vec a, Eval(e.args()[0], batch));
      if (a.kind == Vec::Kind::kInt) {
        for (auto& x : a.i) x = static_cast<int64_t>(0 - static_cast<uint64_t>(x));
      } else if (a.kind == Vec::Kind::kDouble) {
        for (auto& x : a.d) x = -x;
      } else {
        return Status::Invalid("- needs a numeric operand in {}", e.ToString());
      }
      return a;
    }
    default: {
      SLUICE_ASSIGN_OR_RETURN(Vec a, Eval(e.args()[0], batch));
      SLUICE_ASSIGN_OR_RETURN(Vec b, Eval(e.args()[1], batch));
      auto r = EvalBinary(e.op(), std::move(a), std::move(b), n);
      if (!r.ok()) return r.status().WithContext(e.ToString());
      return r;
    }
  }
}

Result<ArrayPtr> ToArray(Vec v, int64_t n) {
  const uint8_t* valid = v.valid.empty() ? nullptr : v.valid.data();
  switch (v.kind) {
    case Vec::Kind::kInt: {
      columnar::Int64Builder b(columnar::Int64());
      if (valid)
        b.AppendValues(std::span<const int64_t>(v.i), valid);
      else
        b.AppendValues(std::span<const int64_t>(v.i));
      return b.Finish();
    }
    case Vec::Kind::kDouble: {
      columnar::DoubleBuilder b(columnar::Float64());
      if (valid)
        b.AppendValues(std::span<const double>(v.d), valid);
      else
        b.AppendValues(std::span<const double>(v.d));
      return b.Finish();
    }
    case Vec::Kind::kBool: {
      columnar::BoolBuilder b;
      b.Reserve(n);
      for (int64_t k = 0; k < n; ++k) {
        if (valid && !valid[k])
          b.AppendNull();
        else
          b.Append(v.b[k] != 0);
      }
      return b.Finish();
    }
    default: {
      columnar::BinaryBuilder b(columnar::String());
      for (int64_t k = 0; k < n; ++k) {
        if (valid && !valid[k]) {
          b.AppendNull();
        } else {
          SLUICE_RETURN_NOT_OK(b.Append(v.Str(k)));
        }
      }
      return b.Finish();
    }
  }
}

}  // namespace

std::string Expr::ToString() const {
  switch (op()) {
    case Op::kColumn:
      return column();
    case Op::kLiteral:
      return literal().is_string() ? fmt::format("'{}'", literal().string_value()) : literal().ToString();
    case Op::kNot:
    case Op::kNeg:
      return fmt::format("{}{}", OpSymbol(op()), args()[0].ToString());
    default:
      return fmt::format("({} {} {})", args()[0].ToString(), OpSymbol(op()), args()[1].ToString());
  }
}

Result<DataTypePtr> ResultType(const Expr& e, const columnar::Schema& schema) {
  switch (e.op()) {
    case Op::kColumn: {
      int col = schema.FieldIndex(e.column());
      if (col < 0) return Status::NotFound("expression: no column '{}' in {}", e.column(), schema.ToString());
      return schema.fields[col]->type;
    }
    case Op::kLiteral: {
      const Scalar& v = e.literal();
      if (v.is_int()) return columnar::Int64();
      if (v.is_double()) return columnar::Float64();
      if (v.is_bool()) return columnar::Bool();
      if (v.is_string()) return columnar::String();
      return columnar::Int64();
    }
    case Op::kNot:
      return columnar::Bool();
    case Op::kNeg: {
      SLUICE_ASSIGN_OR_RETURN(DataTypePtr t, ResultType(e.args()[0], schema));
      return IsIntegerLike(t->id) ? columnar::Int64() : columnar::Float64();
    }
    default: {
      SLUICE_ASSIGN_OR_RETURN(DataTypePtr a, ResultType(e.args()[0], schema));
      SLUICE_ASSIGN_OR_RETURN(DataTypePtr b, ResultType(e.args()[1], schema));
      if (!IsArithmetic(e.op())) return columnar::Bool();
      if (IsIntegerLike(a->id) && IsIntegerLike(b->id)) return columnar::Int64();
      auto numeric = [](TypeId id) { return IsIntegerLike(id) || id == TypeId::kFloat32 || id == TypeId::kFloat64; };
      if (!numeric(a->id) || !numeric(b->id)) return Status::Invalid("{} needs numeric operands", e.ToString());
      return columnar::Float64();
    }
  }
}

Result<ArrayPtr> Evaluate(const Expr& expr, const RecordBatch& batch) {
  if (expr.op() == Op::kColumn) {
    int col = batch.schema->FieldIndex(expr.column());
    if (col < 0) return Status::NotFound("expression: no column '{}' in {}", expr.column(), batch.schema->ToString());
    return batch.columns[col];
  }
  SLUICE_ASSIGN_OR_RETURN(Vec v, Eval(expr, batch));
  return ToArray(std::move(v), batch.num_rows);
}

}  // namespace sluice::stream
