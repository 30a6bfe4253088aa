#pragma once

// Internal to parquet/format: one constexpr table per thrift struct drives its
// reader, its writer and its required-field check, so a field is spelled once.
//
//   constexpr StructTable kKeyValue{
//       "KeyValue",
//       Required(1, "key", &KeyValue::key),
//       Optional(2, "value", &KeyValue::value),
//   };
//   SLUICE_STRUCT_IO_FROM_TABLE(KeyValue, kKeyValue)
//
// A row is {thrift field id, name, member pointer, required?, value codec}.
// Required() takes a plain member, Optional() a std::optional<> one; the codec
// defaults to DefaultCodec<T> (the encoding struct_io.h picks for T) and can be given
// as the first template argument. Everything is resolved at compile time: the
// reader is a binary search on constant ids (unknown ids are skipped), the writer
// writes the set fields in table order, which must be ascending by id.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

#include "sluice/common/buffer.h"
#include "sluice/parquet/format/struct_io.h"

namespace sluice::parquet::format {

// The default value codec: how a C++ value of type T travels as a field value.
// A custom codec derives from it and overrides what differs.
template <typename T>
struct DefaultCodec {
  using Type = T;
  // Returns true iff a field of wire type `t` can be read into a T.
  static bool Matches(CompactType t) { return WireMatches<T>(t); }
  static Status Read(CompactReader* r, T* out) { return ReadValue(r, out); }
  // Returns true iff a set optional field holding `v` is left out when written.
  static bool Omit(const T&) { return false; }
  // Writes field `id` holding `v`.
  static void Write(CompactWriter* w, int16_t id, const T& v) { WriteField(w, id, v); }
};

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

// One row of a table. M is the member's declared type (std::optional<> for optional fields).
template <typename S, typename M, typename Codec>
struct FieldDesc {
  using Struct = S;
  using Member = M;
  using ValueCodec = Codec;
  int16_t id;
  const char* name;
  M S::*member;
  bool required;
};

template <typename Codec, typename M>
using CodecFor = std::conditional_t<std::is_void_v<Codec>, DefaultCodec<M>, Codec>;

// A required field: a plain (non-optional) member.
template <typename Codec = void, typename S, typename M>
constexpr FieldDesc<S, M, CodecFor<Codec, M>> Required(int16_t id, const char* name, M S::*member) {
  static_assert(!IsOptional<M>::value, "a required field is a plain member");
  static_assert(std::is_same_v<typename CodecFor<Codec, M>::Type, M>, "codec does not fit the member");
  return {id, name, member, true};
}

// An optional field: a std::optional<T> member.
template <typename Codec = void, typename S, typename T>
constexpr FieldDesc<S, std::optional<T>, CodecFor<Codec, T>> Optional(int16_t id, const char* name,
                                                                      std::optional<T> S::*member) {
  static_assert(std::is_same_v<typename CodecFor<Codec, T>::Type, T>, "codec does not fit the member");
  return {id, name, member, false};
}

// Id, name and requiredness of a field, for the (cold) missing-field error.
struct FieldInfo {
  int16_t id;
  const char* name;
  bool required;
};

// The field table of struct S: its name and one FieldDesc per field, in ascending id order.
// Written with a trailing comma, so that clang-format keeps one field per line.
template <typename S, typename... F>
struct StructTable {
  static_assert((std::is_same_v<typename F::Struct, S> && ...), "all fields must belong to one struct");
  using Struct = S;
  static constexpr size_t kSize = sizeof...(F);
  const char* name;
  std::tuple<F...> fields;

  constexpr explicit StructTable(const char* struct_name, F... f) : name(struct_name), fields(f...) {}

