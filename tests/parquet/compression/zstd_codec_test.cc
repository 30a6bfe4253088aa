#include <gtest/gtest.h>

#include "parquet/compression/test_data.h"
#include "sluice/parquet/compression/codec.h"

namespace sluice::parquet::compression {
namespace {

using testing::Bytes;

std::unique_ptr<Codec> Zstd() { return std::move(MakeCodec(CodecId::kZstd)).value(); }

// Zstd frames made by hand (RFC 8878): magic 28 B5 2F FD, frame header,
// then one last raw block: 3-byte header (size << 3 | type 0 << 1 | last 1).
const std::vector<uint8_t> kWithSize = {0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x05,  // single segment, content size 5
                                        0x29, 0x00, 0x00, 'h',  'e',  'l',  'l', 'o'};
const std::vector<uint8_t> kWithoutSize = {0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x00,  // no content size; window 1 KiB
                                           0x29, 0x00, 0x00, 'h',  'e',  'l',  'l', 'o'};
const std::vector<uint8_t> kEmpty = {0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x00, 0x01, 0x00, 0x00};

TEST(ZstdCodecTest, DecodesHandMadeFrames) {
  auto codec = Zstd();
  std::vector<uint8_t> out(5);
  ASSERT_TRUE(codec->Decompress(kWithSize, out).ok());
  EXPECT_EQ(out, Bytes("hello"));
  out.assign(5, 0);
  ASSERT_TRUE(codec->Decompress(kWithoutSize, out).ok()) << "frames need not state their size";
  EXPECT_EQ(out, Bytes("hello"));
  // page_v2_empty_compressed.parquet: a real frame that decodes to 0 bytes.
  std::span<uint8_t> none;
  EXPECT_TRUE(codec->Decompress(kEmpty, none).ok());
}

TEST(ZstdCodecTest, SkipsSkippableFramesAndReadsConcatenatedFrames) {
  std::vector<uint8_t> stream = {0x50, 0x2A, 0x4D, 0x18, 0x03, 0x00, 0x00, 0x00, 'x', 'y', 'z'};
  stream.insert(stream.end(), kWithSize.begin(), kWithSize.end());
  stream.insert(stream.end(), kWithoutSize.begin(), kWithoutSize.end());
  auto codec = Zstd();
  std::vector<uint8_t> out(10);
  Status st = codec->Decompress(stream, out);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(out, Bytes("hellohello"));
}

TEST(ZstdCodecTest, RejectsSizeMismatchAndBadMagic) {
  auto codec = Zstd();
  std::vector<uint8_t> four(4), six(6);
  EXPECT_EQ(codec->Decompress(kWithSize, four).code(), StatusCode::kCorrupt);
  EXPECT_EQ(codec->Decompress(kWithSize, six).code(), StatusCode::kCorrupt);
  EXPECT_EQ(codec->Decompress(kWithoutSize, four).code(), StatusCode::kCorrupt);
  EXPECT_EQ(codec->Decompress(kWithoutSize, six).code(), StatusCode::kCorrupt);
  auto bad = kWithSize;
  bad[0] = 0x29;
  std::vector<uint8_t> five(5);
  Status st = codec->Decompress(bad, five);
  EXPECT_EQ(st.code(), StatusCode::kCorrupt);
  EXPECT_NE(st.message().find("ZSTD"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace sluice::parquet::compression
