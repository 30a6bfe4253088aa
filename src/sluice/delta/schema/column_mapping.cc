#include "sluice/delta/schema/column_mapping.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "sluice/columnar/builder.h"
#include "sluice/common/strings.h"

namespace sluice::delta {
namespace {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::DataType;
using columnar::Field;
using columnar::TypeId;
using parquet::format::SchemaElement;

constexpr std::string_view kPhysicalNameKey = "delta.columnMapping.physicalName";
constexpr std::string_view kIdKey = "delta.columnMapping.id";

const std::string* FindMetadata(const Field& field, std::string_view key) {
  for (const auto& [k, v] : field.metadata) {
    if (k == key) return &v;
  }
  return nullptr;
}

// Field metadata values are JSON (schema_json.h): unquote a JSON string.
std::string JsonStringValue(const std::string& v) {
  if (v.size() < 2 || v.front() != '"' || v.back() != '"') return v;
  std::string out;
  for (size_t i = 1; i + 1 < v.size(); ++i) {
    if (v[i] == '\\' && i + 2 < v.size()) ++i;
    out.push_back(v[i]);
  }
  return out;
}

// The element tree of a Parquet schema (flattened depth-first in the footer).
struct ElementNode {
  const SchemaElement* element = nullptr;
  std::vector<ElementNode> children;
};

ElementNode BuildElementTree(const std::vector<SchemaElement>& elements, size_t* pos, int depth) {
  ElementNode node;
  node.element = &elements[(*pos)++];
  const int32_t n = node.element->num_children.value_or(0);
  for (int32_t i = 0; i < n && *pos < elements.size() && depth < 64; ++i) {
    node.children.push_back(BuildElementTree(elements, pos, depth + 1));
  }
  return node;
}

// Pairs the element tree with the columnar field the reader made of it.
FileField Align(const ElementNode* node, const Field& field) {
  FileField out;
  out.name = field.name;
  if (node != nullptr) out.field_id = node->element->field_id;
  const DataType& type = *field.type;
  auto child = [&](size_t i) -> const ElementNode* {
    return node != nullptr && i < node->children.size() ? &node->children[i] : nullptr;
  };
  if (type.id == TypeId::kStruct) {
    for (size_t i = 0; i < type.children.size(); ++i) out.children.push_back(Align(child(i), *type.children[i]));
  } else if (type.id == TypeId::kList) {
    // 3-level list: LIST group > repeated group > element; legacy 2-level
    // forms have the repeated node itself as the element.
    const ElementNode* repeated = child(0);
    const ElementNode* element = repeated;
    if (repeated != nullptr && repeated->children.size() == 1 && repeated->element->name != "array" &&
        !repeated->element->name.ends_with("_tuple")) {
      element = &repeated->children[0];
    }
    out.children.push_back(Align(element, *type.children[0]));
  } else if (type.id == TypeId::kMap) {
    const ElementNode* kv = child(0);
    const auto& entries = type.children[0]->type->children;
    for (size_t i = 0; i < 2 && i < entries.size(); ++i) {
      const ElementNode* e = kv != nullptr && i < kv->children.size() ? &kv->children[i] : nullptr;
      out.children.push_back(Align(e, *entries[i]));
    }
  }
  return out;
}

bool AnyFieldId(const std::vector<FileField>& fields) {
  return std::any_of(fields.begin(), fields.end(), [](const FileField& f) { return f.field_id.has_value(); });
}

Status CannotConvert(const DataType& from, const Field& field) {
  return Status::NotSupported("column {}: cannot read a {} file column as {}", field.name, from.ToString(),
                              field.type->ToString());
}

// Returns `array` with its type replaced (same memory layout).
ArrayPtr Retype(const ArrayPtr& array, const columnar::DataTypePtr& type) {
  auto out = std::make_shared<Array>(*array);
  out->type = type;
  return out;
}

// Converts the values of a fixed-width array element-wise, keeping validity and offset.
template <typename From, typename To, typename Fn>
ArrayPtr MapValues(const Array& a, const columnar::DataTypePtr& type, Fn fn) {
  const int64_t n = a.offset + a.length;
  auto values = std::make_shared<Buffer>();
  values->Resize(n * static_cast<int64_t>(sizeof(To)));
  const From* src = a.buffers[1]->data_as<From>();
  To* dst = values->mutable_data_as<To>();
  for (int64_t i = 0; i < n; ++i) dst[i] = fn(src[i]);
  auto out = std::make_shared<Array>(a);
  out->type = type;
  out->buffers[1] = std::move(values);
  return out;
}

// Reads integer value i of any integer array type as int64.
template <typename Fn>
bool VisitInteger(TypeId id, Fn&& fn) {
  switch (id) {
    case TypeId::kInt8:
      return fn(int8_t{});
    case TypeId::kInt16:
      return fn(int16_t{});
    case TypeId::kInt32:
      return fn(int32_t{});
    case TypeId::kInt64:
      return fn(int64_t{});
    case TypeId::kUInt8:
      return fn(uint8_t{});
    case TypeId::kUInt16:
      return fn(uint16_t{});
    case TypeId::kUInt32:
      return fn(uint32_t{});
    default:
      return false;
  }
}

__int128 Pow10(int n) {
  __int128 v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}

Result<ArrayPtr> CastPrimitive(const ArrayPtr& array, const Field& field) {
  const DataType& from = *array->type;
  const columnar::DataTypePtr& to = field.type;
  if (from.Equals(*to)) return array;
  if (from.id == TypeId::kNull) {
    SLUICE_ASSIGN_OR_RETURN(auto builder, columnar::MakeBuilder(to));
    builder->AppendNulls(array->length);
    return builder->Finish();
  }
  if (array->buffers.size() < 2 && from.id != TypeId::kNull) return CannotConvert(from, field);
  // Same layout: string <-> binary, timestamp zone flag, decimal precision.
  if ((from.IsBinaryLike() && to->IsBinaryLike()) ||
      (from.id == TypeId::kTimestamp && to->id == TypeId::kTimestamp && from.unit == to->unit) ||
      (from.id == TypeId::kDecimal128 && to->id == TypeId::kDecimal128 && from.scale == to->scale)) {
    return Retype(array, to);
  }
  if (from.id == TypeId::kTimestamp && to->id == TypeId::kTimestamp) {
    static constexpr int64_t kPerSecond[] = {1, 1000, 1000000, 1000000000};
    const int64_t f = kPerSecond[static_cast<int>(from.unit)], t = kPerSecond[static_cast<int>(to->unit)];
    if (f <= t) return MapValues<int64_t, int64_t>(*array, to, [m = t / f](int64_t v) { return v * m; });
    return MapValues<int64_t, int64_t>(*array, to, [d = f / t](int64_t v) {
      return v >= 0 ? v / d : -((-v + d - 1) / d);  // floor
    });
  }
  if (from.id == TypeId::kDate32 && to->id == TypeId::kTimestamp && !to->utc) {  // type widening
    return MapValues<int32_t, int64_t>(*array, to, [](int32_t d) { return int64_t{d} * 86400000000; });
  }
  if (from.id == TypeId::kFloat32 && to->id == TypeId::kFloat64) {
    return MapValues<float, double>(*array, to, [](float v) { return static_cast<double>(v); });
  }
  if (from.id == TypeId::kDecimal128 && to->id == TypeId::kDecimal128 && to->scale > from.scale) {
    const __int128 m = Pow10(to->scale - from.scale);
    return MapValues<__int128, __int128>(*array, to, [m](__int128 v) { return v * m; });
  }
  ArrayPtr out;
  const bool ok = VisitInteger(from.id, [&](auto tag) {
    using From = decltype(tag);
    switch (to->id) {
      case TypeId::kInt8:
        out = MapValues<From, int8_t>(*array, to, [](From v) { return static_cast<int8_t>(v); });
        return true;
      case TypeId::kInt16:
        out = MapValues<From, int16_t>(*array, to, [](From v) { return static_cast<int16_t>(v); });
        return true;
      case TypeId::kInt32:
        out = MapValues<From, int32_t>(*array, to, [](From v) { return static_cast<int32_t>(v); });
        return true;
      case TypeId::kInt64:
        out = MapValues<From, int64_t>(*array, to, [](From v) { return static_cast<int64_t>(v); });
        return true;
      case TypeId::kFloat64:
        out = MapValues<From, double>(*array, to, [](From v) { return static_cast<double>(v); });
        return true;
      case TypeId::kDecimal128: {
        const __int128 m = Pow10(to->scale);
        out = MapValues<From, __int128>(*array, to, [m](From v) { return static_cast<__int128>(v) * m; });
        return true;
      }
      default:
        return false;
    }
  });
  if (ok) return out;
  return CannotConvert(from, field);
}

}  // namespace

Result<ColumnMappingMode> GetColumnMappingMode(const Protocol& protocol, const Metadata& metadata) {
  auto it = metadata.configuration.find("delta.columnMapping.mode");
  if (it == metadata.configuration.end()) return ColumnMappingMode::kNone;
  bool supported = protocol.min_reader_version == 2;
  if (protocol.min_reader_version >= 3 && protocol.reader_features) {
    const auto& f = *protocol.reader_features;
    supported = std::find(f.begin(), f.end(), "columnMapping") != f.end();
  }
  if (!supported) return ColumnMappingMode::kNone;
  if (it->second == "none") return ColumnMappingMode::kNone;
  if (it->second == "name") return ColumnMappingMode::kName;
  if (it->second == "id") return ColumnMappingMode::kId;
  return Status::Invalid("unknown delta.columnMapping.mode '{}'", it->second);
}

std::string PhysicalName(const Field& field, ColumnMappingMode mode) {
  if (mode == ColumnMappingMode::kNone) return field.name;
  const std::string* v = FindMetadata(field, kPhysicalNameKey);
  return v != nullptr ? JsonStringValue(*v) : field.name;
}

std::optional<int32_t> ColumnMappingId(const Field& field) {
  const std::string* v = FindMetadata(field, kIdKey);
  if (v == nullptr) return std::nullopt;
  const std::string s = JsonStringValue(*v);
  int32_t id = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return id;
}

std::vector<FileField> FileFieldsOf(const parquet::SchemaDescriptor& descriptor) {
  const auto& elements = descriptor.elements();
  const auto& fields = descriptor.schema()->fields;
  std::vector<FileField> out;
  if (elements.empty()) return out;
  size_t pos = 0;
  const ElementNode root = BuildElementTree(elements, &pos, 0);
  for (size_t i = 0; i < fields.size(); ++i) {
    out.push_back(Align(i < root.children.size() ? &root.children[i] : nullptr, *fields[i]));
  }
  return out;
}

int FindFileField(const std::vector<FileField>& file_fields, const Field& field, ColumnMappingMode mode) {
  if (mode == ColumnMappingMode::kId && AnyFieldId(file_fields)) {
    const std::optional<int32_t> id = ColumnMappingId(field);
    for (size_t i = 0; i < file_fields.size(); ++i) {
      if (id && file_fields[i].field_id == id) return static_cast<int>(i);
    }
    return -1;
  }
  const std::string name = PhysicalName(field, mode);
  for (size_t i = 0; i < file_fields.size(); ++i) {
    if (file_fields[i].name == name) return static_cast<int>(i);
  }
  // Spark resolves columns case-insensitively (golden/hive/deltatbl-column-names-case-insensitive).
  for (size_t i = 0; i < file_fields.size(); ++i) {
    if (EqualsIgnoreCase(file_fields[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

Result<ArrayPtr> ConformArray(const ArrayPtr& array, const FileField& file_field, const Field& field,
                              ColumnMappingMode mode) {
  const DataType& to = *field.type;
  const DataType& from = *array->type;
  if (!to.IsNested() || from.id == TypeId::kNull) return CastPrimitive(array, field);
  if (from.id != to.id) return CannotConvert(from, field);
  auto out = std::make_shared<Array>(*array);
  out->type = field.type;
  out->children.clear();
  if (to.id == TypeId::kStruct) {
    for (const auto& child : to.children) {
      const int i = FindFileField(file_field.children, *child, mode);
      if (i < 0 || static_cast<size_t>(i) >= array->children.size()) {
        // Schema evolution: a field the file lacks reads as nulls.
        SLUICE_ASSIGN_OR_RETURN(auto builder, columnar::MakeBuilder(child->type));
        builder->AppendNulls(array->offset + array->length);
        SLUICE_ASSIGN_OR_RETURN(auto nulls, builder->Finish());
        out->children.push_back(std::move(nulls));
        continue;
      }
      SLUICE_ASSIGN_OR_RETURN(auto c, ConformArray(array->children[i], file_field.children[i], *child, mode));
      out->children.push_back(std::move(c));
    }
    return ArrayPtr(std::move(out));
  }
  if (array->children.empty() || file_field.children.empty()) return CannotConvert(from, field);
  if (to.id == TypeId::kList) {
    SLUICE_ASSIGN_OR_RETURN(auto c, ConformArray(array->children[0], file_field.children[0], *to.children[0], mode));
    out->children.push_back(std::move(c));
    return ArrayPtr(std::move(out));
  }
  // Map: entries struct<key, value>; the file field lists key and value.
  const ArrayPtr& entries = array->children[0];
  const auto& to_entries = to.children[0];
  if (entries->children.size() < 2 || file_field.children.size() < 2 || to_entries->type->children.size() < 2) {
    return CannotConvert(from, field);
  }
  auto new_entries = std::make_shared<Array>(*entries);
  new_entries->type = to_entries->type;
  new_entries->children.clear();
  for (size_t i = 0; i < 2; ++i) {
    SLUICE_ASSIGN_OR_RETURN(
        auto c, ConformArray(entries->children[i], file_field.children[i], *to_entries->type->children[i], mode));
    new_entries->children.push_back(std::move(c));
  }
  out->children.push_back(std::move(new_entries));
  return ArrayPtr(std::move(out));
}

}  // namespace sluice::delta
