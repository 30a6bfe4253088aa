#include <cctype>
#include <charconv>

#include "sluice/delta/read/predicate.h"

namespace sluice::delta {
namespace {

// Nesting (parentheses, NOT chains) deeper than this is refused.
constexpr int kMaxDepth = 200;

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

// Recursive-descent parser; precedence from loose to tight: OR, AND, NOT,
// comparison. Every error names the byte position it was found at.
class PredicateParser {
 public:
  explicit PredicateParser(std::string_view text) : text_(text) {}

  Result<Predicate> ParseAll() {
    SLUICE_ASSIGN_OR_RETURN(Predicate p, ParseOr(0));
    SkipSpace();
    if (pos_ < text_.size()) return Error("expected AND, OR or the end of the filter");
    return p;
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

  Result<Predicate> ParseOr(int depth) { return ParseChain(depth, "OR", Predicate::Op::kOr); }

  Result<Predicate> ParseAnd(int depth) { return ParseChain(depth, "AND", Predicate::Op::kAnd); }

  // `child (KW child)*`, flattened into one node of `op` when there are two or more.
  Result<Predicate> ParseChain(int depth, std::string_view kw, Predicate::Op op) {
    if (depth > kMaxDepth) return Error("filter nested too deeply");
    auto child = [&]() { return op == Predicate::Op::kOr ? ParseAnd(depth) : ParseNot(depth); };
    SLUICE_ASSIGN_OR_RETURN(Predicate first, child());
    if (!AcceptKeyword(kw)) return first;
    Predicate node;
    node.op = op;
    node.children.push_back(std::move(first));
    do {
      SLUICE_ASSIGN_OR_RETURN(Predicate next, child());
      node.children.push_back(std::move(next));
    } while (AcceptKeyword(kw));
    return node;
  }

  Result<Predicate> ParseNot(int depth) {
    if (depth > kMaxDepth) return Error("filter nested too deeply");
    if (AcceptKeyword("NOT")) {
      SLUICE_ASSIGN_OR_RETURN(Predicate inner, ParseNot(depth + 1));
      Predicate node;
      node.op = Predicate::Op::kNot;
      node.children.push_back(std::move(inner));
      return node;
    }
    if (AcceptChar('(')) {
      SLUICE_ASSIGN_OR_RETURN(Predicate inner, ParseOr(depth + 1));
      if (!AcceptChar(')')) return Error("expected ')'");
      return inner;
    }
    return ParseComparison();
  }

  Result<std::string> ParseColumn() {
    SkipSpace();
    if (pos_ < text_.size() && (text_[pos_] == '`' || text_[pos_] == '"')) {
      char quote = text_[pos_++];
      std::string name;
      while (true) {
        if (pos_ >= text_.size()) return Error("unterminated quoted column name");
        char c = text_[pos_++];
        if (c == quote) {
          if (pos_ < text_.size() && text_[pos_] == quote) {  // doubled quote = literal quote
            name.push_back(quote);
            ++pos_;
            continue;
          }
          break;
        }
        name.push_back(c);
      }
      if (name.empty()) return Error("empty column name");
      return name;
    }
    if (pos_ >= text_.size() || !IsIdentStart(text_[pos_])) return Error("expected a column name");
    size_t start = pos_;
    while (pos_ < text_.size() && IsIdentChar(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  // True when a literal (not a column) starts here.
  bool AtLiteral() {
    SkipSpace();
    if (pos_ >= text_.size()) return false;
    char c = text_[pos_];
    if (c == '\'' || c == '-' || c == '+' || std::isdigit(static_cast<unsigned char>(c))) return true;
    size_t save = pos_;
    bool kw = AcceptKeyword("TRUE") || AcceptKeyword("FALSE") || AcceptKeyword("NULL");
    pos_ = save;
    return kw;
  }

  // Parses a literal into `*out` (an out-parameter rather than Result<Scalar>:
  // gcc 12 with sanitizers warns falsely on moving the variant's string).
  Status ParseLiteral(Scalar* out) {
    SkipSpace();
    if (pos_ >= text_.size()) return Error("expected a value");
    if (text_[pos_] == '\'') {
      ++pos_;
      std::string s;
      while (true) {
        if (pos_ >= text_.size()) return Error("unterminated string");
        char c = text_[pos_++];
        if (c == '\'') {
          if (pos_ < text_.size() && text_[pos_] == '\'') {  // '' = one quote
            s.push_back('\'');
            ++pos_;
            continue;
          }
          out->emplace<std::string>(std::move(s));
          return Status::OK();
        }
        s.push_back(c);
      }
    }
    if (AcceptKeyword("TRUE")) {
      out->emplace<bool>(true);
      return Status::OK();
    }
    if (AcceptKeyword("FALSE")) {
      out->emplace<bool>(false);
      return Status::OK();
    }
    if (AcceptKeyword("NULL")) {
      out->emplace<std::monostate>();
      return Status::OK();
    }
    size_t start = pos_;
    if (text_[pos_] == '-' || text_[pos_] == '+') ++pos_;
    bool is_float = false;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (std::isdigit(static_cast<unsigned char>(c))) {
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
      if (res.ec == std::errc() && res.ptr == num.data() + num.size()) {
        out->emplace<int64_t>(v);
        return Status::OK();
      }
    }
    double d = 0;
    auto res = std::from_chars(num.data(), num.data() + num.size(), d);
    if (res.ec != std::errc() || res.ptr != num.data() + num.size()) {
      pos_ = start;
      return Error("malformed or out-of-range number");
    }
    out->emplace<double>(d);
    return Status::OK();
  }

  // Returns the comparison operator at the cursor, consuming it.
  std::optional<Predicate::Op> AcceptOperator() {
    SkipSpace();
    std::string_view rest = text_.substr(pos_);
    struct Entry {
      std::string_view token;
      Predicate::Op op;
    };
    // Two-character tokens first so "<=" is not read as "<".
    static constexpr Entry kOps[] = {{"<=", Predicate::Op::kLe}, {">=", Predicate::Op::kGe}, {"<>", Predicate::Op::kNe},
                                     {"!=", Predicate::Op::kNe}, {"==", Predicate::Op::kEq}, {"=", Predicate::Op::kEq},
                                     {"<", Predicate::Op::kLt},  {">", Predicate::Op::kGt}};
    for (const auto& e : kOps) {
      if (rest.substr(0, e.token.size()) == e.token) {
        pos_ += e.token.size();
        return e.op;
      }
    }
    return std::nullopt;
  }

  static Predicate::Op Flip(Predicate::Op op) {
    switch (op) {
      case Predicate::Op::kLt:
        return Predicate::Op::kGt;
      case Predicate::Op::kLe:
        return Predicate::Op::kGe;
      case Predicate::Op::kGt:
        return Predicate::Op::kLt;
      case Predicate::Op::kGe:
        return Predicate::Op::kLe;
      default:
        return op;
    }
  }

  Result<Predicate> ParseComparison() {
    Predicate p;
    if (AtLiteral()) {  // `1 < a` is `a > 1`
      Scalar lit;
      SLUICE_RETURN_NOT_OK(ParseLiteral(&lit));
      auto op = AcceptOperator();
      if (!op) return Error("expected a comparison operator");
      SLUICE_ASSIGN_OR_RETURN(p.column, ParseColumn());
      p.op = Flip(*op);
      p.literals.push_back(std::move(lit));
      return p;
    }
    SLUICE_ASSIGN_OR_RETURN(p.column, ParseColumn());
    if (auto op = AcceptOperator()) {
      p.op = *op;
      SLUICE_RETURN_NOT_OK(ParseLiteral(&p.literals.emplace_back()));
      return p;
    }
    if (AcceptKeyword("IS")) {
      bool negated = AcceptKeyword("NOT");
      if (!AcceptKeyword("NULL")) return Error("expected NULL after IS");
      p.op = negated ? Predicate::Op::kIsNotNull : Predicate::Op::kIsNull;
      return p;
    }
    bool negated = AcceptKeyword("NOT");
    if (!AcceptKeyword("IN")) {
      return Error(negated ? "expected IN after NOT" : "expected a comparison operator, IS or IN");
    }
    if (!AcceptChar('(')) return Error("expected '(' after IN");
    p.op = Predicate::Op::kIn;
    do {
      SLUICE_RETURN_NOT_OK(ParseLiteral(&p.literals.emplace_back()));
    } while (AcceptChar(','));
    if (!AcceptChar(')')) return Error("expected ',' or ')' in the IN list");
    if (!negated) return p;
    Predicate node;
    node.op = Predicate::Op::kNot;
    node.children.push_back(std::move(p));
    return node;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Result<Predicate> ParsePredicate(std::string_view text) { return PredicateParser(text).ParseAll(); }

}  // namespace sluice::delta
