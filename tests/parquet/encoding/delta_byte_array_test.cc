#include "sluice/parquet/encoding/delta_byte_array.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "parquet/encoding/encoding_test_util.h"
#include "sluice/parquet/encoding/varint.h"

namespace sluice::parquet::encoding {
namespace {

using testing::Exact;

std::vector<uint8_t> Encode(const std::vector<std::string_view>& v) {
  DeltaByteArrayEncoder enc;
  enc.Put(v);
  Buffer out;
  enc.Flush(&out);
  return Exact(out);
}

Result<std::vector<std::string>> DecodeAll(const std::vector<uint8_t>& bytes, int64_t batch) {
  DeltaByteArrayDecoder dec;
  SLUICE_RETURN_NOT_OK(dec.Init(bytes.data(), static_cast<int64_t>(bytes.size())));
  Buffer offsets, data;
  offsets.AppendValue<int32_t>(0);
  while (dec.values_left() > 0) {
    SLUICE_ASSIGN_OR_RETURN(int64_t got, dec.Decode(&offsets, &data, batch));
    if (got == 0) break;
  }
  std::vector<std::string> out;
  const int32_t* o = offsets.data_as<int32_t>();
  for (int64_t i = 0; i + 1 < offsets.size() / 4; ++i) out.emplace_back(data.view().substr(o[i], o[i + 1] - o[i]));
  return out;
}

TEST(DeltaByteArray, SpecExample) {
  // Encodings.md: axis, axle, babble, babyhood -> prefix lengths 0 2 0 3,
  // suffixes axis, le, babble, yhood.
  const std::vector<std::string_view> v = {"axis", "axle", "babble", "babyhood"};
  auto bytes = Encode(v);
  // The prefix section alone: header, first value 0, deltas 2 -2 3.
  DeltaBinaryPackedDecoder<int32_t> prefixes;
  ASSERT_TRUE(prefixes.Init(bytes.data(), static_cast<int64_t>(bytes.size())).ok());
  int32_t p[4];
  ASSERT_EQ(*prefixes.Decode(p, 4), 4);
  EXPECT_EQ(std::vector<int32_t>(p, p + 4), (std::vector<int32_t>{0, 2, 0, 3}));
  // The suffix section.
  DeltaLengthByteArrayDecoder suffixes;
  ASSERT_TRUE(suffixes
                  .Init(bytes.data() + prefixes.bytes_consumed(),
                        static_cast<int64_t>(bytes.size()) - prefixes.bytes_consumed())
                  .ok());
  std::string_view s[4];
  ASSERT_EQ(*suffixes.Decode(s, 4), 4);
  EXPECT_EQ(s[0], "axis");
  EXPECT_EQ(s[1], "le");
  EXPECT_EQ(s[2], "babble");
  EXPECT_EQ(s[3], "yhood");
  auto all = DecodeAll(bytes, 3);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, (std::vector<std::string>{"axis", "axle", "babble", "babyhood"}));
}

TEST(DeltaByteArray, RoundTripSortedStrings) {
  std::mt19937_64 rng(31);
  for (int n : {1, 2, 255, 256, 257, 2000}) {
    std::vector<std::string> strings;
    std::string cur = "prefix/";
    for (int i = 0; i < n; ++i) {
      cur.resize(std::min<size_t>(cur.size(), rng() % 20));
      for (int k = static_cast<int>(rng() % 12); k > 0; --k) cur.push_back(static_cast<char>('a' + rng() % 26));
      strings.push_back(cur);
    }
    std::vector<std::string_view> views(strings.begin(), strings.end());
    auto bytes = Encode(views);
    for (int64_t batch : {1, 7, 300, 100000}) {
      auto got = DecodeAll(bytes, batch);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      EXPECT_EQ(*got, strings) << "n=" << n << " batch=" << batch;
    }
    // Skip then decode.
    DeltaByteArrayDecoder dec;
    ASSERT_TRUE(dec.Init(bytes.data(), static_cast<int64_t>(bytes.size())).ok());
    ASSERT_EQ(*dec.Skip(n / 2), n / 2);
    Buffer offsets, data;
    offsets.AppendValue<int32_t>(0);
    ASSERT_EQ(*dec.Decode(&offsets, &data, n), n - n / 2);
    const int32_t* o = offsets.data_as<int32_t>();
    EXPECT_EQ(data.view().substr(0, o[1]), strings[n / 2]);
  }
}

TEST(DeltaByteArray, PrefixLongerThanPreviousIsCorrupt) {
  // Prefix lengths 0, 5 (previous value "ab" has 2 bytes).
  Buffer b;
  DeltaBinaryPackedEncoder<int32_t> pre;
  const int32_t p[] = {0, 5};
  pre.Put(p, 2);
  pre.Flush(&b);
  DeltaLengthByteArrayEncoder suf;
  const std::vector<std::string_view> s = {"ab", "c"};
  suf.Put(s);
  suf.Flush(&b);
  auto bytes = Exact(b);
  EXPECT_EQ(DecodeAll(bytes, 10).status().code(), StatusCode::kCorrupt);
  DeltaByteArrayDecoder dec;
  ASSERT_TRUE(dec.Init(bytes.data(), static_cast<int64_t>(bytes.size())).ok());
  EXPECT_EQ(dec.Skip(2).status().code(), StatusCode::kCorrupt);
}

TEST(DeltaByteArray, MismatchedCountsAndTruncation) {
  Buffer b;
  DeltaBinaryPackedEncoder<int32_t> pre;
  const int32_t p[] = {0, 0, 0};
  pre.Put(p, 3);
  pre.Flush(&b);
  DeltaLengthByteArrayEncoder suf;
  const std::vector<std::string_view> s = {"ab", "c"};
  suf.Put(s);
  suf.Flush(&b);
  auto bytes = Exact(b);
  DeltaByteArrayDecoder dec;
  EXPECT_EQ(dec.Init(bytes.data(), static_cast<int64_t>(bytes.size())).code(), StatusCode::kCorrupt);

  auto good = Encode({"apple", "applesauce", "banana", "bandana"});
  for (size_t len = 0; len < good.size(); ++len) {
    std::vector<uint8_t> cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(len));
    EXPECT_FALSE(DecodeAll(cut, 10).ok()) << len;
  }
}

}  // namespace
}  // namespace sluice::parquet::encoding
