// Field tables, readers and writers for FileMetaData and the structs it holds (row groups,
// column chunks). ColumnOrder is a union and has hand-written code.
#include "sluice/parquet/format/field_table.h"
#include "sluice/parquet/format/metadata_codec.h"

namespace sluice::parquet::format {

namespace {

constexpr StructTable kKeyValue{
    "KeyValue",
    Required(1, "key", &KeyValue::key),
    Optional(2, "value", &KeyValue::value),
};

constexpr StructTable kSortingColumn{
    "SortingColumn",
    Required(1, "column_idx", &SortingColumn::column_idx),
    Required(2, "descending", &SortingColumn::descending),
    Required(3, "nulls_first", &SortingColumn::nulls_first),
};

constexpr StructTable kPageEncodingStats{
    "PageEncodingStats",
    Required(1, "page_type", &PageEncodingStats::page_type),
    Required(2, "encoding", &PageEncodingStats::encoding),
    Required(3, "count", &PageEncodingStats::count),
};

constexpr StructTable kColumnMetaData{
    "ColumnMetaData",
    Required(1, "type", &ColumnMetaData::type),
    Required(2, "encodings", &ColumnMetaData::encodings),
    Required(3, "path_in_schema", &ColumnMetaData::path_in_schema),
    Required(4, "codec", &ColumnMetaData::codec),
    Required(5, "num_values", &ColumnMetaData::num_values),
    Required(6, "total_uncompressed_size", &ColumnMetaData::total_uncompressed_size),
    Required(7, "total_compressed_size", &ColumnMetaData::total_compressed_size),
    Optional(8, "key_value_metadata", &ColumnMetaData::key_value_metadata),
    Required(9, "data_page_offset", &ColumnMetaData::data_page_offset),
    Optional(10, "index_page_offset", &ColumnMetaData::index_page_offset),
    Optional(11, "dictionary_page_offset", &ColumnMetaData::dictionary_page_offset),
    Optional(12, "statistics", &ColumnMetaData::statistics),
    Optional(13, "encoding_stats", &ColumnMetaData::encoding_stats),
    Optional(14, "bloom_filter_offset", &ColumnMetaData::bloom_filter_offset),
    Optional(15, "bloom_filter_length", &ColumnMetaData::bloom_filter_length),
    Optional(16, "size_statistics", &ColumnMetaData::size_statistics),
    Optional(17, "geospatial_statistics", &ColumnMetaData::geospatial_statistics),
};

// 8: crypto_metadata is not modelled (skipped as unknown).
constexpr StructTable kColumnChunk{
    "ColumnChunk",
    Optional(1, "file_path", &ColumnChunk::file_path),
    Required(2, "file_offset", &ColumnChunk::file_offset),
    Optional(3, "meta_data", &ColumnChunk::meta_data),
    Optional(4, "offset_index_offset", &ColumnChunk::offset_index_offset),
    Optional(5, "offset_index_length", &ColumnChunk::offset_index_length),
    Optional(6, "column_index_offset", &ColumnChunk::column_index_offset),
    Optional(7, "column_index_length", &ColumnChunk::column_index_length),
    Optional(9, "encrypted_column_metadata", &ColumnChunk::encrypted_column_metadata),
};

constexpr StructTable kRowGroup{
    "RowGroup",
    Required(1, "columns", &RowGroup::columns),
    Required(2, "total_byte_size", &RowGroup::total_byte_size),
    Required(3, "num_rows", &RowGroup::num_rows),
    Optional(4, "sorting_columns", &RowGroup::sorting_columns),
    Optional(5, "file_offset", &RowGroup::file_offset),
    Optional(6, "total_compressed_size", &RowGroup::total_compressed_size),
    Optional(7, "ordinal", &RowGroup::ordinal),
};

// 8: encryption_algorithm is not modelled (skipped as unknown).
constexpr StructTable kFileMetaData{
    "FileMetaData",
    Required(1, "version", &FileMetaData::version),
    Required(2, "schema", &FileMetaData::schema),
    Required(3, "num_rows", &FileMetaData::num_rows),
    Required(4, "row_groups", &FileMetaData::row_groups),
    Optional(5, "key_value_metadata", &FileMetaData::key_value_metadata),
    Optional(6, "created_by", &FileMetaData::created_by),
    Optional(7, "column_orders", &FileMetaData::column_orders),
    Optional(9, "footer_signing_key_metadata", &FileMetaData::footer_signing_key_metadata),
};

}  // namespace

SLUICE_STRUCT_IO_FROM_TABLE(KeyValue, kKeyValue)
SLUICE_STRUCT_IO_FROM_TABLE(SortingColumn, kSortingColumn)
SLUICE_STRUCT_IO_FROM_TABLE(PageEncodingStats, kPageEncodingStats)
SLUICE_STRUCT_IO_FROM_TABLE(ColumnMetaData, kColumnMetaData)
SLUICE_STRUCT_IO_FROM_TABLE(ColumnChunk, kColumnChunk)
SLUICE_STRUCT_IO_FROM_TABLE(RowGroup, kRowGroup)

Status ReadStruct(CompactReader* r, ColumnOrder* out) {
  using Kind = ColumnOrder::Kind;
  // A union of empty structs; an unknown member leaves kUnknown (min/max must then be ignored).
  out->kind = Kind::kUnknown;
  return ReadFields(r, [&](const FieldHeader& f) -> Status {
    if (f.type == CompactType::kStruct && out->kind == Kind::kUnknown) {
      if (f.id == 1) out->kind = Kind::kTypeOrder;
      if (f.id == 2) out->kind = Kind::kIeee754TotalOrder;
      if (f.id == 3) out->kind = Kind::kInt96TimestampOrder;
    }
    return r->Skip(f.type);
  });
}

void WriteStruct(CompactWriter* w, const ColumnOrder& v) {
  using Kind = ColumnOrder::Kind;
  w->WriteStructBegin();
  int16_t id = 0;
  if (v.kind == Kind::kTypeOrder) id = 1;
  if (v.kind == Kind::kIeee754TotalOrder) id = 2;
  if (v.kind == Kind::kInt96TimestampOrder) id = 3;
  if (id != 0) {
    w->WriteFieldHeader(CompactType::kStruct, id);
    w->WriteStructBegin();
    w->WriteStructEnd();
  }
  w->WriteStructEnd();
}

SLUICE_STRUCT_IO_FROM_TABLE(FileMetaData, kFileMetaData)

Result<FileMetaData> DeserializeFileMetaData(std::span<const uint8_t> bytes) {
  return DeserializeStruct<FileMetaData>(bytes);
}

void Serialize(const FileMetaData& v, Buffer* out) { SerializeStruct(v, out); }

}  // namespace sluice::parquet::format