  constexpr std::array<FieldInfo, kSize> Infos() const {
    return std::apply(
        [](const F&... f) {
          return std::array<FieldInfo, kSize>{FieldInfo{f.id, f.name, f.required}...};
        },
        fields);
  }
  // Returns true iff ids are ascending, unique and in [1, 31] (the seen-mask width).
  constexpr bool IdsValid() const {
    int prev = 0;
    for (const FieldInfo& f : Infos()) {
      if (f.id <= prev || f.id > 31) return false;
      prev = f.id;
    }
    return true;
  }
  // Bit `id` is set for every required field.
  constexpr uint32_t RequiredMask() const {
    uint32_t mask = 0;
    for (const FieldInfo& f : Infos()) {
      if (f.required) mask |= 1u << f.id;
    }
    return mask;
  }
};
// The struct is the one the first field belongs to; a struct without fields names it: StructTable<S>{"S"}.
template <typename F0, typename... F>
StructTable(const char*, F0, F...) -> StructTable<typename F0::Struct, F0, F...>;

// Returns Corrupt naming `struct_name` and the first required field in `fields` missing from `seen`.
Status MissingRequiredField(const CompactReader& r, const char* struct_name, std::span<const FieldInfo> fields,
                            uint32_t seen);

namespace field_table_internal {

// Reads field `f` into out->*kMember, marking kId in `seen`; a wire type that does not fit the
// codec is skipped and leaves the field unseen. Id and member are template arguments so that
// both are constants in the generated code.
template <typename Codec, int16_t kId, auto kMember, typename S>
Status ReadOne(CompactReader* r, const FieldHeader& f, S* out, uint32_t* seen) {
  if (!Codec::Matches(f.type)) return r->Skip(f.type);
  auto& slot = out->*kMember;
  if constexpr (IsOptional<std::remove_cvref_t<decltype(slot)>>::value) {
    SLUICE_RETURN_NOT_OK(Codec::Read(r, &slot.emplace()));
  } else {
    SLUICE_RETURN_NOT_OK(Codec::Read(r, &slot));
  }
  *seen |= 1u << kId;
  return Status::OK();
}

// Dispatches field `f` to the row of rows [kLo, kHi) with its id, or skips it when no row has it:
// a binary search over the (ascending) constant ids, unrolled at compile time.
template <const auto& kTable, size_t kLo, size_t kHi>
Status ReadById(CompactReader* r, const FieldHeader& f, typename std::decay_t<decltype(kTable)>::Struct* out,
                uint32_t* seen) {
  if constexpr (kLo == kHi) {
    return r->Skip(f.type);
  } else {
    constexpr size_t kMid = (kLo + kHi) / 2;
    using Desc = std::tuple_element_t<kMid, decltype(kTable.fields)>;
    constexpr int16_t kId = std::get<kMid>(kTable.fields).id;
    constexpr auto kMember = std::get<kMid>(kTable.fields).member;
    if (f.id == kId) return ReadOne<typename Desc::ValueCodec, kId, kMember>(r, f, out, seen);
    if (f.id < kId) return ReadById<kTable, kLo, kMid>(r, f, out, seen);
    return ReadById<kTable, kMid + 1, kHi>(r, f, out, seen);
  }
}

// Writes field kId from v.*kMember (an optional one only when set and not omitted by the codec).
template <typename Codec, int16_t kId, auto kMember, typename S>
void WriteOne(CompactWriter* w, const S& v) {
  const auto& slot = v.*kMember;
  if constexpr (IsOptional<std::remove_cvref_t<decltype(slot)>>::value) {
    if (slot.has_value() && !Codec::Omit(*slot)) Codec::Write(w, kId, *slot);
  } else {
    Codec::Write(w, kId, slot);
  }
}

template <const auto& kTable, size_t... I>
void WriteAll([[maybe_unused]] CompactWriter* w,
              [[maybe_unused]] const typename std::decay_t<decltype(kTable)>::Struct& v, std::index_sequence<I...>) {
  (WriteOne<typename std::tuple_element_t<I, decltype(kTable.fields)>::ValueCodec, std::get<I>(kTable.fields).id,
            std::get<I>(kTable.fields).member>(w, v),
   ...);
}

}  // namespace field_table_internal

// Reads a struct described by kTable into *out (fields not on the wire keep their value).
template <const auto& kTable>
Status ReadTable(CompactReader* r, typename std::decay_t<decltype(kTable)>::Struct* out) {
  static_assert(kTable.IdsValid(), "field ids must be ascending, unique and in [1, 31]");
  constexpr uint32_t kRequired = kTable.RequiredMask();
  uint32_t seen = 0;
  SLUICE_RETURN_NOT_OK(r->ReadStructBegin());
  while (true) {
    FieldHeader f;
    SLUICE_RETURN_NOT_OK(r->ReadFieldHeader(&f));
    if (f.type == CompactType::kStop) break;
    SLUICE_RETURN_NOT_OK((field_table_internal::ReadById<kTable, 0, kTable.kSize>(r, f, out, &seen)));
  }
  SLUICE_RETURN_NOT_OK(r->ReadStructEnd());
  if ((seen & kRequired) != kRequired) [[unlikely]] {
    static constexpr auto kInfos = kTable.Infos();
    return MissingRequiredField(*r, kTable.name, kInfos, seen);
  }
  return Status::OK();
}

// Writes `v` as the struct described by kTable: its set fields in ascending id order.
template <const auto& kTable>
void WriteTable(CompactWriter* w, const typename std::decay_t<decltype(kTable)>::Struct& v) {
  static_assert(kTable.IdsValid(), "field ids must be ascending, unique and in [1, 31]");
  w->WriteStructBegin();
  field_table_internal::WriteAll<kTable>(w, v, std::make_index_sequence<std::decay_t<decltype(kTable)>::kSize>());
  w->WriteStructEnd();
}

// Decodes one T from the front of `bytes`; sets *used (if given) to the bytes it took.
template <typename T>
Result<T> DeserializeStruct(std::span<const uint8_t> bytes, int64_t* used = nullptr) {
  CompactReader r(bytes.data(), static_cast<int64_t>(bytes.size()));
  T out;
  SLUICE_RETURN_NOT_OK(ReadStruct(&r, &out));
  if (used != nullptr) *used = r.bytes_read();
  return out;
}

// Appends the compact encoding of `v` to `out`.
template <typename T>
void SerializeStruct(const T& v, Buffer* out) {
  CompactWriter w(out);
  WriteStruct(&w, v);
}

}  // namespace sluice::parquet::format

// Defines ReadStruct and WriteStruct of struct T (declared in struct_io.h) from its table.
#define SLUICE_STRUCT_IO_FROM_TABLE(T, table)                                      \
  Status ReadStruct(CompactReader* r, T* out) { return ReadTable<table>(r, out); } \
  void WriteStruct(CompactWriter* w, const T& v) { WriteTable<table>(w, v); }
