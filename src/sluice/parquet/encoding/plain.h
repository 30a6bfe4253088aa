#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#include "sluice/common/bit_util.h"
#include "sluice/common/buffer.h"
#include "sluice/common/status.h"

// PLAIN encoding (Parquet Encodings.md, "Plain"): fixed-width values little
// endian back to back; BOOLEAN bit-packed LSB-first; BYTE_ARRAY as 4-byte LE
// length + bytes; FIXED_LEN_BYTE_ARRAY as the bytes only.
namespace sluice::parquet::encoding {

// A Parquet INT96 (legacy timestamps): 12 bytes, little endian words.
struct Int96 {
  uint32_t value[3];
  bool operator==(const Int96&) const = default;
};
static_assert(sizeof(Int96) == 12);

// Decodes PLAIN fixed-width values: T is int32_t, int64_t, float, double or Int96.
template <typename T>
class PlainDecoder {
 public:
  // Starts decoding [data, data+size).
  void Init(const uint8_t* data, int64_t size) {
    pos_ = data;
    left_ = size / static_cast<int64_t>(sizeof(T));
  }
  // Copies up to n values to out; returns how many (< n only at end of input).
  Result<int64_t> Decode(T* out, int64_t n) {
    n = n < left_ ? n : left_;
    if (n <= 0) return 0;
    std::memcpy(out, pos_, static_cast<size_t>(n) * sizeof(T));
    pos_ += n * static_cast<int64_t>(sizeof(T));
    left_ -= n;
    return n;
  }
  // Skips up to n values; returns how many.
  Result<int64_t> Skip(int64_t n) {
    n = n < left_ ? n : left_;
    if (n <= 0) return 0;
    pos_ += n * static_cast<int64_t>(sizeof(T));
    left_ -= n;
    return n;
  }
  // The undecoded values, for zero-copy consumers.
  const T* remaining_data() const { return reinterpret_cast<const T*>(pos_); }
  int64_t values_left() const { return left_; }

 private:
  const uint8_t* pos_ = nullptr;
  int64_t left_ = 0;
};

// Decodes PLAIN BOOLEAN values (1 bit each, LSB-first).
class PlainBooleanDecoder {
 public:
  void Init(const uint8_t* data, int64_t size) {
    data_ = data;
    bit_ = 0;
    num_bits_ = size * 8;
  }
  // Decodes up to n values as bools; returns how many.
  Result<int64_t> Decode(bool* out, int64_t n);
  // Decodes up to n values into bitmap `bits` starting at bit `offset`.
  Result<int64_t> DecodeBitmap(uint8_t* bits, int64_t offset, int64_t n);
  Result<int64_t> Skip(int64_t n) {
    n = n < num_bits_ - bit_ ? n : num_bits_ - bit_;
    bit_ += n;
    return n;
  }

 private:
  const uint8_t* data_ = nullptr;
  int64_t bit_ = 0;
  int64_t num_bits_ = 0;
};

// Decodes PLAIN BYTE_ARRAY values.
class PlainByteArrayDecoder {
 public:
  void Init(const uint8_t* data, int64_t size) {
    pos_ = data;
    end_ = data + size;
  }
  // Appends up to n values in Arrow layout: one int32 end offset per value
  // to `offsets` (the caller has appended the start offset) and the bytes to
  // `data`. Returns how many (< n only at end of input). Corrupt if a length
  // overruns the input; OutOfRange if offsets would pass 2^31-1.
  Result<int64_t> Decode(Buffer* offsets, Buffer* data, int64_t n);
  // Decodes up to n values as views into the input.
  Result<int64_t> Decode(std::string_view* out, int64_t n);
  Result<int64_t> Skip(int64_t n);
  int64_t bytes_left() const { return end_ - pos_; }

 private:
  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
};

// Decodes PLAIN FIXED_LEN_BYTE_ARRAY values of `width` bytes.
class PlainFixedLenDecoder {
 public:
  // `width` > 0 (the caller validates the schema).
  void Init(const uint8_t* data, int64_t size, int width) {
    pos_ = data;
    width_ = width;
    left_ = width > 0 ? size / width : 0;
  }
  // Copies up to n values (n * width bytes) to out; returns how many.
  Result<int64_t> Decode(uint8_t* out, int64_t n);
  // Decodes up to n values as views into the input.
  Result<int64_t> Decode(std::string_view* out, int64_t n);
  Result<int64_t> Skip(int64_t n);

 private:
  const uint8_t* pos_ = nullptr;
  int width_ = 0;
  int64_t left_ = 0;
};

// Appends n fixed-width values (int32_t, int64_t, float, double, Int96).
template <typename T>
void PlainEncode(const T* values, int64_t n, Buffer* out) {
  out->Append(values, n * static_cast<int64_t>(sizeof(T)));
}
// Appends n FIXED_LEN_BYTE_ARRAY values stored contiguously (n * width bytes).
inline void PlainEncodeFixedLen(const uint8_t* values, int64_t n, int width, Buffer* out) {
  out->Append(values, n * width);
}
// Appends BYTE_ARRAY values.
void PlainEncodeByteArray(std::span<const std::string_view> values, Buffer* out);
// Appends BYTE_ARRAY values in Arrow layout (n+1 offsets).
void PlainEncodeByteArray(const int32_t* offsets, const uint8_t* data, int64_t n, Buffer* out);

// Accumulates PLAIN BOOLEAN values of one page (bits continue across calls).
class PlainBooleanEncoder {
 public:
  void Put(const bool* values, int64_t n);
  // Adds n values from bitmap `bits` starting at bit `offset`.
  void PutBitmap(const uint8_t* bits, int64_t offset, int64_t n);
  // Appends the packed bits to out and resets.
  void Flush(Buffer* out);
  int64_t EstimatedSize() const { return bit_util::BytesForBits(num_bits_); }

 private:
  Buffer bits_;
  int64_t num_bits_ = 0;
};

}  // namespace sluice::parquet::encoding
