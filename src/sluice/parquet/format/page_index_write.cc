// Writers for the page index: ColumnIndex and OffsetIndex.
#include "sluice/parquet/format/metadata_codec.h"
#include "sluice/parquet/format/struct_io.h"

namespace sluice::parquet::format {

void WriteStruct(CompactWriter* w, const PageLocation& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.offset);
  WriteField(w, 2, v.compressed_page_size);
  WriteField(w, 3, v.first_row_index);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const OffsetIndex& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.page_locations);
  WriteField(w, 2, v.unencoded_byte_array_data_bytes);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const ColumnIndex& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.null_pages);
  WriteField(w, 2, v.min_values);
  WriteField(w, 3, v.max_values);
  WriteField(w, 4, v.boundary_order);
  WriteField(w, 5, v.null_counts);
  WriteField(w, 6, v.repetition_level_histograms);
  WriteField(w, 7, v.definition_level_histograms);
  WriteField(w, 8, v.nan_counts);
  w->WriteStructEnd();
}

void Serialize(const ColumnIndex& v, Buffer* out) {
  CompactWriter w(out);
  WriteStruct(&w, v);
}

void Serialize(const OffsetIndex& v, Buffer* out) {
  CompactWriter w(out);
  WriteStruct(&w, v);
}

}  // namespace sluice::parquet::format
