#pragma once

// Internal to parquet/format: the value level shared by the per-struct readers and
// writers (*_fields.cc, driven by field_table.h). Not part of the public interface.

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/parquet/format/parquet_types.h"
#include "sluice/parquet/thrift/compact_reader.h"
#include "sluice/parquet/thrift/compact_writer.h"

namespace sluice::parquet::format {

using thrift::CompactReader;
using thrift::CompactType;
using thrift::CompactWriter;
using thrift::FieldHeader;
using thrift::ListHeader;

// Union members of LogicalType by thrift field id (index); id 9 is reserved (INTERVAL).
inline constexpr std::array<LogicalType::Kind, 20> kLogicalTypeMembers = {
    LogicalType::Kind::kFuture,    LogicalType::Kind::kString,  LogicalType::Kind::kMap,
    LogicalType::Kind::kList,      LogicalType::Kind::kEnum,    LogicalType::Kind::kDecimal,
    LogicalType::Kind::kDate,      LogicalType::Kind::kTime,    LogicalType::Kind::kTimestamp,
    LogicalType::Kind::kFuture,    LogicalType::Kind::kInteger, LogicalType::Kind::kUnknown,
    LogicalType::Kind::kJson,      LogicalType::Kind::kBson,    LogicalType::Kind::kUuid,
    LogicalType::Kind::kFloat16,   LogicalType::Kind::kVariant, LogicalType::Kind::kGeometry,
    LogicalType::Kind::kGeography, LogicalType::Kind::kVector,
};

// Every struct reader/writer; defined in the *_fields.cc files.
// clang-format off
#define SLUICE_FORMAT_STRUCTS(X) \
  X(SizeStatistics) \
  X(BoundingBox) \
  X(GeospatialStatistics) \
  X(Statistics) \
  X(DecimalType) \
  X(TimestampType) \
  X(TimeType) \
  X(IntType) \
  X(VariantType) \
  X(GeometryType) \
  X(GeographyType) \
  X(LogicalType) \
  X(SchemaElement) \
  X(DataPageHeader) \
  X(IndexPageHeader) \
  X(DictionaryPageHeader) \
  X(DataPageHeaderV2) \
  X(PageHeader) \
  X(KeyValue) \
  X(SortingColumn) \
  X(PageEncodingStats) \
  X(ColumnMetaData) \
  X(ColumnChunk) \
  X(RowGroup) \
  X(ColumnOrder) \
  X(PageLocation) \
  X(OffsetIndex) \
  X(ColumnIndex) \
  X(FileMetaData)
// clang-format on

#define SLUICE_DECLARE_STRUCT_IO(T)            \
  Status ReadStruct(CompactReader* r, T* out); \
  void WriteStruct(CompactWriter* w, const T& v);
SLUICE_FORMAT_STRUCTS(SLUICE_DECLARE_STRUCT_IO)
#undef SLUICE_DECLARE_STRUCT_IO

// TimeUnit is an enum in C++ but a union of empty structs on the wire.
Status ReadStruct(CompactReader* r, TimeUnit* out);
void WriteStruct(CompactWriter* w, const TimeUnit& v);

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};

// The compact wire type that carries a C++ field of type T.
template <typename T>
constexpr CompactType WireType() {
  if constexpr (std::is_same_v<T, bool>)
    return CompactType::kBoolTrue;
  else if constexpr (std::is_same_v<T, int8_t>)
    return CompactType::kByte;
  else if constexpr (std::is_same_v<T, int16_t>)
    return CompactType::kI16;
  else if constexpr (std::is_same_v<T, int32_t>)
    return CompactType::kI32;
  else if constexpr (std::is_same_v<T, int64_t>)
    return CompactType::kI64;
  else if constexpr (std::is_same_v<T, double>)
    return CompactType::kDouble;
  else if constexpr (std::is_same_v<T, std::string>)
    return CompactType::kBinary;
  else if constexpr (std::is_same_v<T, TimeUnit>)
    return CompactType::kStruct;
  else if constexpr (std::is_enum_v<T>)
    return CompactType::kI32;
  else if constexpr (IsVector<T>::value)
    return CompactType::kList;
  else
    return CompactType::kStruct;
}

// Returns true iff a value of wire type `t` can be read into a T.
template <typename T>
bool WireMatches(CompactType t) {
  if constexpr (std::is_same_v<T, bool>)
    return thrift::IsBool(t);
  else if constexpr (IsVector<T>::value)
    return t == CompactType::kList || t == CompactType::kSet;
  else
    return t == WireType<T>();
}

// ---- reading ----

