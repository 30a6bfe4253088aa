#include "sluice/parquet/encoding/delta_length_byte_array.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "parquet/encoding/encoding_test_util.h"

namespace sluice::parquet::encoding {
namespace {

using testing::Exact;

std::vector<uint8_t> Encode(const std::vector<std::string_view>& v) {
  DeltaLengthByteArrayEncoder enc;
  enc.Put(v);
  Buffer out;
  enc.Flush(&out);
  return Exact(out);
}

std::vector<std::string> DecodeArrow(DeltaLengthByteArrayDecoder* dec, int64_t n) {
  Buffer offsets, data;
  offsets.AppendValue<int32_t>(0);
  auto got = dec->Decode(&offsets, &data, n);
  EXPECT_TRUE(got.ok()) << got.status().ToString();
  std::vector<std::string> out;
  const int32_t* o = offsets.data_as<int32_t>();
  for (int64_t i = 0; got.ok() && i < *got; ++i) out.emplace_back(data.view().substr(o[i], o[i + 1] - o[i]));
  return out;
}

TEST(DeltaLengthByteArray, SpecExample) {
  // Encodings.md: "Hello", "World", "Foobar", "ABCDEF" -> lengths 5 5 6 6
  // DELTA_BINARY_PACKED, then "HelloWorldFoobarABCDEF".
  auto bytes = Encode({"Hello", "World", "Foobar", "ABCDEF"});
  const std::vector<uint8_t> lengths = {0x80, 0x01, 0x04, 0x04, 0x0A, 0x00, 0x01, 0, 0, 0, 0x02, 0, 0, 0};
  ASSERT_GE(bytes.size(), lengths.size());
  EXPECT_EQ(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 14), lengths);
  EXPECT_EQ(std::string(bytes.begin() + 14, bytes.end()), "HelloWorldFoobarABCDEF");
  DeltaLengthByteArrayDecoder dec;
  ASSERT_TRUE(dec.Init(bytes.data(), static_cast<int64_t>(bytes.size())).ok());
  EXPECT_EQ(dec.bytes_consumed(), static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(DecodeArrow(&dec, 10), (std::vector<std::string>{"Hello", "World", "Foobar", "ABCDEF"}));
}

TEST(DeltaLengthByteArray, RoundTripRandom) {
  std::mt19937_64 rng(21);
  for (int n : {0, 1, 127, 128, 129, 1000}) {
    std::vector<std::string> strings;
    for (int i = 0; i < n; ++i) strings.push_back(std::string(rng() % 40, static_cast<char>('a' + rng() % 26)));
    std::vector<std::string_view> views(strings.begin(), strings.end());
    auto bytes = Encode(views);
    // Arrow-layout input encodes identically.
    Buffer offsets, data;
    offsets.AppendValue<int32_t>(0);
    for (auto& s : strings) {
      data.Append(s.data(), static_cast<int64_t>(s.size()));
      offsets.AppendValue<int32_t>(static_cast<int32_t>(data.size()));
    }
    DeltaLengthByteArrayEncoder enc;
    enc.Put(offsets.data_as<int32_t>(), data.data(), n);
    Buffer again;
    enc.Flush(&again);
    EXPECT_EQ(Exact(again), bytes);

    DeltaLengthByteArrayDecoder dec;
    ASSERT_TRUE(dec.Init(bytes.data(), static_cast<int64_t>(bytes.size()), n).ok());
    std::vector<std::string> got;
    while (dec.values_left() > 0) {
      const int64_t k = static_cast<int64_t>(rng() % 50) + 1;
      if (rng() % 4 == 0) {
        const int64_t skipped = *dec.Skip(k);
        for (int64_t i = 0; i < skipped; ++i) got.push_back(strings[got.size()]);
      } else if (rng() % 2 == 0) {
        std::vector<std::string_view> v(static_cast<size_t>(k));
        const int64_t m = *dec.Decode(v.data(), k);
        for (int64_t i = 0; i < m; ++i) got.emplace_back(v[i]);
      } else {
        for (auto& s : DecodeArrow(&dec, k)) got.push_back(s);
      }
    }
    EXPECT_EQ(got, strings);
  }
}

TEST(DeltaLengthByteArray, Corrupt) {
  auto bytes = Encode({"Hello", "World"});
  DeltaLengthByteArrayDecoder dec;
  // Data shorter than the lengths claim, at every cut.
  for (size_t len = 0; len < bytes.size(); ++len) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(len));
    EXPECT_EQ(dec.Init(cut.data(), static_cast<int64_t>(len)).code(), StatusCode::kCorrupt) << len;
  }
  // More values than the page holds.
  EXPECT_EQ(dec.Init(bytes.data(), static_cast<int64_t>(bytes.size()), 1).code(), StatusCode::kCorrupt);
  // A negative length: first value -1.
  const std::vector<uint8_t> neg = {0x80, 0x01, 0x04, 0x01, 0x01};
  EXPECT_EQ(dec.Init(neg.data(), 5).code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace sluice::parquet::encoding
