#pragma once

#include <cstdint>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/parquet/encoding/rle_hybrid.h"

// RLE-encoded BOOLEAN values in data pages (Encodings.md, "Run Length
// Encoding / Bit-Packing Hybrid": a 4-byte little-endian length, then the
// hybrid with bit width 1). Exercised by parquet-testing rle_boolean_encoding.parquet.
namespace sluice::parquet::encoding {

class RleBooleanDecoder {
 public:
  // Reads the length prefix of [data, data+size). Corrupt if it is truncated
  // or claims more bytes than remain.
  Status Init(const uint8_t* data, int64_t size);
  // Decodes up to n values; returns how many (< n only at end of input).
  Result<int64_t> Decode(bool* out, int64_t n);
  Result<int64_t> Skip(int64_t n) { return rle_.Skip(n); }

 private:
  RleBitPackedDecoder rle_;
};

// Appends the length-prefixed RLE encoding of n booleans.
void RleBooleanEncode(const bool* values, int64_t n, Buffer* out);

}  // namespace sluice::parquet::encoding
