#include "sluice/expr/binder.h"

#include <fmt/format.h>

#include <cctype>

#include "sluice/columnar/scalar_cast.h"
#include "sluice/common/strings.h"

namespace sluice::expr {
namespace {

using columnar::DataType;
using columnar::DataTypePtr;
using columnar::TimeUnit;
using columnar::TypeId;

// How a type evaluates (evaluate.cc keeps one vector kind per class).
enum class Class { kNull, kInt, kFloat, kBool, kString, kDecimal, kTemporal, kOther };

Class ClassOf(const DataType& t) {
  switch (t.id) {
    case TypeId::kNull:
      return Class::kNull;
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
      return Class::kInt;
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      return Class::kFloat;
    case TypeId::kBool:
      return Class::kBool;
    case TypeId::kString:
    case TypeId::kBinary:
      return Class::kString;
    case TypeId::kDecimal128:
      return Class::kDecimal;
    case TypeId::kDate32:
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
      return Class::kTemporal;
    default:
      return Class::kOther;
  }
}

bool IsNumeric(Class c) { return c == Class::kInt || c == Class::kFloat; }

DataTypePtr NaturalType(const Scalar& v) {
  if (v.is_bool()) return columnar::Bool();
  if (v.is_int()) return columnar::Int64();
  if (v.is_double()) return columnar::Float64();
  if (v.is_int128()) return columnar::Decimal128(38, 0);
  if (v.is_string()) return columnar::String();
  return std::make_shared<DataType>();  // null
}

std::string ColumnList(const columnar::Schema& schema) {
  std::string s;
  for (const auto& f : schema.fields) s += (s.empty() ? "" : ", ") + f->name;
  return s;
}

// ParseScalar reads timestamps as microseconds; other units need scaling.
Scalar ToUnit(const DataType& type, Scalar v) {
  if (type.id != TypeId::kTimestamp || !v.is_int() || type.unit == TimeUnit::kMicro) return v;
  const int64_t us = v.int_value();
  switch (type.unit) {
    case TimeUnit::kSecond:
      return Scalar(us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000));
    case TimeUnit::kMilli:
      return Scalar(us >= 0 ? us / 1000 : -((-us + 999) / 1000));
    default:
      return Scalar(us * 1000);
  }
}

class Binder {
 public:
  Binder(const Expr& root, const columnar::Schema& schema) : root_(root), schema_(schema) {}

  Result<BoundExpr> Bind(const Expr& e) {
    auto r = BindNode(e);
    if (!r.ok() && !r.status().message().starts_with("expression '")) {
      return Status(r.status().code(), fmt::format("expression '{}': {}", root_.ToString(), r.status().message()));
    }
    return r;
  }

 private:
  Result<BoundExpr> BindNode(const Expr& e) {
    BoundExpr b;
    b.op = e.op();
    switch (e.op()) {
      case Op::kColumn:
        return BindColumn(e.column());
      case Op::kLiteral:
        b.literal = e.literal();
        b.type = e.literal_type() ? e.literal_type() : NaturalType(e.literal());
        return b;
      default:
        break;
    }
    for (const Expr& a : e.args()) {
      SLUICE_ASSIGN_OR_RETURN(BoundExpr x, BindNode(a));
      b.args.push_back(std::move(x));
    }
    if (IsArithmetic(e.op())) return Arithmetic(std::move(b));
    if (IsComparison(e.op())) return Comparison(std::move(b));
    switch (e.op()) {
      case Op::kAnd:
      case Op::kOr:
      case Op::kNot:
        for (const BoundExpr& a : b.args) {
          const Class c = ClassOf(*a.type);
          if (c != Class::kBool && c != Class::kNull) {
            return Status::Invalid("{} needs bool operands, got {} ({})", OpName(e.op()), a.ToString(),
                                   a.type->ToString());
          }
        }
        b.type = columnar::Bool();
        return b;
      case Op::kNeg: {
        const Class c = ClassOf(*b.args[0].type);
        if (!IsNumeric(c) && c != Class::kNull) {
          return Status::Invalid("- needs a number, got {} ({})", b.args[0].ToString(), b.args[0].type->ToString());
        }
        b.type = c == Class::kFloat ? columnar::Float64() : columnar::Int64();
        return b;
      }
      case Op::kIsNull:
      case Op::kIsNotNull:
        b.type = columnar::Bool();
        return b;
      case Op::kIn: {
        const DataType& t = *b.args[0].type;
        for (size_t i = 1; i < b.args.size(); ++i) {
          if (b.args[i].op != Op::kLiteral) return Status::Invalid("IN takes a list of literals");
          SLUICE_RETURN_NOT_OK(CastLiteral(t, b.args[0], &b.args[i]));
        }
        b.type = columnar::Bool();
        return b;
      }
      default:
        return Status::Invalid("unexpected operator {}", OpName(e.op()));
    }
  }

