#include "sluice/parquet/encoding/delta_binary_packed.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <vector>

#include "parquet/encoding/encoding_test_util.h"
#include "sluice/common/bit_util.h"
#include "sluice/parquet/encoding/bit_packing.h"
#include "sluice/parquet/encoding/varint.h"

namespace sluice::parquet::encoding {
namespace {

using testing::Exact;

template <typename T>
std::vector<T> DecodeAll(const std::vector<uint8_t>& bytes, int64_t* consumed = nullptr) {
  DeltaBinaryPackedDecoder<T> dec;
  Status st = dec.Init(bytes.data(), static_cast<int64_t>(bytes.size()));
  EXPECT_TRUE(st.ok()) << st.ToString();
  if (!st.ok()) return {};
  std::vector<T> out(static_cast<size_t>(dec.total_values()));
  auto got = dec.Decode(out.data(), static_cast<int64_t>(out.size()));
  EXPECT_TRUE(got.ok()) << got.status().ToString();
  if (!got.ok()) return {};
  if (consumed) *consumed = dec.bytes_consumed();
  return out;
}

template <typename T>
std::vector<uint8_t> Encode(const std::vector<T>& v) {
  DeltaBinaryPackedEncoder<T> enc;
  enc.Put(v.data(), static_cast<int64_t>(v.size()));
  const int64_t estimate = enc.EstimatedSize();
  Buffer out;
  enc.Flush(&out);
  EXPECT_LE(out.size(), estimate);
  return Exact(out);
}

TEST(DeltaBinaryPacked, SpecExample1) {
  // Encodings.md example 1: 1 2 3 4 5 -> header, min delta 1, all widths 0.
  const std::vector<uint8_t> expected = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0};
  EXPECT_EQ(Encode<int32_t>({1, 2, 3, 4, 5}), expected);
  int64_t consumed = 0;
  EXPECT_EQ(DecodeAll<int32_t>(expected, &consumed), (std::vector<int32_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(consumed, 10);
}

TEST(DeltaBinaryPacked, SpecExample2) {
  // Encodings.md example 2: 7 5 3 1 2 3 4 5: deltas -2 -2 -2 1 1 1 1, min
  // delta -2, relative deltas 0 0 0 3 3 3 3 in a first miniblock of width 2.
  std::vector<uint8_t> expected = {0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0, 0, 0, 0xC0, 0x3F};
  expected.resize(expected.size() + 6, 0);  // 32 values * 2 bits = 8 bytes
  EXPECT_EQ(Encode<int64_t>({7, 5, 3, 1, 2, 3, 4, 5}), expected);
  int64_t consumed = 0;
  EXPECT_EQ(DecodeAll<int64_t>(expected, &consumed), (std::vector<int64_t>{7, 5, 3, 1, 2, 3, 4, 5}));
  EXPECT_EQ(consumed, static_cast<int64_t>(expected.size()));
}

TEST(DeltaBinaryPacked, EmptyAndSingle) {
  EXPECT_TRUE(DecodeAll<int32_t>(Encode<int32_t>({})).empty());
  EXPECT_EQ(DecodeAll<int64_t>(Encode<int64_t>({-42})), std::vector<int64_t>{-42});
}

template <typename T>
void RoundTripRandom(uint64_t seed) {
  std::mt19937_64 rng(seed);
  for (int64_t n : {2, 31, 32, 33, 127, 128, 129, 200, 256, 257, 1000, 4099}) {
    for (int bits = 0; bits <= static_cast<int>(sizeof(T) * 8); bits += (bits < 8 ? 1 : 7)) {
      std::vector<T> v(static_cast<size_t>(n));
      const uint64_t mask = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
      T x = static_cast<T>(rng());
      for (auto& e : v) {
        // Random walk with steps of `bits` bits, wrapping at the type's range.
        x = static_cast<T>(static_cast<std::make_unsigned_t<T>>(x) + static_cast<std::make_unsigned_t<T>>(rng() & mask));
        e = x;
      }
      auto bytes = Encode(v);
      // Decode in random batches, with skips, and check bytes_consumed.
      bytes.push_back(0xAB);  // next section
      DeltaBinaryPackedDecoder<T> dec;
      ASSERT_TRUE(dec.Init(bytes.data(), static_cast<int64_t>(bytes.size())).ok());
      ASSERT_EQ(dec.total_values(), n);
      std::vector<T> out(static_cast<size_t>(n));
      int64_t pos = 0;
      while (pos < n) {
        const int64_t k = std::min<int64_t>(n - pos, static_cast<int64_t>(rng() % 150) + 1);
        if (rng() % 4 == 0) {
          ASSERT_EQ(*dec.Skip(k), k);
        } else {
          auto r = dec.Decode(out.data() + pos, k);
          ASSERT_TRUE(r.ok()) << r.status().ToString();
          ASSERT_EQ(*r, k);
          for (int64_t i = 0; i < k; ++i) ASSERT_EQ(out[pos + i], v[pos + i]) << "n=" << n << " bits=" << bits;
        }
        pos += k;
      }
      EXPECT_EQ(*dec.Decode(out.data(), 1), 0);
      EXPECT_EQ(dec.bytes_consumed(), static_cast<int64_t>(bytes.size()) - 1);
    }
  }
}

TEST(DeltaBinaryPacked, RoundTripInt32) { RoundTripRandom<int32_t>(11); }
TEST(DeltaBinaryPacked, RoundTripInt64) { RoundTripRandom<int64_t>(12); }

TEST(DeltaBinaryPacked, ExtremesWrap) {
  const std::vector<int32_t> v32 = {INT32_MIN, INT32_MAX, 0, INT32_MIN, -1, INT32_MAX, INT32_MAX};
  EXPECT_EQ(DecodeAll<int32_t>(Encode(v32)), v32);
  const std::vector<int64_t> v64 = {INT64_MIN, INT64_MAX, 0, INT64_MIN, -1, INT64_MAX, 1};
  EXPECT_EQ(DecodeAll<int64_t>(Encode(v64)), v64);
}

// Builds an encoding with any block layout (as other writers produce it).
std::vector<uint8_t> BuildCustom(const std::vector<int64_t>& v, int block, int miniblocks, bool pad_last) {
  Buffer out;
  WriteUleb128(block, &out);
  WriteUleb128(miniblocks, &out);
  WriteUleb128(v.size(), &out);
  WriteUleb128(ZigZagEncode(v[0]), &out);
  const int mb = block / miniblocks;
  for (size_t start = 1; start < v.size(); start += block) {
    const size_t end = std::min(v.size(), start + block);
    int64_t min = INT64_MAX;
    for (size_t i = start; i < end; ++i) min = std::min(min, v[i] - v[i - 1]);
    WriteUleb128(ZigZagEncode(min), &out);
    std::vector<uint64_t> rel(block, 0);
    for (size_t i = start; i < end; ++i) rel[i - start] = static_cast<uint64_t>(v[i] - v[i - 1] - min);
    std::vector<uint8_t> widths(miniblocks, 0xEE);  // unused widths are arbitrary
    const size_t used = (end - start + mb - 1) / mb;
    for (size_t m = 0; m < used; ++m) {
      uint64_t bits = 0;
      for (int i = 0; i < mb; ++i) bits |= rel[m * mb + i];
      widths[m] = static_cast<uint8_t>(bit_util::BitWidth(bits));
    }
    out.Append(widths.data(), miniblocks);
    for (size_t m = 0; m < used; ++m) {
      const bool last = m + 1 == used && end == v.size();
      const int64_t count = last && !pad_last ? static_cast<int64_t>(end - start - m * mb) : mb;
      PackBits64(rel.data() + m * mb, count, widths[m], &out);
    }
  }
  return Exact(out);
}

TEST(DeltaBinaryPacked, OtherBlockLayouts) {
  std::mt19937_64 rng(13);
  std::vector<int64_t> v(1000);
  for (auto& x : v) x = static_cast<int64_t>(rng() % 100000) - 50000;
  for (auto [block, mbs] : {std::pair{128, 1}, {256, 8}, {1024, 4}, {128, 4}}) {
    for (bool pad : {true, false}) {
      auto bytes = BuildCustom(v, block, mbs, pad);
      int64_t consumed = 0;
      EXPECT_EQ(DecodeAll<int64_t>(bytes, &consumed), v) << block << "/" << mbs;
      EXPECT_EQ(consumed, static_cast<int64_t>(bytes.size()));
    }
  }
}

TEST(DeltaBinaryPacked, CorruptHeaders) {
  DeltaBinaryPackedDecoder<int32_t> dec;
  auto init = [&](std::vector<uint8_t> b) { return dec.Init(b.data(), static_cast<int64_t>(b.size())).code(); };
  EXPECT_EQ(init({}), StatusCode::kCorrupt);
  EXPECT_EQ(init({0x80, 0x01, 0x04, 0x05}), StatusCode::kCorrupt);        // first value missing
  EXPECT_EQ(init({0x40, 0x04, 0x05, 0x02}), StatusCode::kCorrupt);        // block 64
  EXPECT_EQ(init({0x80, 0x01, 0x00, 0x05, 0x02}), StatusCode::kCorrupt);  // 0 miniblocks
  EXPECT_EQ(init({0x80, 0x01, 0x03, 0x05, 0x02}), StatusCode::kCorrupt);  // 128 % 3
  EXPECT_EQ(init({0x80, 0x01, 0x08, 0x05, 0x02}), StatusCode::kCorrupt);  // miniblock of 16
  // Miniblock width 33 for int32.
  std::vector<uint8_t> b = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 33, 0, 0, 0};
  b.resize(b.size() + 33 * 4, 0);
  ASSERT_TRUE(dec.Init(b.data(), static_cast<int64_t>(b.size())).ok());
  int32_t out[8];
  EXPECT_EQ(dec.Decode(out, 5).status().code(), StatusCode::kCorrupt);
}

TEST(DeltaBinaryPacked, EveryTruncationIsSafe) {
  std::mt19937_64 rng(14);
  std::vector<int64_t> v(300);
  for (auto& x : v) x = static_cast<int64_t>(rng());
  auto full = Encode(v);
  for (size_t len = 0; len < full.size(); ++len) {
    std::vector<uint8_t> cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(len));
    DeltaBinaryPackedDecoder<int64_t> dec;
    if (!dec.Init(cut.data(), static_cast<int64_t>(len)).ok()) continue;
    std::vector<int64_t> out(300);
    auto r = dec.Decode(out.data(), 300);
    // Only cutting the last miniblock's padding can still decode everything.
    if (r.ok()) {
      EXPECT_EQ(out, v) << "len=" << len;
    }
    // Random byte corruption never crashes.
    std::vector<uint8_t> bad = full;
    bad[rng() % bad.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
    DeltaBinaryPackedDecoder<int64_t> dec2;
    if (dec2.Init(bad.data(), static_cast<int64_t>(bad.size())).ok()) (void)dec2.Skip(1000);
  }
}

TEST(DeltaBinaryPacked, HugeClaimedCountStopsAtInput) {
  // Header claims 2^40 values; block headers run out after one block.
  Buffer b;
  WriteUleb128(128, &b);
  WriteUleb128(4, &b);
  WriteUleb128(uint64_t{1} << 40, &b);
  WriteUleb128(0, &b);
  WriteUleb128(ZigZagEncode(1), &b);
  const uint8_t widths[4] = {0, 0, 0, 0};
  b.Append(widths, 4);
  auto bytes = Exact(b);
  DeltaBinaryPackedDecoder<int32_t> dec;
  ASSERT_TRUE(dec.Init(bytes.data(), static_cast<int64_t>(bytes.size())).ok());
  std::vector<int32_t> out(1000);
  auto r = dec.Decode(out.data(), 1000);
  EXPECT_EQ(r.status().code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace sluice::parquet::encoding
