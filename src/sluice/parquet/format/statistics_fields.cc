// Field tables, readers and writers for the statistics structs of parquet.thrift.
#include "sluice/parquet/format/field_table.h"

namespace sluice::parquet::format {

namespace {

constexpr StructTable kSizeStatistics{
    "SizeStatistics",
    Optional(1, "unencoded_byte_array_data_bytes", &SizeStatistics::unencoded_byte_array_data_bytes),
    Optional(2, "repetition_level_histogram", &SizeStatistics::repetition_level_histogram),
    Optional(3, "definition_level_histogram", &SizeStatistics::definition_level_histogram),
};

constexpr StructTable kBoundingBox{
    "BoundingBox",
    Required(1, "xmin", &BoundingBox::xmin),
    Required(2, "xmax", &BoundingBox::xmax),
    Required(3, "ymin", &BoundingBox::ymin),
    Required(4, "ymax", &BoundingBox::ymax),
    Optional(5, "zmin", &BoundingBox::zmin),
    Optional(6, "zmax", &BoundingBox::zmax),
    Optional(7, "mmin", &BoundingBox::mmin),
    Optional(8, "mmax", &BoundingBox::mmax),
};

constexpr StructTable kGeospatialStatistics{
    "GeospatialStatistics",
    Optional(1, "bbox", &GeospatialStatistics::bbox),
    Optional(2, "geospatial_types", &GeospatialStatistics::geospatial_types),
};

constexpr StructTable kStatistics{
    "Statistics",
    Optional(1, "max", &Statistics::max),
    Optional(2, "min", &Statistics::min),
    Optional(3, "null_count", &Statistics::null_count),
    Optional(4, "distinct_count", &Statistics::distinct_count),
    Optional(5, "max_value", &Statistics::max_value),
    Optional(6, "min_value", &Statistics::min_value),
    Optional(7, "is_max_value_exact", &Statistics::is_max_value_exact),
    Optional(8, "is_min_value_exact", &Statistics::is_min_value_exact),
    Optional(9, "nan_count", &Statistics::nan_count),
};

}  // namespace

Status ReadStruct(CompactReader* r, SizeStatistics* out) { return ReadTable<kSizeStatistics>(r, out); }
void WriteStruct(CompactWriter* w, const SizeStatistics& v) { WriteTable<kSizeStatistics>(w, v); }

Status ReadStruct(CompactReader* r, BoundingBox* out) { return ReadTable<kBoundingBox>(r, out); }
void WriteStruct(CompactWriter* w, const BoundingBox& v) { WriteTable<kBoundingBox>(w, v); }

Status ReadStruct(CompactReader* r, GeospatialStatistics* out) { return ReadTable<kGeospatialStatistics>(r, out); }
void WriteStruct(CompactWriter* w, const GeospatialStatistics& v) { WriteTable<kGeospatialStatistics>(w, v); }

Status ReadStruct(CompactReader* r, Statistics* out) { return ReadTable<kStatistics>(r, out); }
void WriteStruct(CompactWriter* w, const Statistics& v) { WriteTable<kStatistics>(w, v); }

}  // namespace sluice::parquet::format
