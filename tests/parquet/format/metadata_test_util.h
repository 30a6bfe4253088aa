#pragma once

// Test fixtures for the metadata codec tests (header-only: only *_test.cc files are built).

#include <string>

#include "sluice/parquet/format/parquet_types.h"

namespace sluice::parquet::format::testing {

inline Statistics FullStatistics() {
  Statistics s;
  s.max = std::string("\xff\x01", 2);
  s.min = std::string("\x00\x80", 2);
  s.null_count = 3;
  s.distinct_count = 1LL << 40;
  s.max_value = "zz";
  s.min_value = std::string();
  s.is_max_value_exact = false;
  s.is_min_value_exact = true;
  s.nan_count = 0;
  return s;
}

inline SchemaElement Leaf(std::string name, Type type, LogicalType lt) {
  SchemaElement e;
  e.name = std::move(name);
  e.type = type;
  e.repetition_type = FieldRepetitionType::OPTIONAL;
  e.logical_type = lt;
  return e;
}

inline LogicalType Kind(LogicalType::Kind k) {
  LogicalType lt;
  lt.kind = k;
  return lt;
}

inline ColumnChunk FullColumnChunk(const std::string& name, int64_t offset) {
  ColumnChunk c;
  c.file_path = "part-0.parquet";
  c.file_offset = 0;
  c.offset_index_offset = offset + 1000;
  c.offset_index_length = 40;
  c.column_index_offset = offset + 2000;
  c.column_index_length = 50;
  c.encrypted_column_metadata = std::string("\x00\x01\x02", 3);
  ColumnMetaData& m = c.meta_data.emplace();
  m.type = Type::BYTE_ARRAY;
  m.encodings = {Encoding::PLAIN, Encoding::RLE, Encoding::RLE_DICTIONARY};
  m.path_in_schema = {"group", name};
  m.codec = CompressionCodec::LZ4_RAW;
  m.num_values = 1000;
  m.total_uncompressed_size = 123456789012LL;
  m.total_compressed_size = 12345;
  m.key_value_metadata = std::vector<KeyValue>{{"k", "v"}, {"no_value", std::nullopt}};
  m.data_page_offset = offset;
  m.index_page_offset = offset + 3;
  m.dictionary_page_offset = offset - 100;
  m.statistics = FullStatistics();
  m.encoding_stats = std::vector<PageEncodingStats>{{PageType::DICTIONARY_PAGE, Encoding::PLAIN, 1},
                                                    {PageType::DATA_PAGE_V2, Encoding::RLE_DICTIONARY, 7}};
  m.bloom_filter_offset = offset + 5000;
  m.bloom_filter_length = 1024;
  m.size_statistics = SizeStatistics{77, std::vector<int64_t>{1, 2}, std::vector<int64_t>{3, 4, 5}};
  GeospatialStatistics geo;
  geo.bbox = BoundingBox{-1.5, 2.5, -3.5, 4.5, 0.0, 1.0, std::nullopt, 9.0};
  geo.geospatial_types = std::vector<int32_t>{1, 1003};
  m.geospatial_statistics = geo;
  return c;
}

// Returns a FileMetaData with every modelled field set (lists with 2+ elements).
inline FileMetaData FullFileMetaData() {
  FileMetaData md;
  md.version = 2;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 16;
  md.schema.push_back(root);
  LogicalType dec = Kind(LogicalType::Kind::kDecimal);
  dec.decimal = {2, 9};
  SchemaElement d = Leaf("dec", Type::FIXED_LEN_BYTE_ARRAY, dec);
  d.type_length = 4;
  d.converted_type = ConvertedType::DECIMAL;
  d.scale = 2;
  d.precision = 9;
  d.field_id = -7;
  d.repetition_type = FieldRepetitionType::REQUIRED;
  md.schema.push_back(d);
  LogicalType ts = Kind(LogicalType::Kind::kTimestamp);
  ts.timestamp = {true, TimeUnit::NANOS};
  md.schema.push_back(Leaf("ts", Type::INT64, ts));
  LogicalType t = Kind(LogicalType::Kind::kTime);
  t.time = {false, TimeUnit::MICROS};
  md.schema.push_back(Leaf("t", Type::INT64, t));
  LogicalType i = Kind(LogicalType::Kind::kInteger);
  i.integer = {16, false};
  md.schema.push_back(Leaf("u16", Type::INT32, i));
  LogicalType v = Kind(LogicalType::Kind::kVariant);
  v.variant.specification_version = 1;
  md.schema.push_back(Leaf("var", Type::BYTE_ARRAY, v));
  LogicalType g = Kind(LogicalType::Kind::kGeometry);
  g.geometry.crs = "OGC:CRS84";
  md.schema.push_back(Leaf("geom", Type::BYTE_ARRAY, g));
  LogicalType gg = Kind(LogicalType::Kind::kGeography);
  gg.geography.crs = "srid:4326";
  gg.geography.algorithm = EdgeInterpolationAlgorithm::KARNEY;
  md.schema.push_back(Leaf("geog", Type::BYTE_ARRAY, gg));
  for (auto k :
       {LogicalType::Kind::kString, LogicalType::Kind::kMap, LogicalType::Kind::kList, LogicalType::Kind::kEnum,
        LogicalType::Kind::kDate, LogicalType::Kind::kUnknown, LogicalType::Kind::kJson, LogicalType::Kind::kBson,
        LogicalType::Kind::kUuid, LogicalType::Kind::kFloat16, LogicalType::Kind::kVector}) {
    md.schema.push_back(Leaf("k" + std::to_string(static_cast<int>(k)), Type::BYTE_ARRAY, Kind(k)));
  }
  md.schema.back().vector_length = 3;
  md.schema.back().repetition_type = FieldRepetitionType::VECTOR;
  md.num_rows = 3000000000LL;
  for (int g = 0; g < 2; ++g) {
    RowGroup rg;
    rg.columns = {FullColumnChunk("a", 4 + g * 100000), FullColumnChunk("b", 50000 + g * 100000)};
    rg.total_byte_size = 99999;
    rg.num_rows = 1500000000LL;
    rg.sorting_columns = std::vector<SortingColumn>{{0, true, false}, {1, false, true}};
    rg.file_offset = 4;
    rg.total_compressed_size = 88888;
    rg.ordinal = static_cast<int16_t>(g);
    md.row_groups.push_back(std::move(rg));
  }
  md.key_value_metadata = std::vector<KeyValue>{{"ARROW:schema", std::string(300, 'x')}, {"empty", ""}};
  md.created_by = "sluice version 0.1";
  md.column_orders = std::vector<ColumnOrder>{{ColumnOrder::Kind::kTypeOrder},
                                              {ColumnOrder::Kind::kIeee754TotalOrder},
                                              {ColumnOrder::Kind::kInt96TimestampOrder},
                                              {ColumnOrder::Kind::kUnknown}};
  md.footer_signing_key_metadata = "key";
  return md;
}

// Returns a PageHeader of `type` with every field of that page type set.
inline PageHeader FullPageHeader(PageType type) {
  PageHeader h;
  h.type = type;
  h.uncompressed_page_size = 1 << 20;
  h.compressed_page_size = 4321;
  h.crc = -123456789;
  Statistics s;
  s.null_count = 5;
  s.min_value = "a";
  s.max_value = "b";
  switch (type) {
    case PageType::DATA_PAGE:
      h.data_page_header = DataPageHeader{100, Encoding::RLE_DICTIONARY, Encoding::RLE, Encoding::BIT_PACKED, s};
      break;
    case PageType::DATA_PAGE_V2:
      h.data_page_header_v2 = DataPageHeaderV2{100, 5, 20, Encoding::DELTA_BYTE_ARRAY, 17, 9, false, s};
      break;
    case PageType::DICTIONARY_PAGE:
      h.dictionary_page_header = DictionaryPageHeader{42, Encoding::PLAIN, true};
      break;
    case PageType::INDEX_PAGE:
      h.index_page_header = IndexPageHeader{};
      break;
  }
  return h;
}

}  // namespace sluice::parquet::format::testing
