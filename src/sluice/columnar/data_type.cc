#include "sluice/columnar/data_type.h"

#include <fmt/format.h>

namespace sluice::columnar {
namespace {

DataTypePtr Simple(TypeId id) {
  auto t = std::make_shared<DataType>();
  t->id = id;
  return t;
}

std::string_view UnitName(TimeUnit u) {
  switch (u) {
    case TimeUnit::kSecond:
      return "s";
    case TimeUnit::kMilli:
      return "ms";
    case TimeUnit::kMicro:
      return "us";
    case TimeUnit::kNano:
      return "ns";
  }
  return "?";
}

std::string_view SimpleName(TypeId id) {
  switch (id) {
    case TypeId::kNull:
      return "null";
    case TypeId::kBool:
      return "bool";
    case TypeId::kInt8:
      return "int8";
    case TypeId::kInt16:
      return "int16";
    case TypeId::kInt32:
      return "int32";
    case TypeId::kInt64:
      return "int64";
    case TypeId::kUInt8:
      return "uint8";
    case TypeId::kUInt16:
      return "uint16";
    case TypeId::kUInt32:
      return "uint32";
    case TypeId::kUInt64:
      return "uint64";
    case TypeId::kFloat16:
      return "halffloat";
    case TypeId::kFloat32:
      return "float";
    case TypeId::kFloat64:
      return "double";
    case TypeId::kString:
      return "string";
    case TypeId::kBinary:
      return "binary";
    case TypeId::kDate32:
      return "date32";
    default:
      return "";
  }
}

}  // namespace

#define SLUICE_SIMPLE_TYPE(Name, id)             \
  DataTypePtr Name() {                           \
    static const DataTypePtr kType = Simple(id); \
    return kType;                                \
  }
SLUICE_SIMPLE_TYPE(Null, TypeId::kNull)
SLUICE_SIMPLE_TYPE(Bool, TypeId::kBool)
SLUICE_SIMPLE_TYPE(Int8, TypeId::kInt8)
SLUICE_SIMPLE_TYPE(Int16, TypeId::kInt16)
SLUICE_SIMPLE_TYPE(Int32, TypeId::kInt32)
SLUICE_SIMPLE_TYPE(Int64, TypeId::kInt64)
SLUICE_SIMPLE_TYPE(UInt8, TypeId::kUInt8)
SLUICE_SIMPLE_TYPE(UInt16, TypeId::kUInt16)
SLUICE_SIMPLE_TYPE(UInt32, TypeId::kUInt32)
SLUICE_SIMPLE_TYPE(UInt64, TypeId::kUInt64)
SLUICE_SIMPLE_TYPE(Float16, TypeId::kFloat16)
SLUICE_SIMPLE_TYPE(Float32, TypeId::kFloat32)
SLUICE_SIMPLE_TYPE(Float64, TypeId::kFloat64)
SLUICE_SIMPLE_TYPE(String, TypeId::kString)
SLUICE_SIMPLE_TYPE(Binary, TypeId::kBinary)
SLUICE_SIMPLE_TYPE(Date32, TypeId::kDate32)
#undef SLUICE_SIMPLE_TYPE

DataTypePtr FixedSizeBinary(int32_t byte_width) {
  auto t = std::make_shared<DataType>();
  t->id = TypeId::kFixedSizeBinary;
  t->byte_width = byte_width;
  return t;
}

DataTypePtr Time32(TimeUnit unit) {
  auto t = std::make_shared<DataType>();
  t->id = TypeId::kTime32;
  t->unit = unit;
  return t;
}

DataTypePtr Time64(TimeUnit unit) {
  auto t = std::make_shared<DataType>();
  t->id = TypeId::kTime64;
  t->unit = unit;
  return t;
}

DataTypePtr Timestamp(TimeUnit unit, bool utc) {
  auto t = std::make_shared<DataType>();
  t->id = TypeId::kTimestamp;
  t->unit = unit;
  t->utc = utc;
  return t;
}

DataTypePtr Decimal128(int32_t precision, int32_t scale) {
  auto t = std::make_shared<DataType>();
  t->id = TypeId::kDecimal128;
  t->precision = precision;
  t->scale = scale;
  return t;
}

DataTypePtr Struct(std::vector<FieldPtr> fields) {
  auto t = std::make_shared<DataType>();
  t->id = TypeId::kStruct;
  t->children = std::move(fields);
  return t;
}

DataTypePtr List(FieldPtr element) {
  auto t = std::make_shared<DataType>();
  t->id = TypeId::kList;
  t->children = {std::move(element)};
  return t;
}

DataTypePtr Map(FieldPtr key, FieldPtr value) {
  auto t = std::make_shared<DataType>();
  t->id = TypeId::kMap;
  t->children = {MakeField("entries", Struct({std::move(key), std::move(value)}), /*nullable=*/false)};
  return t;
}

FieldPtr MakeField(std::string name, DataTypePtr type, bool nullable, KeyValueMetadata metadata) {
  return std::make_shared<Field>(Field{std::move(name), std::move(type), nullable, std::move(metadata)});
}

bool DataType::Equals(const DataType& o) const {
  if (id != o.id || byte_width != o.byte_width || precision != o.precision || scale != o.scale) return false;
  if ((id == TypeId::kTimestamp || id == TypeId::kTime32 || id == TypeId::kTime64) && unit != o.unit) return false;
  if (id == TypeId::kTimestamp && utc != o.utc) return false;
  if (children.size() != o.children.size()) return false;
  for (size_t i = 0; i < children.size(); ++i) {
    if (!children[i]->Equals(*o.children[i])) return false;
  }
  return true;
}

int32_t DataType::FixedWidth() const {
  switch (id) {
    case TypeId::kInt8:
    case TypeId::kUInt8:
      return 1;
    case TypeId::kInt16:
    case TypeId::kUInt16:
    case TypeId::kFloat16:
      return 2;
    case TypeId::kInt32:
    case TypeId::kUInt32:
    case TypeId::kFloat32:
    case TypeId::kDate32:
    case TypeId::kTime32:
      return 4;
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kFloat64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
      return 8;
    case TypeId::kDecimal128:
      return 16;
    case TypeId::kFixedSizeBinary:
      return byte_width;
    default:
      return 0;
  }
}

std::string DataType::ToString() const {
  switch (id) {
    case TypeId::kFixedSizeBinary:
      return fmt::format("fixed_size_binary[{}]", byte_width);
    case TypeId::kTime32:
      return fmt::format("time32[{}]", UnitName(unit));
    case TypeId::kTime64:
      return fmt::format("time64[{}]", UnitName(unit));
    case TypeId::kTimestamp:
      return fmt::format("timestamp[{}{}]", UnitName(unit), utc ? ", UTC" : "");
    case TypeId::kDecimal128:
      return fmt::format("decimal128({}, {})", precision, scale);
    case TypeId::kList:
      return fmt::format("list<{}>", children[0]->ToString());
    case TypeId::kMap: {
      const auto& kv = children[0]->type->children;
      return fmt::format("map<{}, {}>", kv[0]->type->ToString(), kv[1]->type->ToString());
    }
    case TypeId::kStruct: {
      std::string s = "struct<";
      for (size_t i = 0; i < children.size(); ++i) {
        if (i > 0) s += ", ";
        s += children[i]->ToString();
      }
      return s + ">";
    }
    default:
      return std::string(SimpleName(id));
  }
}

bool Field::Equals(const Field& o) const { return name == o.name && nullable == o.nullable && type->Equals(*o.type); }

std::string Field::ToString() const {
  return fmt::format("{}: {}{}", name, type->ToString(), nullable ? "" : " not null");
}

}  // namespace sluice::columnar
