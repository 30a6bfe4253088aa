#pragma once

#include <cstdint>
#include <type_traits>
#include <vector>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"

// DELTA_BINARY_PACKED (Parquet Encodings.md): header <block size in values>
// <miniblocks per block> <total value count> <first value (zigzag)>, all
// ULEB128; then blocks of <min delta (zigzag)> <one bit width byte per
// miniblock> <miniblocks of (delta - min delta) bit-packed LSB-first>.
// Arithmetic wraps modulo 2^32 / 2^64 as the spec requires.
namespace sluice::parquet::encoding {

// Decodes int32_t or int64_t values.
template <typename T>
class DeltaBinaryPackedDecoder {
  static_assert(std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>);

 public:
  // Parses the header of [data, data+size). Corrupt for an invalid header.
  Status Init(const uint8_t* data, int64_t size);
  // Decodes up to n values; returns how many (< n only after the last value).
  // Corrupt if a block header or miniblock is malformed or truncated.
  Result<int64_t> Decode(T* out, int64_t n);
  Result<int64_t> Skip(int64_t n);
  // Values the header announced that have not been decoded yet.
  int64_t values_left() const { return left_; }
  int64_t total_values() const { return total_; }
  // After every value was decoded: bytes the encoding occupied (where the
  // next section of DELTA_LENGTH_BYTE_ARRAY / DELTA_BYTE_ARRAY starts).
  int64_t bytes_consumed() const { return consumed_end_ - begin_; }

 private:
  using U = std::make_unsigned_t<T>;
  Status NextBlock();
  Status NextMiniblock();

  const uint8_t* begin_ = nullptr;
  const uint8_t* pos_ = nullptr;  // next block header or miniblock data
  const uint8_t* end_ = nullptr;
  const uint8_t* consumed_end_ = nullptr;
  int64_t block_size_ = 0;
  int64_t miniblocks_ = 0;
  int64_t mb_values_ = 0;  // values per miniblock
  int64_t total_ = 0;
  int64_t left_ = 0;
  int64_t deltas_unassigned_ = 0;  // deltas not yet assigned to a miniblock
  bool first_pending_ = false;
  U last_ = 0;
  U min_delta_ = 0;
  uint8_t widths_[256] = {};
  int64_t mb_next_ = 0;  // index of the next miniblock in the block
  // Current miniblock.
  const uint8_t* mb_data_ = nullptr;
  int64_t mb_avail_bytes_ = 0;
  int mb_width_ = 0;
  int64_t mb_index_ = 0;  // next value in the miniblock
  int64_t mb_left_ = 0;   // values left in the miniblock
  std::vector<U> scratch_;
};

// Encodes int32_t or int64_t values with blocks of 128 values in 4 miniblocks.
template <typename T>
class DeltaBinaryPackedEncoder {
  static_assert(std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>);

 public:
  static constexpr int kBlockSize = 128;
  static constexpr int kMiniblocks = 4;

  void Put(const T* values, int64_t n);
  // Appends the encoding of every value added since the last Flush; resets.
  void Flush(Buffer* out);
  int64_t EstimatedSize() const;
  int64_t num_values() const { return total_; }

 private:
  using U = std::make_unsigned_t<T>;
  void FlushBlock();

  Buffer blocks_;
  U deltas_[kBlockSize];
  int block_len_ = 0;
  int64_t total_ = 0;
  U first_ = 0;
  U last_ = 0;
};

extern template class DeltaBinaryPackedDecoder<int32_t>;
extern template class DeltaBinaryPackedDecoder<int64_t>;
extern template class DeltaBinaryPackedEncoder<int32_t>;
extern template class DeltaBinaryPackedEncoder<int64_t>;

}  // namespace sluice::parquet::encoding
