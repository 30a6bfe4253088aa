#include "sluice/parquet/compression/crc32.h"

#include <gtest/gtest.h>

#include "parquet/compression/test_data.h"

namespace sluice::parquet::compression {
namespace {

using testing::Bytes;

TEST(Crc32Test, KnownAnswers) {
  // The CRC-32 check value from the catalogue of parameterised CRCs.
  EXPECT_EQ(Crc32(Bytes("123456789")), 0xCBF43926u);
  EXPECT_EQ(Crc32({}), 0u);
  EXPECT_EQ(Crc32(Bytes("a")), 0xE8B7BE43u);
  EXPECT_EQ(Crc32(Bytes("The quick brown fox jumps over the lazy dog")), 0x414FA339u);
  std::vector<uint8_t> zeros(32, 0);
  EXPECT_EQ(Crc32(zeros), 0x190A55ADu);
}

TEST(Crc32Test, ExtendEqualsWhole) {
  auto data = testing::RandomBytes(10000, 7);
  uint32_t whole = Crc32(data);
  for (size_t split : {size_t{0}, size_t{1}, size_t{4999}, size_t{10000}}) {
    std::span<const uint8_t> s(data);
    EXPECT_EQ(Crc32Extend(Crc32(s.first(split)), s.subspan(split)), whole) << split;
  }
}

TEST(Crc32Test, DetectsSingleBitFlip) {
  auto data = testing::CompressibleBytes(4096, 3);
  uint32_t before = Crc32(data);
  data[1234] ^= 0x10;
  EXPECT_NE(Crc32(data), before);
}

}  // namespace
}  // namespace sluice::parquet::compression
