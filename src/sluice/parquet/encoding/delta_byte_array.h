#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/parquet/encoding/delta_binary_packed.h"
#include "sluice/parquet/encoding/delta_length_byte_array.h"

// DELTA_BYTE_ARRAY (Parquet Encodings.md, incremental encoding): the length
// of the prefix each value shares with the previous one, DELTA_BINARY_PACKED
// (int32), then the suffixes as DELTA_LENGTH_BYTE_ARRAY.
namespace sluice::parquet::encoding {

class DeltaByteArrayDecoder {
 public:
  // Parses both sections of [data, data+size). Corrupt if they are malformed,
  // hold different value counts, or more than `max_values` values.
  Status Init(const uint8_t* data, int64_t size, int64_t max_values = INT64_MAX);
  // Appends up to n values in Arrow layout; returns how many (< n only after
  // the last value). Corrupt if a prefix is longer than the previous value.
  Result<int64_t> Decode(Buffer* offsets, Buffer* data, int64_t n);
  // Skips up to n values (they are still reconstructed: later values depend on them).
  Result<int64_t> Skip(int64_t n);
  int64_t values_left() const { return static_cast<int64_t>(prefixes_.size()) - next_; }

 private:
  std::vector<int32_t> prefixes_;
  DeltaLengthByteArrayDecoder suffixes_;
  std::string last_;
  std::string_view suffix_batch_[256];
  int64_t next_ = 0;
};

class DeltaByteArrayEncoder {
 public:
  void Put(std::span<const std::string_view> values);
  // Adds n values in Arrow layout (n+1 offsets).
  void Put(const int32_t* offsets, const uint8_t* data, int64_t n);
  // Appends the encoding of every value added since the last Flush; resets.
  void Flush(Buffer* out);
  int64_t EstimatedSize() const { return prefixes_.EstimatedSize() + suffixes_.EstimatedSize(); }

 private:
  DeltaBinaryPackedEncoder<int32_t> prefixes_;
  DeltaLengthByteArrayEncoder suffixes_;
  std::string last_;
};

}  // namespace sluice::parquet::encoding
