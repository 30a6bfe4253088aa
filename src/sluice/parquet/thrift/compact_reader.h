#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sluice/common/status.h"
#include "sluice/parquet/thrift/compact_protocol.h"

namespace sluice::parquet::thrift {

// Reads Thrift compact-protocol values from a borrowed byte range.
// Every read checks bounds; malformed input gives Corrupt naming the byte
// offset. Nesting (structs, lists, maps) is limited to kMaxDepth.
class CompactReader {
 public:
  static constexpr int kMaxDepth = 64;

  // Borrows [data, data+size); the bytes must outlive the reader.
  CompactReader(const uint8_t* data, int64_t size) : data_(data), size_(size) {}

  // Bytes consumed so far.
  int64_t bytes_read() const { return pos_; }
  // Bytes not consumed yet.
  int64_t remaining() const { return size_ - pos_; }

  // Enters a struct: pushes a fresh "last field id" (0). Fails past kMaxDepth.
  Status ReadStructBegin();
  // Leaves a struct (after ReadFieldHeader returned kStop).
  Status ReadStructEnd();
  // Reads a field header (short delta form or long form); type kStop ends the struct.
  // For bool fields the value lives in the header: the next ReadBool() returns it.
  Status ReadFieldHeader(FieldHeader* out);

  // Reads a bool: the value of the last bool field header, else one byte (list element).
  Status ReadBool(bool* out);
  Status ReadI8(int8_t* out);
  Status ReadI16(int16_t* out);
  Status ReadI32(int32_t* out);
  Status ReadI64(int64_t* out);
  Status ReadDouble(double* out);
  // Reads binary/string bytes as a view into the input (no copy).
  Status ReadBinary(std::string_view* out);
  // Reads binary/string bytes into `out` (copy).
  Status ReadString(std::string* out);

  // Reads a list/set header (short and long size forms). Fails when the size
  // is larger than the remaining bytes could hold.
  Status ReadListBegin(ListHeader* out);
  // Leaves a list/set entered with ReadListBegin.
  Status ReadListEnd();
  // Reads a map header. Fails when the size is larger than the remaining bytes could hold.
  Status ReadMapBegin(MapHeader* out);
  // Leaves a map entered with ReadMapBegin.
  Status ReadMapEnd();

  // Skips one value of wire type `type` (nested structs, lists, maps included).
  // For a bool field the header already held the value and nothing is consumed.
  Status Skip(CompactType type);

  // Reads an unsigned LEB128 varint of at most 10 bytes.
  Status ReadVarint64(uint64_t* out);
  // Reads an unsigned varint that must fit in 32 bits.
  Status ReadVarint32(uint32_t* out);

 private:
  Status Corrupt(std::string_view what) const;
  Status EnterNested();
  Status SkipNested(CompactType type);

  const uint8_t* data_;
  int64_t size_;
  int64_t pos_ = 0;
  int depth_ = 0;         // structs + containers currently open
  int struct_depth_ = 0;  // entries used in last_field_id_
  int16_t last_field_id_[kMaxDepth] = {};
  // Value of the last bool field header, consumed by ReadBool/Skip.
  bool has_pending_bool_ = false;
  bool pending_bool_ = false;
};

}  // namespace sluice::parquet::thrift
