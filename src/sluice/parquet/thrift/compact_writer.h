#pragma once

#include <cstdint>
#include <string_view>

#include "sluice/common/buffer.h"
#include "sluice/parquet/thrift/compact_protocol.h"

namespace sluice::parquet::thrift {

// Appends Thrift compact-protocol values to a Buffer. The caller writes a
// well-formed sequence (our own bug otherwise, caught by assert).
class CompactWriter {
 public:
  static constexpr int kMaxDepth = 64;

  // Appends to `out`, which must outlive the writer.
  explicit CompactWriter(Buffer* out) : out_(out) {}

  // Enters a struct: pushes a fresh "last field id" (0).
  void WriteStructBegin();
  // Writes the stop byte and leaves the struct.
  void WriteStructEnd();
  // Writes a field header, in the one-byte delta form when 0 < id - last <= 15.
  // `type` must not be a bool type: use WriteFieldBool.
  void WriteFieldHeader(CompactType type, int16_t id);
  // Writes a bool field (the value is carried by the header's type nibble).
  void WriteFieldBool(int16_t id, bool value);
  // Writes the stop byte without leaving the struct (prefer WriteStructEnd).
  void WriteFieldStop();

  // Writes a bool list element (one byte).
  void WriteBool(bool v);
  void WriteI8(int8_t v);
  void WriteI16(int16_t v);
  void WriteI32(int32_t v);
  void WriteI64(int64_t v);
  void WriteDouble(double v);
  // Writes varint length + bytes.
  void WriteBinary(std::string_view v);
  // Writes a list header (short form for size < 15). Bool lists use kBoolTrue.
  void WriteListHeader(CompactType elem_type, int32_t size);
  // Writes a map header (types omitted when size is 0).
  void WriteMapHeader(CompactType key_type, CompactType value_type, int32_t size);

  // Writes an unsigned LEB128 varint.
  void WriteVarint(uint64_t v);

 private:
  Buffer* out_;
  int depth_ = 0;
  int16_t last_field_id_[kMaxDepth] = {};
};

}  // namespace sluice::parquet::thrift
