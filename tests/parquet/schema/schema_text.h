#pragma once

// Test helper: builds FileMetaData.schema elements from a compact text form
//   message root { optional group a (LIST) { repeated group list { optional int32 element; } } }
// Leaf types: boolean int32 int64 int96 float double binary fixed_len_byte_array(N).
// Annotations: LIST MAP MAP_KEY_VALUE (converted), UTF8 DATE TIMESTAMP_MICROS DECIMAL(p,s)
// (converted), STRING UNKNOWN INT(bw,signed) (logical).

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/parquet/format/parquet_types.h"

namespace sluice::parquet::testing {

class SchemaText {
 public:
  static std::vector<format::SchemaElement> Parse(std::string_view text) {
    SchemaText p(text);
    p.Expect("message");
    format::SchemaElement root;
    root.name = p.Next();
    p.out_.push_back(root);
    p.Group(0);
    return p.out_;
  }

 private:
  explicit SchemaText(std::string_view t) {
    std::string cur;
    for (char c : t) {
      if (std::isspace(static_cast<unsigned char>(c)) || std::string_view("{};(),").find(c) != std::string_view::npos) {
        if (!cur.empty()) tokens_.push_back(cur);
        cur.clear();
        if (!std::isspace(static_cast<unsigned char>(c))) tokens_.push_back(std::string(1, c));
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) tokens_.push_back(cur);
  }
  std::string Next() { return pos_ < tokens_.size() ? tokens_[pos_++] : ""; }
  std::string Peek() const { return pos_ < tokens_.size() ? tokens_[pos_] : ""; }
  void Expect(const std::string& t) {
    if (Next() != t) ADD_FAILURE() << "schema text: expected " << t;
  }

  // Parses "{ fields }" for the group at out_[idx].
  void Group(size_t idx) {
    Expect("{");
    int n = 0;
    while (Peek() != "}") {
      Field();
      ++n;
    }
    Expect("}");
    out_[idx].num_children = n;
  }

  void Field() {
    format::SchemaElement e;
    const std::string rep = Next();
    e.repetition_type = rep == "required"   ? format::FieldRepetitionType::REQUIRED
                        : rep == "optional" ? format::FieldRepetitionType::OPTIONAL
                                            : format::FieldRepetitionType::REPEATED;
    const std::string type = Next();
    bool group = false;
    if (type == "group") {
      group = true;
    } else if (type == "boolean") {
      e.type = format::Type::BOOLEAN;
    } else if (type == "int32") {
      e.type = format::Type::INT32;
    } else if (type == "int64") {
      e.type = format::Type::INT64;
    } else if (type == "int96") {
      e.type = format::Type::INT96;
    } else if (type == "float") {
      e.type = format::Type::FLOAT;
    } else if (type == "double") {
      e.type = format::Type::DOUBLE;
    } else if (type == "binary") {
      e.type = format::Type::BYTE_ARRAY;
    } else if (type == "fixed_len_byte_array") {
      e.type = format::Type::FIXED_LEN_BYTE_ARRAY;
      Expect("(");
      e.type_length = std::stoi(Next());
      Expect(")");
    }
    e.name = Next();
    if (Peek() == "(") {
      Next();
      Annotate(Next(), &e);
      Expect(")");
    }
    out_.push_back(e);
    if (group) {
      Group(out_.size() - 1);
    } else {
      Expect(";");
    }
  }

  void Annotate(const std::string& a, format::SchemaElement* e) {
    using CT = format::ConvertedType;
    using K = format::LogicalType::Kind;
    auto logical = [&](K k) {
      format::LogicalType l;
      l.kind = k;
      e->logical_type = l;
    };
    if (a == "LIST") e->converted_type = CT::LIST;
    if (a == "MAP") e->converted_type = CT::MAP;
    if (a == "MAP_KEY_VALUE") e->converted_type = CT::MAP_KEY_VALUE;
    if (a == "UTF8") e->converted_type = CT::UTF8;
    if (a == "DATE") e->converted_type = CT::DATE;
    if (a == "TIMESTAMP_MICROS") e->converted_type = CT::TIMESTAMP_MICROS;
    if (a == "STRING") logical(K::kString);
    if (a == "UNKNOWN") logical(K::kUnknown);
    if (a == "DECIMAL") {
      e->converted_type = CT::DECIMAL;
      Expect("(");
      e->precision = std::stoi(Next());
      Expect(",");
      e->scale = std::stoi(Next());
      Expect(")");
    }
    if (a == "INT") {
      logical(K::kInteger);
      Expect("(");
      e->logical_type->integer.bit_width = static_cast<int8_t>(std::stoi(Next()));
      Expect(",");
      e->logical_type->integer.is_signed = Next() == "true";
      Expect(")");
    }
  }

  std::vector<std::string> tokens_;
  size_t pos_ = 0;
  std::vector<format::SchemaElement> out_;
};

}  // namespace sluice::parquet::testing
