#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>

#include "parquet/compression/test_data.h"
#include "sluice/parquet/compression/codec.h"

namespace sluice::parquet::compression {
namespace {

using testing::Bytes;

// Returns `text` deflated by zlib itself with the given windowBits
// (15 + 16 = gzip member, 15 = zlib stream).
std::vector<uint8_t> ZlibDeflate(std::string_view text, int window_bits) {
  z_stream s;
  std::memset(&s, 0, sizeof(s));
  EXPECT_EQ(deflateInit2(&s, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<uint8_t> out(deflateBound(&s, text.size()) + 32);
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  s.avail_in = static_cast<uInt>(text.size());
  s.next_out = out.data();
  s.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&s, Z_FINISH), Z_STREAM_END);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

std::unique_ptr<Codec> Gzip() { return std::move(MakeCodec(CodecId::kGzip)).value(); }

std::string DecompressToString(Codec& codec, std::span<const uint8_t> in, size_t size, Status* st) {
  std::string out(size, '\0');
  *st = codec.Decompress(in, std::span<uint8_t>(reinterpret_cast<uint8_t*>(out.data()), out.size()));
  return out;
}

TEST(GzipCodecTest, ReadsConcatenatedMembers) {
  // concatenated_gzip_members.parquet holds a page made of two gzip members.
  auto stream = ZlibDeflate("hello ", 15 + 16);
  auto second = ZlibDeflate("world", 15 + 16);
  auto empty = ZlibDeflate("", 15 + 16);
  ASSERT_EQ(stream[0], 0x1F);
  ASSERT_EQ(stream[1], 0x8B);
  stream.insert(stream.end(), empty.begin(), empty.end());  // an empty member in between is legal
  stream.insert(stream.end(), second.begin(), second.end());
  auto codec = Gzip();
  Status st;
  EXPECT_EQ(DecompressToString(*codec, stream, 11, &st), "hello world");
  EXPECT_TRUE(st.ok()) << st.ToString();
  // The second member cut short, or one byte too many expected.
  std::vector<uint8_t> cut(stream.begin(), stream.end() - 3);
  DecompressToString(*codec, cut, 11, &st);
  EXPECT_EQ(st.code(), StatusCode::kCorrupt) << st.ToString();
  DecompressToString(*codec, stream, 12, &st);
  EXPECT_EQ(st.code(), StatusCode::kCorrupt) << st.ToString();
  DecompressToString(*codec, stream, 6, &st);
  EXPECT_EQ(st.code(), StatusCode::kCorrupt) << st.ToString();
}

TEST(GzipCodecTest, AcceptsZlibStreams) {
  auto stream = ZlibDeflate("a zlib stream, not gzip", 15);
  ASSERT_EQ(stream[0], 0x78);
  auto codec = Gzip();
  Status st;
  EXPECT_EQ(DecompressToString(*codec, stream, 23, &st), "a zlib stream, not gzip");
  EXPECT_TRUE(st.ok()) << st.ToString();
}

TEST(GzipCodecTest, WritesGzipMembersZlibCanRead) {
  auto codec = Gzip();
  auto data = testing::CompressibleBytes(50000, 1);
  Buffer buf;
  ASSERT_TRUE(codec->Compress(data, &buf).ok());
  // RFC 1952 header: ID1 ID2 CM=8 (deflate).
  ASSERT_GT(buf.size(), 18);
  EXPECT_EQ(buf.data()[0], 0x1F);
  EXPECT_EQ(buf.data()[1], 0x8B);
  EXPECT_EQ(buf.data()[2], 0x08);
  // Trailer: CRC-32 and ISIZE, little-endian.
  uint32_t crc, isize;
  std::memcpy(&crc, buf.data() + buf.size() - 8, 4);
  std::memcpy(&isize, buf.data() + buf.size() - 4, 4);
  EXPECT_EQ(crc, Crc32(data));
  EXPECT_EQ(isize, data.size());
  // And zlib's own gzip reader agrees.
  z_stream s;
  std::memset(&s, 0, sizeof(s));
  ASSERT_EQ(inflateInit2(&s, 15 + 16), Z_OK);
  std::vector<uint8_t> out(data.size());
  s.next_in = const_cast<Bytef*>(buf.data());
  s.avail_in = static_cast<uInt>(buf.size());
  s.next_out = out.data();
  s.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&s, Z_FINISH), Z_STREAM_END);
  inflateEnd(&s);
  EXPECT_EQ(out, data);
}

TEST(GzipCodecTest, BadChecksumIsCorrupt) {
  auto stream = ZlibDeflate("checksummed", 15 + 16);
  stream[stream.size() - 6] ^= 0x01;  // inside the CRC-32 trailer
  auto codec = Gzip();
  Status st;
  DecompressToString(*codec, stream, 11, &st);
  EXPECT_EQ(st.code(), StatusCode::kCorrupt) << st.ToString();
}

}  // namespace
}  // namespace sluice::parquet::compression
