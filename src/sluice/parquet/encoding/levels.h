#pragma once

#include <cstdint>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/parquet/encoding/rle_hybrid.h"

// Definition and repetition levels. Bit width = BitWidth(max_level); a column
// whose max level is 0 stores no levels at all.
//   Data page v1, RLE (3):        4-byte LE length, then the RLE hybrid.
//   Data page v1, BIT_PACKED (4): deprecated; ceil(n * w / 8) bytes packed MSB-first.
//   Data page v2:                 the RLE hybrid, its length in the page header.
namespace sluice::parquet::encoding {

// Parquet's Encoding enum values that are valid for levels.
enum class LevelEncoding : int { kRle = 3, kBitPacked = 4 };

// Streams the levels of one data page in batches.
class LevelDecoder {
 public:
  // Starts a v1 page's levels at `data`; returns the bytes they occupy
  // (including the length prefix), i.e. where the next section starts.
  Result<int64_t> InitV1(LevelEncoding encoding, int max_level, const uint8_t* data, int64_t size, int64_t num_values);
  // Starts v2 levels occupying exactly [data, data+size).
  Status InitV2(int max_level, const uint8_t* data, int64_t size, int64_t num_values);

  // Decodes up to n levels (never more than num_values in total); returns how
  // many. Corrupt if a level exceeds max_level or the input ends early.
  Result<int64_t> Decode(int16_t* out, int64_t n);
  // Skips up to n levels; returns how many.
  Result<int64_t> Skip(int64_t n);

  int64_t values_left() const { return left_; }

 private:
  Status CheckMax(const int16_t* out, int64_t n) const;

  RleBitPackedDecoder rle_;
  bool bit_packed_ = false;
  const uint8_t* msb_data_ = nullptr;
  int64_t msb_size_ = 0;
  int64_t msb_index_ = 0;
  int max_level_ = 0;
  int bit_width_ = 0;
  int64_t left_ = 0;
};

// Returns how many of levels[0, n) equal `value`. Vectorised (16-bit lane
// counters per block): readers count present values per level batch, for
// every leaf, unused ones included.
int64_t CountLevels(const int16_t* levels, int64_t n, int16_t value);
// Returns the largest of levels[0, n) read as unsigned, so that a negative
// level compares above any max level (0 when n is 0). Vectorised.
uint16_t MaxLevelUnsigned(const int16_t* levels, int64_t n);

// Decodes all `num_values` v1 levels into out; returns bytes consumed
// (including the 4-byte prefix for RLE).
Result<int64_t> DecodeLevelsV1(LevelEncoding encoding, int max_level, const uint8_t* data, int64_t size,
                               int64_t num_values, int16_t* out);
// Decodes all `num_values` v2 levels stored in exactly [data, data+size).
Status DecodeLevelsV2(int max_level, const uint8_t* data, int64_t size, int64_t num_values, int16_t* out);

// Appends levels in the v1 form (4-byte LE length + RLE hybrid); returns the
// bytes appended. Appends nothing when max_level is 0.
int64_t EncodeLevelsV1(const int16_t* levels, int64_t n, int max_level, Buffer* out);
// Appends levels in the v2 form (RLE hybrid, no prefix); returns the bytes
// appended (the page header's *_levels_byte_length).
int64_t EncodeLevelsV2(const int16_t* levels, int64_t n, int max_level, Buffer* out);

}  // namespace sluice::parquet::encoding
