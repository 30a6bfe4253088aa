#include <gtest/gtest.h>

#include "parquet/compression/test_data.h"
#include "sluice/parquet/compression/codec.h"

namespace sluice::parquet::compression {
namespace {

std::unique_ptr<Codec> Brotli(std::optional<int> q = std::nullopt) {
  return std::move(MakeCodec(CodecId::kBrotli, q)).value();
}

TEST(BrotliCodecTest, DecodesTheEmptyStream) {
  // RFC 7932: WBITS=16 (bit 0), ISLAST=1, ISLASTEMPTY=1 -> 0b110.
  std::vector<uint8_t> empty = {0x06};
  auto codec = Brotli();
  std::span<uint8_t> none;
  EXPECT_TRUE(codec->Decompress(empty, none).ok());
  std::vector<uint8_t> one(1);
  EXPECT_EQ(codec->Decompress(empty, one).code(), StatusCode::kCorrupt);
  std::vector<uint8_t> trailing = {0x06, 0x00};
  Status st = codec->Decompress(trailing, none);
  EXPECT_EQ(st.code(), StatusCode::kCorrupt) << st.ToString();
}

TEST(BrotliCodecTest, QualityChangesOutput) {
  auto data = testing::CompressibleBytes(100000, 2);
  Buffer fast, strong;
  ASSERT_TRUE(Brotli(0)->Compress(data, &fast).ok());
  ASSERT_TRUE(Brotli(9)->Compress(data, &strong).ok());
  EXPECT_LT(strong.size(), fast.size());
  std::vector<uint8_t> out(data.size());
  ASSERT_TRUE(Brotli()->Decompress(fast.span(), out).ok());
  EXPECT_EQ(out, data);
}

}  // namespace
}  // namespace sluice::parquet::compression