inline Status ReadValue(CompactReader* r, bool* out) { return r->ReadBool(out); }
inline Status ReadValue(CompactReader* r, int8_t* out) { return r->ReadI8(out); }
inline Status ReadValue(CompactReader* r, int16_t* out) { return r->ReadI16(out); }
inline Status ReadValue(CompactReader* r, int32_t* out) { return r->ReadI32(out); }
inline Status ReadValue(CompactReader* r, int64_t* out) { return r->ReadI64(out); }
inline Status ReadValue(CompactReader* r, double* out) { return r->ReadDouble(out); }
inline Status ReadValue(CompactReader* r, std::string* out) { return r->ReadString(out); }
template <typename E>
requires std::is_enum_v<E> Status ReadValue(CompactReader* r, E* out) {
  if constexpr (std::is_same_v<E, TimeUnit>) {
    return ReadStruct(r, out);
  } else {
    // Unknown enum values are kept as-is (fixed underlying type, no UB).
    int32_t v = 0;
    SLUICE_RETURN_NOT_OK(r->ReadI32(&v));
    *out = static_cast<E>(v);
    return Status::OK();
  }
}
template <typename T>
requires std::is_class_v<T> &&(!IsVector<T>::value) && (!std::is_same_v<T, std::string>)Status
    ReadValue(CompactReader* r, T* out) {
  return ReadStruct(r, out);
}

// Reads a list header and checks the element type against T.
template <typename T>
Status ReadListHeaderOf(CompactReader* r, ListHeader* h) {
  SLUICE_RETURN_NOT_OK(r->ReadListBegin(h));
  if (h->size > 0 && !WireMatches<T>(h->elem_type)) {
    return Status::Corrupt("thrift compact: list element type {} does not match expected {} at byte {}",
                           static_cast<int>(h->elem_type), static_cast<int>(WireType<T>()), r->bytes_read());
  }
  return Status::OK();
}

inline Status ReadValue(CompactReader* r, std::vector<bool>* out) {
  ListHeader h;
  SLUICE_RETURN_NOT_OK(ReadListHeaderOf<bool>(r, &h));
  out->assign(static_cast<size_t>(h.size), false);
  for (int32_t i = 0; i < h.size; ++i) {
    bool b = false;
    SLUICE_RETURN_NOT_OK(r->ReadBool(&b));
    (*out)[i] = b;
  }
  return r->ReadListEnd();
}

template <typename T>
Status ReadValue(CompactReader* r, std::vector<T>* out) {
  ListHeader h;
  SLUICE_RETURN_NOT_OK(ReadListHeaderOf<T>(r, &h));
  out->clear();
  // h.size is bounded by the remaining bytes; cap the up-front reservation for
  // large element types so a lying header cannot multiply memory.
  constexpr int32_t kMaxReserve = std::is_arithmetic_v<T> || std::is_enum_v<T> ? INT32_MAX : 1024;
  out->reserve(static_cast<size_t>(std::min(h.size, kMaxReserve)));
  for (int32_t i = 0; i < h.size; ++i) {
    SLUICE_RETURN_NOT_OK(ReadValue(r, &out->emplace_back()));
  }
  return r->ReadListEnd();
}

// Reads a struct's fields, calling `on_field(const FieldHeader&) -> Status` for each;
// on_field must consume the value (read or r->Skip it).
template <typename OnField>
Status ReadFields(CompactReader* r, OnField&& on_field) {
  SLUICE_RETURN_NOT_OK(r->ReadStructBegin());
  while (true) {
    FieldHeader f;
    SLUICE_RETURN_NOT_OK(r->ReadFieldHeader(&f));
    if (f.type == CompactType::kStop) break;
    SLUICE_RETURN_NOT_OK(on_field(f));
  }
  return r->ReadStructEnd();
}

// ---- writing ----

inline void WriteValue(CompactWriter* w, bool v) { w->WriteBool(v); }
inline void WriteValue(CompactWriter* w, int8_t v) { w->WriteI8(v); }
inline void WriteValue(CompactWriter* w, int16_t v) { w->WriteI16(v); }
inline void WriteValue(CompactWriter* w, int32_t v) { w->WriteI32(v); }
inline void WriteValue(CompactWriter* w, int64_t v) { w->WriteI64(v); }
inline void WriteValue(CompactWriter* w, double v) { w->WriteDouble(v); }
inline void WriteValue(CompactWriter* w, const std::string& v) { w->WriteBinary(v); }
template <typename E>
requires std::is_enum_v<E>
void WriteValue(CompactWriter* w, E v) {
  if constexpr (std::is_same_v<E, TimeUnit>) {
    WriteStruct(w, v);
  } else {
    w->WriteI32(static_cast<int32_t>(v));
  }
}
template <typename T>
requires std::is_class_v<T> &&(!IsVector<T>::value) &&
    (!std::is_same_v<T, std::string>)void WriteValue(CompactWriter* w, const T& v) {
  WriteStruct(w, v);
}
template <typename T>
void WriteValue(CompactWriter* w, const std::vector<T>& v) {
  w->WriteListHeader(WireType<T>(), static_cast<int32_t>(v.size()));
  for (const auto& e : v) WriteValue(w, static_cast<const T&>(e));
}

// Writes field `id` holding `v`.
template <typename T>
void WriteField(CompactWriter* w, int16_t id, const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    w->WriteFieldBool(id, v);
  } else {
    w->WriteFieldHeader(WireType<T>(), id);
    WriteValue(w, v);
  }
}

}  // namespace sluice::parquet::format
