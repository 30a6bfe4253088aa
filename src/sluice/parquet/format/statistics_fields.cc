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

SLUICE_STRUCT_IO_FROM_TABLE(SizeStatistics, kSizeStatistics)
SLUICE_STRUCT_IO_FROM_TABLE(BoundingBox, kBoundingBox)
SLUICE_STRUCT_IO_FROM_TABLE(GeospatialStatistics, kGeospatialStatistics)
SLUICE_STRUCT_IO_FROM_TABLE(Statistics, kStatistics)

}  // namespace sluice::parquet::format
