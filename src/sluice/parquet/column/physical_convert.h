#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "sluice/common/status.h"
#include "sluice/parquet/encoding/plain.h"

// Conversions from Parquet physical values to the Arrow layout of the leaf's
// type, applied batch-wise while decoding.
namespace sluice::parquet {

// Julian day number of 1970-01-01 (INT96 timestamps, Impala/Spark semantics).
constexpr int64_t kJulianEpochDay = 2440588;

// out[i] = INT96 in[i] as a count of `units_per_day` units since the epoch
// (86400e6 for microseconds): (day - epoch) * units_per_day + nanos / nanos_per_unit,
// with the julian day a signed int32, nanos a signed int64 and the arithmetic
// wrapping modulo 2^64 (no UB). Spark computes the stored (day, nanos) from
// micros + epoch * 86400e6 with int64 wrap-around, so wrapping back recovers
// dates up to year 294247 (int96_from_spark.parquet: year 290000).
inline void Int96ToTimestamp(const encoding::Int96* in, int64_t n, uint64_t units_per_day, uint64_t nanos_per_unit,
                             int64_t* out) {
  const int64_t per_unit = static_cast<int64_t>(nanos_per_unit);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t nanos =
        static_cast<int64_t>(static_cast<uint64_t>(in[i].value[0]) | (static_cast<uint64_t>(in[i].value[1]) << 32));
    const int64_t days = static_cast<int64_t>(static_cast<int32_t>(in[i].value[2])) - kJulianEpochDay;
    out[i] =
        static_cast<int64_t>(static_cast<uint64_t>(days) * units_per_day + static_cast<uint64_t>(nanos / per_unit));
  }
}

// out[i] = low bits of in[i] (INT32 annotated INT(8|16): pyarrow keeps the low bits).
template <typename Out>
inline void NarrowInt32(const int32_t* in, int64_t n, Out* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = static_cast<Out>(in[i]);
}

// Writes in[i] sign-extended into 16-byte little-endian decimal128 slots.
template <typename T>
inline void SignExtendToDecimal128(const T* in, int64_t n, uint8_t* out) {
  for (int64_t i = 0; i < n; ++i) {
    const int64_t lo = static_cast<int64_t>(in[i]);
    const int64_t hi = lo < 0 ? -1 : 0;
    std::memcpy(out + 16 * i, &lo, 8);
    std::memcpy(out + 16 * i + 8, &hi, 8);
  }
}

// Writes the big-endian two's complement `len` (<= 16) bytes at `in` as a
// 16-byte little-endian decimal128 (an empty value is 0).
inline void BigEndianToDecimal128(const uint8_t* in, int64_t len, uint8_t* out) {
  const uint8_t fill = (len > 0 && (in[0] & 0x80)) ? 0xff : 0x00;
  std::memset(out, fill, 16);
  for (int64_t i = 0; i < len; ++i) out[i] = in[len - 1 - i];
}

// As BigEndianToDecimal128 for n values of fixed `width` bytes stored back to back.
// NotSupported if width > 16.
Status FixedBigEndianToDecimal128(const uint8_t* in, int width, int64_t n, uint8_t* out);

// As BigEndianToDecimal128 for n variable-length values. NotSupported if one is longer than 16 bytes.
Status BinaryBigEndianToDecimal128(const std::string_view* in, int64_t n, uint8_t* out);

}  // namespace sluice::parquet
