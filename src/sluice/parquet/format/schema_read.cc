// Readers for SchemaElement and the LogicalType union with its parameter structs.
#include "sluice/parquet/format/struct_io.h"

namespace sluice::parquet::format {

Status ReadStruct(CompactReader* r, DecimalType* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->scale, &seen);
      case 2:
        return ReadField(r, f, &out->precision, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "DecimalType", {{1, "scale"}, {2, "precision"}});
}

Status ReadStruct(CompactReader* r, TimeUnit* out) {
  // A union of empty structs: the id of the set member is the unit. An
  // unknown id is kept as-is (IsKnown() tells); no member leaves 0.
  *out = static_cast<TimeUnit>(0);
  return ReadFields(r, [&](const FieldHeader& f) -> Status {
    if (f.type == CompactType::kStruct && static_cast<int16_t>(*out) == 0) *out = static_cast<TimeUnit>(f.id);
    return r->Skip(f.type);
  });
}

// TimeType and TimestampType share their layout.
template <typename T>
Status ReadTimeLike(CompactReader* r, T* out, const char* name) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->is_adjusted_to_utc, &seen);
      case 2:
        return ReadField(r, f, &out->unit, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, name, {{1, "isAdjustedToUTC"}, {2, "unit"}});
}

Status ReadStruct(CompactReader* r, TimeType* out) { return ReadTimeLike(r, out, "TimeType"); }
Status ReadStruct(CompactReader* r, TimestampType* out) { return ReadTimeLike(r, out, "TimestampType"); }

Status ReadStruct(CompactReader* r, IntType* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->bit_width, &seen);
      case 2:
        return ReadField(r, f, &out->is_signed, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "IntType", {{1, "bitWidth"}, {2, "isSigned"}});
}

Status ReadStruct(CompactReader* r, VariantType* out) {
  FieldSet seen;
  return ReadFields(r, [&](const FieldHeader& f) -> Status {
    if (f.id == 1) return ReadField(r, f, &out->specification_version, &seen);
    return r->Skip(f.type);
  });
}

Status ReadStruct(CompactReader* r, GeometryType* out) {
  FieldSet seen;
  return ReadFields(r, [&](const FieldHeader& f) -> Status {
    if (f.id == 1) return ReadField(r, f, &out->crs, &seen);
    return r->Skip(f.type);
  });
}

Status ReadStruct(CompactReader* r, GeographyType* out) {
  FieldSet seen;
  return ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->crs, &seen);
      case 2:
        return ReadField(r, f, &out->algorithm, &seen);
      default:
        return r->Skip(f.type);
    }
  });
}

Status ReadStruct(CompactReader* r, LogicalType* out) {
  using Kind = LogicalType::Kind;
  *out = LogicalType{};
  return ReadFields(r, [&](const FieldHeader& f) -> Status {
    // Every member is a struct; anything else is not a member we can know.
    if (f.type != CompactType::kStruct || out->kind != Kind::kNone) return r->Skip(f.type);
    const Kind kind =
        f.id > 0 && static_cast<size_t>(f.id) < kLogicalTypeMembers.size() ? kLogicalTypeMembers[f.id] : Kind::kFuture;
    out->kind = kind;
    switch (kind) {
      case Kind::kDecimal:
        return ReadStruct(r, &out->decimal);
      case Kind::kTime:
        return ReadStruct(r, &out->time);
      case Kind::kTimestamp:
        return ReadStruct(r, &out->timestamp);
      case Kind::kInteger:
        return ReadStruct(r, &out->integer);
      case Kind::kVariant:
        return ReadStruct(r, &out->variant);
      case Kind::kGeometry:
        return ReadStruct(r, &out->geometry);
      case Kind::kGeography:
        return ReadStruct(r, &out->geography);
      case Kind::kFuture:
        out->future_member_id = f.id;
        return r->Skip(f.type);
      default:
        return r->Skip(f.type);  // members without parameters (empty structs)
    }
  });
}

Status ReadStruct(CompactReader* r, SchemaElement* out) {
  FieldSet seen;
  SLUICE_RETURN_NOT_OK(ReadFields(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadField(r, f, &out->type, &seen);
      case 2:
        return ReadField(r, f, &out->type_length, &seen);
      case 3:
        return ReadField(r, f, &out->repetition_type, &seen);
      case 4:
        return ReadField(r, f, &out->name, &seen);
      case 5:
        return ReadField(r, f, &out->num_children, &seen);
      case 6:
        return ReadField(r, f, &out->converted_type, &seen);
      case 7:
        return ReadField(r, f, &out->scale, &seen);
      case 8:
        return ReadField(r, f, &out->precision, &seen);
      case 9:
        return ReadField(r, f, &out->field_id, &seen);
      case 10:
        return ReadField(r, f, &out->logical_type, &seen);
      case 11:
        return ReadField(r, f, &out->vector_length, &seen);
      default:
        return r->Skip(f.type);
    }
  }));
  return seen.Require(*r, "SchemaElement", {{4, "name"}});
}

}  // namespace sluice::parquet::format
