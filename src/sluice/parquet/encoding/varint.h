#pragma once

#include <cstdint>

#include "sluice/common/buffer.h"

// ULEB128 varints and zigzag, as used by RLE run headers and delta encodings.
namespace sluice::parquet::encoding {

// Reads a ULEB128 varint of at most `max_bytes` bytes (5 for 32-bit, 10 for
// 64-bit values) from [*p, end); advances *p. Returns false on truncation,
// overlong encodings or values that do not fit 64 bits.
inline bool ReadUleb128(const uint8_t** p, const uint8_t* end, int max_bytes, uint64_t* out) {
  uint64_t v = 0;
  const uint8_t* q = *p;
  for (int i = 0; i < max_bytes; ++i) {
    if (q == end) return false;
    uint8_t b = *q++;
    if (i == 9 && b > 1) return false;  // bits past 64
    v |= static_cast<uint64_t>(b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) {
      *p = q;
      *out = v;
      return true;
    }
  }
  return false;
}

// Appends `v` as a ULEB128 varint.
inline void WriteUleb128(uint64_t v, Buffer* out) {
  uint8_t tmp[10];
  int n = 0;
  while (v >= 0x80) {
    tmp[n++] = static_cast<uint8_t>(v | 0x80);
    v >>= 7;
  }
  tmp[n++] = static_cast<uint8_t>(v);
  out->Append(tmp, n);
}

inline uint64_t ZigZagEncode(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t ZigZagDecode(uint64_t v) { return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)); }

}  // namespace sluice::parquet::encoding
