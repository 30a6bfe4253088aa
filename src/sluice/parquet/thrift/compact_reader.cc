#include "sluice/parquet/thrift/compact_reader.h"

#include <cassert>
#include <cstring>

namespace sluice::parquet::thrift {

namespace {

// Returns true iff `nibble` names a value type (anything but stop).
bool IsValueType(uint8_t nibble) { return nibble >= 1 && nibble <= 12; }

// Fewest bytes one list element of `type` can occupy (used to reject absurd sizes).
int64_t MinElementBytes(CompactType type) { return type == CompactType::kDouble ? 8 : 1; }

}  // namespace

Status CompactReader::Corrupt(std::string_view what) const {
  return Status::Corrupt("thrift compact: {} at byte {} of {}", what, pos_, size_);
}

Status CompactReader::EnterNested() {
  if (depth_ >= kMaxDepth) return Corrupt("nesting deeper than 64");
  ++depth_;
  return Status::OK();
}

Status CompactReader::ReadVarint64(uint64_t* out) {
  uint64_t result = 0;
  for (int i = 0; i < 10; ++i) {
    if (pos_ >= size_) return Corrupt("truncated varint");
    const uint8_t b = data_[pos_++];
    // The 10th byte holds bit 63 only.
    if (i == 9 && b > 1) return Corrupt("varint longer than 64 bits");
    result |= static_cast<uint64_t>(b & 0x7F) << (7 * i);
    if ((b & 0x80) == 0) {
      *out = result;
      return Status::OK();
    }
  }
  return Corrupt("varint longer than 10 bytes");
}

Status CompactReader::ReadVarint32(uint32_t* out) {
  uint64_t v = 0;
  SLUICE_RETURN_NOT_OK(ReadVarint64(&v));
  if (v > UINT32_MAX) return Corrupt("varint does not fit 32 bits");
  *out = static_cast<uint32_t>(v);
  return Status::OK();
}

Status CompactReader::ReadStructBegin() {
  SLUICE_RETURN_NOT_OK(EnterNested());
  assert(struct_depth_ < kMaxDepth);
  last_field_id_[struct_depth_++] = 0;
  return Status::OK();
}

Status CompactReader::ReadStructEnd() {
  assert(struct_depth_ > 0 && depth_ > 0);
  --struct_depth_;
  --depth_;
  has_pending_bool_ = false;
  return Status::OK();
}

Status CompactReader::ReadFieldHeader(FieldHeader* out) {
  assert(struct_depth_ > 0 && "ReadFieldHeader outside a struct");
  has_pending_bool_ = false;
  if (pos_ >= size_) return Corrupt("truncated struct (no stop field)");
  const uint8_t b = data_[pos_++];
  if (b == 0) {
    *out = FieldHeader{};
    return Status::OK();
  }
  const uint8_t type = b & 0x0F;
  const int delta = b >> 4;
  if (!IsValueType(type)) {
    --pos_;
    return Corrupt(fmt::format("invalid field type {}", type));
  }
  int16_t& last = last_field_id_[struct_depth_ - 1];
  int16_t id;
  if (delta != 0) {
    if (last + delta > INT16_MAX) return Corrupt("field id overflows i16");
    id = static_cast<int16_t>(last + delta);
  } else {
    SLUICE_RETURN_NOT_OK(ReadI16(&id));
  }
  last = id;
  out->type = static_cast<CompactType>(type);
  out->id = id;
  if (IsBool(out->type)) {
    has_pending_bool_ = true;
    pending_bool_ = out->type == CompactType::kBoolTrue;
  }
  return Status::OK();
}

Status CompactReader::ReadBool(bool* out) {
  if (has_pending_bool_) {
    has_pending_bool_ = false;
    *out = pending_bool_;
    return Status::OK();
  }
  if (pos_ >= size_) return Corrupt("truncated bool");
  // List elements: 1 is true; writers use 2 (Java/C++ thrift) or 0 (spec text) for false.
  *out = data_[pos_++] == 1;
  return Status::OK();
}

Status CompactReader::ReadI8(int8_t* out) {
  if (pos_ >= size_) return Corrupt("truncated i8");
  *out = static_cast<int8_t>(data_[pos_++]);
  return Status::OK();
}

Status CompactReader::ReadI16(int16_t* out) {
  uint32_t v = 0;
  SLUICE_RETURN_NOT_OK(ReadVarint32(&v));
  const int32_t d = ZigZagDecode32(v);
  if (d < INT16_MIN || d > INT16_MAX) return Corrupt("i16 out of range");
  *out = static_cast<int16_t>(d);
  return Status::OK();
}

Status CompactReader::ReadI32(int32_t* out) {
  uint32_t v = 0;
  SLUICE_RETURN_NOT_OK(ReadVarint32(&v));
  *out = ZigZagDecode32(v);
  return Status::OK();
}

Status CompactReader::ReadI64(int64_t* out) {
  uint64_t v = 0;
  SLUICE_RETURN_NOT_OK(ReadVarint64(&v));
  *out = ZigZagDecode64(v);
  return Status::OK();
}

Status CompactReader::ReadDouble(double* out) {
  if (size_ - pos_ < 8) return Corrupt("truncated double");
  std::memcpy(out, data_ + pos_, 8);
  pos_ += 8;
  return Status::OK();
}

Status CompactReader::ReadBinary(std::string_view* out) {
  uint32_t len = 0;
  SLUICE_RETURN_NOT_OK(ReadVarint32(&len));
  if (static_cast<int64_t>(len) > size_ - pos_) {
    return Corrupt(fmt::format("binary length {} exceeds the {} remaining bytes", len, size_ - pos_));
  }
  *out = std::string_view(reinterpret_cast<const char*>(data_ + pos_), len);
  pos_ += len;
  return Status::OK();
}

Status CompactReader::ReadString(std::string* out) {
  std::string_view v;
  SLUICE_RETURN_NOT_OK(ReadBinary(&v));
  out->assign(v.data(), v.size());
  return Status::OK();
}

Status CompactReader::ReadListBegin(ListHeader* out) {
  if (pos_ >= size_) return Corrupt("truncated list header");
  const uint8_t b = data_[pos_++];
  const uint8_t type = b & 0x0F;
  if (!IsValueType(type)) return Corrupt(fmt::format("invalid list element type {}", type));
  uint32_t size = b >> 4;
  if (size == 15) SLUICE_RETURN_NOT_OK(ReadVarint32(&size));
  const CompactType elem = static_cast<CompactType>(type);
  if (size > INT32_MAX || static_cast<int64_t>(size) * MinElementBytes(elem) > size_ - pos_) {
    return Corrupt(fmt::format("list of {} elements exceeds the {} remaining bytes", size, size_ - pos_));
  }
  SLUICE_RETURN_NOT_OK(EnterNested());
  has_pending_bool_ = false;
  out->elem_type = elem;
  out->size = static_cast<int32_t>(size);
  return Status::OK();
}

Status CompactReader::ReadListEnd() {
  assert(depth_ > 0);
  --depth_;
  return Status::OK();
}

Status CompactReader::ReadMapBegin(MapHeader* out) {
  uint32_t size = 0;
  SLUICE_RETURN_NOT_OK(ReadVarint32(&size));
  *out = MapHeader{};
  if (size != 0) {
    if (pos_ >= size_) return Corrupt("truncated map header");
    const uint8_t b = data_[pos_++];
    if (!IsValueType(b >> 4) || !IsValueType(b & 0x0F)) return Corrupt("invalid map key/value type");
    // Each entry holds a key and a value of at least one byte each.
    if (size > INT32_MAX || static_cast<int64_t>(size) * 2 > size_ - pos_) {
      return Corrupt(fmt::format("map of {} entries exceeds the {} remaining bytes", size, size_ - pos_));
    }
    out->key_type = static_cast<CompactType>(b >> 4);
    out->value_type = static_cast<CompactType>(b & 0x0F);
    out->size = static_cast<int32_t>(size);
  }
  SLUICE_RETURN_NOT_OK(EnterNested());
  has_pending_bool_ = false;
  return Status::OK();
}

Status CompactReader::ReadMapEnd() {
  assert(depth_ > 0);
  --depth_;
  return Status::OK();
}

Status CompactReader::Skip(CompactType type) {
  switch (type) {
    case CompactType::kBoolTrue:
    case CompactType::kBoolFalse: {
      bool b;
      return ReadBool(&b);
    }
    case CompactType::kByte: {
      int8_t v;
      return ReadI8(&v);
    }
    case CompactType::kI16:
    case CompactType::kI32:
    case CompactType::kI64: {
      uint64_t v;
      return ReadVarint64(&v);
    }
    case CompactType::kDouble: {
      double v;
      return ReadDouble(&v);
    }
    case CompactType::kBinary: {
      std::string_view v;
      return ReadBinary(&v);
    }
    case CompactType::kList:
    case CompactType::kSet:
    case CompactType::kMap:
    case CompactType::kStruct:
      return SkipNested(type);
    case CompactType::kStop:
      break;
  }
  return Corrupt(fmt::format("cannot skip value of type {}", static_cast<int>(type)));
}

Status CompactReader::SkipNested(CompactType type) {
  if (type == CompactType::kStruct) {
    SLUICE_RETURN_NOT_OK(ReadStructBegin());
    while (true) {
      FieldHeader f;
      SLUICE_RETURN_NOT_OK(ReadFieldHeader(&f));
      if (f.type == CompactType::kStop) break;
      SLUICE_RETURN_NOT_OK(Skip(f.type));
    }
    return ReadStructEnd();
  }
  if (type == CompactType::kMap) {
    MapHeader m;
    SLUICE_RETURN_NOT_OK(ReadMapBegin(&m));
    for (int32_t i = 0; i < m.size; ++i) {
      SLUICE_RETURN_NOT_OK(Skip(m.key_type));
      SLUICE_RETURN_NOT_OK(Skip(m.value_type));
    }
    return ReadMapEnd();
  }
  ListHeader l;
  SLUICE_RETURN_NOT_OK(ReadListBegin(&l));
  for (int32_t i = 0; i < l.size; ++i) SLUICE_RETURN_NOT_OK(Skip(l.elem_type));
  return ReadListEnd();
}

}  // namespace sluice::parquet::thrift
