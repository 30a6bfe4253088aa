#include "sluice/expr/parse.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

#include "sluice/columnar/scalar_cast.h"
#include "sluice/common/strings.h"

namespace sluice::expr {
namespace {

// Nesting (parentheses, NOT and minus chains) deeper than this is refused.
constexpr int kMaxDepth = 200;

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Recursive descent, one function per precedence level. Every error names
// the byte position it was found at.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<Expr> ParseAll() {
    SLUICE_ASSIGN_OR_RETURN(Expr e, ParseOr(0));
    SkipSpace();
    if (pos_ < text_.size()) return Error("expected an operator, AND, OR or the end");
    return e;
  }

 private:
  Status Error(std::string_view what) const {
    std::string_view near = text_.substr(pos_, 20);
    return Status::Invalid("filter '{}': at position {}: {}{}", text_, pos_, what,
                           near.empty() ? std::string(" (at the end)") : fmt::format(" (near '{}')", near));
  }

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  // Consumes the keyword `kw` (case-insensitive, whole word) if it is next.
  bool AcceptKeyword(std::string_view kw) {
    SkipSpace();
    if (text_.size() - pos_ < kw.size() || !EqualsIgnoreCase(text_.substr(pos_, kw.size()), kw)) return false;
    if (pos_ + kw.size() < text_.size() && IsIdentChar(text_[pos_ + kw.size()])) return false;
    pos_ += kw.size();
    return true;
  }

