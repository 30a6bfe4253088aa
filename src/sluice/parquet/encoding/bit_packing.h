#pragma once

#include <cstdint>

#include "sluice/common/buffer.h"

// Bit packing as used by Parquet's RLE/bit-packed hybrid and DELTA_BINARY_PACKED:
// values are packed LSB-first, value i occupying bits [i*w, (i+1)*w) of the
// little-endian bit stream. Groups of 8 values take exactly `w` bytes, so the
// hot loops unpack 8 values at a time with a routine specialised per width.
namespace sluice::parquet::encoding {

// Unpacks `count` values of `bit_width` (0..32) bits from `in` into `out`.
// Reads exactly BytesForBits(count * bit_width) bytes, never more.
void UnpackBits32(const uint8_t* in, int bit_width, int64_t count, uint32_t* out);
// As UnpackBits32 for bit widths 0..64.
void UnpackBits64(const uint8_t* in, int bit_width, int64_t count, uint64_t* out);
// As UnpackBits32 for bit widths 0..16 (levels).
void UnpackBits16(const uint8_t* in, int bit_width, int64_t count, uint16_t* out);

// Unpacks values [start, start+count) of a packed stream beginning at `in`
// that has `avail_bytes` readable bytes; never reads past them (bits past the
// end read as 0). The caller checks (start+count)*bit_width <= avail_bytes*8.
void UnpackRange32(const uint8_t* in, int64_t avail_bytes, int bit_width, int64_t start, int64_t count, uint32_t* out);
void UnpackRange64(const uint8_t* in, int64_t avail_bytes, int bit_width, int64_t start, int64_t count, uint64_t* out);
void UnpackRange16(const uint8_t* in, int64_t avail_bytes, int bit_width, int64_t start, int64_t count, uint16_t* out);

// Appends `count` values of `bit_width` (0..32) bits packed LSB-first to `out`
// (BytesForBits(count * bit_width) bytes; the last byte is zero-padded).
// Bits of a value above `bit_width` are ignored.
void PackBits32(const uint32_t* in, int64_t count, int bit_width, Buffer* out);
// As PackBits32 for bit widths 0..64.
void PackBits64(const uint64_t* in, int64_t count, int bit_width, Buffer* out);

// Unpacks values [start, start+count) packed MSB-first (the deprecated
// BIT_PACKED level encoding) with `bit_width` (0..16) bits from `in`, which
// has `avail_bytes` readable bytes; the caller checks they hold the values.
void UnpackBitsMsb16(const uint8_t* in, int64_t avail_bytes, int bit_width, int64_t start, int64_t count,
                     uint16_t* out);

}  // namespace sluice::parquet::encoding
