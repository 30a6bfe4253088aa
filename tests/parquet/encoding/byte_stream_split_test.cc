#include "sluice/parquet/encoding/byte_stream_split.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "parquet/encoding/encoding_test_util.h"

namespace sluice::parquet::encoding {
namespace {

using testing::Exact;

TEST(ByteStreamSplit, HandVector) {
  // Two 4-byte values: byte j of value i goes to stream j, position i.
  const uint8_t v[] = {0x00, 0x01, 0x02, 0x03, 0x10, 0x11, 0x12, 0x13};
  Buffer b;
  ByteStreamSplitEncode(v, 2, 4, &b);
  EXPECT_EQ(Exact(b), (std::vector<uint8_t>{0x00, 0x10, 0x01, 0x11, 0x02, 0x12, 0x03, 0x13}));
  ByteStreamSplitDecoder dec;
  ASSERT_TRUE(dec.Init(b.data(), 8, 4).ok());
  uint32_t out[2];
  ASSERT_EQ(*dec.Decode(out, 5), 2);
  EXPECT_EQ(out[0], 0x03020100u);
  EXPECT_EQ(out[1], 0x13121110u);
}

TEST(ByteStreamSplit, RoundTripWidths) {
  std::mt19937_64 rng(41);
  for (int width : {1, 2, 3, 4, 5, 8, 12, 16, 17}) {
    for (int64_t n : {0, 1, 7, 100, 1001}) {
      std::vector<uint8_t> v(static_cast<size_t>(n * width));
      for (auto& x : v) x = static_cast<uint8_t>(rng());
      ByteStreamSplitEncoder enc(width);
      enc.Put(v.data(), n / 2);
      enc.Put(v.data() + (n / 2) * width, n - n / 2);
      Buffer b;
      enc.Flush(&b);
      ASSERT_EQ(b.size(), n * width);
      auto bytes = Exact(b);
      ByteStreamSplitDecoder dec;
      ASSERT_TRUE(dec.Init(bytes.data(), static_cast<int64_t>(bytes.size()), width).ok());
      std::vector<uint8_t> out(v.size());
      const int64_t skip = n / 3;
      ASSERT_EQ(*dec.Decode(out.data(), skip), skip);
      ASSERT_EQ(*dec.Skip(1), n > skip ? 1 : 0);
      const int64_t rest = n - skip - (n > skip ? 1 : 0);
      ASSERT_EQ(*dec.Decode(out.data() + (n - rest) * width, n), rest);
      for (int64_t i = 0; i < n; ++i) {
        if (i == skip) continue;
        for (int j = 0; j < width; ++j) ASSERT_EQ(out[i * width + j], v[i * width + j]) << width << " " << i;
      }
    }
  }
}

TEST(ByteStreamSplit, SizeNotMultipleOfWidthIsCorrupt) {
  const uint8_t b[7] = {};
  ByteStreamSplitDecoder dec;
  EXPECT_EQ(dec.Init(b, 7, 4).code(), StatusCode::kCorrupt);
  EXPECT_EQ(dec.Init(b, 7, 0).code(), StatusCode::kInvalid);
  EXPECT_TRUE(dec.Init(b, 7, 7).ok());
}

}  // namespace
}  // namespace sluice::parquet::encoding
