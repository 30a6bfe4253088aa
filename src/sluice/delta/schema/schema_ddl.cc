#include "sluice/delta/schema/schema_ddl.h"

#include <cctype>
#include <string>

namespace sluice::delta {
namespace {

class DdlParser {
 public:
  explicit DdlParser(std::string_view text) : s_(text) {}

  Result<columnar::SchemaPtr> Parse() {
    auto schema = std::make_shared<columnar::Schema>();
    SkipSpace();
    if (pos_ == s_.size()) return Error("expected at least one column");
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(auto field, ParseField(/*struct_member=*/false));
      schema->fields.push_back(std::move(field));
      SkipSpace();
      if (pos_ == s_.size()) break;
      if (!Eat(',')) return Error("expected ',' between columns");
    }
    return columnar::SchemaPtr(schema);
  }

 private:
  Status Error(std::string_view what) const {
    return Status::Invalid("schema '{}': {} at position {}", s_, what, pos_ + 1);
  }
  void SkipSpace() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool Eat(char c) {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  Result<std::string> Name() {
    SkipSpace();
    std::string out;
    if (pos_ < s_.size() && s_[pos_] == '`') {
      ++pos_;
      while (true) {
        if (pos_ >= s_.size()) return Error("unterminated `name`");
        if (s_[pos_] == '`') {
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '`') {
            out += '`';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        out += s_[pos_++];
      }
      return out;
    }
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) {
      out += s_[pos_++];
    }
    if (out.empty()) return Error("expected a name");
    return out;
  }
  Result<std::string> Word() {
    SLUICE_ASSIGN_OR_RETURN(auto w, Name());
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return w;
  }
  Result<int32_t> Int() {
    SkipSpace();
    int64_t v = 0;
    const size_t start = pos_;
    while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_])) && v < 1000) {
      v = v * 10 + (s_[pos_++] - '0');
    }
    if (pos_ == start || v >= 1000) return Error("expected a small number");
    return static_cast<int32_t>(v);
  }

  Result<columnar::FieldPtr> ParseField(bool struct_member) {
    SLUICE_ASSIGN_OR_RETURN(auto name, Name());
    if (struct_member) Eat(':');
    SLUICE_ASSIGN_OR_RETURN(auto type, ParseType());
    bool nullable = true;
    SkipSpace();
    const size_t save = pos_;
    auto w = Word();
    if (w.ok() && *w == "not") {
      auto n = Word();
      if (!n.ok() || *n != "null") return Error("expected NOT NULL");
      nullable = false;
    } else {
      pos_ = save;
    }
    return columnar::MakeField(std::move(name), std::move(type), nullable);
  }

  Result<columnar::DataTypePtr> ParseType() {
    SLUICE_ASSIGN_OR_RETURN(auto t, Word());
    if (t == "string" || t == "varchar" || t == "char") {
      if (Eat('(')) {  // varchar(n): the length is not kept
        SLUICE_RETURN_NOT_OK(Int().status());
        if (!Eat(')')) return Error("expected ')'");
      }
      return columnar::String();
    }
    if (t == "long" || t == "bigint") return columnar::Int64();
    if (t == "int" || t == "integer") return columnar::Int32();
    if (t == "short" || t == "smallint") return columnar::Int16();
    if (t == "byte" || t == "tinyint") return columnar::Int8();
    if (t == "float" || t == "real") return columnar::Float32();
    if (t == "double") return columnar::Float64();
    if (t == "boolean" || t == "bool") return columnar::Bool();
    if (t == "binary") return columnar::Binary();
    if (t == "date") return columnar::Date32();
    if (t == "timestamp") return columnar::Timestamp(columnar::TimeUnit::kMicro, true);
    if (t == "timestamp_ntz") return columnar::Timestamp(columnar::TimeUnit::kMicro, false);
    if (t == "decimal" || t == "numeric") {
      int32_t p = 10, sc = 0;
      if (Eat('(')) {
        SLUICE_ASSIGN_OR_RETURN(p, Int());
        if (Eat(',')) {
          SLUICE_ASSIGN_OR_RETURN(sc, Int());
        }
        if (!Eat(')')) return Error("expected ')' after decimal precision and scale");
      }
      if (p < 1 || p > 38 || sc > p) return Error("decimal precision must be 1..38 and scale <= precision");
      return columnar::Decimal128(p, sc);
    }
    if (t == "array") {
      if (!Eat('<')) return Error("expected '<' after ARRAY");
      SLUICE_ASSIGN_OR_RETURN(auto e, ParseType());
      if (!Eat('>')) return Error("expected '>'");
      return columnar::List(columnar::MakeField("element", std::move(e), true));
    }
    if (t == "map") {
      if (!Eat('<')) return Error("expected '<' after MAP");
      SLUICE_ASSIGN_OR_RETURN(auto k, ParseType());
      if (!Eat(',')) return Error("expected ',' between map key and value types");
      SLUICE_ASSIGN_OR_RETURN(auto v, ParseType());
      if (!Eat('>')) return Error("expected '>'");
      return columnar::Map(columnar::MakeField("key", std::move(k), false),
                           columnar::MakeField("value", std::move(v), true));
    }
    if (t == "struct") {
      if (!Eat('<')) return Error("expected '<' after STRUCT");
      std::vector<columnar::FieldPtr> fields;
      while (true) {
        SLUICE_ASSIGN_OR_RETURN(auto f, ParseField(/*struct_member=*/true));
        fields.push_back(std::move(f));
        if (Eat('>')) break;
        if (!Eat(',')) return Error("expected ',' or '>' in STRUCT");
      }
      return columnar::Struct(std::move(fields));
    }
    return Error("unknown type '" + t + "'");
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

Result<columnar::SchemaPtr> ParseSchemaDdl(std::string_view text) { return DdlParser(text).Parse(); }

}  // namespace sluice::delta
