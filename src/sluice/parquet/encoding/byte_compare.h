#pragma once

// Equality and unsigned lexicographic order of short byte strings without a
// libc call per comparison: 8 bytes at a time, reading only inside the
// strings (the last word overlaps the one before instead of reading past).

#include <cstdint>
#include <cstring>
#include <string_view>

namespace sluice::parquet::encoding {

namespace byte_compare_internal {

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint32_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace byte_compare_internal

// True iff a and b hold the same bytes.
inline bool BytesEqual(std::string_view a, std::string_view b) {
  using byte_compare_internal::Load32;
  using byte_compare_internal::Load64;
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8) {
    if (n > 32) return std::memcmp(x, y, n) == 0;
    for (size_t i = 0; i + 8 < n; i += 8) {
      if (Load64(x + i) != Load64(y + i)) return false;
    }
    return Load64(x + n - 8) == Load64(y + n - 8);
  }
  if (n >= 4) return Load32(x) == Load32(y) && Load32(x + n - 4) == Load32(y + n - 4);
  for (size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

// <0, 0, >0 as a compares to b bytewise as unsigned (memcmp order, then the
// shorter first): the order Parquet uses for BYTE_ARRAY statistics.
inline int BytesCompare(std::string_view a, std::string_view b) {
  using byte_compare_internal::Load64;
  const size_t m = a.size() < b.size() ? a.size() : b.size();
  const char* x = a.data();
  const char* y = b.data();
  if (m <= 32) {
    size_t i = 0;
    for (; i + 8 <= m; i += 8) {
      const uint64_t p = Load64(x + i);
      const uint64_t q = Load64(y + i);
      if (p != q) return __builtin_bswap64(p) < __builtin_bswap64(q) ? -1 : 1;
    }
    if (i < m) {
      if (m >= 8) {
        // The last word overlaps bytes already known to be equal.
        const uint64_t p = Load64(x + m - 8);
        const uint64_t q = Load64(y + m - 8);
        if (p != q) return __builtin_bswap64(p) < __builtin_bswap64(q) ? -1 : 1;
      } else {
        for (; i < m; ++i) {
          const auto p = static_cast<unsigned char>(x[i]);
          const auto q = static_cast<unsigned char>(y[i]);
          if (p != q) return p < q ? -1 : 1;
        }
      }
    }
  } else if (int c = std::memcmp(x, y, m); c != 0) {
    return c;
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

}  // namespace sluice::parquet::encoding
