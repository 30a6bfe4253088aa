// Field tables, readers and writers for SchemaElement and the LogicalType union with its
// parameter structs. The unions (LogicalType, TimeUnit) have hand-written code.
#include <tuple>

#include "sluice/parquet/format/field_table.h"

namespace sluice::parquet::format {

namespace {

// Returns the union member id of `kind`, or 0 for kNone/kFuture (not writable).
int16_t LogicalTypeMemberId(LogicalType::Kind kind) {
  if (kind == LogicalType::Kind::kFuture) return 0;
  for (size_t id = 1; id < kLogicalTypeMembers.size(); ++id) {
    if (kLogicalTypeMembers[id] == kind) return static_cast<int16_t>(id);
  }
  return 0;
}

// SchemaElement.logicalType: an empty union is not valid thrift, so kNone and kFuture write
// no logicalType at all.
struct LogicalTypeCodec : DefaultCodec<LogicalType> {
  static bool Omit(const LogicalType& v) { return LogicalTypeMemberId(v.kind) == 0; }
};

constexpr StructTable kDecimalType{
    "DecimalType",
    Required(1, "scale", &DecimalType::scale),
    Required(2, "precision", &DecimalType::precision),
};

constexpr StructTable kTimeType{
    "TimeType",
    Required(1, "isAdjustedToUTC", &TimeType::is_adjusted_to_utc),
    Required(2, "unit", &TimeType::unit),
};

constexpr StructTable kTimestampType{
    "TimestampType",
    Required(1, "isAdjustedToUTC", &TimestampType::is_adjusted_to_utc),
    Required(2, "unit", &TimestampType::unit),
};

constexpr StructTable kIntType{
    "IntType",
    Required(1, "bitWidth", &IntType::bit_width),
    Required(2, "isSigned", &IntType::is_signed),
};

constexpr StructTable kVariantType{
    "VariantType",
    Optional(1, "specification_version", &VariantType::specification_version),
};

constexpr StructTable kGeometryType{
    "GeometryType",
    Optional(1, "crs", &GeometryType::crs),
};

constexpr StructTable kGeographyType{
    "GeographyType",
    Optional(1, "crs", &GeographyType::crs),
    Optional(2, "algorithm", &GeographyType::algorithm),
};

constexpr StructTable kSchemaElement{
    "SchemaElement",
    Optional(1, "type", &SchemaElement::type),
    Optional(2, "type_length", &SchemaElement::type_length),
    Optional(3, "repetition_type", &SchemaElement::repetition_type),
    Required(4, "name", &SchemaElement::name),
    Optional(5, "num_children", &SchemaElement::num_children),
    Optional(6, "converted_type", &SchemaElement::converted_type),
    Optional(7, "scale", &SchemaElement::scale),
    Optional(8, "precision", &SchemaElement::precision),
    Optional(9, "field_id", &SchemaElement::field_id),
    Optional<LogicalTypeCodec>(10, "logicalType", &SchemaElement::logical_type),
    Optional(11, "vector_length", &SchemaElement::vector_length),
};

// A LogicalType member that carries parameters, and where they live.
template <typename P>
struct ParamMember {
  LogicalType::Kind kind;
  P LogicalType::*params;
};
template <typename P>
ParamMember(LogicalType::Kind, P LogicalType::*) -> ParamMember<P>;  // for clang 14 (no aggregate CTAD)

// Members not listed here are empty structs (their id comes from kLogicalTypeMembers).
constexpr std::tuple kLogicalTypeParams{
    ParamMember{LogicalType::Kind::kDecimal, &LogicalType::decimal},
    ParamMember{LogicalType::Kind::kTime, &LogicalType::time},
    ParamMember{LogicalType::Kind::kTimestamp, &LogicalType::timestamp},
    ParamMember{LogicalType::Kind::kInteger, &LogicalType::integer},
    ParamMember{LogicalType::Kind::kVariant, &LogicalType::variant},
    ParamMember{LogicalType::Kind::kGeometry, &LogicalType::geometry},
    ParamMember{LogicalType::Kind::kGeography, &LogicalType::geography},
};

// Calls fn(params) with the parameter struct of `v.kind`; returns false if it has none.
template <typename LT, typename Fn>
bool VisitParams(LT& v, Fn&& fn) {
  return std::apply([&](const auto&... m) { return ((v.kind == m.kind && (fn(v.*m.params), true)) || ...); },
                    kLogicalTypeParams);
}

// Writes an empty struct as union member `id`.
void WriteEmptyMember(CompactWriter* w, int16_t id) {
  w->WriteFieldHeader(CompactType::kStruct, id);
  w->WriteStructBegin();
  w->WriteStructEnd();
}

}  // namespace

SLUICE_STRUCT_IO_FROM_TABLE(DecimalType, kDecimalType)
SLUICE_STRUCT_IO_FROM_TABLE(TimeType, kTimeType)
SLUICE_STRUCT_IO_FROM_TABLE(TimestampType, kTimestampType)
SLUICE_STRUCT_IO_FROM_TABLE(IntType, kIntType)
SLUICE_STRUCT_IO_FROM_TABLE(VariantType, kVariantType)
SLUICE_STRUCT_IO_FROM_TABLE(GeometryType, kGeometryType)
SLUICE_STRUCT_IO_FROM_TABLE(GeographyType, kGeographyType)
SLUICE_STRUCT_IO_FROM_TABLE(SchemaElement, kSchemaElement)

Status ReadStruct(CompactReader* r, TimeUnit* out) {
  // A union of empty structs: the id of the set member is the unit. An
  // unknown id is kept as-is (IsKnown() tells); no member leaves 0.
  *out = static_cast<TimeUnit>(0);
  return ReadFields(r, [&](const FieldHeader& f) -> Status {
    if (f.type == CompactType::kStruct && static_cast<int16_t>(*out) == 0) *out = static_cast<TimeUnit>(f.id);
    return r->Skip(f.type);
  });
}

void WriteStruct(CompactWriter* w, const TimeUnit& v) {
  w->WriteStructBegin();
  WriteEmptyMember(w, static_cast<int16_t>(v));
  w->WriteStructEnd();
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
    if (kind == Kind::kFuture) out->future_member_id = f.id;
    Status st;
    if (VisitParams(*out, [&](auto& params) { st = ReadStruct(r, &params); })) return st;
    return r->Skip(f.type);  // members without parameters (empty structs) and future members
  });
}

void WriteStruct(CompactWriter* w, const LogicalType& v) {
  w->WriteStructBegin();
  const int16_t id = LogicalTypeMemberId(v.kind);
  if (!VisitParams(v, [&](const auto& params) { WriteField(w, id, params); }) && id != 0) WriteEmptyMember(w, id);
  w->WriteStructEnd();
}

}  // namespace sluice::parquet::format
