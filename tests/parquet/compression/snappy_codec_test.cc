#include <gtest/gtest.h>

#include "parquet/compression/test_data.h"
#include "sluice/parquet/compression/codec.h"

namespace sluice::parquet::compression {
namespace {

using testing::Bytes;

std::unique_ptr<Codec> Snappy() { return std::move(MakeCodec(CodecId::kSnappy)).value(); }

TEST(SnappyCodecTest, DecodesHandMadeStreams) {
  auto codec = Snappy();
  // varint length 5; literal tag (5-1)<<2; "hello".
  std::vector<uint8_t> hello = {0x05, 0x10, 'h', 'e', 'l', 'l', 'o'};
  std::vector<uint8_t> out(5);
  ASSERT_TRUE(codec->Decompress(hello, out).ok());
  EXPECT_EQ(out, Bytes("hello"));
  // length 9; literal "abc"; copy with 1-byte offset: tag ((6-4)<<2)|1, offset 3.
  std::vector<uint8_t> abc = {0x09, 0x08, 'a', 'b', 'c', 0x09, 0x03};
  out.assign(9, 0);
  ASSERT_TRUE(codec->Decompress(abc, out).ok());
  EXPECT_EQ(out, Bytes("abcabcabc"));
}

TEST(SnappyCodecTest, RejectsBadStreams) {
  auto codec = Snappy();
  std::vector<uint8_t> out(9);
  // Stated length 9, but the header says 8.
  std::vector<uint8_t> abc = {0x09, 0x08, 'a', 'b', 'c', 0x09, 0x03};
  std::vector<uint8_t> eight(8);
  EXPECT_EQ(codec->Decompress(abc, eight).code(), StatusCode::kCorrupt);
  // Copy offset 16 reaches before the start of the output.
  std::vector<uint8_t> far = {0x09, 0x08, 'a', 'b', 'c', 0x09, 0x10};
  EXPECT_EQ(codec->Decompress(far, out).code(), StatusCode::kCorrupt);
  // Copy offset 0.
  std::vector<uint8_t> zero = {0x09, 0x08, 'a', 'b', 'c', 0x09, 0x00};
  EXPECT_EQ(codec->Decompress(zero, out).code(), StatusCode::kCorrupt);
  // Literal longer than the stream.
  std::vector<uint8_t> lit = {0x09, 0x20, 'a', 'b', 'c'};
  EXPECT_EQ(codec->Decompress(lit, out).code(), StatusCode::kCorrupt);
  // Empty input but data expected.
  EXPECT_EQ(codec->Decompress({}, out).code(), StatusCode::kCorrupt);
}

TEST(SnappyCodecTest, EmptyPageNeedsNoStream) {
  // datapage_v2_empty_datapage.snappy.parquet: SNAPPY page with 0 data bytes.
  auto codec = Snappy();
  std::span<uint8_t> none;
  EXPECT_TRUE(codec->Decompress({}, none).ok());
  // The one-byte stream snappy writes for empty input is also fine.
  std::vector<uint8_t> zero = {0x00};
  EXPECT_TRUE(codec->Decompress(zero, none).ok());
}

}  // namespace
}  // namespace sluice::parquet::compression
