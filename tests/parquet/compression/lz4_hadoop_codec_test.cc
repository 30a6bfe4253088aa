#include <gtest/gtest.h>
#include <lz4frame.h>

#include "parquet/compression/test_data.h"
#include "sluice/parquet/compression/codec.h"

namespace sluice::parquet::compression {
namespace {

using testing::Bytes;

// Raw LZ4 blocks of only literals: token (len << 4), then the bytes.
const std::vector<uint8_t> kHelloBlock = {0x50, 'h', 'e', 'l', 'l', 'o'};
const std::vector<uint8_t> kWorldBlock = {0x60, ' ', 'w', 'o', 'r', 'l', 'd'};

std::unique_ptr<Codec> Lz4() { return std::move(MakeCodec(CodecId::kLz4)).value(); }

Status DecompressTo(Codec& codec, std::span<const uint8_t> in, std::vector<uint8_t>* out) {
  return codec.Decompress(in, *out);
}

std::vector<uint8_t> Concat(std::initializer_list<std::vector<uint8_t>> parts) {
  std::vector<uint8_t> v;
  for (const auto& p : parts) v.insert(v.end(), p.begin(), p.end());
  return v;
}

TEST(Lz4HadoopCodecTest, ReadsTwoHadoopBlocks) {
  // hadoop_lz4_compressed.parquet: BE32 uncompressed length, BE32 compressed length, block.
  auto stream = Concat({{0, 0, 0, 5, 0, 0, 0, 6}, kHelloBlock, {0, 0, 0, 6, 0, 0, 0, 7}, kWorldBlock});
  auto codec = Lz4();
  std::vector<uint8_t> out(11);
  ASSERT_TRUE(DecompressTo(*codec, stream, &out).ok());
  EXPECT_EQ(out, Bytes("hello world"));
}

TEST(Lz4HadoopCodecTest, ReadsHadoopBlockOfTwoChunks) {
  // Hadoop's BlockCompressorStream may split one block into several chunks.
  auto stream = Concat({{0, 0, 0, 11, 0, 0, 0, 6}, kHelloBlock, {0, 0, 0, 7}, kWorldBlock});
  auto codec = Lz4();
  std::vector<uint8_t> out(11);
  ASSERT_TRUE(DecompressTo(*codec, stream, &out).ok());
  EXPECT_EQ(out, Bytes("hello world"));
}

TEST(Lz4HadoopCodecTest, ReadsRawBlockWithoutFraming) {
  // non_hadoop_lz4_compressed.parquet: old parquet-cpp wrote a bare block.
  auto codec = Lz4();
  std::vector<uint8_t> out(5);
  ASSERT_TRUE(DecompressTo(*codec, kHelloBlock, &out).ok());
  EXPECT_EQ(out, Bytes("hello"));
}

TEST(Lz4HadoopCodecTest, ReadsLz4Frames) {
  auto data = testing::CompressibleBytes(100000, 8);
  std::vector<uint8_t> frame(LZ4F_compressFrameBound(data.size(), nullptr));
  size_t n = LZ4F_compressFrame(frame.data(), frame.size(), data.data(), data.size(), nullptr);
  ASSERT_FALSE(LZ4F_isError(n));
  frame.resize(n);
  ASSERT_EQ(frame[0], 0x04);  // magic 0x184D2204, little-endian
  auto codec = Lz4();
  std::vector<uint8_t> out(data.size());
  ASSERT_TRUE(DecompressTo(*codec, frame, &out).ok());
  EXPECT_EQ(out, data);
  // Two frames back to back.
  auto twice = Concat({frame, frame});
  std::vector<uint8_t> out2(2 * data.size());
  ASSERT_TRUE(DecompressTo(*codec, twice, &out2).ok());
  EXPECT_TRUE(std::equal(data.begin(), data.end(), out2.begin() + static_cast<ptrdiff_t>(data.size())));
  // Truncated, too-small output and too-large output are Corrupt, and the
  // frame decoder is usable afterwards.
  std::vector<uint8_t> cut(frame.begin(), frame.end() - 10);
  EXPECT_EQ(DecompressTo(*codec, cut, &out).code(), StatusCode::kCorrupt);
  std::vector<uint8_t> small(data.size() - 1);
  EXPECT_EQ(DecompressTo(*codec, frame, &small).code(), StatusCode::kCorrupt);
  std::vector<uint8_t> large(data.size() + 1);
  EXPECT_EQ(DecompressTo(*codec, frame, &large).code(), StatusCode::kCorrupt);
  ASSERT_TRUE(DecompressTo(*codec, frame, &out).ok());
  EXPECT_EQ(out, data);
}

TEST(Lz4HadoopCodecTest, BadHadoopLengthsFallThroughToCorrupt) {
  auto codec = Lz4();
  std::vector<uint8_t> out(11);
  // Compressed length claims one byte more than present.
  auto stream = Concat({{0, 0, 0, 5, 0, 0, 0, 7}, kHelloBlock});
  EXPECT_EQ(DecompressTo(*codec, stream, &out).code(), StatusCode::kCorrupt);
  // Lengths add up but the block length disagrees with what the chunk holds.
  stream = Concat({{0, 0, 0, 4, 0, 0, 0, 6}, kHelloBlock});
  std::vector<uint8_t> four(4);
  EXPECT_EQ(DecompressTo(*codec, stream, &four).code(), StatusCode::kCorrupt);
  // A huge block length.
  stream = Concat({{0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 6}, kHelloBlock});
  EXPECT_EQ(DecompressTo(*codec, stream, &out).code(), StatusCode::kCorrupt);
}

TEST(Lz4HadoopCodecTest, WritesHadoopBlocksOf128KiB) {
  auto data = testing::CompressibleBytes(300000, 3);
  auto codec = Lz4();
  Buffer buf;
  ASSERT_TRUE(codec->Compress(data, &buf).ok());
  auto be32 = [&](int64_t at) {
    const uint8_t* p = buf.data() + at;
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
  };
  std::vector<uint32_t> block_lengths;
  int64_t pos = 0;
  while (pos < buf.size()) {
    ASSERT_LE(pos + 8, buf.size());
    block_lengths.push_back(be32(pos));
    pos += 8 + be32(pos + 4);
  }
  EXPECT_EQ(pos, buf.size());
  EXPECT_EQ(block_lengths, (std::vector<uint32_t>{131072, 131072, 300000 - 262144}));
  // Empty input: one empty block.
  Buffer empty;
  ASSERT_TRUE(codec->Compress({}, &empty).ok());
  ASSERT_EQ(empty.size(), 9);
  EXPECT_EQ(be32(0), 131072u);  // unchanged buf
  std::span<uint8_t> none;
  EXPECT_TRUE(codec->Decompress(empty.span(), none).ok());
}

}  // namespace
}  // namespace sluice::parquet::compression
