// Readers for the page index: ColumnIndex and OffsetIndex.
#include "sluice/parquet/format/metadata_codec.h"
#include "sluice/parquet/format/struct_io.h"

namespace sluice::parquet::format {

Status ReadStruct(CompactReader* r, PageLocation* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->offset, &seen);
      case 2:
        return ReadField(r, f, &out->compressed_page_size, &seen);
      case 3:
        return ReadField(r, f, &out->first_row_index, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "PageLocation", {{1, "offset"}, {2, "compressed_page_size"}, {3, "first_row_index"}});
}

Status ReadStruct(CompactReader* r, OffsetIndex* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->page_locations, &seen);
      case 2:
        return ReadField(r, f, &out->unencoded_byte_array_data_bytes, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "OffsetIndex", {{1, "page_locations"}});
}

Status ReadStruct(CompactReader* r, ColumnIndex* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->null_pages, &seen);
      case 2:
        return ReadField(r, f, &out->min_values, &seen);
      case 3:
        return ReadField(r, f, &out->max_values, &seen);
      case 4:
        return ReadField(r, f, &out->boundary_order, &seen);
      case 5:
        return ReadField(r, f, &out->null_counts, &seen);
      case 6:
        return ReadField(r, f, &out->repetition_level_histograms, &seen);
      case 7:
        return ReadField(r, f, &out->definition_level_histograms, &seen);
      case 8:
        return ReadField(r, f, &out->nan_counts, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "ColumnIndex",
                      {{1, "null_pages"}, {2, "min_values"}, {3, "max_values"}, {4, "boundary_order"}});
}

Result<ColumnIndex> DeserializeColumnIndex(std::span<const uint8_t> bytes) {
  CompactReader r(bytes.data(), static_cast<int64_t>(bytes.size()));
  ColumnIndex out;
  SLUICE_RETURN_NOT_OK(ReadStruct(&r, &out));
  return out;
}

Result<OffsetIndex> DeserializeOffsetIndex(std::span<const uint8_t> bytes) {
  CompactReader r(bytes.data(), static_cast<int64_t>(bytes.size()));
  OffsetIndex out;
  SLUICE_RETURN_NOT_OK(ReadStruct(&r, &out));
  return out;
}

}  // namespace sluice::parquet::format
