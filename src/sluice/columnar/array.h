#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "sluice/columnar/data_type.h"
#include "sluice/common/bit_util.h"
#include "sluice/common/buffer.h"
#include "sluice/common/status.h"

namespace sluice::columnar {

struct Array;
using ArrayPtr = std::shared_ptr<const Array>;

// A column of `length` values in the Arrow memory layout of `type`:
//   buffers[0]  validity bitmap (LSB first; may be null when null_count == 0)
//   buffers[1]  values (fixed width, bits for kBool) or int32 offsets
//               (string, binary, list, map; length + 1 entries)
//   buffers[2]  bytes of string and binary values
//   children    struct fields; the list element; the map entries struct
// `offset` is the logical start inside the buffers (slices share buffers).
// As in Arrow, a struct's offset applies to its children too: value i of a
// struct is child value (offset + i) of each child, counted from the child's
// own offset.
// Arrays are immutable once built; share them through ArrayPtr.
struct Array {
  DataTypePtr type;
  int64_t length = 0;
  int64_t null_count = 0;
  int64_t offset = 0;
  std::vector<BufferPtr> buffers;
  std::vector<ArrayPtr> children;

  // Returns true iff value i (0-based, relative to offset) is not null.
  bool IsValid(int64_t i) const {
    if (type->id == TypeId::kNull) return false;
    return null_count == 0 || buffers.empty() || buffers[0] == nullptr ||
           bit_util::GetBit(buffers[0]->data(), offset + i);
  }
  bool IsNull(int64_t i) const { return !IsValid(i); }
  const uint8_t* validity() const { return buffers.empty() || !buffers[0] ? nullptr : buffers[0]->data(); }

  // Typed pointer to the first value of a fixed-width array (offset applied).
  template <typename T>
  const T* values() const {
    return buffers[1]->data_as<T>() + offset;
  }
  // Offsets of string/binary/list/map arrays (offset applied).
  const int32_t* offsets() const { return buffers[1]->data_as<int32_t>() + offset; }
  // Value i of a bool array.
  bool BoolValue(int64_t i) const { return bit_util::GetBit(buffers[1]->data(), offset + i); }
  // Value i of a string/binary array.
  std::string_view StringValue(int64_t i) const {
    const int32_t* o = offsets();
    return {reinterpret_cast<const char*>(buffers[2]->data()) + o[i], static_cast<size_t>(o[i + 1] - o[i])};
  }
  // Value i of a fixed-size binary or decimal array.
  std::string_view FixedValue(int64_t i) const {
    const int32_t w = type->FixedWidth();
    return {reinterpret_cast<const char*>(buffers[1]->data()) + (offset + i) * w, static_cast<size_t>(w)};
  }

  // Returns a view of values [start, start+len) sharing buffers.
  ArrayPtr Slice(int64_t start, int64_t len) const;
};

// Checks that buffers and children are consistent with type and length
// (sizes, offsets monotonic and in bounds, null_count). Used on imported data.
Status ValidateArray(const Array& array);

// Returns true iff both arrays hold the same logical values (nulls compared
// as equal, NaN equal to NaN with the same bits ignored), whatever their offsets.
bool ArraysEqual(const Array& a, const Array& b);

// An ordered set of fields; immutable once built.
struct Schema {
  std::vector<FieldPtr> fields;
  KeyValueMetadata metadata;

  // Index of the top-level field named `name`, or -1.
  int FieldIndex(std::string_view name) const;
  bool Equals(const Schema& other) const;
  std::string ToString() const;
};
using SchemaPtr = std::shared_ptr<const Schema>;

// Equal-length columns described by a schema: the unit on every channel.
struct RecordBatch {
  SchemaPtr schema;
  int64_t num_rows = 0;
  std::vector<ArrayPtr> columns;

  // Checks column count, types and lengths against the schema, and each column.
  Status Validate() const;
  // Returns rows [start, start+len) sharing buffers.
  RecordBatch Slice(int64_t start, int64_t len) const;
};

}  // namespace sluice::columnar
