#include "sluice/parquet/column/column_chunk_writer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <tuple>

#include "chunk_writer_test_util.h"

namespace sluice::parquet {
namespace {

using format::Encoding;
using format::PageType;
using format::Type;
using testing::DecodeChunk;
using testing::FixedData;
using testing::MakeLeaf;
using testing::StringData;
using testing::WriteSingleColumnFile;

template <typename T>
std::string Bytes(T v) {
  return std::string(reinterpret_cast<const char*>(&v), sizeof(T));
}

// When SLUICE_WRITER_DUMP_DIR is set, keeps the file for manual checks with pyarrow.
void MaybeDump(const std::string& name, const Buffer& file) {
  const char* dir = std::getenv("SLUICE_WRITER_DUMP_DIR");
  if (!dir) return;
  std::ofstream f(std::string(dir) + "/" + name + ".parquet", std::ios::binary);
  f.write(reinterpret_cast<const char*>(file.data()), file.size());
}

struct Written {
  BufferPtr file;
  ColumnChunkResult r;
  testing::DecodedChunk d;
};

Written WriteAndDecode(const LeafColumn& leaf, const WriterOptions& o, const std::vector<LeafData>& batches,
                       int64_t rows, const std::string& dump = "") {
  Written w;
  w.file = WriteSingleColumnFile(leaf, o, batches, rows, &w.r);
  if (!dump.empty()) MaybeDump(dump, *w.file);
  w.d = DecodeChunk(leaf, *w.file, w.r);
  return w;
}

TEST(ColumnChunkWriter, Int32RequiredDictionaryV1) {
  auto leaf = MakeLeaf("i", Type::INT32, columnar::Int32(), false);
  WriterOptions o;
  std::vector<int32_t> v;
  for (int i = 0; i < 5000; ++i) v.push_back((i * 7) % 13 - 6);
  auto w = WriteAndDecode(leaf, o, {FixedData(v)}, 5000, "int32_req_dict_v1");
  const auto& md = *w.r.chunk.meta_data;
  EXPECT_EQ(md.type, Type::INT32);
  EXPECT_EQ(md.num_values, 5000);
  EXPECT_EQ(md.dictionary_page_offset, 4);
  EXPECT_EQ(w.r.chunk.file_offset, 4);
  EXPECT_GT(md.data_page_offset, 4);
  EXPECT_EQ(md.encodings, (std::vector<Encoding>{Encoding::PLAIN, Encoding::RLE, Encoding::RLE_DICTIONARY}));
  ASSERT_EQ(w.d.headers[0].type, PageType::DICTIONARY_PAGE);
  EXPECT_EQ(w.d.headers[0].dictionary_page_header->num_values, 13);
  ASSERT_EQ(w.d.values.size(), v.size());
  for (size_t i = 0; i < v.size(); ++i) ASSERT_EQ(w.d.values[i], Bytes(v[i])) << i;
  ASSERT_TRUE(md.statistics);
  EXPECT_EQ(md.statistics->min_value, Bytes<int32_t>(-6));
  EXPECT_EQ(md.statistics->max_value, Bytes<int32_t>(6));
  EXPECT_EQ(md.statistics->min, Bytes<int32_t>(-6));  // legacy field for signed order
  EXPECT_EQ(md.statistics->null_count, 0);
  EXPECT_EQ(md.total_compressed_size, w.file->size() - 4 - 8 - (w.file->size() - 4 - md.total_compressed_size - 8));
}

TEST(ColumnChunkWriter, NullableInt64PlainV2Zstd) {
  auto leaf = MakeLeaf("x", Type::INT64, columnar::Int64(), true);
  WriterOptions o;
  o.dictionary = false;
  o.data_page_version = 2;
  o.codec = compression::CodecId::kZstd;
  std::vector<int16_t> def;
  std::vector<int64_t> v;
  for (int i = 0; i < 3000; ++i) {
    def.push_back(i % 3 == 0 ? 0 : 1);
    if (i % 3) v.push_back(int64_t{1} << 40 | i);
  }
  auto w = WriteAndDecode(leaf, o, {FixedData(v, def)}, 3000, "int64_opt_plain_v2_zstd");
  const auto& md = *w.r.chunk.meta_data;
  EXPECT_FALSE(md.dictionary_page_offset);
  EXPECT_EQ(md.encodings, (std::vector<Encoding>{Encoding::RLE, Encoding::PLAIN}));
  EXPECT_EQ(w.d.def, def);
  ASSERT_EQ(w.d.values.size(), v.size());
  EXPECT_EQ(w.d.values.back(), Bytes(v.back()));
  ASSERT_EQ(w.d.headers[0].type, PageType::DATA_PAGE_V2);
  int64_t nulls = 0, rows = 0;
  for (const auto& h : w.d.headers) {
    nulls += h.data_page_header_v2->num_nulls;
    rows += h.data_page_header_v2->num_rows;
    EXPECT_TRUE(*h.data_page_header_v2->is_compressed);
  }
  EXPECT_EQ(nulls, 1000);
  EXPECT_EQ(rows, 3000);
  EXPECT_EQ(md.statistics->null_count, 1000);
}

TEST(ColumnChunkWriter, StringDictionaryFallsBackToPlain) {
  auto leaf = MakeLeaf("s", Type::BYTE_ARRAY, columnar::String(), true);
  WriterOptions o;
  o.dictionary_page_bytes = 2000;
  o.data_page_bytes = 4096;
  std::vector<std::string> v;
  std::vector<int16_t> def;
  for (int i = 0; i < 20000; ++i) {
    def.push_back(i % 5 == 4 ? 0 : 1);
    // 20 values at first (the first page pays for its dictionary), then 7000.
    if (def.back()) v.push_back("value-" + std::to_string(i < 4000 ? i % 20 : i % 7000));
  }
  auto w = WriteAndDecode(leaf, o, {StringData(v, def)}, 20000, "string_dict_fallback");
  const auto& md = *w.r.chunk.meta_data;
  EXPECT_EQ(md.encodings, (std::vector<Encoding>{Encoding::PLAIN, Encoding::RLE, Encoding::RLE_DICTIONARY}));
  ASSERT_TRUE(md.encoding_stats);
  const auto& es = *md.encoding_stats;
  ASSERT_EQ(es.size(), 3u);
  EXPECT_EQ(es[0], (format::PageEncodingStats{PageType::DICTIONARY_PAGE, Encoding::PLAIN, 1}));
  EXPECT_EQ(es[1].encoding, Encoding::RLE_DICTIONARY);
  EXPECT_EQ(es[2].encoding, Encoding::PLAIN);
  EXPECT_GT(es[2].count, 1);
  // Dictionary pages first, then plain pages only.
  bool seen_plain = false;
  for (auto e : w.d.page_encodings) {
    if (e == Encoding::PLAIN) seen_plain = true;
    EXPECT_TRUE(!seen_plain || e == Encoding::PLAIN);
  }
  EXPECT_EQ(w.d.values, v);
  EXPECT_EQ(w.d.def, def);
  EXPECT_EQ(md.statistics->min_value, "value-0");
  EXPECT_EQ(md.statistics->max_value, "value-998");  // value-999 is always null here
  EXPECT_FALSE(md.statistics->min);                  // unsigned order: no legacy min/max
  EXPECT_EQ(md.statistics->null_count, 4000);
}

TEST(ColumnChunkWriter, PagesCutByRowsWithOffsetIndex) {
  auto leaf = MakeLeaf("i", Type::INT32, columnar::Int32(), false);
  WriterOptions o;
  o.data_page_rows = 100;
  std::vector<int32_t> v(1000);
  for (int i = 0; i < 1000; ++i) v[i] = i;
  auto w = WriteAndDecode(leaf, o, {FixedData(v)}, 1000);
  ASSERT_TRUE(w.r.offset_index);
  const auto& locs = w.r.offset_index->page_locations;
  ASSERT_EQ(locs.size(), 10u);
  for (size_t i = 0; i < locs.size(); ++i) {
    EXPECT_EQ(locs[i].first_row_index, static_cast<int64_t>(i * 100));
    EXPECT_EQ(locs[i].offset, w.d.page_offsets[i]);  // unique values: PLAIN, no dictionary page
  }
  ASSERT_TRUE(w.r.column_index);
  EXPECT_EQ(w.r.column_index->boundary_order, format::BoundaryOrder::ASCENDING);
  EXPECT_EQ(w.r.column_index->min_values[3], Bytes<int32_t>(300));
  EXPECT_EQ(w.r.column_index->max_values[3], Bytes<int32_t>(399));
}

TEST(ColumnChunkWriter, PagesCutBySizeAcrossWrites) {
  auto leaf = MakeLeaf("d", Type::DOUBLE, columnar::Float64(), false);
  WriterOptions o;
  o.dictionary = false;
  o.data_page_bytes = 16 * 1024;
  std::vector<LeafData> batches;
  std::vector<double> all;
  for (int b = 0; b < 10; ++b) {
    std::vector<double> v;
    for (int i = 0; i < 1500; ++i) v.push_back(100.0 - b * 1500 - i);
    all.insert(all.end(), v.begin(), v.end());
    batches.push_back(FixedData(v));
  }
  auto w = WriteAndDecode(leaf, o, batches, 15000, "double_pages_by_size");
  EXPECT_GT(w.d.headers.size(), 5u);
  for (const auto& h : w.d.headers) EXPECT_LE(h.uncompressed_page_size, 16 * 1024 + 8 * 1024 + 64);
  ASSERT_EQ(w.d.values.size(), all.size());
  EXPECT_EQ(w.d.values[1234], Bytes(all[1234]));
  EXPECT_EQ(w.r.column_index->boundary_order, format::BoundaryOrder::DESCENDING);
}

TEST(ColumnChunkWriter, RepeatedPagesStartAtRecords) {
  auto leaf = MakeLeaf("l", Type::INT32, columnar::Int32(), true, 0, true);
  for (int version : {1, 2}) {
    WriterOptions o;
    o.data_page_rows = 7;
    o.data_page_version = version;
    std::vector<int16_t> def, rep;
    std::vector<int32_t> v;
    int rows = 0;
    for (int r = 0; r < 500; ++r, ++rows) {
      const int len = r % 4;  // 0 = empty list ... 3 elements
      if (r % 11 == 0) {      // null list
        def.push_back(0);
        rep.push_back(0);
        continue;
      }
      if (len == 0) {
        def.push_back(1);
        rep.push_back(0);
      }
      for (int k = 0; k < len; ++k) {
        rep.push_back(k == 0 ? 0 : 1);
        def.push_back(k == 1 ? 2 : 3);  // second element null
        if (def.back() == 3) v.push_back(r * 10 + k);
      }
    }
    auto w = WriteAndDecode(leaf, o, {FixedData(v, def, rep)}, rows, "list_v" + std::to_string(version));
    EXPECT_EQ(w.d.def, def);
    EXPECT_EQ(w.d.rep, rep);
    ASSERT_EQ(w.d.values.size(), v.size());
    const auto& locs = w.r.offset_index->page_locations;
    EXPECT_EQ(locs.size(), static_cast<size_t>((rows + 6) / 7));
    for (size_t i = 0; i < locs.size(); ++i) EXPECT_EQ(locs[i].first_row_index, static_cast<int64_t>(i * 7));
    if (version == 2) {
      for (size_t i = 1; i < w.d.headers.size(); ++i) {
        EXPECT_EQ(w.d.headers[i].data_page_header_v2->num_rows, i < w.d.headers.size() - 1 ? 7 : rows % 7);
      }
    }
    // Null count of nested leaves: every level below max_def (pyarrow's count).
    int64_t expected_nulls = 0;
    for (auto d : def) expected_nulls += d < 3;
    EXPECT_EQ(w.r.chunk.meta_data->statistics->null_count, expected_nulls);
  }
}

TEST(ColumnChunkWriter, BooleanPlainV1AndRleV2) {
  auto leaf = MakeLeaf("b", Type::BOOLEAN, columnar::Bool(), true);
  std::vector<bool> v;
  std::vector<int16_t> def;
  for (int i = 0; i < 2000; ++i) {
    def.push_back(i % 10 != 0);
    if (def.back()) v.push_back(i % 3 == 0 || i > 1500);
  }
  for (int version : {1, 2}) {
    WriterOptions o;
    o.data_page_version = version;
    auto w = WriteAndDecode(leaf, o, {testing::BoolData(v, def)}, 2000, "bool_v" + std::to_string(version));
    const auto& md = *w.r.chunk.meta_data;
    EXPECT_FALSE(md.dictionary_page_offset);
    const Encoding e = version == 1 ? Encoding::PLAIN : Encoding::RLE;
    for (auto pe : w.d.page_encodings) EXPECT_EQ(pe, e);
    ASSERT_EQ(w.d.values.size(), v.size());
    for (size_t i = 0; i < v.size(); ++i) ASSERT_EQ(w.d.values[i], std::string(1, v[i] ? '\1' : '\0'));
    EXPECT_EQ(md.statistics->min_value, std::string(1, '\0'));
    EXPECT_EQ(md.statistics->max_value, std::string(1, '\1'));
  }
}

TEST(ColumnChunkWriter, EveryCodecBothVersionsWithChecksums) {
  auto leaf = MakeLeaf("s", Type::BYTE_ARRAY, columnar::String(), true);
  std::vector<std::string> v;
  std::vector<int16_t> def;
  for (int i = 0; i < 3000; ++i) {
    def.push_back(i % 7 != 0);
    if (def.back()) v.push_back(std::string(i % 17, 'a' + i % 26));
  }
  using compression::CodecId;
  for (CodecId c : {CodecId::kUncompressed, CodecId::kSnappy, CodecId::kGzip, CodecId::kBrotli, CodecId::kLz4,
                    CodecId::kZstd, CodecId::kLz4Raw}) {
    for (int version : {1, 2}) {
      for (bool dict : {true, false}) {
        // Without checksums, pages are compressed straight behind their header.
        for (bool crc : {true, false}) {
          WriterOptions o;
          o.codec = c;
          o.data_page_version = version;
          o.dictionary = dict;
          o.write_page_checksum = crc;
          o.data_page_bytes = 2048;
          SCOPED_TRACE(::testing::Message() << static_cast<int>(c) << " v" << version << " dict " << dict);
          auto w = WriteAndDecode(leaf, o, {StringData(v, def)}, 3000,
                                  "codec" + std::to_string(static_cast<int>(c)) + "_v" + std::to_string(version) +
                                      (dict ? "_dict" : "_plain") + (crc ? "_crc" : ""));
          EXPECT_EQ(w.d.values, v);
          EXPECT_EQ(w.d.def, def);
          EXPECT_EQ(w.r.chunk.meta_data->codec, static_cast<format::CompressionCodec>(c));
          for (const auto& h : w.d.headers) EXPECT_EQ(h.crc.has_value(), crc);
        }
      }
    }
  }
}

// A page is compressed behind a header written for its uncompressed size;
// when the compressed size's varint is shorter (compressible) or longer
// (incompressible, 8188 -> over 8191 bytes) the body must move.
TEST(ColumnChunkWriter, HeaderSizeChangesWithTheCompressedSize) {
  auto leaf = MakeLeaf("i", Type::INT32, columnar::Int32(), false);
  std::mt19937 rng(3);
  std::vector<int32_t> noise(2047), zeros(2047, 0);
  for (auto& x : noise) x = static_cast<int32_t>(rng());
  using compression::CodecId;
  for (CodecId c : {CodecId::kSnappy, CodecId::kGzip, CodecId::kZstd, CodecId::kLz4Raw, CodecId::kBrotli}) {
    for (int version : {1, 2}) {
      for (const auto* v : {&noise, &zeros}) {
        WriterOptions o;
        o.codec = c;
        o.data_page_version = version;
        o.dictionary = false;
        SCOPED_TRACE(::testing::Message() << static_cast<int>(c) << " v" << version << (v == &noise ? " noise" : ""));
        auto w = WriteAndDecode(leaf, o, {FixedData(*v)}, 2047);
        ASSERT_EQ(w.d.values.size(), 2047u);
        for (size_t i = 0; i < w.d.values.size(); ++i) ASSERT_EQ(w.d.values[i], Bytes((*v)[i])) << i;
        ASSERT_EQ(w.d.headers.size(), 1u);
        EXPECT_EQ(w.d.headers[0].uncompressed_page_size, 2047 * 4);
        if (c == CodecId::kSnappy) {
          // The varint of the size grew (noise) or shrank (zeros) a byte.
          EXPECT_EQ(w.d.headers[0].compressed_page_size >= 8192, v == &noise);
        }
      }
    }
  }
}

TEST(ColumnChunkWriter, ConvertsNarrowIntsTimestampsAndDecimals) {
  {
    auto leaf = MakeLeaf("i8", Type::INT32, columnar::Int8(), false);
    auto w = WriteAndDecode(leaf, WriterOptions{}, {FixedData<int8_t>({-128, 5, 127})}, 3);
    EXPECT_EQ(w.d.values, (std::vector<std::string>{Bytes<int32_t>(-128), Bytes<int32_t>(5), Bytes<int32_t>(127)}));
  }
  {
    auto leaf = MakeLeaf("u16", Type::INT32, columnar::UInt16(), false);
    leaf.element.logical_type.emplace();
    leaf.element.logical_type->kind = format::LogicalType::Kind::kInteger;
    leaf.element.logical_type->integer = {.bit_width = 16, .is_signed = false};
    auto w = WriteAndDecode(leaf, WriterOptions{}, {FixedData<uint16_t>({65535, 1})}, 2);
    EXPECT_EQ(w.d.values, (std::vector<std::string>{Bytes<int32_t>(65535), Bytes<int32_t>(1)}));
    EXPECT_EQ(w.r.chunk.meta_data->statistics->min_value, Bytes<int32_t>(1));
    EXPECT_FALSE(w.r.chunk.meta_data->statistics->min);  // unsigned: no legacy field
  }
  {
    auto leaf = MakeLeaf("ts", Type::INT64, columnar::Timestamp(columnar::TimeUnit::kSecond, false), false);
    auto w = WriteAndDecode(leaf, WriterOptions{}, {FixedData<int64_t>({-2, 1700000000})}, 2);
    EXPECT_EQ(w.d.values, (std::vector<std::string>{Bytes<int64_t>(-2000), Bytes<int64_t>(1700000000000)}));
  }
  {
    auto leaf = MakeLeaf("dec", Type::FIXED_LEN_BYTE_ARRAY, columnar::Decimal128(9, 2), true, 4);
    leaf.element.logical_type.emplace();
    leaf.element.logical_type->kind = format::LogicalType::Kind::kDecimal;
    leaf.element.logical_type->decimal = {.scale = 2, .precision = 9};
    std::vector<__int128> v = {-1, 258, -300};
    auto w = WriteAndDecode(leaf, WriterOptions{}, {FixedData(v, {1, 0, 1, 1})}, 4, "decimal");
    EXPECT_EQ(w.d.values,
              (std::vector<std::string>{"\xff\xff\xff\xff", std::string("\0\0\x01\x02", 4), "\xff\xff\xfe\xd4"}));
    EXPECT_EQ(w.r.chunk.meta_data->statistics->min_value, "\xff\xff\xfe\xd4");
    EXPECT_EQ(w.r.chunk.meta_data->statistics->max_value, std::string("\0\0\x01\x02", 4));
  }
}

TEST(ColumnChunkWriter, AllNullColumnHasOnlyNullCount) {
  auto leaf = MakeLeaf("n", Type::DOUBLE, columnar::Float64(), true);
  WriterOptions o;
  o.data_page_rows = 10;
  auto w = WriteAndDecode(leaf, o, {FixedData<double>({}, std::vector<int16_t>(25, 0))}, 25, "all_null");
  const auto& s = *w.r.chunk.meta_data->statistics;
  EXPECT_EQ(s.null_count, 25);
  EXPECT_FALSE(s.min_value);
  EXPECT_FALSE(s.max_value);
  ASSERT_TRUE(w.r.column_index);
  EXPECT_EQ(w.r.column_index->null_pages, (std::vector<bool>{true, true, true}));
  EXPECT_EQ(w.r.column_index->min_values, (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(w.r.column_index->null_counts, (std::vector<int64_t>{10, 10, 5}));
}

TEST(ColumnChunkWriter, EmptyChunkHasOneEmptyPage) {
  auto leaf = MakeLeaf("i", Type::INT32, columnar::Int32(), true);
  auto w = WriteAndDecode(leaf, WriterOptions{}, {}, 0);
  EXPECT_EQ(w.r.chunk.meta_data->num_values, 0);
  ASSERT_EQ(w.d.headers.size(), 1u);  // one empty PLAIN data page, no dictionary
  EXPECT_EQ(w.d.headers[0].data_page_header->num_values, 0);
  EXPECT_EQ(w.d.headers[0].data_page_header->encoding, Encoding::PLAIN);
}

// parquet-mr's rule: a first page whose indices plus dictionary are no
// smaller than PLAIN is written PLAIN and the chunk has no dictionary page;
// a first page that pays keeps the dictionary for the chunk.
TEST(ColumnChunkWriter, FirstPageDecidesDictionary) {
  auto ints = MakeLeaf("i", Type::INT64, columnar::Int64(), true);
  std::vector<int64_t> v;
  std::vector<int16_t> def;
  for (int i = 0; i < 50000; ++i) {
    def.push_back(i % 9 == 0 ? 0 : 1);
    if (def.back()) v.push_back(i * 1000003LL);
  }
  auto w = WriteAndDecode(ints, WriterOptions{}, {FixedData(v, def)}, 50000, "unique_ints_plain");
  const auto& md = *w.r.chunk.meta_data;
  EXPECT_FALSE(md.dictionary_page_offset);
  EXPECT_EQ(md.encodings, (std::vector<Encoding>{Encoding::RLE, Encoding::PLAIN}));
  ASSERT_EQ(w.d.values.size(), v.size());
  for (size_t i = 0; i < v.size(); ++i) ASSERT_EQ(w.d.values[i], Bytes(v[i])) << i;
  EXPECT_EQ(w.d.def, def);
  EXPECT_EQ(md.statistics->min_value, Bytes<int64_t>(1000003));
  EXPECT_EQ(md.statistics->max_value, Bytes<int64_t>(49999 * 1000003LL));

  // Strings: unique ones go PLAIN (re-encoded from the dictionary's entries),
  // repeated ones keep the dictionary although later pages bring new values.
  auto strs = MakeLeaf("s", Type::BYTE_ARRAY, columnar::String(), false);
  std::vector<std::string> unique, repeated;
  for (int i = 0; i < 30000; ++i) {
    unique.push_back(fmt::format("u{}", i * 7));
    repeated.push_back(fmt::format("r{}", i < 25000 ? i % 40 : i));
  }
  auto u = WriteAndDecode(strs, WriterOptions{}, {StringData(unique)}, 30000, "unique_strings_plain");
  EXPECT_FALSE(u.r.chunk.meta_data->dictionary_page_offset);
  EXPECT_EQ(u.d.values, unique);
  auto r = WriteAndDecode(strs, WriterOptions{}, {StringData(repeated)}, 30000, "repeated_strings_dict");
  EXPECT_TRUE(r.r.chunk.meta_data->dictionary_page_offset);
  EXPECT_EQ(r.d.headers[0].dictionary_page_header->num_values, 40 + 5000);
  for (auto e : r.d.page_encodings) EXPECT_EQ(e, Encoding::RLE_DICTIONARY);
  EXPECT_EQ(r.d.values, repeated);
}

TEST(ColumnChunkWriter, RejectsInconsistentInput) {
  auto leaf = MakeLeaf("i", Type::INT32, columnar::Int32(), true);
  auto w = ColumnChunkWriter::Make(leaf, WriterOptions{}).value();
  EXPECT_FALSE(w->Write(FixedData<int32_t>({1, 2}, {1, 0, 0})).ok());  // 1 value announced, 2 given
  EXPECT_FALSE(w->Write(FixedData<int32_t>({1}, {1, 1, 1})).ok());     // 3 announced
  auto list = MakeLeaf("l", Type::INT32, columnar::Int32(), true, 0, true);
  auto lw = ColumnChunkWriter::Make(list, WriterOptions{}).value();
  EXPECT_FALSE(lw->Write(FixedData<int32_t>({1}, {3}, {1})).ok());  // does not start a record
  auto bad = MakeLeaf("s", Type::INT32, columnar::String(), true);
  EXPECT_FALSE(ColumnChunkWriter::Make(bad, WriterOptions{}).ok());
  io::MemoryOutputFile out;
  EXPECT_TRUE(w->Finish(&out).ok());
  EXPECT_FALSE(w->Finish(&out).ok());
}

TEST(ColumnChunkWriter, EstimatedSizeGrows) {
  auto leaf = MakeLeaf("i", Type::INT64, columnar::Int64(), false);
  WriterOptions o;
  o.dictionary = false;
  auto w = ColumnChunkWriter::Make(leaf, o).value();
  EXPECT_LT(w->EstimatedSize(), 64);
  std::vector<int64_t> v(10000, 42);
  ASSERT_TRUE(w->Write(FixedData(v)).ok());
  EXPECT_GE(w->EstimatedSize(), 1000);
}

}  // namespace
}  // namespace sluice::parquet
