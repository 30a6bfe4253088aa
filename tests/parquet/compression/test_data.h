#pragma once

// Input generators shared by the compression tests.

#include <cstdint>
#include <random>
#include <string_view>
#include <vector>

namespace sluice::parquet::compression::testing {

// Returns `n` uniformly random bytes (incompressible).
inline std::vector<uint8_t> RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

// Returns `n` bytes that look like a PLAIN-encoded column: small integers and
// repeated words, so every codec finds matches.
inline std::vector<uint8_t> CompressibleBytes(size_t n, uint32_t seed) {
  static constexpr std::string_view kWords[] = {"alpha", "beta", "gamma", "delta", "lake", "stream", "parquet"};
  std::mt19937 rng(seed);
  std::vector<uint8_t> v;
  v.reserve(n + 16);
  while (v.size() < n) {
    if (rng() % 2 == 0) {
      uint32_t x = rng() % 1000;
      for (int i = 0; i < 4; ++i) v.push_back(static_cast<uint8_t>(x >> (8 * i)));
    } else {
      std::string_view w = kWords[rng() % std::size(kWords)];
      v.insert(v.end(), w.begin(), w.end());
    }
  }
  v.resize(n);
  return v;
}

inline std::vector<uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

}  // namespace sluice::parquet::compression::testing
