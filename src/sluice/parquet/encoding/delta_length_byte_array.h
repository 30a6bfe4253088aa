#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/parquet/encoding/delta_binary_packed.h"

// DELTA_LENGTH_BYTE_ARRAY (Parquet Encodings.md): the lengths of all values
// DELTA_BINARY_PACKED (int32), then the bytes of all values concatenated.
namespace sluice::parquet::encoding {

class DeltaLengthByteArrayDecoder {
 public:
  // Decodes every length of [data, data+size) and locates the bytes. Corrupt
  // for a malformed length section, a negative length, lengths summing past
  // the input, or more than `max_values` values (the page's value count).
  Status Init(const uint8_t* data, int64_t size, int64_t max_values = INT64_MAX);
  // Appends up to n values in Arrow layout (end offsets to `offsets`, bytes to
  // `data`); returns how many (< n only after the last value). OutOfRange if
  // offsets would pass 2^31-1.
  Result<int64_t> Decode(Buffer* offsets, Buffer* data, int64_t n);
  // Decodes up to n values as views into the input.
  Result<int64_t> Decode(std::string_view* out, int64_t n);
  Result<int64_t> Skip(int64_t n);
  int64_t values_left() const { return static_cast<int64_t>(lengths_.size()) - next_; }
  // Bytes the whole encoding occupies (lengths and data).
  int64_t bytes_consumed() const { return data_end_ - begin_; }

 private:
  const uint8_t* begin_ = nullptr;
  const uint8_t* data_ = nullptr;  // bytes of value next_
  const uint8_t* data_end_ = nullptr;
  std::vector<int32_t> lengths_;
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
