// Field tables, readers and writers for the page index: ColumnIndex and OffsetIndex.
#include "sluice/parquet/format/field_table.h"
#include "sluice/parquet/format/metadata_codec.h"

namespace sluice::parquet::format {

namespace {

constexpr StructTable kPageLocation{
    "PageLocation",
    Required(1, "offset", &PageLocation::offset),
    Required(2, "compressed_page_size", &PageLocation::compressed_page_size),
    Required(3, "first_row_index", &PageLocation::first_row_index),
};

constexpr StructTable kOffsetIndex{
    "OffsetIndex",
    Required(1, "page_locations", &OffsetIndex::page_locations),
    Optional(2, "unencoded_byte_array_data_bytes", &OffsetIndex::unencoded_byte_array_data_bytes),
};

constexpr StructTable kColumnIndex{
    "ColumnIndex",
    Required(1, "null_pages", &ColumnIndex::null_pages),
    Required(2, "min_values", &ColumnIndex::min_values),
    Required(3, "max_values", &ColumnIndex::max_values),
    Required(4, "boundary_order", &ColumnIndex::boundary_order),
    Optional(5, "null_counts", &ColumnIndex::null_counts),
    Optional(6, "repetition_level_histograms", &ColumnIndex::repetition_level_histograms),
    Optional(7, "definition_level_histograms", &ColumnIndex::definition_level_histograms),
    Optional(8, "nan_counts", &ColumnIndex::nan_counts),
};

}  // namespace

SLUICE_STRUCT_IO_FROM_TABLE(PageLocation, kPageLocation)
SLUICE_STRUCT_IO_FROM_TABLE(OffsetIndex, kOffsetIndex)
SLUICE_STRUCT_IO_FROM_TABLE(ColumnIndex, kColumnIndex)

Result<ColumnIndex> DeserializeColumnIndex(std::span<const uint8_t> bytes) {
  return DeserializeStruct<ColumnIndex>(bytes);
}

Result<OffsetIndex> DeserializeOffsetIndex(std::span<const uint8_t> bytes) {
  return DeserializeStruct<OffsetIndex>(bytes);
}

void Serialize(const ColumnIndex& v, Buffer* out) { SerializeStruct(v, out); }
void Serialize(const OffsetIndex& v, Buffer* out) { SerializeStruct(v, out); }

}  // namespace sluice::parquet::format