  bool AcceptChar(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool AcceptToken(std::string_view t) {
    SkipSpace();
    if (text_.substr(pos_, t.size()) != t) return false;
    pos_ += t.size();
    return true;
  }

  Result<Expr> ParseOr(int depth) {
    if (depth > kMaxDepth) return Error("expression nested too deeply");
    SLUICE_ASSIGN_OR_RETURN(Expr e, ParseAnd(depth));
    while (AcceptKeyword("OR")) {
      SLUICE_ASSIGN_OR_RETURN(Expr r, ParseAnd(depth));
      e = std::move(e) || std::move(r);
    }
    return e;
  }

  Result<Expr> ParseAnd(int depth) {
    SLUICE_ASSIGN_OR_RETURN(Expr e, ParseNot(depth));
    while (AcceptKeyword("AND")) {
      SLUICE_ASSIGN_OR_RETURN(Expr r, ParseNot(depth));
      e = std::move(e) && std::move(r);
    }
    return e;
  }

  Result<Expr> ParseNot(int depth) {
    if (depth > kMaxDepth) return Error("expression nested too deeply");
    if (AcceptKeyword("NOT")) {
      SLUICE_ASSIGN_OR_RETURN(Expr inner, ParseNot(depth + 1));
      return !std::move(inner);
    }
    return ParsePredicate(depth);
  }

  // additive [cmp additive | IS [NOT] NULL | [NOT] IN (...) | [NOT] BETWEEN a AND b]
  Result<Expr> ParsePredicate(int depth) {
    SLUICE_ASSIGN_OR_RETURN(Expr left, ParseAdditive(depth));
    if (auto op = AcceptComparison()) {
      SLUICE_ASSIGN_OR_RETURN(Expr right, ParseAdditive(depth));
      return Expr::Make(*op, {std::move(left), std::move(right)});
    }
    if (AcceptKeyword("IS")) {
      const bool negated = AcceptKeyword("NOT");
      if (!AcceptKeyword("NULL")) return Error("expected NULL after IS");
      return negated ? IsNotNull(std::move(left)) : IsNull(std::move(left));
    }
    const size_t save = pos_;
    const bool negated = AcceptKeyword("NOT");
    if (AcceptKeyword("IN")) {
      if (!AcceptChar('(')) return Error("expected '(' after IN");
      std::vector<Expr> args{std::move(left)};
      do {
        SLUICE_ASSIGN_OR_RETURN(Expr v, ParseLiteral());
        args.push_back(std::move(v));
      } while (AcceptChar(','));
      if (!AcceptChar(')')) return Error("expected ',' or ')' in the IN list");
      Expr in = Expr::Make(Op::kIn, std::move(args));
      return negated ? !std::move(in) : in;
    }
    if (AcceptKeyword("BETWEEN")) {
      SLUICE_ASSIGN_OR_RETURN(Expr lo, ParseAdditive(depth));
      if (!AcceptKeyword("AND")) return Error("expected AND in BETWEEN");
      SLUICE_ASSIGN_OR_RETURN(Expr hi, ParseAdditive(depth));
      Expr between = (left >= std::move(lo)) && (left <= std::move(hi));
      return negated ? !std::move(between) : between;
    }
    if (negated) {
      pos_ = save;
      return Error("expected IN or BETWEEN after NOT");
    }
    return left;
  }

  std::optional<Op> AcceptComparison() {
    // Two-character tokens first so "<=" is not read as "<".
    static constexpr std::pair<std::string_view, Op> kOps[] = {{"<=", Op::kLe}, {">=", Op::kGe}, {"<>", Op::kNe},
                                                               {"!=", Op::kNe}, {"==", Op::kEq}, {"=", Op::kEq},
                                                               {"<", Op::kLt},  {">", Op::kGt}};
    for (const auto& [token, op] : kOps) {
      if (AcceptToken(token)) return op;
    }
    return std::nullopt;
  }

  Result<Expr> ParseAdditive(int depth) {
    SLUICE_ASSIGN_OR_RETURN(Expr e, ParseMultiplicative(depth));
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size() || (text_[pos_] != '+' && text_[pos_] != '-')) return e;
      const Op op = text_[pos_++] == '+' ? Op::kAdd : Op::kSub;
      SLUICE_ASSIGN_OR_RETURN(Expr r, ParseMultiplicative(depth));
      e = Expr::Make(op, {std::move(e), std::move(r)});
    }
  }

  Result<Expr> ParseMultiplicative(int depth) {
    SLUICE_ASSIGN_OR_RETURN(Expr e, ParseUnary(depth));
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size() || (text_[pos_] != '*' && text_[pos_] != '/' && text_[pos_] != '%')) return e;
      const char c = text_[pos_++];
      const Op op = c == '*' ? Op::kMul : (c == '/' ? Op::kDiv : Op::kMod);
      SLUICE_ASSIGN_OR_RETURN(Expr r, ParseUnary(depth));
      e = Expr::Make(op, {std::move(e), std::move(r)});
    }
  }

  Result<Expr> ParseUnary(int depth) {
    if (depth > kMaxDepth) return Error("expression nested too deeply");
    SkipSpace();
    if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) {
      // A sign directly before a number belongs to the literal (so -5 is one
      // literal, and -9223372036854775808 fits).
      if (pos_ + 1 < text_.size() && (IsDigit(text_[pos_ + 1]) || text_[pos_ + 1] == '.')) return ParseNumber();
      const bool minus = text_[pos_++] == '-';
      SLUICE_ASSIGN_OR_RETURN(Expr inner, ParseUnary(depth + 1));
      return minus ? -std::move(inner) : inner;
    }
    return ParsePrimary(depth);
  }

  Result<Expr> ParsePrimary(int depth) {
    SkipSpace();
    if (pos_ >= text_.size()) return Error("expected a value or a column");
    const char c = text_[pos_];
    if (c == '(') {
      ++pos_;
      SLUICE_ASSIGN_OR_RETURN(Expr inner, ParseOr(depth + 1));
      if (!AcceptChar(')')) return Error("expected ')'");
      return inner;
    }
    if (c == '\'' || IsDigit(c) || c == '.') return ParseLiteral();
    if (c == '`' || c == '"') {
      SLUICE_ASSIGN_OR_RETURN(std::string name, ParseQuoted(c));
      return Col(std::move(name));
    }
    if (!IsIdentStart(c)) return Error("expected a value or a column");
    const size_t start = pos_;
    while (pos_ < text_.size() && IsIdentChar(text_[pos_])) ++pos_;
    std::string_view word = text_.substr(start, pos_ - start);
    pos_ = start;
    if (EqualsIgnoreCase(word, "TRUE") || EqualsIgnoreCase(word, "FALSE") || EqualsIgnoreCase(word, "NULL") ||
        IsTypedLiteral(word)) {
      return ParseLiteral();
    }
    if (IsReservedWord(word)) return Error("expected a value or a column");
    pos_ = start + word.size();
    return Col(std::string(word));
  }

  // DATE '...', TIMESTAMP '...', TIMESTAMP_NTZ '...' (a keyword then a string).
  bool IsTypedLiteral(std::string_view word) {
    if (!EqualsIgnoreCase(word, "DATE") && !EqualsIgnoreCase(word, "TIMESTAMP") &&
        !EqualsIgnoreCase(word, "TIMESTAMP_NTZ")) {
      return false;
    }
    size_t p = pos_ + word.size();
    while (p < text_.size() && std::isspace(static_cast<unsigned char>(text_[p]))) ++p;
    return p < text_.size() && text_[p] == '\'';
  }

  Result<std::string> ParseQuoted(char quote) {
    ++pos_;
    std::string s;
    while (true) {
      if (pos_ >= text_.size()) return Error(quote == '\'' ? "unterminated string" : "unterminated quoted column name");
      const char c = text_[pos_++];
      if (c == quote) {
        if (pos_ < text_.size() && text_[pos_] == quote) {  // doubled quote = one quote
          s.push_back(quote);
          ++pos_;
          continue;
        }
        break;
      }
      s.push_back(c);
    }
    if (s.empty() && quote != '\'') return Error("empty column name");
    return s;
  }

  Result<Expr> ParseLiteral() {
    SkipSpace();
    if (pos_ >= text_.size()) return Error("expected a value");
    if (text_[pos_] == '\'') {
      SLUICE_ASSIGN_OR_RETURN(std::string s, ParseQuoted('\''));
      return Lit(Scalar(std::move(s)));
    }
    if (AcceptKeyword("TRUE")) return Lit(Scalar(true));
    if (AcceptKeyword("FALSE")) return Lit(Scalar(false));
    if (AcceptKeyword("NULL")) return Lit(Scalar());
    for (auto [kw, type] : {std::pair{"TIMESTAMP_NTZ", columnar::Timestamp(columnar::TimeUnit::kMicro, false)},
                            std::pair{"TIMESTAMP", columnar::Timestamp(columnar::TimeUnit::kMicro, true)},
                            std::pair{"DATE", columnar::Date32()}}) {
      if (!AcceptKeyword(kw)) continue;
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != '\'') return Error("expected a quoted value after the type");
      const size_t value_at = pos_;
      SLUICE_ASSIGN_OR_RETURN(std::string s, ParseQuoted('\''));
      auto v = columnar::ParseScalar(*type, s);
      if (!v.ok()) {
        pos_ = value_at;
        return Error(fmt::format("'{}' is not a {} literal", s, kw));
      }
      return Lit(std::move(*v), type);
    }
    return ParseNumber();
  }

  Result<Expr> ParseNumber() {
    SkipSpace();
    const size_t start = pos_;
    if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) ++pos_;
    bool is_float = false;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (IsDigit(c)) {
        ++pos_;
      } else if (c == '.' || c == 'e' || c == 'E') {
        is_float = true;
        ++pos_;
        if ((c == 'e' || c == 'E') && pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) ++pos_;
      } else {
        break;
      }
    }
    std::string_view num = text_.substr(start, pos_ - start);
    if (!num.empty() && num[0] == '+') num.remove_prefix(1);
    if (num.empty() || num == "-") {
      pos_ = start;
      return Error("expected a value");
    }
    if (!is_float) {
      int64_t v = 0;
      auto res = std::from_chars(num.data(), num.data() + num.size(), v);
      if (res.ec == std::errc() && res.ptr == num.data() + num.size()) return Lit(Scalar(v));
    }
    double d = 0;
    auto res = std::from_chars(num.data(), num.data() + num.size(), d);
    if (res.ec != std::errc() || res.ptr != num.data() + num.size()) {
      pos_ = start;
      return Error("malformed or out-of-range number");
    }
    return Lit(Scalar(d));
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

bool IsReservedWord(std::string_view w) {
  for (std::string_view k : {"AND", "OR", "NOT", "IS", "IN", "NULL", "TRUE", "FALSE", "BETWEEN"}) {
    if (EqualsIgnoreCase(w, k)) return true;
  }
  return false;
}

Result<Expr> ParseExpr(std::string_view text) { return Parser(text).ParseAll(); }

}  // namespace sluice::expr
