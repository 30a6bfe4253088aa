// Writers for PageHeader and the per-page-type headers it holds.
#include "sluice/parquet/format/metadata_codec.h"
#include "sluice/parquet/format/struct_io.h"

namespace sluice::parquet::format {

void WriteStruct(CompactWriter* w, const DataPageHeader& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.num_values);
  WriteField(w, 2, v.encoding);
  WriteField(w, 3, v.definition_level_encoding);
  WriteField(w, 4, v.repetition_level_encoding);
  WriteField(w, 5, v.statistics);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const IndexPageHeader&) {
  w->WriteStructBegin();
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const DictionaryPageHeader& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.num_values);
  WriteField(w, 2, v.encoding);
  WriteField(w, 3, v.is_sorted);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const DataPageHeaderV2& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.num_values);
  WriteField(w, 2, v.num_nulls);
  WriteField(w, 3, v.num_rows);
  WriteField(w, 4, v.encoding);
  WriteField(w, 5, v.definition_levels_byte_length);
  WriteField(w, 6, v.repetition_levels_byte_length);
  WriteField(w, 7, v.is_compressed);
  WriteField(w, 8, v.statistics);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const PageHeader& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.type);
  WriteField(w, 2, v.uncompressed_page_size);
  WriteField(w, 3, v.compressed_page_size);
  WriteField(w, 4, v.crc);
  WriteField(w, 5, v.data_page_header);
  WriteField(w, 6, v.index_page_header);
  WriteField(w, 7, v.dictionary_page_header);
  WriteField(w, 8, v.data_page_header_v2);
  w->WriteStructEnd();
}

void Serialize(const PageHeader& v, Buffer* out) {
  CompactWriter w(out);
  WriteStruct(&w, v);
}

}  // namespace sluice::parquet::format
