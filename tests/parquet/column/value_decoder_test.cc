// ValueDecoder and the physical conversions on hand-built bytes.
#include "sluice/parquet/column/value_decoder.h"

#include <gtest/gtest.h>

#include "sluice/parquet/column/physical_convert.h"

namespace sluice::parquet {
namespace {

LeafColumn Leaf(format::Type physical, columnar::DataTypePtr type, int32_t type_length = 0) {
  LeafColumn leaf;
  leaf.path = {"c"};
  leaf.physical_type = physical;
  leaf.type_length = type_length;
  leaf.type = std::move(type);
  return leaf;
}

TEST(PhysicalConvert, Int96ToMicros) {
  // 2009-01-01 00:01:00: julian day 2454833, 60e9 nanos.
  encoding::Int96 v[2];
  const uint64_t nanos = 60000000000ULL;
  v[0].value[0] = static_cast<uint32_t>(nanos);
  v[0].value[1] = static_cast<uint32_t>(nanos >> 32);
  v[0].value[2] = 2454833;
  v[1] = {{0, 0, 2440588 - 1}};  // 1969-12-31
  int64_t out[2];
  Int96ToTimestamp(v, 2, 86400000000ULL, 1000, out);
  EXPECT_EQ(out[0], 1230768060000000);
  EXPECT_EQ(out[1], -86400000000);
  // Absurd days wrap instead of overflowing (UBSan-clean).
  encoding::Int96 big = {{0xffffffff, 0xffffffff, 0x7fffffff}};
  Int96ToTimestamp(&big, 1, 86400000000ULL, 1000, out);
}

TEST(PhysicalConvert, BigEndianDecimals) {
  uint8_t out[16];
  const uint8_t minus_two[] = {0xff, 0xfe};
  BigEndianToDecimal128(minus_two, 2, out);
  EXPECT_EQ(bit_util::LoadLE<int64_t>(out), -2);
  EXPECT_EQ(bit_util::LoadLE<int64_t>(out + 8), -1);
  const uint8_t x[] = {0x01, 0x02, 0x03};
  BigEndianToDecimal128(x, 3, out);
  EXPECT_EQ(bit_util::LoadLE<int64_t>(out), 0x010203);
  EXPECT_EQ(bit_util::LoadLE<int64_t>(out + 8), 0);
  BigEndianToDecimal128(x, 0, out);
  EXPECT_EQ(bit_util::LoadLE<int64_t>(out), 0);
  uint8_t wide[17] = {};
  EXPECT_EQ(FixedBigEndianToDecimal128(wide, 17, 1, out).code(), StatusCode::kNotSupported);
  std::string_view long_value(reinterpret_cast<const char*>(wide), 17);
  EXPECT_EQ(BinaryBigEndianToDecimal128(&long_value, 1, out).code(), StatusCode::kNotSupported);
  int32_t ints[2] = {-5, 7};
  uint8_t dec[32];
  SignExtendToDecimal128(ints, 2, dec);
  EXPECT_EQ(bit_util::LoadLE<int64_t>(dec), -5);
  EXPECT_EQ(bit_util::LoadLE<int64_t>(dec + 8), -1);
  EXPECT_EQ(bit_util::LoadLE<int64_t>(dec + 16), 7);
  EXPECT_EQ(bit_util::LoadLE<int64_t>(dec + 24), 0);
}

TEST(PhysicalConvert, NarrowKeepsLowBits) {
  int32_t in[3] = {300, -1, 127};
  int8_t out[3];
  NarrowInt32(in, 3, out);
  EXPECT_EQ(out[0], 44);
  EXPECT_EQ(out[1], -1);
  EXPECT_EQ(out[2], 127);
}

TEST(ValueDecoder, PlainInt32NarrowedToUInt8) {
  ValueDecoder dec;
  ASSERT_TRUE(dec.Init(Leaf(format::Type::INT32, columnar::UInt8()), "t").ok());
  const int32_t raw[3] = {1, 255, 256};
  ASSERT_TRUE(dec.StartPage(format::Encoding::PLAIN, reinterpret_cast<const uint8_t*>(raw), 12, 0).ok());
  LeafData out;
  ASSERT_TRUE(dec.Decode(3, 0, &out).ok());
  ASSERT_EQ(out.values->size(), 3);
  EXPECT_EQ(out.values->data()[0], 1);
  EXPECT_EQ(out.values->data()[1], 255);
  EXPECT_EQ(out.values->data()[2], 0);
  // A fourth value is not there.
  EXPECT_EQ(dec.Decode(1, 3, &out).code(), StatusCode::kCorrupt);
}

TEST(ValueDecoder, DictionaryErrors) {
  ValueDecoder dec;
  ASSERT_TRUE(dec.Init(Leaf(format::Type::INT64, columnar::Int64()), "t").ok());
  const uint8_t indices[] = {1, 0x04, 0x01};  // bit width 1, RLE run of 2 x index 1
  // No dictionary page: Corrupt.
  EXPECT_EQ(dec.StartPage(format::Encoding::RLE_DICTIONARY, indices, 3, 0).code(), StatusCode::kCorrupt);
  // A dictionary claiming more entries than its bytes hold: Corrupt.
  const int64_t dict[1] = {42};
  EXPECT_EQ(dec.SetDictionary(reinterpret_cast<const uint8_t*>(dict), 8, 2, 0).code(), StatusCode::kCorrupt);
  EXPECT_EQ(dec.SetDictionary(reinterpret_cast<const uint8_t*>(dict), 8, -1, 0).code(), StatusCode::kCorrupt);
  // One entry; index 1 is out of bounds.
  ASSERT_TRUE(dec.SetDictionary(reinterpret_cast<const uint8_t*>(dict), 8, 1, 0).ok());
  ASSERT_TRUE(dec.StartPage(format::Encoding::RLE_DICTIONARY, indices, 3, 0).ok());
  LeafData out;
  EXPECT_FALSE(dec.Decode(2, 0, &out).ok());
  const uint8_t zeros[] = {1, 0x04, 0x00};
  ASSERT_TRUE(dec.StartPage(format::Encoding::PLAIN_DICTIONARY, zeros, 3, 0).ok());
  LeafData ok;
  ASSERT_TRUE(dec.Decode(2, 0, &ok).ok());
  EXPECT_EQ(ok.values->data_as<int64_t>()[0], 42);
  EXPECT_EQ(ok.values->data_as<int64_t>()[1], 42);
}

TEST(ValueDecoder, UnsupportedEncodingNamesIt) {
  ValueDecoder dec;
  ASSERT_TRUE(dec.Init(Leaf(format::Type::DOUBLE, columnar::Float64()), "t").ok());
  const uint8_t bytes[8] = {};
  Status st = dec.StartPage(format::Encoding::DELTA_BINARY_PACKED, bytes, 8, 0);
  EXPECT_EQ(st.code(), StatusCode::kNotSupported);
  EXPECT_NE(st.message().find("DELTA_BINARY_PACKED"), std::string::npos);
  st = dec.StartPage(static_cast<format::Encoding>(42), bytes, 8, 0);
  EXPECT_EQ(st.code(), StatusCode::kNotSupported);
}

TEST(ValueDecoder, TypeMismatchIsNotSupported) {
  ValueDecoder dec;
  EXPECT_EQ(dec.Init(Leaf(format::Type::BOOLEAN, columnar::Int32()), "t").code(), StatusCode::kNotSupported);
  EXPECT_EQ(dec.Init(Leaf(format::Type::FIXED_LEN_BYTE_ARRAY, columnar::Decimal128(38, 0), 17), "t").code(),
            StatusCode::kNotSupported);
  EXPECT_EQ(dec.Init(Leaf(format::Type::FIXED_LEN_BYTE_ARRAY, columnar::FixedSizeBinary(0), 0), "t").code(),
            StatusCode::kCorrupt);
}

TEST(ValueDecoder, BinaryDecimalFromPlain) {
  ValueDecoder dec;
  ASSERT_TRUE(dec.Init(Leaf(format::Type::BYTE_ARRAY, columnar::Decimal128(10, 2)), "t").ok());
  // Two PLAIN values: 0x0100 (256) and 0xff (-1).
  const uint8_t page[] = {2, 0, 0, 0, 0x01, 0x00, 1, 0, 0, 0, 0xff};
  ASSERT_TRUE(dec.StartPage(format::Encoding::PLAIN, page, sizeof(page), 0).ok());
  LeafData out;
  ASSERT_TRUE(dec.Decode(2, 0, &out).ok());
  EXPECT_EQ(bit_util::LoadLE<int64_t>(out.values->data()), 256);
  EXPECT_EQ(bit_util::LoadLE<int64_t>(out.values->data() + 16), -1);
  EXPECT_EQ(bit_util::LoadLE<int64_t>(out.values->data() + 24), -1);
}

}  // namespace
}  // namespace sluice::parquet
