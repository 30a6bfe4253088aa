#include "sluice/parquet/encoding/plain.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "parquet/encoding/encoding_test_util.h"

namespace sluice::parquet::encoding {
namespace {

using testing::Exact;

template <typename T>
void RoundTripFixed(const std::vector<T>& v) {
  Buffer b;
  PlainEncode(v.data(), static_cast<int64_t>(v.size()), &b);
  ASSERT_EQ(b.size(), static_cast<int64_t>(v.size() * sizeof(T)));
  auto bytes = Exact(b);
  PlainDecoder<T> dec;
  dec.Init(bytes.data(), static_cast<int64_t>(bytes.size()));
  std::vector<T> out(v.size() + 3);
  ASSERT_EQ(*dec.Skip(1), 1);
  ASSERT_EQ(*dec.Decode(out.data(), static_cast<int64_t>(out.size())), static_cast<int64_t>(v.size()) - 1);
  for (size_t i = 1; i < v.size(); ++i) ASSERT_EQ(std::memcmp(&out[i - 1], &v[i], sizeof(T)), 0);
  EXPECT_EQ(*dec.Decode(out.data(), 1), 0);
}

TEST(Plain, FixedWidthTypes) {
  RoundTripFixed<int32_t>({1, -2, INT32_MAX, INT32_MIN});
  RoundTripFixed<int64_t>({1, -2, INT64_MAX, INT64_MIN});
  RoundTripFixed<float>({1.5f, -0.0f, NAN, INFINITY});
  RoundTripFixed<double>({1.5, -0.0, NAN, -INFINITY});
  RoundTripFixed<Int96>({Int96{{1, 2, 3}}, Int96{{0xffffffff, 0, 7}}});
}

TEST(Plain, Int32LittleEndianBytes) {
  const int32_t v[] = {1, -1};
  Buffer b;
  PlainEncode(v, 2, &b);
  EXPECT_EQ(Exact(b), (std::vector<uint8_t>{1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff}));
}

TEST(Plain, TrailingPartialValueIsNotDecoded) {
  const std::vector<uint8_t> bytes = {1, 0, 0, 0, 2, 0};
  PlainDecoder<int32_t> dec;
  dec.Init(bytes.data(), 6);
  int32_t out[4];
  EXPECT_EQ(*dec.Decode(out, 4), 1);
}

TEST(Plain, Boolean) {
  std::mt19937_64 rng(1);
  std::vector<uint8_t> v(77);
  for (auto& x : v) x = rng() & 1;
  PlainBooleanEncoder enc;
  enc.Put(reinterpret_cast<const bool*>(v.data()), 10);
  enc.Put(reinterpret_cast<const bool*>(v.data() + 10), 67);
  Buffer b;
  enc.Flush(&b);
  ASSERT_EQ(b.size(), 10);
  auto bytes = Exact(b);
  PlainBooleanDecoder dec;
  dec.Init(bytes.data(), 10);
  bool out[80];
  ASSERT_EQ(*dec.Decode(out, 3), 3);
  ASSERT_EQ(*dec.Decode(out + 3, 74), 74);
  for (int i = 0; i < 77; ++i) ASSERT_EQ(out[i], v[i] != 0) << i;
  // The bitmap form agrees with the bool form.
  dec.Init(bytes.data(), 10);
  uint8_t bits[16] = {};
  ASSERT_EQ(*dec.DecodeBitmap(bits, 5, 77), 77);
  for (int i = 0; i < 77; ++i) ASSERT_EQ(bit_util::GetBit(bits, 5 + i), v[i] != 0);
  // Spec: LSB first.
  const bool tf[] = {true, false, true, true};
  PlainBooleanEncoder e2;
  e2.Put(tf, 4);
  Buffer b2;
  e2.Flush(&b2);
  EXPECT_EQ(b2.data()[0], 0b1101);
}

TEST(Plain, ByteArrayArrowLayoutAndViews) {
  const std::vector<std::string_view> v = {"hello", "", "parquet", std::string_view("\0x", 2)};
  Buffer b;
  PlainEncodeByteArray(v, &b);
  ASSERT_EQ(b.size(), 4 * 4 + 5 + 0 + 7 + 2);
  EXPECT_EQ(b.data()[0], 5);
  auto bytes = Exact(b);
  PlainByteArrayDecoder dec;
  dec.Init(bytes.data(), static_cast<int64_t>(bytes.size()));
  Buffer offsets, data;
  offsets.AppendValue<int32_t>(0);
  ASSERT_EQ(*dec.Decode(&offsets, &data, 2), 2);
  ASSERT_EQ(*dec.Decode(&offsets, &data, 10), 2);
  ASSERT_EQ(offsets.size(), 5 * 4);
  const int32_t* o = offsets.data_as<int32_t>();
  EXPECT_EQ(o[1], 5);
  EXPECT_EQ(o[2], 5);
  EXPECT_EQ(o[3], 12);
  EXPECT_EQ(o[4], 14);
  EXPECT_EQ(data.view(), std::string("helloparquet\0x", 14));
  // Re-encode from the Arrow layout gives the same bytes.
  Buffer again;
  PlainEncodeByteArray(o, data.data(), 4, &again);
  EXPECT_EQ(Exact(again), bytes);
  // Views.
  dec.Init(bytes.data(), static_cast<int64_t>(bytes.size()));
  std::string_view views[4];
  ASSERT_EQ(*dec.Skip(1), 1);
  ASSERT_EQ(*dec.Decode(views, 4), 3);
  EXPECT_EQ(views[1], "parquet");
}

TEST(Plain, ByteArrayCorrupt) {
  const std::vector<std::string_view> v = {"abc", "defgh"};
  Buffer b;
  PlainEncodeByteArray(v, &b);
  for (int64_t len = 1; len < b.size(); ++len) {
    if (len == 7) continue;  // exactly the first value
    std::vector<uint8_t> cut(b.data(), b.data() + len);
    PlainByteArrayDecoder dec;
    dec.Init(cut.data(), len);
    Buffer offsets, data;
    offsets.AppendValue<int32_t>(0);
    EXPECT_EQ(dec.Decode(&offsets, &data, 2).status().code(), StatusCode::kCorrupt) << len;
    dec.Init(cut.data(), len);
    std::string_view views[2];
    EXPECT_EQ(dec.Decode(views, 2).status().code(), StatusCode::kCorrupt) << len;
  }
  // A length of 2^32-1 must not wrap.
  const std::vector<uint8_t> huge = {0xff, 0xff, 0xff, 0xff, 1, 2};
  PlainByteArrayDecoder dec;
  dec.Init(huge.data(), 6);
  std::string_view view;
  EXPECT_EQ(dec.Decode(&view, 1).status().code(), StatusCode::kCorrupt);
}

TEST(Plain, FixedLenByteArray) {
  const std::vector<uint8_t> v = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  Buffer b;
  PlainEncodeFixedLen(v.data(), 3, 3, &b);
  auto bytes = Exact(b);
  PlainFixedLenDecoder dec;
  dec.Init(bytes.data(), 9, 3);
  uint8_t out[9];
  ASSERT_EQ(*dec.Skip(1), 1);
  ASSERT_EQ(*dec.Decode(out, 5), 2);
  EXPECT_EQ(out[0], 4);
  EXPECT_EQ(out[5], 9);
  dec.Init(bytes.data(), 9, 3);
  std::string_view views[3];
  ASSERT_EQ(*dec.Decode(views, 3), 3);
  EXPECT_EQ(views[2], std::string_view("\7\10\11", 3));
}

}  // namespace
}  // namespace sluice::parquet::encoding
