#include <gtest/gtest.h>

#include <vector>

#include "parquet/format/metadata_test_util.h"
#include "sluice/parquet/format/metadata_codec.h"
#include "sluice/parquet/thrift/compact_writer.h"

namespace sluice::parquet::format {
namespace {

using thrift::CompactType;
using thrift::CompactWriter;

std::span<const uint8_t> Span(const std::vector<uint8_t>& v) { return {v.data(), v.size()}; }

TEST(MetadataReadTest, SkipsUnknownFieldsWithNestedValues) {
  const std::vector<uint8_t> bytes = {
      0x15, 0x00,                          // 1: type = DATA_PAGE
      0x15, 0x14,                          // 2: uncompressed_page_size = 10
      0x15, 0x14,                          // 3: compressed_page_size = 10
      0x0C, 0x28,                          // 20: unknown struct (long form header)
      0x19, 0x1C, 0x16, 0x0A, 0x00,        //   1: list<struct>[{1: i64 5}]
      0x1B, 0x01, 0x85, 0x01, 'k',  0x02,  //   2: map<binary,i32>{"k": 1}
      0x11,                                //   3: bool true
      0x1A, 0x33, 0x01, 0x02, 0x03,        //   4: set<i8>{1, 2, 3}
      0x00,                                //   stop
      0x0C, 0x0A,                          // 5: data_page_header (id goes down: long form)
      0x15, 0x06, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x07, 0x3C, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F,  // 30: unknown double
      0x00,                                                                                      // stop
      0x00,                                                                                      // stop
  };
  int64_t size = 0;
  auto h = DeserializePageHeader(Span(bytes), &size);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(size, static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(h->type, PageType::DATA_PAGE);
  EXPECT_EQ(h->compressed_page_size, 10);
  ASSERT_TRUE(h->data_page_header.has_value());
  EXPECT_EQ(h->data_page_header->num_values, 3);
  EXPECT_EQ(h->data_page_header->definition_level_encoding, Encoding::RLE);
  EXPECT_FALSE(h->crc.has_value());
}

TEST(MetadataReadTest, UnknownLogicalTypeMemberIsFuture) {
  const std::vector<uint8_t> bytes = {
      0x15, 0x02,                                // 1: version 1
      0x19, 0x2C,                                // 2: schema, 2 elements
      0x48, 0x01, 'x',                           //   4: name "x"
      0x6C, 0x0C, 0x32, 0x15, 0x0E, 0x00, 0x00,  //   10: logicalType {25: struct {1: i32 7}}
      0x00,                                      //   stop
      0x48, 0x01, 'y',                           //   4: name "y"
      0x6C, 0x9C, 0x00, 0x00,                    //   10: logicalType {9: reserved INTERVAL member}
      0x00,                                      //   stop
      0x16, 0x00,                                // 3: num_rows 0
      0x19, 0x0C,                                // 4: row_groups []
      0x00,
  };
  auto md = DeserializeFileMetaData(Span(bytes));
  ASSERT_TRUE(md.ok()) << md.status().ToString();
  ASSERT_EQ(md->schema.size(), 2u);
  ASSERT_TRUE(md->schema[0].logical_type.has_value());
  EXPECT_EQ(md->schema[0].logical_type->kind, LogicalType::Kind::kFuture);
  EXPECT_EQ(md->schema[0].logical_type->future_member_id, 25);
  EXPECT_EQ(md->schema[1].logical_type->kind, LogicalType::Kind::kFuture);
}

TEST(MetadataReadTest, MissingRequiredFieldNamesStructAndField) {
  Buffer buf;
  CompactWriter w(&buf);
  w.WriteStructBegin();
  w.WriteFieldHeader(CompactType::kI32, 1);
  w.WriteI32(0);
  w.WriteFieldHeader(CompactType::kI32, 2);
  w.WriteI32(5);
  w.WriteStructEnd();
  int64_t size = 0;
  auto h = DeserializePageHeader(buf.span(), &size);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(h.status().message().find("PageHeader"), std::string::npos) << h.status().ToString();
  EXPECT_NE(h.status().message().find("compressed_page_size"), std::string::npos) << h.status().ToString();
  EXPECT_EQ(h.status().message(),
            "thrift compact: PageHeader is missing required field compressed_page_size (3) in struct ending at byte 5");

  // Nested: a DictionaryPageHeader without its encoding.
  Buffer nested;
  CompactWriter n(&nested);
  n.WriteStructBegin();
  n.WriteFieldHeader(CompactType::kI32, 1);
  n.WriteI32(2);
  n.WriteFieldHeader(CompactType::kI32, 2);
  n.WriteI32(1);
  n.WriteFieldHeader(CompactType::kI32, 3);
  n.WriteI32(1);
  n.WriteFieldHeader(CompactType::kStruct, 7);
  n.WriteStructBegin();
  n.WriteFieldHeader(CompactType::kI32, 1);
  n.WriteI32(3);
  n.WriteStructEnd();
  n.WriteStructEnd();
  auto h2 = DeserializePageHeader(nested.span(), &size);
  ASSERT_FALSE(h2.ok());
  EXPECT_NE(h2.status().message().find("DictionaryPageHeader is missing required field encoding"), std::string::npos)
      << h2.status().ToString();
}

TEST(MetadataReadTest, MismatchedWireTypeIsSkipped) {
  Buffer buf;
  CompactWriter w(&buf);
  w.WriteStructBegin();
  w.WriteFieldHeader(CompactType::kI32, 1);
  w.WriteI32(0);
  w.WriteFieldHeader(CompactType::kI32, 2);
  w.WriteI32(5);
  w.WriteFieldHeader(CompactType::kI32, 3);
  w.WriteI32(5);
  w.WriteFieldHeader(CompactType::kBinary, 4);  // crc should be i32
  w.WriteBinary("oops");
  w.WriteStructEnd();
  int64_t size = 0;
  auto h = DeserializePageHeader(buf.span(), &size);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_FALSE(h->crc.has_value());
}

TEST(MetadataReadTest, AbsurdListSizeIsCorrupt) {
  // version 1, then schema claiming 2^31-1 structs in 3 remaining bytes.
  const std::vector<uint8_t> bytes = {0x15, 0x02, 0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00, 0x00, 0x00};
  auto md = DeserializeFileMetaData(Span(bytes));
  ASSERT_FALSE(md.ok());
  EXPECT_EQ(md.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(md.status().message().find("list of 2147483647 elements"), std::string::npos) << md.status().ToString();
}

TEST(MetadataReadTest, ListElementTypeMismatchIsCorrupt) {
  // schema declared as list<i32> with one element.
  const std::vector<uint8_t> bytes = {0x15, 0x02, 0x19, 0x15, 0x02, 0x00};
  EXPECT_EQ(DeserializeFileMetaData(Span(bytes)).status().code(), StatusCode::kCorrupt);
}

TEST(MetadataReadTest, EveryTruncatedPrefixFails) {
  Buffer buf;
  Serialize(testing::FullFileMetaData(), &buf);
  ASSERT_GT(buf.size(), 1000);
  for (int64_t len = 0; len < buf.size(); ++len) {
    // An exact-size heap copy, so ASan flags any read past the prefix.
    std::vector<uint8_t> prefix(buf.data(), buf.data() + len);
    auto md = DeserializeFileMetaData(Span(prefix));
    ASSERT_FALSE(md.ok()) << "prefix " << len;
    ASSERT_EQ(md.status().code(), StatusCode::kCorrupt) << md.status().ToString();
  }
  Buffer page;
  Serialize(testing::FullPageHeader(PageType::DATA_PAGE_V2), &page);
  for (int64_t len = 0; len < page.size(); ++len) {
    std::vector<uint8_t> prefix(page.data(), page.data() + len);
    int64_t size = 0;
    ASSERT_FALSE(DeserializePageHeader(Span(prefix), &size).ok()) << "prefix " << len;
  }
}

TEST(MetadataReadTest, ByteFlipsNeverCrash) {
  Buffer buf;
  Serialize(testing::FullFileMetaData(), &buf);
  std::vector<uint8_t> bytes(buf.data(), buf.data() + buf.size());
  int failures = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const uint8_t saved = bytes[i];
    for (uint8_t v : {uint8_t{0x00}, uint8_t{0xFF}, static_cast<uint8_t>(saved ^ 0x10)}) {
      bytes[i] = v;
      failures += DeserializeFileMetaData(Span(bytes)).ok() ? 0 : 1;
    }
    bytes[i] = saved;
  }
  EXPECT_GT(failures, 0);
}

}  // namespace
}  // namespace sluice::parquet::format
