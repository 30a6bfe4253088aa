// Values read from parquet-testing files, checked against known content.
#include <gtest/gtest.h>

#include "parquet/column/column_test_util.h"

namespace sluice::parquet {
namespace {

using namespace sluice::parquet::testing;  // NOLINT(build/namespaces)

LeafData MustRead(const std::string& rel, int leaf, int64_t batch = 1 << 30) {
  auto t = OpenTestFile(rel);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  if (!t.ok()) return {};
  auto d = ReadLeaf(*t, leaf, batch);
  EXPECT_TRUE(d.ok()) << rel << " leaf " << leaf << ": " << d.status().ToString();
  if (!d.ok()) return {};
  return std::move(d).value();
}

// Microseconds of 2009-MM-01 00:0m (the alltypes timestamp_col).
constexpr int64_t kUs = 1000000;
constexpr int64_t kJan = 1230768000 * kUs, kFeb = 1233446400 * kUs, kMar = 1235865600 * kUs, kApr = 1238544000 * kUs,
                  kMin = 60 * kUs;

TEST(ColumnChunkReaderValues, AlltypesPlain) {
  const std::string f = "data/alltypes_plain.parquet";
  EXPECT_EQ(Values<int32_t>(MustRead(f, 0)), (std::vector<int32_t>{4, 5, 6, 7, 2, 3, 0, 1}));
  LeafData b = MustRead(f, 1);
  ASSERT_EQ(b.num_values, 8);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(bit_util::GetBit(b.values->data(), i), i % 2 == 0) << i;
  EXPECT_EQ(Values<int32_t>(MustRead(f, 2)), (std::vector<int32_t>{0, 1, 0, 1, 0, 1, 0, 1}));
  EXPECT_EQ(Values<int64_t>(MustRead(f, 5)), (std::vector<int64_t>{0, 10, 0, 10, 0, 10, 0, 10}));
  EXPECT_EQ(Values<float>(MustRead(f, 6))[1], 1.1f);
  EXPECT_EQ(Values<double>(MustRead(f, 7))[1], 10.1);
  EXPECT_EQ(Strings(MustRead(f, 8)), (std::vector<std::string>{"03/01/09", "03/01/09", "04/01/09", "04/01/09",
                                                               "02/01/09", "02/01/09", "01/01/09", "01/01/09"}));
  EXPECT_EQ(Strings(MustRead(f, 9)), (std::vector<std::string>{"0", "1", "0", "1", "0", "1", "0", "1"}));
  LeafData ts = MustRead(f, 10);
  EXPECT_EQ(Values<int64_t>(ts),
            (std::vector<int64_t>{kMar, kMar + kMin, kApr, kApr + kMin, kFeb, kFeb + kMin, kJan, kJan + kMin}));
  // Optional columns carry one def level per row.
  EXPECT_EQ(ts.num_levels, 8);
  EXPECT_EQ(Levels(ts.def_levels), std::vector<int16_t>(8, 1));
}

TEST(ColumnChunkReaderValues, AlltypesDictionaryAndSnappy) {
  EXPECT_EQ(Values<int32_t>(MustRead("data/alltypes_dictionary.parquet", 0)), (std::vector<int32_t>{0, 1}));
  EXPECT_EQ(Strings(MustRead("data/alltypes_dictionary.parquet", 8)),
            (std::vector<std::string>{"01/01/09", "01/01/09"}));
  EXPECT_EQ(Values<int64_t>(MustRead("data/alltypes_dictionary.parquet", 10)),
            (std::vector<int64_t>{kJan, kJan + kMin}));
  EXPECT_EQ(Values<int32_t>(MustRead("data/alltypes_plain.snappy.parquet", 0)), (std::vector<int32_t>{6, 7}));
  EXPECT_EQ(Values<int64_t>(MustRead("data/alltypes_plain.snappy.parquet", 10)),
            (std::vector<int64_t>{kApr, kApr + kMin}));
}

TEST(ColumnChunkReaderValues, Int96FromSpark) {
  LeafData d = MustRead("data/int96_from_spark.parquet", 0);
  EXPECT_EQ(Levels(d.def_levels), (std::vector<int16_t>{1, 1, 1, 1, 0, 1}));
  EXPECT_EQ(Values<int64_t>(d), (std::vector<int64_t>{1704141296123456, 1704070800000000, 253402225200000000,
                                                      1735599600000000, 9089380393200000000}));
}

TEST(ColumnChunkReaderValues, Lz4Variants) {
  for (const char* f : {"data/hadoop_lz4_compressed.parquet", "data/non_hadoop_lz4_compressed.parquet",
                        "data/lz4_raw_compressed.parquet"}) {
    EXPECT_EQ(Values<int64_t>(MustRead(f, 0)), (std::vector<int64_t>{1593604800, 1593604800, 1593604801, 1593604801}))
        << f;
    EXPECT_EQ(Strings(MustRead(f, 1)), (std::vector<std::string>{"abc", "def", "abc", "def"})) << f;
    EXPECT_EQ(Values<double>(MustRead(f, 2)), (std::vector<double>{42.0, 7.7, 42.125, 7.7})) << f;
  }
  EXPECT_EQ(MustRead("data/hadoop_lz4_compressed_larger.parquet", 0).num_values, 10000);
  EXPECT_EQ(MustRead("data/lz4_raw_compressed_larger.parquet", 0).num_values, 10000);
}

TEST(ColumnChunkReaderValues, ConcatenatedGzipMembers) {
  std::vector<uint64_t> want(513);
  for (int i = 0; i < 513; ++i) want[i] = i + 1;
  EXPECT_EQ(Values<uint64_t>(MustRead("data/concatenated_gzip_members.parquet", 0)), want);
}

TEST(ColumnChunkReaderValues, DataPageV2Snappy) {
  const std::string f = "data/datapage_v2.snappy.parquet";
  LeafData a = MustRead(f, 0);
  EXPECT_EQ(Levels(a.def_levels), (std::vector<int16_t>{1, 1, 1, 0, 1}));
  EXPECT_EQ(Strings(a), (std::vector<std::string>{"abc", "abc", "abc", "abc"}));
  EXPECT_EQ(Values<int32_t>(MustRead(f, 1)), (std::vector<int32_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(Values<double>(MustRead(f, 2)), (std::vector<double>{2, 3, 4, 5, 2}));
  LeafData d = MustRead(f, 3);
  std::string bits;
  for (int i = 0; i < 5; ++i) bits += bit_util::GetBit(d.values->data(), i) ? 'T' : 'F';
  EXPECT_EQ(bits, "TTTFT");
  // e: optional list<int32 not null> = [[1,2,3], null, null, [1,2,3], [1,2]].
  for (int64_t batch : {int64_t{1}, int64_t{2}, int64_t{1} << 30}) {
    LeafData e = MustRead(f, 4, batch);
    EXPECT_EQ(Levels(e.def_levels), (std::vector<int16_t>{2, 2, 2, 0, 0, 2, 2, 2, 2, 2}));
    EXPECT_EQ(Levels(e.rep_levels), (std::vector<int16_t>{0, 1, 1, 0, 0, 0, 1, 1, 0, 1}));
    EXPECT_EQ(Values<int32_t>(e), (std::vector<int32_t>{1, 2, 3, 1, 2, 3, 1, 2}));
  }
}

TEST(ColumnChunkReaderValues, RleBoolean) {
  LeafData d = MustRead("data/rle_boolean_encoding.parquet", 0);
  std::string got;
  int64_t v = 0;
  for (int16_t def : Levels(d.def_levels))
    got += def == 0 ? 'N' : (bit_util::GetBit(d.values->data(), v++) ? 'T' : 'F');
  EXPECT_EQ(got, "TFNTTFFTTTFFTTFNTTFFTTFNTTFFTTTFFFFTTFNTTFFTTTFFNTTFFTTTFTTFNTTFFTTT");
  EXPECT_EQ(v, d.num_values);
}

TEST(ColumnChunkReaderValues, EmptyV2Pages) {
  LeafData a = MustRead("data/datapage_v2_empty_datapage.snappy.parquet", 0);
  EXPECT_EQ(a.num_levels, 1);
  EXPECT_EQ(a.num_values, 0);
  EXPECT_EQ(Levels(a.def_levels), std::vector<int16_t>{0});
  LeafData b = MustRead("data/page_v2_empty_compressed.parquet", 0);
  EXPECT_EQ(b.num_levels, 10);
  EXPECT_EQ(b.num_values, 0);
  EXPECT_EQ(Levels(b.def_levels), std::vector<int16_t>(10, 0));
}

TEST(ColumnChunkReaderValues, OverflowI16PageCount) {
  LeafData d = MustRead("data/overflow_i16_page_cnt.parquet", 0);
  ASSERT_EQ(d.num_values, 40000);
  EXPECT_EQ(bit_util::CountSetBits(d.values->data(), 0, 40000), 0);
}

TEST(ColumnChunkReaderValues, Decimals) {
  for (const char* f : {"data/int32_decimal.parquet", "data/int64_decimal.parquet", "data/byte_array_decimal.parquet",
                        "data/fixed_length_decimal.parquet", "data/fixed_length_decimal_legacy.parquet"}) {
    LeafData d = MustRead(f, 0);
    ASSERT_EQ(d.num_values, 24) << f;
    for (int i = 0; i < 24; ++i) {
      EXPECT_EQ(Decimal64(d, i), (i + 1) * 100) << f << " " << i;
      EXPECT_EQ(bit_util::LoadLE<int64_t>(d.values->data() + 16 * i + 8), 0) << f << " " << i;
    }
  }
}

TEST(ColumnChunkReaderValues, Float16) {
  LeafData d = MustRead("data/float16_nonzeros_and_nans.parquet", 0);
  EXPECT_EQ(Levels(d.def_levels), (std::vector<int16_t>{0, 1, 1, 1, 1, 1, 1, 1}));
  std::vector<uint16_t> v = Values<uint16_t>(d);
  ASSERT_EQ(v.size(), 7u);
  EXPECT_EQ(v[0], 0x3c00);
  EXPECT_EQ(v[1], 0xc000);
  EXPECT_EQ(v[2] & 0x7c00, 0x7c00);  // NaN
  EXPECT_NE(v[2] & 0x03ff, 0);
  EXPECT_EQ((std::vector<uint16_t>(v.begin() + 3, v.end())), (std::vector<uint16_t>{0x0, 0xbc00, 0x8000, 0x4000}));
  EXPECT_EQ(MustRead("data/float16_zeros_and_nans.parquet", 0).num_levels, 3);
}

TEST(ColumnChunkReaderValues, ByteStreamSplitZstd) {
  std::vector<float> f32 = Values<float>(MustRead("data/byte_stream_split.zstd.parquet", 0));
  std::vector<double> f64 = Values<double>(MustRead("data/byte_stream_split.zstd.parquet", 1));
  ASSERT_EQ(f32.size(), 300u);
  ASSERT_EQ(f64.size(), 300u);
  EXPECT_EQ(f32[0], 1.764052391052246f);
  EXPECT_EQ(f32[2], 0.978738009929657f);
  EXPECT_EQ(f64[1], 1.658130679618188);
  double s32 = 0, s64 = 0;
  for (float x : f32) s32 += x;
  for (double x : f64) s64 += x;
  EXPECT_NEAR(s32, 8.258872919715941, 1e-9);
  EXPECT_NEAR(s64, -41.22919022747558, 1e-9);
}

TEST(ColumnChunkReaderValues, ByteStreamSplitExtendedMatchesPlainTwins) {
  const std::string f = "data/byte_stream_split_extended.gzip.parquet";
  auto t = OpenTestFile(f);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->leaves.size(), 14u);
  for (int i = 0; i < 14; i += 2) {
    LeafData plain = MustRead(f, i), bss = MustRead(f, i + 1);
    EXPECT_GT(plain.num_values, 0);
    EXPECT_EQ(plain.num_values, bss.num_values) << t->leaves[i].path[0];
    EXPECT_EQ(Levels(plain.def_levels), Levels(bss.def_levels)) << t->leaves[i].path[0];
    EXPECT_EQ(plain.values->view(), bss.values->view()) << t->leaves[i].path[0];
  }
}

}  // namespace
}  // namespace sluice::parquet
