#include "sluice/parquet/thrift/compact_writer.h"

#include <cassert>

namespace sluice::parquet::thrift {

void CompactWriter::WriteVarint(uint64_t v) {
  uint8_t buf[10];
  int n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<uint8_t>(v | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<uint8_t>(v);
  out_->Append(buf, n);
}

void CompactWriter::WriteStructBegin() {
  assert(depth_ < kMaxDepth);
  last_field_id_[depth_++] = 0;
}

void CompactWriter::WriteStructEnd() {
  assert(depth_ > 0);
  WriteFieldStop();
  --depth_;
}

void CompactWriter::WriteFieldStop() { out_->AppendValue<uint8_t>(0); }

void CompactWriter::WriteFieldHeader(CompactType type, int16_t id) {
  assert(depth_ > 0 && type != CompactType::kStop);
  int16_t& last = last_field_id_[depth_ - 1];
  const int delta = id - last;
  const uint8_t nibble = static_cast<uint8_t>(type);
  if (delta > 0 && delta <= 15) {
    out_->AppendValue<uint8_t>(static_cast<uint8_t>((delta << 4) | nibble));
  } else {
    out_->AppendValue<uint8_t>(nibble);
    WriteI16(id);
  }
  last = id;
}

void CompactWriter::WriteFieldBool(int16_t id, bool value) {
  WriteFieldHeader(value ? CompactType::kBoolTrue : CompactType::kBoolFalse, id);
}

// List elements: 1 for true, 2 for false, as the Java and C++ Thrift libraries write.
void CompactWriter::WriteBool(bool v) { out_->AppendValue<uint8_t>(v ? 1 : 2); }

void CompactWriter::WriteI8(int8_t v) { out_->AppendValue<int8_t>(v); }
void CompactWriter::WriteI16(int16_t v) { WriteVarint(ZigZagEncode32(v)); }
void CompactWriter::WriteI32(int32_t v) { WriteVarint(ZigZagEncode32(v)); }
void CompactWriter::WriteI64(int64_t v) { WriteVarint(ZigZagEncode64(v)); }
void CompactWriter::WriteDouble(double v) { out_->AppendValue<double>(v); }

void CompactWriter::WriteBinary(std::string_view v) {
  WriteVarint(v.size());
  out_->Append(v.data(), static_cast<int64_t>(v.size()));
}

void CompactWriter::WriteListHeader(CompactType elem_type, int32_t size) {
  assert(size >= 0);
  const uint8_t nibble = static_cast<uint8_t>(elem_type);
  if (size < 15) {
    out_->AppendValue<uint8_t>(static_cast<uint8_t>((size << 4) | nibble));
  } else {
    out_->AppendValue<uint8_t>(static_cast<uint8_t>(0xF0 | nibble));
    WriteVarint(static_cast<uint32_t>(size));
  }
}

void CompactWriter::WriteMapHeader(CompactType key_type, CompactType value_type, int32_t size) {
  assert(size >= 0);
  WriteVarint(static_cast<uint32_t>(size));
  if (size > 0) {
    out_->AppendValue<uint8_t>(
        static_cast<uint8_t>((static_cast<uint8_t>(key_type) << 4) | static_cast<uint8_t>(value_type)));
  }
}

}  // namespace sluice::parquet::thrift
