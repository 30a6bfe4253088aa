#include "sluice/parquet/encoding/bit_packing.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "parquet/encoding/encoding_test_util.h"

namespace sluice::parquet::encoding {
namespace {

using testing::Exact;
using testing::RandomBits;

TEST(BitPacking, SpecExampleLsbFirst) {
  // Encodings.md, RLE/bit-packing hybrid: 0..7 with bit width 3.
  const std::vector<uint32_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  Buffer out;
  PackBits32(values.data(), 8, 3, &out);
  ASSERT_EQ(out.size(), 3);
  EXPECT_EQ(out.data()[0], 0b10001000);
  EXPECT_EQ(out.data()[1], 0b11000110);
  EXPECT_EQ(out.data()[2], 0b11111010);
  uint32_t back[8];
  UnpackBits32(out.data(), 3, 8, back);
  EXPECT_EQ(std::vector<uint32_t>(back, back + 8), values);
}

TEST(BitPacking, SpecExampleMsbFirst) {
  // Encodings.md, deprecated BIT_PACKED: 0..7 with bit width 3.
  const uint8_t bytes[] = {0b00000101, 0b00111001, 0b01110111};
  uint16_t out[8];
  UnpackBitsMsb16(bytes, 3, 3, 0, 8, out);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(out[i], i);
  UnpackBitsMsb16(bytes, 3, 3, 5, 3, out);
  EXPECT_EQ(out[0], 5);
  EXPECT_EQ(out[2], 7);
}

TEST(BitPacking, RoundTrip32EveryWidthAndCount) {
  std::mt19937_64 rng(1);
  for (int bw = 0; bw <= 32; ++bw) {
    for (int64_t n : {0, 1, 7, 8, 9, 31, 32, 33, 100, 1000}) {
      auto wide = RandomBits(rng, n, bw);
      std::vector<uint32_t> v(wide.begin(), wide.end());
      Buffer packed;
      PackBits32(v.data(), n, bw, &packed);
      ASSERT_EQ(packed.size(), (n * bw + 7) / 8);
      auto exact = Exact(packed);
      std::vector<uint32_t> out(static_cast<size_t>(n) + 1, 0xdeadbeef);
      UnpackBits32(exact.data(), bw, n, out.data());
      EXPECT_EQ(std::vector<uint32_t>(out.begin(), out.begin() + n), v) << "bw=" << bw << " n=" << n;
      EXPECT_EQ(out[n], 0xdeadbeef) << "wrote past count";
      // Arbitrary sub-ranges, reading only the exact bytes.
      for (int trial = 0; trial < 20 && n > 0; ++trial) {
        int64_t start = static_cast<int64_t>(rng() % n);
        int64_t count = static_cast<int64_t>(rng() % (n - start + 1));
        std::vector<uint32_t> part(static_cast<size_t>(count) + 1);
        UnpackRange32(exact.data(), static_cast<int64_t>(exact.size()), bw, start, count, part.data());
        for (int64_t i = 0; i < count; ++i) ASSERT_EQ(part[i], v[start + i]) << bw << " " << start << " " << i;
      }
    }
  }
}

TEST(BitPacking, RoundTrip64EveryWidth) {
  std::mt19937_64 rng(2);
  for (int bw = 0; bw <= 64; ++bw) {
    for (int64_t n : {1, 8, 13, 64, 333}) {
      auto v = RandomBits(rng, n, bw);
      Buffer packed;
      PackBits64(v.data(), n, bw, &packed);
      auto exact = Exact(packed);
      std::vector<uint64_t> out(static_cast<size_t>(n));
      UnpackBits64(exact.data(), bw, n, out.data());
      EXPECT_EQ(out, v) << "bw=" << bw << " n=" << n;
      int64_t start = n / 3;
      std::vector<uint64_t> part(static_cast<size_t>(n - start));
      UnpackRange64(exact.data(), static_cast<int64_t>(exact.size()), bw, start, n - start, part.data());
      EXPECT_TRUE(std::equal(part.begin(), part.end(), v.begin() + start)) << "bw=" << bw;
    }
  }
}

TEST(BitPacking, Unpack16MatchesUnpack32) {
  std::mt19937_64 rng(3);
  for (int bw = 0; bw <= 16; ++bw) {
    auto wide = RandomBits(rng, 77, bw);
    std::vector<uint32_t> v(wide.begin(), wide.end());
    Buffer packed;
    PackBits32(v.data(), 77, bw, &packed);
    auto exact = Exact(packed);
    std::vector<uint16_t> out(77);
    UnpackBits16(exact.data(), bw, 77, out.data());
    for (int i = 0; i < 77; ++i) ASSERT_EQ(out[i], v[i]);
  }
}

TEST(BitPacking, PackIgnoresHighBits) {
  const uint32_t v[] = {0xffffffff, 0xfffffffe};
  Buffer packed;
  PackBits32(v, 2, 1, &packed);
  ASSERT_EQ(packed.size(), 1);
  EXPECT_EQ(packed.data()[0], 0b01);
}

}  // namespace
}  // namespace sluice::parquet::encoding
