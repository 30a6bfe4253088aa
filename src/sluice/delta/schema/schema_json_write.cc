#include <simdjson.h>

#include "sluice/delta/log/log_json_text.h"
#include "sluice/delta/schema/schema_json.h"

namespace sluice::delta {
namespace {

using columnar::DataType;
using columnar::Field;
using columnar::TypeId;

// The Delta name of a primitive columnar type, or empty when Delta has none.
std::string_view PrimitiveName(const DataType& t) {
  switch (t.id) {
    case TypeId::kString:
      return "string";
    case TypeId::kInt64:
      return "long";
    case TypeId::kInt32:
      return "integer";
    case TypeId::kInt16:
      return "short";
    case TypeId::kInt8:
      return "byte";
    case TypeId::kFloat32:
      return "float";
    case TypeId::kFloat64:
      return "double";
    case TypeId::kBool:
      return "boolean";
    case TypeId::kBinary:
      return "binary";
    case TypeId::kDate32:
      return "date";
    // Any unit: Delta stores microseconds and the writer converts.
    case TypeId::kTimestamp:
      return t.utc ? "timestamp" : "timestamp_ntz";
    default:
      return {};
  }
}

// Appends a metadata value: kept as the JSON it was read as; a value that is
// not JSON (set by a caller as plain text) is written as a JSON string.
void AppendMetadataValue(std::string* out, const std::string& value) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element e;
  if (!value.empty() && parser.parse(value).get(e) == simdjson::SUCCESS) {
    out->append(simdjson::minify(e));
  } else {
    AppendJsonString(out, value);
  }
}

Status AppendType(std::string* out, const DataType& t, const std::string& path);

Status AppendFields(std::string* out, const std::vector<columnar::FieldPtr>& fields, const std::string& path) {
  JsonObjectWriter w(out);
  w.String("type", "struct");
  std::string* fo = w.Key("fields");
  fo->push_back('[');
  for (size_t i = 0; i < fields.size(); ++i) {
    const Field& f = *fields[i];
    std::string child_path = path.empty() ? f.name : path + "." + f.name;
    if (i > 0) fo->push_back(',');
    JsonObjectWriter fw(fo);
    fw.String("name", f.name);
    SLUICE_RETURN_NOT_OK(AppendType(fw.Key("type"), *f.type, child_path));
    fw.Bool("nullable", f.nullable);
    JsonObjectWriter mw(fw.Key("metadata"));
    for (const auto& [k, v] : f.metadata) AppendMetadataValue(mw.Key(k), v);
    mw.End();
    fw.End();
  }
  fo->push_back(']');
  w.End();
  return Status::OK();
}

Status AppendType(std::string* out, const DataType& t, const std::string& path) {
  std::string_view prim = PrimitiveName(t);
  if (!prim.empty()) {
    AppendJsonString(out, prim);
    return Status::OK();
  }
  switch (t.id) {
    case TypeId::kDecimal128:
      AppendJsonString(out, fmt::format("decimal({},{})", t.precision, t.scale));
      return Status::OK();
    case TypeId::kStruct:
      return AppendFields(out, t.children, path);
    case TypeId::kList: {
      JsonObjectWriter w(out);
      w.String("type", "array");
      SLUICE_RETURN_NOT_OK(AppendType(w.Key("elementType"), *t.children[0]->type, path + ".element"));
      w.Bool("containsNull", t.children[0]->nullable);
      w.End();
      return Status::OK();
    }
    case TypeId::kMap: {
      const DataType& entries = *t.children[0]->type;
      JsonObjectWriter w(out);
      w.String("type", "map");
      SLUICE_RETURN_NOT_OK(AppendType(w.Key("keyType"), *entries.children[0]->type, path + ".key"));
      SLUICE_RETURN_NOT_OK(AppendType(w.Key("valueType"), *entries.children[1]->type, path + ".value"));
      w.Bool("valueContainsNull", entries.children[1]->nullable);
      w.End();
      return Status::OK();
    }
    default:
      return Status::NotSupported("{}: type {} has no Delta equivalent", path, t.ToString());
  }
}

}  // namespace

Result<std::string> ToDeltaSchemaJson(const columnar::Schema& schema) {
  std::string out;
  SLUICE_RETURN_NOT_OK(AppendFields(&out, schema.fields, ""));
  return out;
}

}  // namespace sluice::delta
