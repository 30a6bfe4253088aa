// Writers for the statistics structs of parquet.thrift.
#include "sluice/parquet/format/struct_io.h"

namespace sluice::parquet::format {

void WriteStruct(CompactWriter* w, const SizeStatistics& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.unencoded_byte_array_data_bytes);
  WriteField(w, 2, v.repetition_level_histogram);
  WriteField(w, 3, v.definition_level_histogram);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const BoundingBox& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.xmin);
  WriteField(w, 2, v.xmax);
  WriteField(w, 3, v.ymin);
  WriteField(w, 4, v.ymax);
  WriteField(w, 5, v.zmin);
  WriteField(w, 6, v.zmax);
  WriteField(w, 7, v.mmin);
  WriteField(w, 8, v.mmax);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const GeospatialStatistics& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.bbox);
  WriteField(w, 2, v.geospatial_types);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const Statistics& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.max);
  WriteField(w, 2, v.min);
  WriteField(w, 3, v.null_count);
  WriteField(w, 4, v.distinct_count);
  WriteField(w, 5, v.max_value);
  WriteField(w, 6, v.min_value);
  WriteField(w, 7, v.is_max_value_exact);
  WriteField(w, 8, v.is_min_value_exact);
  WriteField(w, 9, v.nan_count);
  w->WriteStructEnd();
}

}  // namespace sluice::parquet::format
