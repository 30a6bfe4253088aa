#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "sluice/common/buffer.h"

namespace sluice::parquet::encoding::testing {

// An exact-size heap copy, so ASan flags any read past the end.
inline std::vector<uint8_t> Exact(const Buffer& b) { return std::vector<uint8_t>(b.data(), b.data() + b.size()); }

// `n` random values of `bit_width` bits.
inline std::vector<uint64_t> RandomBits(std::mt19937_64& rng, int64_t n, int bit_width) {
  std::vector<uint64_t> v(static_cast<size_t>(n));
  const uint64_t mask = bit_width == 64 ? ~uint64_t{0} : (uint64_t{1} << bit_width) - 1;
  for (auto& x : v) x = rng() & mask;
  return v;
}

}  // namespace sluice::parquet::encoding::testing
