#include "sluice/parquet/compression/codec.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "parquet/compression/test_data.h"

namespace sluice::parquet::compression {
namespace {

using testing::CompressibleBytes;
using testing::RandomBytes;

// A codec and level to exercise; level nullopt = the codec's default.
struct CodecCase {
  CodecId id;
  std::optional<int> level;
};

std::string CaseName(const ::testing::TestParamInfo<CodecCase>& info) {
  std::string name(CodecName(info.param.id));
  if (info.param.level) name += "_level" + std::to_string(*info.param.level);
  for (char& c : name) {
    if (c == '-') c = 'm';
  }
  return name;
}

std::unique_ptr<Codec> Make(const CodecCase& c) {
  auto r = MakeCodec(c.id, c.level);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(r).value();
}

// Returns the compressed form of `data`.
std::vector<uint8_t> CompressToVector(Codec& codec, std::span<const uint8_t> data) {
  Buffer buf;
  Status st = codec.Compress(data, &buf);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return {buf.data(), buf.data() + buf.size()};
}

class CodecRoundTripTest : public ::testing::TestWithParam<CodecCase> {};

TEST_P(CodecRoundTripTest, RandomAndCompressibleOfSeveralSizes) {
  auto codec = Make(GetParam());
  EXPECT_EQ(codec->id(), GetParam().id);
  // One codec object for every page, as a column reader/writer uses it.
  for (size_t size : {size_t{0}, size_t{1}, size_t{100}, size_t{1} << 20}) {
    for (bool compressible : {false, true}) {
      SCOPED_TRACE(::testing::Message() << "size " << size << (compressible ? " compressible" : " random"));
      auto data = compressible ? CompressibleBytes(size, 11) : RandomBytes(size, 12);
      auto compressed = CompressToVector(*codec, data);
      if (compressible && size == (size_t{1} << 20) && GetParam().id != CodecId::kUncompressed) {
        EXPECT_LT(compressed.size(), size * 3 / 4);
      }
      std::vector<uint8_t> out(size, 0xAB);
      Status st = codec->Decompress(compressed, out);
      ASSERT_TRUE(st.ok()) << st.ToString();
      ASSERT_EQ(out, data);
    }
  }
}

TEST_P(CodecRoundTripTest, CompressAppendsAfterExistingBytes) {
  auto codec = Make(GetParam());
  Buffer buf;
  buf.Append("HDR", 3);
  auto data = CompressibleBytes(5000, 5);
  ASSERT_TRUE(codec->Compress(data, &buf).ok());
  size_t first_end = static_cast<size_t>(buf.size());
  ASSERT_TRUE(codec->Compress(data, &buf).ok());
  EXPECT_EQ(std::string_view(buf.view().substr(0, 3)), "HDR");
  std::span<const uint8_t> all = buf.span();
  EXPECT_EQ(all.size() - first_end, first_end - 3) << "same input compresses to the same bytes";
  for (auto piece : {all.subspan(3, first_end - 3), all.subspan(first_end)}) {
    std::vector<uint8_t> out(data.size());
    ASSERT_TRUE(codec->Decompress(piece, out).ok());
    EXPECT_EQ(out, data);
  }
}

TEST_P(CodecRoundTripTest, EmptyInputAndOutputSucceed) {
  auto codec = Make(GetParam());
  std::span<uint8_t> none;
  EXPECT_TRUE(codec->Decompress({}, none).ok());
}

TEST_P(CodecRoundTripTest, WrongExpectedSizeIsCorrupt) {
  auto codec = Make(GetParam());
  auto data = CompressibleBytes(1000, 9);
  auto compressed = CompressToVector(*codec, data);
  for (size_t size : {size_t{0}, size_t{999}, size_t{1001}, size_t{4000}}) {
    std::vector<uint8_t> out(size);
    Status st = codec->Decompress(compressed, out);
    EXPECT_EQ(st.code(), StatusCode::kCorrupt) << "size " << size << ": " << st.ToString();
  }
  // The codec stays usable after a failure.
  std::vector<uint8_t> out(data.size());
  ASSERT_TRUE(codec->Decompress(compressed, out).ok());
  EXPECT_EQ(out, data);
}

TEST_P(CodecRoundTripTest, EveryTruncationIsCorrupt) {
  auto codec = Make(GetParam());
  auto data = CompressibleBytes(700, 13);
  auto compressed = CompressToVector(*codec, data);
  std::vector<uint8_t> out(data.size());
  for (size_t len = 0; len < compressed.size(); ++len) {
    // A copy of exactly `len` bytes so ASan sees any read past the end.
    std::vector<uint8_t> prefix(compressed.begin(), compressed.begin() + static_cast<ptrdiff_t>(len));
    Status st = codec->Decompress(prefix, out);
    ASSERT_EQ(st.code(), StatusCode::kCorrupt) << "length " << len << ": " << st.ToString();
  }
}

TEST_P(CodecRoundTripTest, TrailingGarbageIsCorrupt) {
  auto codec = Make(GetParam());
  auto data = CompressibleBytes(700, 17);
  auto compressed = CompressToVector(*codec, data);
  compressed.insert(compressed.end(), {0x5A, 0xA5, 0x13, 0x37, 0x00, 0xFF, 0x42, 0x99, 0x01});
  std::vector<uint8_t> out(data.size());
  Status st = codec->Decompress(compressed, out);
  EXPECT_EQ(st.code(), StatusCode::kCorrupt) << st.ToString();
}

TEST_P(CodecRoundTripTest, GarbageIsCorrupt) {
  auto codec = Make(GetParam());
  std::vector<uint8_t> out(1000);
  for (size_t len : {size_t{1}, size_t{7}, size_t{100}, size_t{5000}}) {
    std::vector<uint8_t> ff(len, 0xFF);
    EXPECT_EQ(codec->Decompress(ff, out).code(), StatusCode::kCorrupt) << "0xFF x " << len;
  }
  std::span<uint8_t> none;
  EXPECT_EQ(codec->Decompress(std::vector<uint8_t>(4, 0xFF), none).code(), StatusCode::kCorrupt);
}

// Random damage must give Corrupt or (when the damage hits only literal bytes
// of a checksum-free format) some output of the right size; never a crash or
// an out-of-bounds access under ASan.
TEST_P(CodecRoundTripTest, RandomDamageNeverCrashes) {
  auto codec = Make(GetParam());
  std::mt19937 rng(21);
  auto data = CompressibleBytes(3000, 19);
  auto compressed = CompressToVector(*codec, data);
  std::vector<uint8_t> out(data.size());
  int corrupt = 0;
  for (int round = 0; round < 300; ++round) {
    auto damaged = compressed;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < flips; ++i) damaged[rng() % damaged.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
    Status st = codec->Decompress(damaged, out);
    if (!st.ok()) {
      EXPECT_EQ(st.code(), StatusCode::kCorrupt) << st.ToString();
      ++corrupt;
    }
  }
  if (GetParam().id != CodecId::kUncompressed) {
    EXPECT_GT(corrupt, 0);
  }
  for (int round = 0; round < 200; ++round) {
    auto noise = RandomBytes(1 + rng() % 300, static_cast<uint32_t>(round));
    std::vector<uint8_t> any(rng() % 2000);
    Status st = codec->Decompress(noise, any);
    if (!st.ok()) {
      EXPECT_EQ(st.code(), StatusCode::kCorrupt) << st.ToString();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, CodecRoundTripTest,
                         ::testing::Values(CodecCase{CodecId::kUncompressed, {}}, CodecCase{CodecId::kSnappy, {}},
                                           CodecCase{CodecId::kGzip, {}}, CodecCase{CodecId::kGzip, 1},
                                           CodecCase{CodecId::kGzip, 9}, CodecCase{CodecId::kBrotli, {}},
                                           CodecCase{CodecId::kBrotli, 1}, CodecCase{CodecId::kLz4, {}},
                                           CodecCase{CodecId::kZstd, {}}, CodecCase{CodecId::kZstd, -5},
                                           CodecCase{CodecId::kZstd, 9}, CodecCase{CodecId::kLz4Raw, {}}),
                         CaseName);

TEST(CodecNameTest, NamesMatchThrift) {
  EXPECT_EQ(CodecName(CodecId::kUncompressed), "UNCOMPRESSED");
  EXPECT_EQ(CodecName(CodecId::kSnappy), "SNAPPY");
  EXPECT_EQ(CodecName(CodecId::kGzip), "GZIP");
  EXPECT_EQ(CodecName(CodecId::kLzo), "LZO");
  EXPECT_EQ(CodecName(CodecId::kBrotli), "BROTLI");
  EXPECT_EQ(CodecName(CodecId::kLz4), "LZ4");
  EXPECT_EQ(CodecName(CodecId::kZstd), "ZSTD");
  EXPECT_EQ(CodecName(CodecId::kLz4Raw), "LZ4_RAW");
  EXPECT_EQ(CodecName(static_cast<CodecId>(8)), "UNKNOWN");
  EXPECT_EQ(CodecName(static_cast<CodecId>(-1)), "UNKNOWN");
  EXPECT_EQ(static_cast<int>(CodecId::kLz4Raw), 7);
}

TEST(CodecNameTest, ParsesCaseInsensitively) {
  EXPECT_EQ(*ParseCodecName("none"), CodecId::kUncompressed);
  EXPECT_EQ(*ParseCodecName("Uncompressed"), CodecId::kUncompressed);
  EXPECT_EQ(*ParseCodecName("SNAPPY"), CodecId::kSnappy);
  EXPECT_EQ(*ParseCodecName("gzip"), CodecId::kGzip);
  EXPECT_EQ(*ParseCodecName("Brotli"), CodecId::kBrotli);
  EXPECT_EQ(*ParseCodecName("lz4"), CodecId::kLz4);
  EXPECT_EQ(*ParseCodecName("LZ4_raw"), CodecId::kLz4Raw);
  EXPECT_EQ(*ParseCodecName("zstd"), CodecId::kZstd);
  EXPECT_EQ(*ParseCodecName("lzo"), CodecId::kLzo);
  for (std::string_view bad : {"", "zip", "lz4raw", "snappy ", "gzip9"}) {
    EXPECT_EQ(ParseCodecName(bad).status().code(), StatusCode::kInvalid) << bad;
  }
  for (int v = 0; v <= 7; ++v) {
    auto id = static_cast<CodecId>(v);
    EXPECT_EQ(*ParseCodecName(CodecName(id)), id);
  }
}

TEST(MakeCodecTest, RejectsUnsupportedAndBadLevels) {
  EXPECT_EQ(MakeCodec(CodecId::kLzo).status().code(), StatusCode::kNotSupported);
  EXPECT_EQ(MakeCodec(static_cast<CodecId>(42)).status().code(), StatusCode::kNotSupported);
  EXPECT_EQ(MakeCodec(CodecId::kGzip, 10).status().code(), StatusCode::kInvalid);
  EXPECT_EQ(MakeCodec(CodecId::kGzip, -2).status().code(), StatusCode::kInvalid);
  EXPECT_EQ(MakeCodec(CodecId::kBrotli, 12).status().code(), StatusCode::kInvalid);
  EXPECT_EQ(MakeCodec(CodecId::kZstd, 23).status().code(), StatusCode::kInvalid);
  EXPECT_TRUE(MakeCodec(CodecId::kZstd, 22).ok());
  EXPECT_TRUE(MakeCodec(CodecId::kGzip, 0).ok());
  EXPECT_TRUE(MakeCodec(CodecId::kSnappy, 99).ok()) << "level is ignored by codecs without levels";
}

TEST(MakeCodecTest, LevelChangesOutput) {
  auto data = CompressibleBytes(200000, 4);
  auto fast = Make({CodecId::kZstd, 1});
  auto strong = Make({CodecId::kZstd, 15});
  EXPECT_LT(CompressToVector(*strong, data).size(), CompressToVector(*fast, data).size());
  auto gz1 = Make({CodecId::kGzip, 1});
  auto gz9 = Make({CodecId::kGzip, 9});
  EXPECT_LT(CompressToVector(*gz9, data).size(), CompressToVector(*gz1, data).size());
}

}  // namespace
}  // namespace sluice::parquet::compression
