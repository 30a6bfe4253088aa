#include "sluice/parquet/encoding/levels.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "parquet/encoding/encoding_test_util.h"

namespace sluice::parquet::encoding {
namespace {

using testing::Exact;

TEST(Levels, V1RleWithLengthPrefix) {
  // 4-byte length 2, RLE run of 8 x 1 (bit width 1), then the next section.
  const std::vector<uint8_t> page = {2, 0, 0, 0, 0x10, 0x01, 0xAA};
  std::vector<int16_t> out(8);
  auto consumed = DecodeLevelsV1(LevelEncoding::kRle, 1, page.data(), 7, 8, out.data());
  ASSERT_TRUE(consumed.ok()) << consumed.status().ToString();
  EXPECT_EQ(*consumed, 6);
  EXPECT_EQ(out, std::vector<int16_t>(8, 1));
}

TEST(Levels, V1DeprecatedBitPackedIsMsbFirst) {
  // Encodings.md "Bit-packed (Deprecated)": 0..7 with bit width 3.
  const std::vector<uint8_t> page = {0b00000101, 0b00111001, 0b01110111, 0xEE};
  std::vector<int16_t> out(8);
  auto consumed = DecodeLevelsV1(LevelEncoding::kBitPacked, 7, page.data(), 4, 8, out.data());
  ASSERT_TRUE(consumed.ok());
  EXPECT_EQ(*consumed, 3);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(out[i], i);
  // Batched through LevelDecoder with a skip.
  LevelDecoder dec;
  ASSERT_EQ(*dec.InitV1(LevelEncoding::kBitPacked, 7, page.data(), 4, 8), 3);
  ASSERT_EQ(*dec.Skip(3), 3);
  ASSERT_EQ(*dec.Decode(out.data(), 100), 5);
  EXPECT_EQ(out[0], 3);
  EXPECT_EQ(out[4], 7);
}

TEST(Levels, RoundTripV1AndV2) {
  std::mt19937_64 rng(5);
  for (int max_level : {1, 2, 3, 7, 100, 32767}) {
    for (int64_t n : {1, 8, 100, 4097}) {
      std::vector<int16_t> v(static_cast<size_t>(n));
      for (auto& x : v) x = static_cast<int16_t>(rng() % 4 == 0 ? rng() % (max_level + 1) : max_level);
      Buffer b1, b2;
      const int64_t len1 = EncodeLevelsV1(v.data(), n, max_level, &b1);
      const int64_t len2 = EncodeLevelsV2(v.data(), n, max_level, &b2);
      ASSERT_EQ(len1, b1.size());
      ASSERT_EQ(len2, b2.size());
      ASSERT_EQ(len1, len2 + 4);
      auto e1 = Exact(b1);
      auto e2 = Exact(b2);
      std::vector<int16_t> out(static_cast<size_t>(n));
      ASSERT_EQ(*DecodeLevelsV1(LevelEncoding::kRle, max_level, e1.data(), len1, n, out.data()), len1);
      EXPECT_EQ(out, v);
      std::fill(out.begin(), out.end(), -1);
      ASSERT_TRUE(DecodeLevelsV2(max_level, e2.data(), len2, n, out.data()).ok());
      EXPECT_EQ(out, v);
    }
  }
}

TEST(Levels, MaxLevelZeroReadsNothing) {
  Buffer b;
  const int16_t zeros[4] = {};
  EXPECT_EQ(EncodeLevelsV1(zeros, 4, 0, &b), 0);
  EXPECT_EQ(b.size(), 0);
  std::vector<int16_t> out(4, 9);
  EXPECT_EQ(*DecodeLevelsV1(LevelEncoding::kRle, 0, nullptr, 0, 4, out.data()), 0);
  EXPECT_EQ(out, std::vector<int16_t>(4, 0));
}

TEST(Levels, Corrupt) {
  std::vector<int16_t> out(16);
  {  // Length prefix past the page.
    const std::vector<uint8_t> page = {9, 0, 0, 0, 0x10, 0x01};
    EXPECT_EQ(DecodeLevelsV1(LevelEncoding::kRle, 1, page.data(), 6, 8, out.data()).status().code(),
              StatusCode::kCorrupt);
  }
  {  // Prefix truncated.
    const std::vector<uint8_t> page = {2, 0};
    EXPECT_EQ(DecodeLevelsV1(LevelEncoding::kRle, 1, page.data(), 2, 8, out.data()).status().code(),
              StatusCode::kCorrupt);
  }
  {  // Level 3 > max level 2 (bit width 2).
    const std::vector<uint8_t> page = {0x10, 0x03};
    EXPECT_EQ(DecodeLevelsV2(2, page.data(), 2, 8, out.data()).code(), StatusCode::kCorrupt);
  }
  {  // Fewer levels than the page claims.
    const std::vector<uint8_t> page = {0x10, 0x01};
    EXPECT_EQ(DecodeLevelsV2(1, page.data(), 2, 16, out.data()).code(), StatusCode::kCorrupt);
  }
  {  // BIT_PACKED section shorter than n * w bits.
    const std::vector<uint8_t> page = {0xff};
    EXPECT_EQ(DecodeLevelsV1(LevelEncoding::kBitPacked, 3, page.data(), 1, 8, out.data()).status().code(),
              StatusCode::kCorrupt);
  }
}

}  // namespace
}  // namespace sluice::parquet::encoding
