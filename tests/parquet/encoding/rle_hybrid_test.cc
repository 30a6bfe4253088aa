#include "sluice/parquet/encoding/rle_hybrid.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "parquet/encoding/encoding_test_util.h"

namespace sluice::parquet::encoding {
namespace {

using testing::Exact;

std::vector<uint32_t> DecodeAll(const std::vector<uint8_t>& bytes, int bw, int64_t n) {
  RleBitPackedDecoder dec(bytes.data(), static_cast<int64_t>(bytes.size()), bw);
  std::vector<uint32_t> out(static_cast<size_t>(n));
  auto got = dec.Decode(out.data(), n);
  EXPECT_TRUE(got.ok()) << got.status().ToString();
  if (!got.ok()) return {};
  out.resize(static_cast<size_t>(*got));
  return out;
}

TEST(RleHybrid, SpecRleRun) {
  // Header 8 << 1 (RLE, 8 values), value 5 in one byte.
  const std::vector<uint8_t> bytes = {0x10, 0x05};
  EXPECT_EQ(DecodeAll(bytes, 3, 10), std::vector<uint32_t>(8, 5));
}

TEST(RleHybrid, SpecBitPackedRun) {
  // Header (1 << 1) | 1 (one group of 8), then 0..7 at bit width 3 (Encodings.md).
  const std::vector<uint8_t> bytes = {0x03, 0x88, 0xC6, 0xFA};
  EXPECT_EQ(DecodeAll(bytes, 3, 8), (std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(RleHybrid, MixedRunsAndMultiByteValue) {
  // RLE run of 3 x 0x1234 (bit width 13 -> 2 value bytes), then bit-packed run.
  const std::vector<uint8_t> bytes = {0x06, 0x34, 0x12, 0x03, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  auto v = DecodeAll(bytes, 13, 100);
  ASSERT_EQ(v.size(), 11u);
  EXPECT_EQ(v[0], 0x1234u);
  EXPECT_EQ(v[2], 0x1234u);
  EXPECT_EQ(v[3], 1u);
  EXPECT_EQ(v[4], 0u);
}

TEST(RleHybrid, EncoderProducesExpectedBytes) {
  RleBitPackedEncoder enc(3);
  enc.PutRepeated(5, 8);
  Buffer out;
  enc.Flush(&out);
  EXPECT_EQ(Exact(out), (std::vector<uint8_t>{0x10, 0x05}));
  for (uint32_t i = 0; i < 8; ++i) enc.Put(i);
  out.Clear();
  enc.Flush(&out);
  EXPECT_EQ(Exact(out), (std::vector<uint8_t>{0x03, 0x88, 0xC6, 0xFA}));
}

TEST(RleHybrid, BitWidthZero) {
  RleBitPackedDecoder dec(nullptr, 0, 0);
  std::vector<uint32_t> out(50, 7);
  ASSERT_EQ(*dec.Decode(out.data(), 50), 50);
  EXPECT_EQ(out, std::vector<uint32_t>(50, 0));
  RleBitPackedEncoder enc(0);
  enc.PutRepeated(0, 1000);
  enc.Put(0);
  Buffer b;
  enc.Flush(&b);
  EXPECT_LE(b.size(), 3);
}

// Random data with runs of varying length, every bit width, many sizes.
TEST(RleHybrid, RoundTripEveryWidth) {
  std::mt19937_64 rng(7);
  for (int bw = 0; bw <= 32; ++bw) {
    const uint64_t mask = bw == 32 ? 0xffffffffu : (uint64_t{1} << bw) - 1;
    for (int64_t n : {1, 7, 8, 9, 15, 16, 17, 100, 513, 1024, 5000}) {
      std::vector<uint32_t> v;
      while (static_cast<int64_t>(v.size()) < n) {
        const uint32_t x = static_cast<uint32_t>(rng() & mask);
        const int64_t run = (rng() % 3 == 0) ? static_cast<int64_t>(rng() % 40) : 1;
        for (int64_t k = 0; k < run && static_cast<int64_t>(v.size()) < n; ++k) v.push_back(x);
      }
      RleBitPackedEncoder enc(bw);
      // Mix Put, PutRepeated and PutBatch.
      int64_t i = 0;
      while (i < n) {
        if (rng() % 4 == 0) {
          int64_t j = i;
          while (j < n && v[j] == v[i]) ++j;
          enc.PutRepeated(v[i], j - i);
          i = j;
        } else {
          const int64_t k = std::min<int64_t>(n - i, static_cast<int64_t>(rng() % 20) + 1);
          enc.PutBatch(v.data() + i, k);
          i += k;
        }
      }
      const int64_t estimate = enc.EstimatedSize();
      Buffer out;
      enc.Flush(&out);
      EXPECT_LE(out.size(), estimate) << "bw=" << bw << " n=" << n;
      auto bytes = Exact(out);
      // Decode in random batches interleaved with skips.
      RleBitPackedDecoder dec(bytes.data(), static_cast<int64_t>(bytes.size()), bw);
      int64_t pos = 0;
      std::vector<uint32_t> got(static_cast<size_t>(n));
      while (pos < n) {
        const int64_t k = std::min<int64_t>(n - pos, static_cast<int64_t>(rng() % 300) + 1);
        if (rng() % 5 == 0) {
          ASSERT_EQ(*dec.Skip(k), k);
        } else {
          auto r = dec.Decode(got.data() + pos, k);
          ASSERT_TRUE(r.ok()) << r.status().ToString();
          ASSERT_EQ(*r, k);
          for (int64_t q = 0; q < k; ++q) ASSERT_EQ(got[pos + q], v[pos + q]) << "bw=" << bw << " at " << pos + q;
        }
        pos += k;
      }
      if (bw > 0) {
        // At most the zero padding of the last group remains.
        uint32_t extra[8];
        auto r = dec.Decode(extra, 8);
        ASSERT_TRUE(r.ok());
        EXPECT_LT(*r, 8);
      }
    }
  }
}

TEST(RleHybrid, Int16Levels) {
  std::vector<int16_t> v;
  for (int i = 0; i < 300; ++i) v.push_back(static_cast<int16_t>(i % 3 == 0 ? 2 : (i / 50) % 4));
  RleBitPackedEncoder enc(2);
  enc.PutBatch(v.data(), static_cast<int64_t>(v.size()));
  Buffer out;
  enc.Flush(&out);
  RleBitPackedDecoder dec(out.data(), out.size(), 2);
  std::vector<int16_t> got(300);
  ASSERT_EQ(*dec.Decode(got.data(), 300), 300);
  EXPECT_EQ(got, v);
}

// PutBatch's shortcuts (long runs, literal blocks) give the bytes that
// adding the values one by one gives, for 32-bit values and 16-bit levels.
TEST(RleHybrid, BatchesEncodeAsValueByValue) {
  std::mt19937_64 rng(9);
  for (int round = 0; round < 200; ++round) {
    const int bw = 1 + static_cast<int>(rng() % 12);
    std::vector<uint32_t> v;
    const int64_t n = static_cast<int64_t>(rng() % 3000);
    while (static_cast<int64_t>(v.size()) < n) {
      // Stretches of distinct neighbours, short runs and long runs.
      const int kind = static_cast<int>(rng() % 4);
      const int64_t len = kind == 0 ? static_cast<int64_t>(rng() % 200) : static_cast<int64_t>(rng() % 20);
      const uint32_t x = static_cast<uint32_t>(rng() & ((1u << bw) - 1));
      for (int64_t k = 0; k < len && static_cast<int64_t>(v.size()) < n; ++k) {
        v.push_back(kind == 0 ? static_cast<uint32_t>((x + k) & ((1u << bw) - 1)) : x);
      }
    }
    RleBitPackedEncoder one(bw), batch(bw), levels(bw);
    for (uint32_t x : v) one.Put(x);
    std::vector<int16_t> v16(v.begin(), v.end());
    for (int64_t i = 0; i < n;) {  // batches of random sizes
      const int64_t k = std::min<int64_t>(n - i, 1 + static_cast<int64_t>(rng() % 700));
      batch.PutBatch(v.data() + i, k);
      levels.PutBatch(v16.data() + i, k);
      i += k;
    }
    Buffer a, b, c;
    one.Flush(&a);
    batch.Flush(&b);
    levels.Flush(&c);
    ASSERT_EQ(Exact(b), Exact(a)) << "round " << round;
    ASSERT_EQ(Exact(c), Exact(a)) << "round " << round;
    RleBitPackedDecoder dec(b.data(), b.size(), bw);
    std::vector<uint32_t> got(static_cast<size_t>(n));
    ASSERT_EQ(*dec.Decode(got.data(), n), n);
    ASSERT_EQ(got, v);
  }
}

TEST(RleHybrid, HugeRunHeaderOnlyDecodesWhatIsAsked) {
  // RLE run of 2^31 - 1 values: decoding 10 must not loop over the run.
  const std::vector<uint8_t> bytes = {0xfe, 0xff, 0xff, 0xff, 0x0f, 0x01};
  RleBitPackedDecoder dec(bytes.data(), 6, 1);
  std::vector<uint32_t> out(10);
  ASSERT_EQ(*dec.Decode(out.data(), 10), 10);
  EXPECT_EQ(out, std::vector<uint32_t>(10, 1));
  ASSERT_EQ(*dec.Skip(int64_t{1} << 30), int64_t{1} << 30);
}

TEST(RleHybrid, CorruptInputs) {
  uint32_t out[64];
  {  // Overlong header varint.
    const std::vector<uint8_t> b = {0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
    RleBitPackedDecoder dec(b.data(), 6, 4);
    EXPECT_EQ(dec.Decode(out, 8).status().code(), StatusCode::kCorrupt);
  }
  {  // Header varint cut short.
    const std::vector<uint8_t> b = {0x80};
    RleBitPackedDecoder dec(b.data(), 1, 4);
    EXPECT_EQ(dec.Decode(out, 8).status().code(), StatusCode::kCorrupt);
  }
  {  // RLE value missing.
    const std::vector<uint8_t> b = {0x10};
    RleBitPackedDecoder dec(b.data(), 1, 4);
    EXPECT_EQ(dec.Decode(out, 8).status().code(), StatusCode::kCorrupt);
  }
  {  // RLE value wider than the bit width.
    const std::vector<uint8_t> b = {0x10, 0x20};
    RleBitPackedDecoder dec(b.data(), 2, 4);
    EXPECT_EQ(dec.Decode(out, 8).status().code(), StatusCode::kCorrupt);
  }
  {  // Bit-packed run claims 4 groups but holds 1 byte: the values that are
     // present decode, asking for more is Corrupt.
    const std::vector<uint8_t> b = {0x09, 0xff};
    RleBitPackedDecoder dec(b.data(), 2, 4);
    ASSERT_EQ(*dec.Decode(out, 2), 2);
    EXPECT_EQ(out[0], 15u);
    EXPECT_EQ(dec.Decode(out, 8).status().code(), StatusCode::kCorrupt);
  }
  {  // Bounded decode rejects indices >= bound.
    const std::vector<uint8_t> b = {0x10, 0x05};
    RleBitPackedDecoder dec(b.data(), 2, 3);
    EXPECT_EQ(dec.DecodeBounded(out, 8, 5).status().code(), StatusCode::kCorrupt);
  }
}

TEST(RleHybrid, EveryTruncationIsSafe) {
  std::mt19937_64 rng(9);
  for (int bw : {1, 3, 8, 13, 20, 32}) {
    RleBitPackedEncoder enc(bw);
    const uint64_t mask = bw == 32 ? 0xffffffffu : (uint64_t{1} << bw) - 1;
    std::vector<uint32_t> v;
    for (int i = 0; i < 200; ++i) {
      v.push_back(i % 50 < 20 ? 7 & static_cast<uint32_t>(mask) : static_cast<uint32_t>(rng() & mask));
      enc.Put(v.back());
    }
    Buffer full;
    enc.Flush(&full);
    for (int64_t len = 0; len < full.size(); ++len) {
      std::vector<uint8_t> cut(full.data(), full.data() + len);
      RleBitPackedDecoder dec(cut.data(), len, bw);
      std::vector<uint32_t> out(200);
      auto r = dec.Decode(out.data(), 200);
      // An error, or a correct prefix (cutting only group padding keeps all 200).
      if (r.ok()) {
        for (int64_t i = 0; i < *r; ++i) ASSERT_EQ(out[i], v[i]) << "len=" << len;
        if (*r == 200) {
          EXPECT_GE(len, full.size() - bw);
        }
      }
      // Random corruption of the full encoding never crashes.
      std::vector<uint8_t> bad = Exact(full);
      bad[rng() % bad.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
      RleBitPackedDecoder dec2(bad.data(), static_cast<int64_t>(bad.size()), bw);
      (void)dec2.Decode(out.data(), 200);
    }
  }
}

}  // namespace
}  // namespace sluice::parquet::encoding
