#include "sluice/expr/expr.h"

#include <fmt/format.h>

#include <cctype>

#include "sluice/columnar/value_text.h"

namespace sluice::expr {

using columnar::TypeId;

bool IsArithmetic(Op op) { return op >= Op::kAdd && op <= Op::kMod; }
bool IsComparison(Op op) { return op >= Op::kEq && op <= Op::kGe; }

Op Flip(Op op) {
  switch (op) {
    case Op::kLt:
      return Op::kGt;
    case Op::kLe:
      return Op::kGe;
    case Op::kGt:
      return Op::kLt;
    case Op::kGe:
      return Op::kLe;
    default:
      return op;
  }
}

Op Negate(Op op) {
  switch (op) {
    case Op::kEq:
      return Op::kNe;
    case Op::kNe:
      return Op::kEq;
    case Op::kLt:
      return Op::kGe;
    case Op::kLe:
      return Op::kGt;
    case Op::kGt:
      return Op::kLe;
    case Op::kGe:
      return Op::kLt;
    case Op::kIsNull:
      return Op::kIsNotNull;
    case Op::kIsNotNull:
      return Op::kIsNull;
    default:
      return op;
  }
}

const char* OpName(Op op) {
  static const char* kNames[] = {"column", "literal", "+",  "-",   "*",  "/",   "%", "=",       "!=",          "<",
                                 "<=",     ">",       ">=", "AND", "OR", "NOT", "-", "IS NULL", "IS NOT NULL", "IN"};
  return kNames[static_cast<int>(op)];
}

Expr Expr::Make(Op op, std::vector<Expr> args, std::string column, Scalar literal, columnar::DataTypePtr literal_type) {
  Expr e;
  e.node_ = std::make_shared<const Node>(
      Node{op, std::move(column), std::move(literal), std::move(literal_type), std::move(args)});
  return e;
}

Expr Col(std::string name) { return Expr::Make(Op::kColumn, {}, std::move(name)); }
Expr Lit(Scalar v) { return Expr::Make(Op::kLiteral, {}, {}, std::move(v)); }
Expr Lit(Scalar v, columnar::DataTypePtr type) {
  return Expr::Make(Op::kLiteral, {}, {}, std::move(v), std::move(type));
}

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
Expr IsNull(Expr a) { return Expr::Make(Op::kIsNull, {std::move(a)}); }
Expr IsNotNull(Expr a) { return Expr::Make(Op::kIsNotNull, {std::move(a)}); }
Expr In(Expr a, std::vector<Scalar> values) {
  std::vector<Expr> args{std::move(a)};
  for (Scalar& v : values) args.push_back(Lit(std::move(v)));
  return Expr::Make(Op::kIn, std::move(args));
}

namespace {

bool IsPlainIdentifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_') || IsReservedWord(s)) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.')) return false;
  }
  return true;
}

std::string Quoted(std::string_view s, char quote) {
  std::string out(1, quote);
  for (char c : s) {
    if (c == quote) out.push_back(quote);
    out.push_back(c);
  }
  out.push_back(quote);
  return out;
}

int64_t UnitsPerSecond(columnar::TimeUnit u) {
  switch (u) {
    case columnar::TimeUnit::kSecond:
      return 1;
    case columnar::TimeUnit::kMilli:
      return 1000;
    case columnar::TimeUnit::kMicro:
      return 1000000;
    default:
      return 1000000000;
  }
}

std::string LiteralText(const Scalar& v, const columnar::DataTypePtr& type) {
  if (v.is_null()) return "NULL";
  if (v.is_bool()) return v.bool_value() ? "TRUE" : "FALSE";
  if (v.is_string()) return Quoted(v.string_value(), '\'');
  if (type && type->id == TypeId::kDate32 && v.is_int()) {
    std::string s = "DATE '";
    columnar::AppendDateText(v.int_value(), &s);
    s.push_back('\'');
    return s;
  }
  if (type && type->id == TypeId::kTimestamp && v.is_int()) {
    std::string s = type->utc ? "TIMESTAMP '" : "TIMESTAMP_NTZ '";
    columnar::AppendDateTimeText(v.int_value(), UnitsPerSecond(type->unit), ' ', &s);
    s.push_back('\'');
    return s;
  }
  if (type && type->id == TypeId::kDecimal128 && v.is_number() && !v.is_double()) {
    std::string s;
    columnar::AppendDecimalText(v.int128_value(), type->scale, &s);
    return s;
  }
  if (v.is_double()) {
    std::string s;
    columnar::AppendFloatText(v.double_value(), &s);
    return s;
  }
  return v.ToString();
}

}  // namespace

std::string Expr::ToString() const {
  switch (op()) {
    case Op::kColumn:
      return IsPlainIdentifier(column()) ? column() : Quoted(column(), '`');
    case Op::kLiteral:
      return LiteralText(literal(), literal_type());
    case Op::kNot:
      return fmt::format("(NOT {})", args()[0].ToString());
    case Op::kNeg:
      // "(- x)": a space, so that "- 12" (minus applied to 12) does not come
      // back as the literal -12.
      return fmt::format("(- {})", args()[0].ToString());
    case Op::kIsNull:
    case Op::kIsNotNull:
      return fmt::format("({} {})", args()[0].ToString(), OpName(op()));
    case Op::kIn: {
      std::string s = fmt::format("({} IN (", args()[0].ToString());
      for (size_t i = 1; i < args().size(); ++i) {
        if (i > 1) s.append(", ");
        s.append(args()[i].ToString());
      }
      s.append("))");
      return s;
    }
    default:
      return fmt::format("({} {} {})", args()[0].ToString(), OpName(op()), args()[1].ToString());
  }
}

}  // namespace sluice::expr
