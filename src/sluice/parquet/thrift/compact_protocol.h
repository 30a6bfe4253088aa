#pragma once

#include <cstdint>

// Vocabulary shared by the Thrift compact protocol reader and writer.
// Spec: https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md
namespace sluice::parquet::thrift {

// Type nibble of a compact-protocol field header or list/map header.
enum class CompactType : uint8_t {
  kStop = 0,       // end of struct (field headers only)
  kBoolTrue = 1,   // in a field header: a bool field whose value is true
  kBoolFalse = 2,  // in a field header: a bool field whose value is false
  kByte = 3,       // i8, one raw byte
  kI16 = 4,        // zigzag varint
  kI32 = 5,        // zigzag varint
  kI64 = 6,        // zigzag varint
  kDouble = 7,     // 8 bytes little-endian
  kBinary = 8,     // varint length + bytes (also string)
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

// Returns true iff `t` is one of the two bool encodings.
constexpr bool IsBool(CompactType t) { return t == CompactType::kBoolTrue || t == CompactType::kBoolFalse; }

// A field header; `type == kStop` marks the end of the struct (id is then 0).
struct FieldHeader {
  CompactType type = CompactType::kStop;
  int16_t id = 0;
};

// A list or set header: element type and element count.
struct ListHeader {
  CompactType elem_type = CompactType::kStop;
  int32_t size = 0;
};

// A map header; key/value types are kStop when size is 0 (they are not written then).
struct MapHeader {
  CompactType key_type = CompactType::kStop;
  CompactType value_type = CompactType::kStop;
  int32_t size = 0;
};

// Zigzag maps signed to unsigned so small magnitudes give short varints.
constexpr uint64_t ZigZagEncode64(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
constexpr int64_t ZigZagDecode64(uint64_t v) { return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)); }
constexpr uint32_t ZigZagEncode32(int32_t v) {
  return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31);
}
constexpr int32_t ZigZagDecode32(uint32_t v) { return static_cast<int32_t>((v >> 1) ^ (~(v & 1) + 1)); }

}  // namespace sluice::parquet::thrift
