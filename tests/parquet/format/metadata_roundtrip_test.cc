#include <gtest/gtest.h>

#include <vector>

#include "parquet/format/metadata_test_util.h"
#include "sluice/parquet/format/metadata_codec.h"

namespace sluice::parquet::format {
namespace {

TEST(MetadataRoundTripTest, FullFileMetaData) {
  const FileMetaData md = testing::FullFileMetaData();
  Buffer buf;
  Serialize(md, &buf);
  auto back = DeserializeFileMetaData(buf.span());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, md);
  EXPECT_EQ(back->schema[2].logical_type->timestamp.unit, TimeUnit::NANOS);
  EXPECT_EQ(back->row_groups[1].columns[1].meta_data->codec, CompressionCodec::LZ4_RAW);
  // Serializing again gives identical bytes.
  Buffer again;
  Serialize(*back, &again);
  EXPECT_EQ(again.view(), buf.view());
}

TEST(MetadataRoundTripTest, MinimalFileMetaDataWritesOnlyWhatIsSet) {
  FileMetaData md;
  md.version = 1;
  md.num_rows = 0;
  Buffer buf;
  Serialize(md, &buf);
  // 1: i32 1 (15 02), 2: empty list<struct> (19 0C), 3: i64 0 (16 00), 4: empty list<struct> (19 0C), stop.
  const std::vector<uint8_t> expected = {0x15, 0x02, 0x19, 0x0C, 0x16, 0x00, 0x19, 0x0C, 0x00};
  EXPECT_EQ(std::vector<uint8_t>(buf.data(), buf.data() + buf.size()), expected);
  auto back = DeserializeFileMetaData(buf.span());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, md);
}

TEST(MetadataRoundTripTest, PageHeadersOfEveryType) {
  for (PageType t : {PageType::DATA_PAGE, PageType::DATA_PAGE_V2, PageType::DICTIONARY_PAGE, PageType::INDEX_PAGE}) {
    const PageHeader h = testing::FullPageHeader(t);
    Buffer buf;
    Serialize(h, &buf);
    const int64_t size = buf.size();
    const uint8_t trailing[] = {0xDE, 0xAD, 0xBE, 0xEF};  // page bytes that follow the header
    buf.Append(trailing, sizeof(trailing));
    int64_t header_size = -1;
    auto back = DeserializePageHeader(buf.span(), &header_size);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, h);
    EXPECT_EQ(header_size, size);
  }
}

TEST(MetadataRoundTripTest, PageHeaderSpecBytes) {
  PageHeader h;
  h.type = PageType::DICTIONARY_PAGE;
  h.uncompressed_page_size = 10;
  h.compressed_page_size = 64;
  h.dictionary_page_header = DictionaryPageHeader{2, Encoding::PLAIN, false};
  Buffer buf;
  Serialize(h, &buf);
  // 15 04 | 15 14 | 15 80 01 | 7C (field 7 struct, delta 4) 15 04 15 00 12 00 | 00
  const std::vector<uint8_t> expected = {0x15, 0x04, 0x15, 0x14, 0x15, 0x80, 0x01, 0x4C,
                                         0x15, 0x04, 0x15, 0x00, 0x12, 0x00, 0x00};
  EXPECT_EQ(std::vector<uint8_t>(buf.data(), buf.data() + buf.size()), expected);
}

TEST(MetadataRoundTripTest, PageIndex) {
  ColumnIndex ci;
  ci.null_pages = {false, true, false};
  ci.min_values = {"a", "", "c"};
  ci.max_values = {"b", "", "d"};
  ci.boundary_order = BoundaryOrder::ASCENDING;
  ci.null_counts = std::vector<int64_t>{0, 10, 1};
  ci.repetition_level_histograms = std::vector<int64_t>{1, 2, 3, 4, 5, 6};
  ci.definition_level_histograms = std::vector<int64_t>{7, 8, 9, 10, 11, 12};
  ci.nan_counts = std::vector<int64_t>{0, 0, 0};
  Buffer buf;
  Serialize(ci, &buf);
  auto ci_back = DeserializeColumnIndex(buf.span());
  ASSERT_TRUE(ci_back.ok()) << ci_back.status().ToString();
  EXPECT_EQ(*ci_back, ci);

  OffsetIndex oi;
  for (int i = 0; i < 20; ++i) oi.page_locations.push_back({4 + i * 1000LL, 1000, i * 100LL});
  oi.unencoded_byte_array_data_bytes = std::vector<int64_t>(20, 77);
  Buffer buf2;
  Serialize(oi, &buf2);
  auto oi_back = DeserializeOffsetIndex(buf2.span());
  ASSERT_TRUE(oi_back.ok()) << oi_back.status().ToString();
  EXPECT_EQ(*oi_back, oi);
}

TEST(MetadataRoundTripTest, UnknownEnumValuesAreKeptRaw) {
  PageHeader h = testing::FullPageHeader(PageType::DATA_PAGE);
  h.type = static_cast<PageType>(77);
  h.data_page_header->encoding = static_cast<Encoding>(-5);
  Buffer buf;
  Serialize(h, &buf);
  int64_t size = 0;
  auto back = DeserializePageHeader(buf.span(), &size);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(static_cast<int32_t>(back->type), 77);
  EXPECT_EQ(static_cast<int32_t>(back->data_page_header->encoding), -5);
  EXPECT_FALSE(IsKnown(static_cast<Type>(8)));
  EXPECT_TRUE(IsKnown(Type::FIXED_LEN_BYTE_ARRAY));
}

TEST(MetadataRoundTripTest, FutureLogicalTypeIsNotWritten) {
  FileMetaData md;
  SchemaElement e;
  e.name = "x";
  e.logical_type = LogicalType{};
  e.logical_type->kind = LogicalType::Kind::kFuture;
  md.schema.push_back(e);
  Buffer buf;
  Serialize(md, &buf);
  auto back = DeserializeFileMetaData(buf.span());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_FALSE(back->schema[0].logical_type.has_value());
}

}  // namespace
}  // namespace sluice::parquet::format
