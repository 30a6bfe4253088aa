#pragma once

#include <cstdint>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"

// BYTE_STREAM_SPLIT (Parquet Encodings.md): for N values of width k, byte j
// of value i is stored at j * N + i (k streams of N bytes). Used for FLOAT,
// DOUBLE, INT32, INT64, FLOAT16 and FIXED_LEN_BYTE_ARRAY of any width.
namespace sluice::parquet::encoding {

class ByteStreamSplitDecoder {
 public:
  // Starts decoding [data, data+size) of values `width` (>0) bytes wide.
  // Corrupt if size is not a multiple of width.
  Status Init(const uint8_t* data, int64_t size, int width);
  // Writes up to n values (n * width bytes, each value little endian) to out;
  // returns how many (< n only at end of input).
  Result<int64_t> Decode(uint8_t* out, int64_t n);
  template <typename T>
  Result<int64_t> Decode(T* out, int64_t n) {
    return Decode(reinterpret_cast<uint8_t*>(out), n);
  }
  Result<int64_t> Skip(int64_t n);
  int64_t values_left() const { return num_values_ - next_; }

 private:
  const uint8_t* data_ = nullptr;
  int width_ = 0;
  int64_t num_values_ = 0;
  int64_t next_ = 0;
};

// Appends the BYTE_STREAM_SPLIT encoding of n values (n * width bytes).
void ByteStreamSplitEncode(const uint8_t* values, int64_t n, int width, Buffer* out);

// Accumulates one page's values, since every stream spans the whole page.
class ByteStreamSplitEncoder {
 public:
  explicit ByteStreamSplitEncoder(int width) : width_(width) {}
  // Adds n values (n * width bytes).
  void Put(const void* values, int64_t n) { values_.Append(values, n * width_); }
  // Appends the encoding of every value added since the last Flush; resets.
  void Flush(Buffer* out) {
    ByteStreamSplitEncode(values_.data(), values_.size() / width_, width_, out);
    values_.Clear();
  }
  int64_t EstimatedSize() const { return values_.size(); }

 private:
  int width_;
  Buffer values_;
};

}  // namespace sluice::parquet::encoding
