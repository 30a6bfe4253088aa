#include "sluice/parquet/encoding/plain.h"

#include <algorithm>
#include <limits>

namespace sluice::parquet::encoding {
namespace {

constexpr int64_t kMaxOffset = std::numeric_limits<int32_t>::max();

}  // namespace

Result<int64_t> PlainBooleanDecoder::Decode(bool* out, int64_t n) {
  n = std::min(n, num_bits_ - bit_);
  int64_t i = 0;
  // Unaligned head, then whole bytes, then the tail.
  for (; i < n && ((bit_ + i) & 7) != 0; ++i) out[i] = bit_util::GetBit(data_, bit_ + i);
  for (; i + 8 <= n; i += 8) {
    const uint8_t b = data_[(bit_ + i) >> 3];
    for (int j = 0; j < 8; ++j) out[i + j] = (b >> j) & 1;
  }
  for (; i < n; ++i) out[i] = bit_util::GetBit(data_, bit_ + i);
  bit_ += n;
  return n;
}

Result<int64_t> PlainBooleanDecoder::DecodeBitmap(uint8_t* bits, int64_t offset, int64_t n) {
  n = std::min(n, num_bits_ - bit_);
  bit_util::CopyBitmap(data_, bit_, n, bits, offset);
  bit_ += n;
  return n;
}

Result<int64_t> PlainByteArrayDecoder::Decode(Buffer* offsets, Buffer* data, int64_t n) {
  n = std::min(n, (end_ - pos_) / 4 + 1);  // each value takes >= 4 bytes
  const int64_t offsets_start = offsets->size();
  assert(offsets_start >= 4 && "caller appends the start offset first");
  offsets->ResizeUninitialized(offsets_start + n * 4);
  int64_t offset = bit_util::LoadLE<int32_t>(offsets->data() + offsets_start - 4);
  // First pass: validate lengths and write end offsets; second: copy bytes.
  const uint8_t* p = pos_;
  int32_t* out_offsets = reinterpret_cast<int32_t*>(offsets->mutable_data() + offsets_start);
  int64_t i = 0;
  for (; i < n; ++i) {
    if (end_ - p < 4) {
      if (p == end_) break;
      return Status::Corrupt("BYTE_ARRAY length at offset {} is truncated", p - pos_);
    }
    const uint32_t len = bit_util::LoadLE<uint32_t>(p);
    if (len > static_cast<uint64_t>(end_ - p - 4)) {
      return Status::Corrupt("BYTE_ARRAY value of length {} at offset {} overruns the page", len, p - pos_);
    }
    offset += len;
    if (offset > kMaxOffset) return Status::OutOfRange("BYTE_ARRAY data exceeds 2^31-1 bytes in one batch");
    out_offsets[i] = static_cast<int32_t>(offset);
    p += 4 + len;
  }
  offsets->Resize(offsets_start + i * 4);
  const int64_t data_start = data->size();
  data->ResizeUninitialized(data_start + (p - pos_) - 4 * i);
  uint8_t* d = data->mutable_data() + data_start;
  for (int64_t k = 0; k < i; ++k) {
    const uint32_t len = bit_util::LoadLE<uint32_t>(pos_);
    if (len > 0) std::memcpy(d, pos_ + 4, len);  // d is null while every value so far is empty
    d += len;
    pos_ += 4 + len;
  }
  return i;
}

Result<int64_t> PlainByteArrayDecoder::Decode(std::string_view* out, int64_t n) {
  int64_t i = 0;
  for (; i < n; ++i) {
    if (end_ - pos_ < 4) {
      if (pos_ == end_) break;
      return Status::Corrupt("BYTE_ARRAY length is truncated ({} bytes left)", end_ - pos_);
    }
    const uint32_t len = bit_util::LoadLE<uint32_t>(pos_);
    if (len > static_cast<uint64_t>(end_ - pos_ - 4)) {
      return Status::Corrupt("BYTE_ARRAY value of length {} overruns the page ({} bytes left)", len, end_ - pos_ - 4);
    }
    out[i] = std::string_view(reinterpret_cast<const char*>(pos_ + 4), len);
    pos_ += 4 + len;
  }
  return i;
}

Result<int64_t> PlainByteArrayDecoder::Skip(int64_t n) {
  int64_t i = 0;
  for (; i < n; ++i) {
    if (end_ - pos_ < 4) {
      if (pos_ == end_) break;
      return Status::Corrupt("BYTE_ARRAY length is truncated ({} bytes left)", end_ - pos_);
    }
    const uint32_t len = bit_util::LoadLE<uint32_t>(pos_);
    if (len > static_cast<uint64_t>(end_ - pos_ - 4)) {
      return Status::Corrupt("BYTE_ARRAY value of length {} overruns the page", len);
    }
    pos_ += 4 + len;
  }
  return i;
}

Result<int64_t> PlainFixedLenDecoder::Decode(uint8_t* out, int64_t n) {
  n = std::max<int64_t>(std::min(n, left_), 0);
  std::memcpy(out, pos_, static_cast<size_t>(n * width_));
  pos_ += n * width_;
  left_ -= n;
  return n;
}

Result<int64_t> PlainFixedLenDecoder::Decode(std::string_view* out, int64_t n) {
  n = std::min(n, left_);
  for (int64_t i = 0; i < n; ++i) {
    out[i] = std::string_view(reinterpret_cast<const char*>(pos_), static_cast<size_t>(width_));
    pos_ += width_;
  }
  left_ -= n;
  return n;
}

Result<int64_t> PlainFixedLenDecoder::Skip(int64_t n) {
  n = std::min(n, left_);
  pos_ += n * width_;
  left_ -= n;
  return n;
}

void PlainEncodeByteArray(std::span<const std::string_view> values, Buffer* out) {
  int64_t total = 0;
  for (auto v : values) total += 4 + static_cast<int64_t>(v.size());
  out->Reserve(out->size() + total);
  for (auto v : values) {
    out->AppendValue(static_cast<uint32_t>(v.size()));
    out->Append(v.data(), static_cast<int64_t>(v.size()));
  }
}

void PlainEncodeByteArray(const int32_t* offsets, const uint8_t* data, int64_t n, Buffer* out) {
  out->Reserve(out->size() + 4 * n + (offsets[n] - offsets[0]));
  for (int64_t i = 0; i < n; ++i) {
    const int32_t len = offsets[i + 1] - offsets[i];
    out->AppendValue(static_cast<uint32_t>(len));
    out->Append(data + offsets[i], len);
  }
}

void PlainBooleanEncoder::Put(const bool* values, int64_t n) {
  bits_.Resize(bit_util::BytesForBits(num_bits_ + n));
  uint8_t* bits = bits_.mutable_data();
  for (int64_t i = 0; i < n; ++i) bit_util::SetBitTo(bits, num_bits_ + i, values[i]);
  num_bits_ += n;
}

void PlainBooleanEncoder::PutBitmap(const uint8_t* bits, int64_t offset, int64_t n) {
  bits_.Resize(bit_util::BytesForBits(num_bits_ + n));
  bit_util::CopyBitmap(bits, offset, n, bits_.mutable_data(), num_bits_);
  num_bits_ += n;
}

void PlainBooleanEncoder::Flush(Buffer* out) {
  out->Append(bits_.data(), bit_util::BytesForBits(num_bits_));
  bits_.Clear();
  num_bits_ = 0;
}

}  // namespace sluice::parquet::encoding
