// Writers for FileMetaData and the structs it holds (row groups, column chunks).
#include "sluice/parquet/format/metadata_codec.h"
#include "sluice/parquet/format/struct_io.h"

namespace sluice::parquet::format {

void WriteStruct(CompactWriter* w, const KeyValue& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.key);
  WriteField(w, 2, v.value);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const SortingColumn& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.column_idx);
  WriteField(w, 2, v.descending);
  WriteField(w, 3, v.nulls_first);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const PageEncodingStats& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.page_type);
  WriteField(w, 2, v.encoding);
  WriteField(w, 3, v.count);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const ColumnMetaData& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.type);
  WriteField(w, 2, v.encodings);
  WriteField(w, 3, v.path_in_schema);
  WriteField(w, 4, v.codec);
  WriteField(w, 5, v.num_values);
  WriteField(w, 6, v.total_uncompressed_size);
  WriteField(w, 7, v.total_compressed_size);
  WriteField(w, 8, v.key_value_metadata);
  WriteField(w, 9, v.data_page_offset);
  WriteField(w, 10, v.index_page_offset);
  WriteField(w, 11, v.dictionary_page_offset);
  WriteField(w, 12, v.statistics);
  WriteField(w, 13, v.encoding_stats);
  WriteField(w, 14, v.bloom_filter_offset);
  WriteField(w, 15, v.bloom_filter_length);
  WriteField(w, 16, v.size_statistics);
  WriteField(w, 17, v.geospatial_statistics);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const ColumnChunk& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.file_path);
  WriteField(w, 2, v.file_offset);
  WriteField(w, 3, v.meta_data);
  WriteField(w, 4, v.offset_index_offset);
  WriteField(w, 5, v.offset_index_length);
  WriteField(w, 6, v.column_index_offset);
  WriteField(w, 7, v.column_index_length);
  WriteField(w, 9, v.encrypted_column_metadata);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const RowGroup& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.columns);
  WriteField(w, 2, v.total_byte_size);
  WriteField(w, 3, v.num_rows);
  WriteField(w, 4, v.sorting_columns);
  WriteField(w, 5, v.file_offset);
  WriteField(w, 6, v.total_compressed_size);
  WriteField(w, 7, v.ordinal);
  w->WriteStructEnd();
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

void WriteStruct(CompactWriter* w, const FileMetaData& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.version);
  WriteField(w, 2, v.schema);
  WriteField(w, 3, v.num_rows);
  WriteField(w, 4, v.row_groups);
  WriteField(w, 5, v.key_value_metadata);
  WriteField(w, 6, v.created_by);
  WriteField(w, 7, v.column_orders);
  WriteField(w, 9, v.footer_signing_key_metadata);
  w->WriteStructEnd();
}

void Serialize(const FileMetaData& v, Buffer* out) {
  CompactWriter w(out);
  WriteStruct(&w, v);
}

}  // namespace sluice::parquet::format
