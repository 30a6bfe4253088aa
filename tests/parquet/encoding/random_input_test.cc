// Every decoder fed random and mutated bytes: errors are fine, crashes, hangs
// and out-of-bounds reads (under ASan) are not.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "sluice/parquet/encoding/byte_stream_split.h"
#include "sluice/parquet/encoding/delta_binary_packed.h"
#include "sluice/parquet/encoding/delta_byte_array.h"
#include "sluice/parquet/encoding/delta_length_byte_array.h"
#include "sluice/parquet/encoding/dictionary.h"
#include "sluice/parquet/encoding/levels.h"
#include "sluice/parquet/encoding/plain.h"
#include "sluice/parquet/encoding/rle_hybrid.h"

namespace sluice::parquet::encoding {
namespace {

void FeedAll(const std::vector<uint8_t>& in, std::mt19937_64& rng) {
  const uint8_t* d = in.data();
  const auto size = static_cast<int64_t>(in.size());
  std::vector<uint32_t> u32(4096);
  std::vector<int16_t> i16(4096);
  {
    RleBitPackedDecoder dec(d, size, static_cast<int>(rng() % 33));
    (void)dec.Skip(static_cast<int64_t>(rng() % 100));
    (void)dec.Decode(u32.data(), 4096);
  }
  {
    LevelDecoder dec;
    const int max_level = static_cast<int>(rng() % 9);
    if (dec.InitV1(rng() & 1 ? LevelEncoding::kRle : LevelEncoding::kBitPacked, max_level, d, size, 4096).ok()) {
      (void)dec.Decode(i16.data(), 4096);
    }
    if (dec.InitV2(max_level, d, size, 4096).ok()) (void)dec.Decode(i16.data(), 4096);
  }
  {
    DictIndexDecoder dec;
    if (dec.Init(d, size, static_cast<int64_t>(rng() % 50)).ok()) (void)dec.Decode(u32.data(), 4096);
  }
  {
    DeltaBinaryPackedDecoder<int32_t> d32;
    std::vector<int32_t> o32(4096);
    if (d32.Init(d, size).ok()) (void)d32.Decode(o32.data(), 4096);
    DeltaBinaryPackedDecoder<int64_t> d64;
    if (d64.Init(d, size).ok()) (void)d64.Skip(4096);
  }
  Buffer offsets, data;
  offsets.AppendValue<int32_t>(0);
  {
    DeltaLengthByteArrayDecoder dec;
    if (dec.Init(d, size, 1 << 20).ok()) (void)dec.Decode(&offsets, &data, 4096);
  }
  {
    DeltaByteArrayDecoder dec;
    if (dec.Init(d, size, 1 << 20).ok()) (void)dec.Decode(&offsets, &data, 4096);
  }
  {
    PlainByteArrayDecoder dec;
    dec.Init(d, size);
    (void)dec.Decode(&offsets, &data, 4096);
  }
  {
    ByteStreamSplitDecoder dec;
    std::vector<uint8_t> out(static_cast<size_t>(size) + 16);
    if (dec.Init(d, size, 1 + static_cast<int>(rng() % 16)).ok()) (void)dec.Decode(out.data(), size);
  }
}

TEST(RandomInput, RandomBytes) {
  std::mt19937_64 rng(99);
  for (int iter = 0; iter < 3000; ++iter) {
    std::vector<uint8_t> in(rng() % 80);
    for (auto& b : in) b = static_cast<uint8_t>(rng());
    FeedAll(in, rng);
  }
}

TEST(RandomInput, MutatedValidEncodings) {
  std::mt19937_64 rng(100);
  std::vector<std::vector<uint8_t>> seeds;
  {
    std::vector<int64_t> v(500);
    for (auto& x : v) x = static_cast<int64_t>(rng() % 1000);
    DeltaBinaryPackedEncoder<int64_t> enc;
    enc.Put(v.data(), 500);
    Buffer b;
    enc.Flush(&b);
    seeds.emplace_back(b.data(), b.data() + b.size());
  }
  {
    std::vector<std::string> s;
    for (int i = 0; i < 300; ++i) s.push_back("row-" + std::to_string(i * 7));
    std::vector<std::string_view> views(s.begin(), s.end());
    DeltaByteArrayEncoder enc;
    enc.Put(views);
    Buffer b;
    enc.Flush(&b);
    seeds.emplace_back(b.data(), b.data() + b.size());
  }
  {
    RleBitPackedEncoder enc(5);
    for (int i = 0; i < 1000; ++i) enc.Put(static_cast<uint32_t>(i % 100 < 50 ? 3 : rng() % 32));
    Buffer b;
    b.AppendValue<uint8_t>(5);
    enc.Flush(&b);
    seeds.emplace_back(b.data(), b.data() + b.size());
  }
  for (int iter = 0; iter < 3000; ++iter) {
    std::vector<uint8_t> in = seeds[iter % seeds.size()];
    for (int k = static_cast<int>(rng() % 4); k >= 0; --k) in[rng() % in.size()] = static_cast<uint8_t>(rng());
    if (rng() % 3 == 0) in.resize(rng() % (in.size() + 1));
    FeedAll(in, rng);
  }
}

}  // namespace
}  // namespace sluice::parquet::encoding
