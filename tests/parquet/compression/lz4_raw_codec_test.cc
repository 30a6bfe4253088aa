#include <gtest/gtest.h>

#include "parquet/compression/test_data.h"
#include "sluice/parquet/compression/codec.h"

namespace sluice::parquet::compression {
namespace {

using testing::Bytes;

std::unique_ptr<Codec> Lz4Raw() { return std::move(MakeCodec(CodecId::kLz4Raw)).value(); }

TEST(Lz4RawCodecTest, DecodesHandMadeBlocks) {
  auto codec = Lz4Raw();
  // Token 0x50: 5 literals, no match.
  std::vector<uint8_t> hello = {0x50, 'h', 'e', 'l', 'l', 'o'};
  std::vector<uint8_t> out(5);
  ASSERT_TRUE(codec->Decompress(hello, out).ok());
  EXPECT_EQ(out, Bytes("hello"));
  // Token 0x35: 3 literals "abc", match offset 3 of length 4+5; then 5 final literals.
  std::vector<uint8_t> abc = {0x35, 'a', 'b', 'c', 0x03, 0x00, 0x50, 'h', 'e', 'l', 'l', 'o'};
  out.assign(17, 0);
  ASSERT_TRUE(codec->Decompress(abc, out).ok());
  EXPECT_EQ(out, Bytes("abcabcabcabchello"));
}

TEST(Lz4RawCodecTest, RejectsBadBlocks) {
  auto codec = Lz4Raw();
  std::vector<uint8_t> out(17);
  // Match offset 9 reaches before the start of the output.
  std::vector<uint8_t> far = {0x35, 'a', 'b', 'c', 0x09, 0x00, 0x50, 'h', 'e', 'l', 'l', 'o'};
  EXPECT_EQ(codec->Decompress(far, out).code(), StatusCode::kCorrupt);
  // Literal run longer than the block.
  std::vector<uint8_t> lit = {0x90, 'h', 'e', 'l', 'l', 'o'};
  std::vector<uint8_t> nine(9);
  EXPECT_EQ(codec->Decompress(lit, nine).code(), StatusCode::kCorrupt);
  // Hadoop framing is not accepted by LZ4_RAW.
  std::vector<uint8_t> framed = {0, 0, 0, 5, 0, 0, 0, 6, 0x50, 'h', 'e', 'l', 'l', 'o'};
  std::vector<uint8_t> five(5);
  EXPECT_EQ(codec->Decompress(framed, five).code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace sluice::parquet::compression
