// Writers for SchemaElement and the LogicalType union with its parameter structs.
#include "sluice/parquet/format/struct_io.h"

namespace sluice::parquet::format {

namespace {

// Writes an empty struct as union member `id`.
void WriteEmptyMember(CompactWriter* w, int16_t id) {
  w->WriteFieldHeader(CompactType::kStruct, id);
  w->WriteStructBegin();
  w->WriteStructEnd();
}

// Returns the union member id of `kind`, or 0 for kNone/kFuture (not writable).
int16_t LogicalTypeMemberId(LogicalType::Kind kind) {
  if (kind == LogicalType::Kind::kFuture) return 0;
  for (size_t id = 1; id < kLogicalTypeMembers.size(); ++id) {
    if (kLogicalTypeMembers[id] == kind) return static_cast<int16_t>(id);
  }
  return 0;
}

}  // namespace

void WriteStruct(CompactWriter* w, const DecimalType& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.scale);
  WriteField(w, 2, v.precision);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const TimeUnit& v) {
  w->WriteStructBegin();
  WriteEmptyMember(w, static_cast<int16_t>(v));
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const TimeType& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.is_adjusted_to_utc);
  WriteField(w, 2, v.unit);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const TimestampType& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.is_adjusted_to_utc);
  WriteField(w, 2, v.unit);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const IntType& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.bit_width);
  WriteField(w, 2, v.is_signed);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const VariantType& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.specification_version);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const GeometryType& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.crs);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const GeographyType& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.crs);
  WriteField(w, 2, v.algorithm);
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const LogicalType& v) {
  using Kind = LogicalType::Kind;
  w->WriteStructBegin();
  const int16_t id = LogicalTypeMemberId(v.kind);
  switch (v.kind) {
    case Kind::kDecimal:
      WriteField(w, id, v.decimal);
      break;
    case Kind::kTime:
      WriteField(w, id, v.time);
      break;
    case Kind::kTimestamp:
      WriteField(w, id, v.timestamp);
      break;
    case Kind::kInteger:
      WriteField(w, id, v.integer);
      break;
    case Kind::kVariant:
      WriteField(w, id, v.variant);
      break;
    case Kind::kGeometry:
      WriteField(w, id, v.geometry);
      break;
    case Kind::kGeography:
      WriteField(w, id, v.geography);
      break;
    default:
      if (id != 0) WriteEmptyMember(w, id);
      break;
  }
  w->WriteStructEnd();
}

void WriteStruct(CompactWriter* w, const SchemaElement& v) {
  w->WriteStructBegin();
  WriteField(w, 1, v.type);
  WriteField(w, 2, v.type_length);
  WriteField(w, 3, v.repetition_type);
  WriteField(w, 4, v.name);
  WriteField(w, 5, v.num_children);
  WriteField(w, 6, v.converted_type);
  WriteField(w, 7, v.scale);
  WriteField(w, 8, v.precision);
  WriteField(w, 9, v.field_id);
  // An empty union is not valid thrift: kNone and kFuture write no logicalType.
  if (v.logical_type && LogicalTypeMemberId(v.logical_type->kind) != 0) WriteField(w, 10, *v.logical_type);
  WriteField(w, 11, v.vector_length);
  w->WriteStructEnd();
}

}  // namespace sluice::parquet::format
