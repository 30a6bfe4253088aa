#include <simdjson.h>

#include <charconv>

#include "sluice/delta/schema/schema_json.h"

namespace sluice::delta {
namespace {

namespace dom = simdjson::dom;
using columnar::DataTypePtr;
using columnar::FieldPtr;

// Nesting deeper than this is refused rather than recursed into.
constexpr int kMaxDepth = 64;

// Primitive Delta type names (PROTOCOL.md "Primitive Types") and their
// columnar types; decimal(p,s) is parsed separately.
struct PrimitiveEntry {
  std::string_view name;
  DataTypePtr (*make)();
};
DataTypePtr TimestampUtc() { return columnar::Timestamp(columnar::TimeUnit::kMicro, true); }
DataTypePtr TimestampNtz() { return columnar::Timestamp(columnar::TimeUnit::kMicro, false); }
constexpr PrimitiveEntry kPrimitives[] = {
    {"string", columnar::String},  {"long", columnar::Int64},   {"integer", columnar::Int32},
    {"short", columnar::Int16},    {"byte", columnar::Int8},    {"float", columnar::Float32},
    {"double", columnar::Float64}, {"boolean", columnar::Bool}, {"binary", columnar::Binary},
    {"date", columnar::Date32},    {"timestamp", TimestampUtc}, {"timestamp_ntz", TimestampNtz},
};

// Parses "decimal(p,s)" (spaces allowed after the comma); false if malformed.
bool ParseDecimal(std::string_view name, int32_t* precision, int32_t* scale) {
  if (name.substr(0, 8) != "decimal(" || name.back() != ')') return false;
  std::string_view body = name.substr(8, name.size() - 9);
  size_t comma = body.find(',');
  if (comma == std::string_view::npos) return false;
  std::string_view p = body.substr(0, comma), s = body.substr(comma + 1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  auto parse = [](std::string_view t, int32_t* out) {
    auto res = std::from_chars(t.data(), t.data() + t.size(), *out);
    return res.ec == std::errc() && res.ptr == t.data() + t.size() && !t.empty();
  };
  return parse(p, precision) && parse(s, scale);
}

class SchemaParser {
 public:
  Result<DataTypePtr> ParseType(dom::element e, const std::string& path, int depth) {
    if (depth > kMaxDepth) return Status::Corrupt("Delta schema: {}: nesting deeper than {}", path, kMaxDepth);
    std::string_view name;
    if (e.get_string().get(name) == simdjson::SUCCESS) return ParsePrimitive(name, path);
    dom::object obj;
    if (e.get_object().get(obj)) return Status::Corrupt("Delta schema: {}: type must be a string or an object", path);
    std::string_view kind;
    if (obj["type"].get_string().get(kind)) return Status::Corrupt("Delta schema: {}: missing \"type\"", path);
    if (kind == "struct") return ParseStruct(obj, path, depth);
    if (kind == "array") {
      dom::element elem;
      if (obj["elementType"].get(elem)) return Status::Corrupt("Delta schema: {}: array without elementType", path);
      SLUICE_ASSIGN_OR_RETURN(DataTypePtr t, ParseType(elem, path + ".element", depth + 1));
      bool contains_null = true;
      if (obj["containsNull"].get_bool().get(contains_null) == simdjson::INCORRECT_TYPE) {
        return Status::Corrupt("Delta schema: {}: containsNull must be a boolean", path);
      }
      return columnar::List(columnar::MakeField("element", std::move(t), contains_null));
    }
    if (kind == "map") {
      dom::element k, v;
      if (obj["keyType"].get(k) || obj["valueType"].get(v)) {
        return Status::Corrupt("Delta schema: {}: map without keyType or valueType", path);
      }
      SLUICE_ASSIGN_OR_RETURN(DataTypePtr kt, ParseType(k, path + ".key", depth + 1));
      SLUICE_ASSIGN_OR_RETURN(DataTypePtr vt, ParseType(v, path + ".value", depth + 1));
      bool value_null = true;
      if (obj["valueContainsNull"].get_bool().get(value_null) == simdjson::INCORRECT_TYPE) {
        return Status::Corrupt("Delta schema: {}: valueContainsNull must be a boolean", path);
      }
      return columnar::Map(columnar::MakeField("key", std::move(kt), false),
                           columnar::MakeField("value", std::move(vt), value_null));
    }
    return Status::NotSupported("Delta schema: {}: unsupported type '{}'", path, kind);
  }

  Result<std::vector<FieldPtr>> ParseFields(dom::object obj, const std::string& path, int depth) {
    dom::array fields;
    if (obj["fields"].get_array().get(fields)) {
      return Status::Corrupt("Delta schema: {}: struct without a \"fields\" array", path.empty() ? "<root>" : path);
    }
    std::vector<FieldPtr> out;
    for (dom::element fe : fields) {
      dom::object fo;
      if (fe.get_object().get(fo)) return Status::Corrupt("Delta schema: {}: field must be an object", path);
      std::string_view name;
      if (fo["name"].get_string().get(name)) return Status::Corrupt("Delta schema: {}: field without a name", path);
      std::string child_path = path.empty() ? std::string(name) : path + "." + std::string(name);
      dom::element te;
      if (fo["type"].get(te)) return Status::Corrupt("Delta schema: {}: field without a type", child_path);
      SLUICE_ASSIGN_OR_RETURN(DataTypePtr t, ParseType(te, child_path, depth + 1));
      bool nullable = true;
      if (fo["nullable"].get_bool().get(nullable) == simdjson::INCORRECT_TYPE) {
        return Status::Corrupt("Delta schema: {}: nullable must be a boolean", child_path);
      }
      columnar::KeyValueMetadata metadata;
      dom::object mo;
      auto merr = fo["metadata"].get_object().get(mo);
      if (merr == simdjson::SUCCESS) {
        for (auto [key, value] : mo) metadata.emplace_back(std::string(key), simdjson::minify(value));
      } else if (merr == simdjson::INCORRECT_TYPE && !fo["metadata"].is_null()) {
        return Status::Corrupt("Delta schema: {}: metadata must be an object", child_path);
      }
      out.push_back(columnar::MakeField(std::string(name), std::move(t), nullable, std::move(metadata)));
    }
    return out;
  }

 private:
  Result<DataTypePtr> ParsePrimitive(std::string_view name, const std::string& path) {
    for (const auto& p : kPrimitives) {
      if (p.name == name) return p.make();
    }
    int32_t precision = 0, scale = 0;
    if (name.substr(0, 7) == "decimal") {
      if (name == "decimal") return columnar::Decimal128(10, 0);  // Spark's DecimalType default
      if (!ParseDecimal(name, &precision, &scale) || precision < 1 || precision > 38 || scale < 0 ||
          scale > precision) {
        return Status::Corrupt("Delta schema: {}: bad decimal type '{}'", path, name);
      }
      return columnar::Decimal128(precision, scale);
    }
    return Status::NotSupported("Delta schema: {}: unsupported type '{}'", path, name);
  }

  Result<DataTypePtr> ParseStruct(dom::object obj, const std::string& path, int depth) {
    SLUICE_ASSIGN_OR_RETURN(auto fields, ParseFields(obj, path, depth));
    return columnar::Struct(std::move(fields));
  }
};

}  // namespace

Result<columnar::SchemaPtr> ParseDeltaSchema(std::string_view json) {
  auto schema = std::make_shared<columnar::Schema>();
  // A metaData without schemaString (Spark omits a null one) has no columns.
  if (json.empty()) return columnar::SchemaPtr(std::move(schema));
  thread_local dom::parser parser;
  dom::element root;
  if (auto err = parser.parse(json.data(), json.size()).get(root)) {
    return Status::Corrupt("Delta schema: not valid JSON: {}", simdjson::error_message(err));
  }
  dom::object obj;
  std::string_view kind;
  if (root.get_object().get(obj) || obj["type"].get_string().get(kind) || kind != "struct") {
    return Status::Corrupt("Delta schema: the root must be a struct type object");
  }
  SchemaParser p;
  SLUICE_ASSIGN_OR_RETURN(schema->fields, p.ParseFields(obj, "", 0));
  return columnar::SchemaPtr(std::move(schema));
}

}  // namespace sluice::delta