  Result<BoundExpr> BindColumn(const std::string& name) {
    int index = schema_.FieldIndex(name);
    if (index < 0) {
      for (size_t i = 0; i < schema_.fields.size(); ++i) {
        if (!EqualsIgnoreCase(schema_.fields[i]->name, name)) continue;
        if (index >= 0) {
          return Status::Invalid("column '{}' is ambiguous: it matches '{}' and '{}'", name,
                                 schema_.fields[index]->name, schema_.fields[i]->name);
        }
        index = static_cast<int>(i);
      }
    }
    if (index < 0) return Status::Invalid("unknown column '{}' (columns: {})", name, ColumnList(schema_));
    BoundExpr b;
    b.op = Op::kColumn;
    b.column = index;
    b.name = schema_.fields[index]->name;
    b.type = schema_.fields[index]->type;
    return b;
  }

  // Converts literal `*lit` to the type of `other` (the column side).
  Status CastLiteral(const DataType& type, const BoundExpr& other, BoundExpr* lit) {
    if (lit->literal.is_null()) {
      lit->type = other.type;
      return Status::OK();
    }
    // A typed literal (DATE '...', TIMESTAMP '...') of the column's kind.
    const DataType& lt = *lit->type;
    if (lt.id == type.id && (lt.id == TypeId::kDate32 || lt.id == TypeId::kTimestamp)) {
      if (lt.id == TypeId::kTimestamp && lit->literal.is_int()) {
        lit->literal = ToUnit(type, lit->literal);  // literals are microseconds
      }
      lit->type = other.type;
      return Status::OK();
    }
    if (lt.id == TypeId::kDate32 && type.id == TypeId::kTimestamp && lit->literal.is_int()) {
      // A date against a timestamp is its midnight, as Spark casts it.
      lit->literal = ToUnit(type, Scalar(static_cast<int64_t>(lit->literal.int_value() * int64_t{86400000000})));
      lit->type = other.type;
      return Status::OK();
    }
    auto v = columnar::CastScalar(type, lit->literal);
    if (!v.ok()) {
      return Status::Invalid("cannot compare {} ({}) with {}: {}", other.ToString(), type.ToString(), lit->ToString(),
                             v.status().message());
    }
    lit->literal = ToUnit(type, std::move(*v));
    // A fractional literal against an integer column stays a double.
    lit->type = lit->literal.is_double() && ClassOf(type) == Class::kInt ? columnar::Float64() : other.type;
    return Status::OK();
  }

  Result<BoundExpr> Comparison(BoundExpr b) {
    BoundExpr& l = b.args[0];
    BoundExpr& r = b.args[1];
    if (r.op == Op::kLiteral && l.op != Op::kLiteral) {
      SLUICE_RETURN_NOT_OK(CastLiteral(*l.type, l, &r));
    } else if (l.op == Op::kLiteral && r.op != Op::kLiteral) {
      SLUICE_RETURN_NOT_OK(CastLiteral(*r.type, r, &l));
    }
    b.type = columnar::Bool();
    const Class cl = ClassOf(*l.type), cr = ClassOf(*r.type);
    if (cl == Class::kNull || cr == Class::kNull) return b;
    if (IsNumeric(cl) && IsNumeric(cr)) return b;
    const bool same_type = l.type->id == r.type->id && l.type->unit == r.type->unit && l.type->scale == r.type->scale;
    if (cl == cr && (cl == Class::kBool || cl == Class::kString || same_type)) return b;
    return Status::Invalid("cannot compare {} ({}) with {} ({})", l.ToString(), l.type->ToString(), r.ToString(),
                           r.type->ToString());
  }

  Result<BoundExpr> Arithmetic(BoundExpr b) {
    const Class cl = ClassOf(*b.args[0].type), cr = ClassOf(*b.args[1].type);
    for (const BoundExpr* a : {&b.args[0], &b.args[1]}) {
      const Class c = ClassOf(*a->type);
      if (c == Class::kDecimal) {
        return Status::NotSupported("{} on decimal {} ({}) is not supported yet", OpName(b.op), a->ToString(),
                                    a->type->ToString());
      }
      if (!IsNumeric(c) && c != Class::kNull) {
        return Status::Invalid("{} needs numbers, got {} ({})", OpName(b.op), a->ToString(), a->type->ToString());
      }
    }
    b.type = cl == Class::kFloat || cr == Class::kFloat ? columnar::Float64() : columnar::Int64();
    return b;
  }

  const Expr& root_;
  const columnar::Schema& schema_;
};

}  // namespace

Expr BoundExpr::ToExpr() const {
  switch (op) {
    case Op::kColumn:
      return Col(name);
    case Op::kLiteral:
      return Lit(literal, type);
    default: {
      std::vector<Expr> a;
      for (const BoundExpr& x : args) a.push_back(x.ToExpr());
      return Expr::Make(op, std::move(a));
    }
  }
}

std::string BoundExpr::ToString() const { return ToExpr().ToString(); }

Result<BoundExpr> Bind(const Expr& expr, const columnar::Schema& schema) { return Binder(expr, schema).Bind(expr); }

Result<BoundExpr> BindPredicate(const Expr& expr, const columnar::Schema& schema) {
  SLUICE_ASSIGN_OR_RETURN(BoundExpr b, Bind(expr, schema));
  if (b.type->id != TypeId::kBool && b.type->id != TypeId::kNull) {
    return Status::Invalid("expression '{}' is a {}, not a condition", expr.ToString(), b.type->ToString());
  }
  return Fold(std::move(b));
}

}  // namespace sluice::expr
