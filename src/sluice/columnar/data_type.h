#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sluice::columnar {

// Logical types of the in-memory model. Each has one Arrow memory layout
// (see docs/architecture.md, "Columnar model").
enum class TypeId : uint8_t {
  kNull,  // no buffers; every value null
  kBool,  // validity, bit-packed values
  kInt8,  // validity, values ...
  kInt16,
  kInt32,
  kInt64,
  kUInt8,
  kUInt16,
  kUInt32,
  kUInt64,
  kFloat16,  // values are IEEE half floats stored as uint16
  kFloat32,
  kFloat64,
  kString,           // validity, int32 offsets (length+1), UTF-8 bytes
  kBinary,           // validity, int32 offsets, bytes
  kFixedSizeBinary,  // validity, length*byte_width bytes
  kDate32,           // int32 days since 1970-01-01
  kTime32,           // int32 in `unit` (second or milli) since midnight
  kTime64,           // int64 in `unit` (micro or nano) since midnight
  kTimestamp,        // int64 in `unit` since the epoch; `utc` = adjusted to UTC, else NTZ
  kDecimal128,       // 16-byte little-endian two's complement; precision, scale
  kStruct,           // validity; children = fields
  kList,             // validity, int32 offsets; one child: the element field
  kMap,              // validity, int32 offsets; one child "entries": struct<key, value>
};

enum class TimeUnit : uint8_t { kSecond, kMilli, kMicro, kNano };

struct Field;
struct DataType;
using FieldPtr = std::shared_ptr<const Field>;
using DataTypePtr = std::shared_ptr<const DataType>;

// Ordered string pairs attached to a schema or field.
using KeyValueMetadata = std::vector<std::pair<std::string, std::string>>;

// A logical type. Immutable; share through DataTypePtr.
struct DataType {
  TypeId id = TypeId::kNull;
  int32_t byte_width = 0;            // kFixedSizeBinary
  TimeUnit unit = TimeUnit::kMicro;  // kTime32/kTime64/kTimestamp
  bool utc = false;                  // kTimestamp: adjusted to UTC (has a time zone)
  int32_t precision = 0;             // kDecimal128
  int32_t scale = 0;                 // kDecimal128
  std::vector<FieldPtr> children;    // kStruct fields; kList element; kMap entries

  // Returns true iff both types are the same, children included (names too).
  bool Equals(const DataType& other) const;
  // Returns a readable form, e.g. "list<element: int64>", "timestamp[us, UTC]".
  std::string ToString() const;
  // Bytes per value for fixed-width types (bits are reported as 0 for kBool); 0 otherwise.
  int32_t FixedWidth() const;
  bool IsNested() const { return id == TypeId::kStruct || id == TypeId::kList || id == TypeId::kMap; }
  // Returns true iff values use int32 offsets into a byte buffer (string, binary).
  bool IsBinaryLike() const { return id == TypeId::kString || id == TypeId::kBinary; }
};

// A named, possibly nullable column or child.
struct Field {
  std::string name;
  DataTypePtr type;
  bool nullable = true;
  KeyValueMetadata metadata;

  bool Equals(const Field& other) const;
  std::string ToString() const;
};

// Type factories. Parameterless types are shared singletons.
DataTypePtr Null();
DataTypePtr Bool();
DataTypePtr Int8();
DataTypePtr Int16();
DataTypePtr Int32();
DataTypePtr Int64();
DataTypePtr UInt8();
DataTypePtr UInt16();
DataTypePtr UInt32();
DataTypePtr UInt64();
DataTypePtr Float16();
DataTypePtr Float32();
DataTypePtr Float64();
DataTypePtr String();
DataTypePtr Binary();
DataTypePtr Date32();
DataTypePtr FixedSizeBinary(int32_t byte_width);
DataTypePtr Time32(TimeUnit unit);
DataTypePtr Time64(TimeUnit unit);
DataTypePtr Timestamp(TimeUnit unit, bool utc);
DataTypePtr Decimal128(int32_t precision, int32_t scale);
DataTypePtr Struct(std::vector<FieldPtr> fields);
DataTypePtr List(FieldPtr element);
// A map of `key` to `value`; the entries child is a non-null struct named "entries".
DataTypePtr Map(FieldPtr key, FieldPtr value);

FieldPtr MakeField(std::string name, DataTypePtr type, bool nullable = true, KeyValueMetadata metadata = {});

}  // namespace sluice::columnar
