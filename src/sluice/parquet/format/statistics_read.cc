// Readers for the statistics structs of parquet.thrift.
#include "sluice/parquet/format/struct_io.h"

namespace sluice::parquet::format {

Status ReadStruct(CompactReader* r, SizeStatistics* out) {
  FieldSet seen;
  return ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->unencoded_byte_array_data_bytes, &seen);
      case 2:
        return ReadField(r, f, &out->repetition_level_histogram, &seen);
      case 3:
        return ReadField(r, f, &out->definition_level_histogram, &seen);
      default:
        return r->Skip(f.type);
    }
  });
}

Status ReadStruct(CompactReader* r, BoundingBox* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->xmin, &seen);
      case 2:
        return ReadField(r, f, &out->xmax, &seen);
      case 3:
        return ReadField(r, f, &out->ymin, &seen);
      case 4:
        return ReadField(r, f, &out->ymax, &seen);
      case 5:
        return ReadField(r, f, &out->zmin, &seen);
      case 6:
        return ReadField(r, f, &out->zmax, &seen);
      case 7:
        return ReadField(r, f, &out->mmin, &seen);
      case 8:
        return ReadField(r, f, &out->mmax, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "BoundingBox", {{1, "xmin"}, {2, "xmax"}, {3, "ymin"}, {4, "ymax"}});
}

Status ReadStruct(CompactReader* r, GeospatialStatistics* out) {
  FieldSet seen;
  return ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->bbox, &seen);
      case 2:
        return ReadField(r, f, &out->geospatial_types, &seen);
      default:
        return r->Skip(f.type);
    }
  });
}

Status ReadStruct(CompactReader* r, Statistics* out) {
  FieldSet seen;
  return ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->max, &seen);
      case 2:
        return ReadField(r, f, &out->min, &seen);
      case 3:
        return ReadField(r, f, &out->null_count, &seen);
      case 4:
        return ReadField(r, f, &out->distinct_count, &seen);
      case 5:
        return ReadField(r, f, &out->max_value, &seen);
      case 6:
        return ReadField(r, f, &out->min_value, &seen);
      case 7:
        return ReadField(r, f, &out->is_max_value_exact, &seen);
      case 8:
        return ReadField(r, f, &out->is_min_value_exact, &seen);
      case 9:
        return ReadField(r, f, &out->nan_count, &seen);
      default:
        return r->Skip(f.type);
    }
  });
}

}  // namespace sluice::parquet::format
