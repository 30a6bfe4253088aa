// Decompresses pages of the parquet-testing files whose codecs have quirks.
// Page offsets were found by walking the files' Thrift page headers; each
// case names the page header fields it copies.

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "sluice/parquet/compression/codec.h"

namespace sluice::parquet::compression {
namespace {

std::vector<uint8_t> ReadTestFile(const std::string& name) {
  std::ifstream f(std::string(SLUICE_TESTDATA_DIR) + "/parquet-testing/data/" + name, std::ios::binary);
  if (!f) return {};
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

struct PageCase {
  const char* file;
  CodecId codec;
  size_t offset;               // first compressed byte (after v2 levels)
  size_t compressed_size;      // compressed_page_size minus v2 level bytes
  size_t uncompressed_size;    // uncompressed_page_size minus v2 level bytes
  std::optional<int32_t> crc;  // PageHeader.crc, over the whole compressed page
};

class RealPageTest : public ::testing::TestWithParam<PageCase> {};

TEST_P(RealPageTest, Decompresses) {
  const PageCase& c = GetParam();
  auto file = ReadTestFile(c.file);
  if (file.empty()) GTEST_SKIP() << c.file << " not found";
  ASSERT_LE(c.offset + c.compressed_size, file.size());
  std::span<const uint8_t> page(file.data() + c.offset, c.compressed_size);
  if (c.crc) {
    EXPECT_EQ(Crc32(page), static_cast<uint32_t>(*c.crc));
  }
  auto codec = std::move(MakeCodec(c.codec)).value();
  std::vector<uint8_t> out(c.uncompressed_size);
  Status st = codec->Decompress(page, out);
  ASSERT_TRUE(st.ok()) << st.ToString();
  std::vector<uint8_t> bigger(c.uncompressed_size + 1);
  EXPECT_EQ(codec->Decompress(page, bigger).code(), StatusCode::kCorrupt);
}

INSTANTIATE_TEST_SUITE_P(
    ParquetTesting, RealPageTest,
    ::testing::Values(
        // v2 page: 3 level bytes, then 2 gzip members.
        PageCase{"concatenated_gzip_members.parquet", CodecId::kGzip, 55, 1416, 4104, {}},
        PageCase{"hadoop_lz4_compressed.parquet", CodecId::kLz4, 17, 26, 16, {}},
        PageCase{"hadoop_lz4_compressed.parquet", CodecId::kLz4, 104, 12, 3, {}},
        PageCase{"hadoop_lz4_compressed.parquet", CodecId::kLz4, 299, 19, 10, {}},
        // One page of several 128 KiB Hadoop blocks.
        PageCase{"hadoop_lz4_compressed_larger.parquet", CodecId::kLz4, 33, 358322, 400000, -394724119},
        PageCase{"non_hadoop_lz4_compressed.parquet", CodecId::kLz4, 18, 18, 16, {}},
        PageCase{"non_hadoop_lz4_compressed.parquet", CodecId::kLz4, 97, 10, 9, {}},
        PageCase{"lz4_raw_compressed.parquet", CodecId::kLz4Raw, 65, 24, 32, {}},
        // Dictionary page: a zstd frame of 0 bytes.
        PageCase{"page_v2_empty_compressed.parquet", CodecId::kZstd, 18, 9, 0, {}},
        PageCase{"page_v2_empty_compressed.parquet", CodecId::kZstd, 55, 10, 1, {}},
        PageCase{"datapage_v1-snappy-compressed-checksum.parquet", CodecId::kSnappy, 30, 735, 10240, -42322992},
        PageCase{"datapage_v1-snappy-compressed-checksum.parquet", CodecId::kSnappy, 792, 735, 10240, -924317436},
        // v2 page: 2 level bytes and no data bytes at all.
        PageCase{"datapage_v2_empty_datapage.snappy.parquet", CodecId::kSnappy, 27, 0, 0, {}}));

TEST(RealPageTest, ConcatenatedGzipMembersHoldOneTo513) {
  auto file = ReadTestFile("concatenated_gzip_members.parquet");
  if (file.empty()) GTEST_SKIP();
  auto codec = std::move(MakeCodec(CodecId::kGzip)).value();
  std::vector<uint8_t> out(513 * 8);
  ASSERT_TRUE(codec->Decompress(std::span<const uint8_t>(file.data() + 55, 1416), out).ok());
  for (uint64_t i = 0; i < 513; ++i) {
    uint64_t v;
    std::memcpy(&v, out.data() + i * 8, 8);
    ASSERT_EQ(v, i + 1);
  }
}

}  // namespace
}  // namespace sluice::parquet::compression
