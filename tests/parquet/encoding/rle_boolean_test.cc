#include "sluice/parquet/encoding/rle_boolean.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace sluice::parquet::encoding {
namespace {

TEST(RleBoolean, HandVectorAndRoundTrip) {
  // Length 2, RLE run of 8 x true.
  const std::vector<uint8_t> page = {2, 0, 0, 0, 0x10, 0x01};
  RleBooleanDecoder dec;
  ASSERT_TRUE(dec.Init(page.data(), 6).ok());
  bool out[10];
  ASSERT_EQ(*dec.Decode(out, 10), 8);
  for (int i = 0; i < 8; ++i) EXPECT_TRUE(out[i]);

  std::mt19937_64 rng(3);
  std::vector<uint8_t> v(3000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = (i / 100) % 2 == 0 ? 1 : rng() & 1;
  Buffer b;
  RleBooleanEncode(reinterpret_cast<const bool*>(v.data()), 3000, &b);
  std::vector<uint8_t> bytes(b.data(), b.data() + b.size());
  ASSERT_TRUE(dec.Init(bytes.data(), static_cast<int64_t>(bytes.size())).ok());
  std::vector<uint8_t> got(3000);
  ASSERT_EQ(*dec.Skip(5), 5);
  ASSERT_EQ(*dec.Decode(reinterpret_cast<bool*>(got.data()) + 5, 2995), 2995);
  for (size_t i = 5; i < v.size(); ++i) ASSERT_EQ(got[i], v[i]) << i;
}

TEST(RleBoolean, Corrupt) {
  RleBooleanDecoder dec;
  const std::vector<uint8_t> short_prefix = {1, 0};
  EXPECT_EQ(dec.Init(short_prefix.data(), 2).code(), StatusCode::kCorrupt);
  const std::vector<uint8_t> long_len = {9, 0, 0, 0, 0x10};
  EXPECT_EQ(dec.Init(long_len.data(), 5).code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace sluice::parquet::encoding
