#include "sluice/parquet/encoding/dictionary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "parquet/encoding/encoding_test_util.h"
#include "sluice/parquet/encoding/plain.h"

namespace sluice::parquet::encoding {
namespace {

using testing::Exact;

TEST(Dictionary, IndexPageBytes) {
  // Bit width 2, then bit-packed run of one group: 0,1,2,0,0,0,0,0.
  DictionaryEncoder<int32_t> enc;
  const int32_t v[] = {10, 20, 30, 10, 10, 10, 10, 10};
  enc.PutBatch(v, 8);
  EXPECT_EQ(enc.num_entries(), 3);
  EXPECT_EQ(enc.dict_encoded_size(), 12);
  Buffer idx;
  enc.WriteIndices(&idx);
  EXPECT_EQ(Exact(idx), (std::vector<uint8_t>{2, 0x03, 0b00100100, 0}));
  Buffer dict;
  enc.WriteDictPage(&dict);
  EXPECT_EQ(Exact(dict), (std::vector<uint8_t>{10, 0, 0, 0, 20, 0, 0, 0, 30, 0, 0, 0}));
}

template <typename T>
void RoundTrip(const std::vector<T>& values) {
  DictionaryEncoder<T> enc;
  // Two pages share one dictionary.
  const int64_t half = static_cast<int64_t>(values.size()) / 2;
  enc.PutBatch(values.data(), half);
  Buffer page1;
  enc.WriteIndices(&page1);
  enc.PutBatch(values.data() + half, static_cast<int64_t>(values.size()) - half);
  Buffer page2;
  enc.WriteIndices(&page2);
  Buffer dict_page;
  enc.WriteDictPage(&dict_page);
  ASSERT_EQ(dict_page.size(), enc.dict_encoded_size());
  std::vector<T> dict(static_cast<size_t>(enc.num_entries()));
  PlainDecoder<T> plain;
  plain.Init(dict_page.data(), dict_page.size());
  ASSERT_EQ(*plain.Decode(dict.data(), enc.num_entries()), enc.num_entries());

  std::vector<T> out;
  for (Buffer* page : {&page1, &page2}) {
    auto bytes = Exact(*page);
    DictIndexDecoder dec;
    ASSERT_TRUE(dec.Init(bytes.data(), static_cast<int64_t>(bytes.size()), enc.num_entries()).ok());
    std::vector<uint32_t> idx(values.size());
    const int64_t want = page == &page1 ? half : static_cast<int64_t>(values.size()) - half;
    auto got = dec.Decode(idx.data(), want);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_EQ(*got, want);
    std::vector<T> part(static_cast<size_t>(want));
    GatherFixed(dict.data(), idx.data(), want, part.data());
    out.insert(out.end(), part.begin(), part.end());
  }
  ASSERT_EQ(out.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i) ASSERT_EQ(std::memcmp(&out[i], &values[i], sizeof(T)), 0) << i;
}

TEST(Dictionary, RoundTripFixedTypes) {
  std::mt19937_64 rng(3);
  for (int cardinality : {1, 2, 3, 100, 5000, 70000}) {
    std::vector<int64_t> v64(100000);
    for (auto& x : v64) x = static_cast<int64_t>(rng() % cardinality) * 1000003;
    RoundTrip(v64);
    std::vector<int32_t> v32(v64.begin(), v64.end());
    RoundTrip(v32);
  }
  RoundTrip<double>({1.0, -0.0, 0.0, NAN, 1.0, NAN, -0.0});
  RoundTrip<float>({1.0f, 2.0f, 1.0f});
  RoundTrip<Int96>({Int96{{1, 2, 3}}, Int96{{1, 2, 4}}, Int96{{1, 2, 3}}});
}

// Integer keys in a small range are looked up in a flat window: entries must
// still be numbered in order of first appearance, whatever the range, its
// drift, or its nearness to the type's limits.
template <typename T>
void CheckFirstAppearanceOrder(const std::vector<T>& values, int64_t batch) {
  DictionaryEncoder<T> enc;
  for (size_t i = 0; i < values.size(); i += static_cast<size_t>(batch)) {
    enc.PutBatch(values.data() + i, std::min<int64_t>(batch, static_cast<int64_t>(values.size() - i)));
  }
  std::map<T, uint32_t> first;
  for (T v : values) first.emplace(v, static_cast<uint32_t>(first.size()));
  ASSERT_EQ(enc.num_entries(), static_cast<int64_t>(first.size()));
  const auto idx = enc.buffered_indices();
  ASSERT_EQ(idx.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(idx[i], first.at(values[i])) << i;
    ASSERT_EQ(enc.entries()[idx[i]], values[i]) << i;
  }
}

TEST(Dictionary, IntegerWindowKeepsFirstAppearanceOrder) {
  std::mt19937_64 rng(8);
  for (int round = 0; round < 30; ++round) {
    const int64_t batch = 1 + static_cast<int64_t>(rng() % 2000);
    std::vector<int64_t> v64;
    std::vector<int32_t> v32;
    const int kind = round % 5;
    int64_t base = kind == 3 ? std::numeric_limits<int64_t>::min() + 5 : (kind == 4 ? -3 : 0);
    for (int i = 0; i < 20000; ++i) {
      int64_t x;
      switch (kind) {
        case 0:
          x = static_cast<int64_t>(rng() % 1000) - 500;
          break;  // small range
        case 1:
          x = i / 3 + static_cast<int64_t>(rng() % 50);
          break;  // drifting
        case 2:
          x = static_cast<int64_t>(rng() % 3) == 0 ? static_cast<int64_t>(rng()) : static_cast<int64_t>(rng() % 100);
          break;  // mostly small, some anywhere
        case 3:
          x = base + static_cast<int64_t>(rng() % 40);
          break;  // at the minimum
        default:
          x = std::numeric_limits<int64_t>::max() - static_cast<int64_t>(rng() % 40) + base + 3;
          break;  // at the maximum
      }
      v64.push_back(x);
      v32.push_back(kind == 3 ? std::numeric_limits<int32_t>::min() + static_cast<int32_t>(rng() % 40)
                              : (kind == 4 ? std::numeric_limits<int32_t>::max() - static_cast<int32_t>(rng() % 40)
                                           : static_cast<int32_t>(x)));
    }
    SCOPED_TRACE(::testing::Message() << "round " << round << " kind " << kind << " batch " << batch);
    CheckFirstAppearanceOrder(v64, batch);
    CheckFirstAppearanceOrder(v32, batch);
  }
}

TEST(Dictionary, FloatKeysAreBitPatterns) {
  DictionaryEncoder<double> enc;
  const double v[] = {0.0, -0.0, NAN, NAN};
  enc.PutBatch(v, 4);
  EXPECT_EQ(enc.num_entries(), 3);
}

TEST(Dictionary, ByteArrayRoundTripAndReset) {
  std::mt19937_64 rng(4);
  std::vector<std::string> strings;
  for (int i = 0; i < 3000; ++i) strings.push_back("value-" + std::to_string(rng() % 700));
  strings.push_back("");
  std::vector<std::string_view> views(strings.begin(), strings.end());
  ByteArrayDictionaryEncoder enc;
  enc.PutBatch(views);
  Buffer idx_page, dict_page;
  const int64_t estimate = enc.EstimatedIndicesSize();
  enc.WriteIndices(&idx_page);
  enc.WriteDictPage(&dict_page);
  ASSERT_EQ(dict_page.size(), enc.dict_encoded_size());
  ASSERT_LE(idx_page.size(), estimate);

  std::vector<std::string_view> dict(static_cast<size_t>(enc.num_entries()));
  PlainByteArrayDecoder plain;
  plain.Init(dict_page.data(), dict_page.size());
  ASSERT_EQ(*plain.Decode(dict.data(), enc.num_entries()), enc.num_entries());
  for (int64_t i = 0; i < enc.num_entries(); ++i) EXPECT_EQ(dict[i], enc.entry(i));

  DictIndexDecoder dec;
  ASSERT_TRUE(dec.Init(idx_page.data(), idx_page.size(), enc.num_entries()).ok());
  std::vector<uint32_t> idx(views.size());
  ASSERT_EQ(*dec.Decode(idx.data(), static_cast<int64_t>(idx.size())), static_cast<int64_t>(idx.size()));
  Buffer offsets, data;
  offsets.AppendValue<int32_t>(0);
  ASSERT_TRUE(GatherByteArray(dict.data(), idx.data(), static_cast<int64_t>(idx.size()), &offsets, &data).ok());
  const int32_t* o = offsets.data_as<int32_t>();
  for (size_t i = 0; i < views.size(); ++i) {
    ASSERT_EQ(data.view().substr(o[i], o[i + 1] - o[i]), views[i]) << i;
  }
  // Arrow layout input gives the same indices.
  ByteArrayDictionaryEncoder enc2;
  enc2.PutBatch(o, data.data(), static_cast<int64_t>(views.size()));
  Buffer idx2;
  enc2.WriteIndices(&idx2);
  EXPECT_EQ(Exact(idx2), Exact(idx_page));
  enc.Reset();
  EXPECT_EQ(enc.num_entries(), 0);
  EXPECT_EQ(enc.num_buffered_indices(), 0);
}

// Values of up to 8 bytes are keyed by their packed bytes: every length,
// zero bytes, shared prefixes and suffixes must still be told apart, and
// longer values that share a packing must be too.
TEST(Dictionary, ShortAndLongKeysAreExact) {
  std::mt19937_64 rng(5);
  std::vector<std::string> strings;
  const std::string alphabet("ab\0\xff", 4);
  for (int i = 0; i < 20000; ++i) {
    std::string v(static_cast<size_t>(rng() % 13), 'a');
    for (auto& c : v) c = alphabet[rng() % alphabet.size()];
    strings.push_back(std::move(v));
  }
  std::vector<std::string_view> views(strings.begin(), strings.end());
  ByteArrayDictionaryEncoder enc;
  enc.PutBatch(views);
  std::set<std::string> distinct(strings.begin(), strings.end());
  ASSERT_EQ(enc.num_entries(), static_cast<int64_t>(distinct.size()));
  const auto idx = enc.buffered_indices();
  ASSERT_EQ(idx.size(), strings.size());
  for (size_t i = 0; i < strings.size(); ++i) ASSERT_EQ(enc.entry(idx[i]), strings[i]) << i;
  // Entries are distinct.
  std::set<std::string> entries;
  for (int64_t i = 0; i < enc.num_entries(); ++i) entries.emplace(enc.entry(i));
  EXPECT_EQ(entries, distinct);
}

TEST(Dictionary, FixedLenByteArray) {
  ByteArrayDictionaryEncoder enc(3);
  const std::string_view v[] = {"abc", "xyz", "abc"};
  enc.PutBatch(v);
  EXPECT_EQ(enc.dict_encoded_size(), 6);
  Buffer dict;
  enc.WriteDictPage(&dict);
  EXPECT_EQ(dict.view(), "abcxyz");
  const uint32_t idx[] = {1, 0, 1};
  uint8_t out[9];
  GatherFixedLen(dict.data(), 3, idx, 3, out);
  EXPECT_EQ(std::string_view(reinterpret_cast<char*>(out), 9), "xyzabcxyz");
}

TEST(Dictionary, Corrupt) {
  uint32_t out[8];
  {
    const std::vector<uint8_t> page = {33, 0x10, 0};
    DictIndexDecoder dec;
    EXPECT_EQ(dec.Init(page.data(), 3, 10).code(), StatusCode::kCorrupt);
  }
  {  // Index 5 into a dictionary of 5.
    const std::vector<uint8_t> page = {3, 0x10, 0x05};
    DictIndexDecoder dec;
    ASSERT_TRUE(dec.Init(page.data(), 3, 5).ok());
    EXPECT_EQ(dec.Decode(out, 8).status().code(), StatusCode::kCorrupt);
  }
  {  // Bit width 0 with an empty dictionary.
    const std::vector<uint8_t> page = {0};
    DictIndexDecoder dec;
    ASSERT_TRUE(dec.Init(page.data(), 1, 0).ok());
    EXPECT_EQ(dec.Decode(out, 8).status().code(), StatusCode::kCorrupt);
  }
  {  // Empty page decodes nothing.
    DictIndexDecoder dec;
    ASSERT_TRUE(dec.Init(nullptr, 0, 5).ok());
    EXPECT_EQ(*dec.Decode(out, 8), 0);
  }
}

}  // namespace
}  // namespace sluice::parquet::encoding
