#pragma once

#include <cstdint>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"

// The RLE / bit-packed hybrid (Parquet Encodings.md, "Run Length Encoding /
// Bit-Packing Hybrid"): a sequence of runs, each starting with a ULEB128
// header h. h & 1 == 0: an RLE run of h >> 1 copies of one value stored in
// ceil(bit_width / 8) little-endian bytes. h & 1 == 1: a bit-packed run of
// (h >> 1) groups of 8 values, each group taking bit_width bytes (LSB-first).
namespace sluice::parquet::encoding {

// Decodes an RLE/bit-packed hybrid stream without a length prefix.
class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder() = default;
  RleBitPackedDecoder(const uint8_t* data, int64_t size, int bit_width) { Init(data, size, bit_width); }

  // Starts decoding [data, data+size) with `bit_width` (0..32; the caller
  // validates untrusted widths). With bit width 0 every value is 0 and the
  // input is not read: Decode/Skip always return n.
  void Init(const uint8_t* data, int64_t size, int bit_width);

  // Decodes up to n values into out; returns how many (< n only at the end of
  // the input). Corrupt for malformed run headers or values wider than bit_width.
  Result<int64_t> Decode(uint32_t* out, int64_t n);
  // As Decode into 16-bit levels; requires bit_width <= 16.
  Result<int64_t> Decode(int16_t* out, int64_t n);
  // Skips up to n values; returns how many were skipped.
  Result<int64_t> Skip(int64_t n);

  // As Decode, and also returns Corrupt if any value decoded is >= `bound`
  // (dictionary indices, levels).
  Result<int64_t> DecodeBounded(uint32_t* out, int64_t n, uint32_t bound);

  int bit_width() const { return bit_width_; }
  // Bytes of input consumed by the runs read so far (whole runs).
  int64_t bytes_consumed() const { return pos_ - begin_; }

 private:
  template <typename T>
  Result<int64_t> DecodeImpl(T* out, int64_t n);
  // Reads the next run header; returns false at the end of the input.
  Result<bool> NextRun();

  const uint8_t* begin_ = nullptr;
  const uint8_t* pos_ = nullptr;  // next run header
  const uint8_t* end_ = nullptr;
  int bit_width_ = 0;
  // Current run: RLE (`rle_left_` copies of `rle_value_`) or bit-packed
  // (`bp_left_` values from `bp_data_`, next value index `bp_index_`).
  int64_t rle_left_ = 0;
  uint32_t rle_value_ = 0;
  const uint8_t* bp_data_ = nullptr;
  int64_t bp_avail_bytes_ = 0;
  int64_t bp_index_ = 0;
  int64_t bp_left_ = 0;
  // Values the current bit-packed run header claimed but the input lacks.
  int64_t bp_missing_ = 0;
};

// Encodes values into the RLE/bit-packed hybrid. Runs of >= 8 equal values
// become RLE runs; the rest is bit-packed in groups of 8.
class RleBitPackedEncoder {
 public:
  // `bit_width` is 0..32; values must fit in it.
  explicit RleBitPackedEncoder(int bit_width);

  // Adds one value.
  void Put(uint32_t v) {
    if (run_len_ > 0 && v == run_value_) {
      ++run_len_;
    } else {
      EndRun();
      run_value_ = v;
      run_len_ = 1;
    }
  }
  // Adds `n` copies of v.
  void PutRepeated(uint32_t v, int64_t n);
  // Adds n values.
  void PutBatch(const uint32_t* v, int64_t n);
  // Adds n 16-bit levels.
  void PutBatch(const int16_t* v, int64_t n);

  // Appends the encoded bytes of every value added since the last Flush to
  // `out` and resets the encoder.
  void Flush(Buffer* out);
  // Upper bound of the bytes Flush would append now.
  int64_t EstimatedSize() const;
  int bit_width() const { return bit_width_; }
  // Drops pending values and switches to `bit_width` (reuses the memory).
  void Reset(int bit_width);

 private:
  // Moves the trailing run into literals or writes it as an RLE run.
  void EndRun();
  // Appends n (< 16) copies of v to the literals.
  void AppendLiterals(uint32_t v, int64_t n);
  // Writes the literals (zero-padded to a multiple of 8) as one bit-packed run.
  void FlushLiterals();
  void WriteRleRun(uint32_t v, int64_t n);

  int bit_width_;
  int value_bytes_;
  Buffer encoded_;
  static constexpr int kMaxLiterals = 512;  // flushed as a bit-packed run when reached
  uint32_t literals_[kMaxLiterals + 16];
  int num_literals_ = 0;
  uint32_t run_value_ = 0;
  int64_t run_len_ = 0;
};

}  // namespace sluice::parquet::encoding
