#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/parquet/encoding/delta_binary_packed.h"

// DELTA_LENGTH_BYTE_ARRAY (Parquet Encodings.md): the lengths of all values
// DELTA_BINARY_PACKED (int32), then the bytes of all values concatenated.
namespace sluice::parquet::encoding {

class DeltaLengthByteArrayDecoder {
 public:
  // Checks every length of [data, data+size) and locates the bytes; lengths
  // are then streamed in chunks, so memory stays constant whatever count the
  // header claims. Corrupt for a malformed length section, a negative length,
  // lengths summing past the input, or more than `max_values` values (pass
  // the page's value count).
  Status Init(const uint8_t* data, int64_t size, int64_t max_values);
  // Appends up to n values in Arrow layout (end offsets to `offsets`, bytes to
  // `data`); returns how many (< n only after the last value). OutOfRange if
  // offsets would pass 2^31-1.
  Result<int64_t> Decode(Buffer* offsets, Buffer* data, int64_t n);
  // Decodes up to n values as views into the input.
  Result<int64_t> Decode(std::string_view* out, int64_t n);
  Result<int64_t> Skip(int64_t n);
  int64_t values_left() const { return total_ - next_; }
  // Bytes the whole encoding occupies (lengths and data).
  int64_t bytes_consumed() const { return data_end_ - begin_; }

 private:
  const uint8_t* begin_ = nullptr;
  const uint8_t* data_ = nullptr;  // bytes of value next_
  const uint8_t* data_end_ = nullptr;
  // Returns up to n next lengths (at least 1 while values remain) in *out.
  Result<int64_t> NextLengths(int64_t n, const int32_t** out);

  static constexpr int kChunk = 512;
  DeltaBinaryPackedDecoder<int32_t> lengths_;
  int32_t chunk_[kChunk];
  int chunk_pos_ = 0;
  int chunk_len_ = 0;
  int64_t total_ = 0;
  int64_t next_ = 0;
};

class DeltaLengthByteArrayEncoder {
 public:
  void Put(std::span<const std::string_view> values);
  // Adds n values in Arrow layout (n+1 offsets).
  void Put(const int32_t* offsets, const uint8_t* data, int64_t n);
  // Appends the encoding of every value added since the last Flush; resets.
  void Flush(Buffer* out);
  int64_t EstimatedSize() const { return lengths_.EstimatedSize() + bytes_.size(); }

 private:
  DeltaBinaryPackedEncoder<int32_t> lengths_;
  Buffer bytes_;
};

}  // namespace sluice::parquet::encoding
