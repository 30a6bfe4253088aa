#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "sluice/delta/protocol/actions.h"

namespace sluice::delta {

// One field table per action (and per nested struct): each field's Delta
// name, its member and how required it is, in the order Spark writes them.
// The table drives the JSON parser and writer (delta/log/log_json_*.cc), the
// checkpoint reader (checkpoint_reader_rows.cc) and the checkpoint schema
// and rows (checkpoint_batch_builder.cc), so adding a field is one line here.
//
// A field's kind is its member's type: std::string, int32_t, int64_t, bool,
// std::vector<std::string>, string maps, PartitionValues, the nested structs
// Format and DeletionVectorDescriptor, each also as std::optional (unset =
// omitted on write). Each encoding has one overload per kind, picked at
// compile time: ForEachField unrolls the table, so no per-value dispatch.

enum FieldFlag : uint8_t {
  kOptional = 0,
  // Required in JSON: a member missing from the object is Corrupt. Spark
  // writes every checkpoint field nullable, so a null checkpoint cell reads
  // as the member's default.
  kRequired = 1,
  // A null checkpoint cell is Corrupt too.
  kNonNullInCheckpoint = 2,
  // The action's key (path, id, appId...): required everywhere.
  kKey = kRequired | kNonNullInCheckpoint,
  // A JSON value of an unexpected type is ignored, not refused.
  kLenient = 4,
  // Written as false in checkpoints: a checkpoint is state, not change
  // (what Spark writes; tests/interop/test_delta_checkpoint_write.py).
  kFalseInCheckpoint = 8,
};

// A pointer to a member of S of one of the field kinds.
template <typename S>
using FieldMember =
    std::variant<std::string S::*, std::optional<std::string> S::*, int32_t S::*, std::optional<int32_t> S::*,
                 int64_t S::*, std::optional<int64_t> S::*, bool S::*, std::optional<bool> S::*,
                 std::vector<std::string> S::*, std::optional<std::vector<std::string>> S::*,
                 std::map<std::string, std::string> S::*, std::optional<std::map<std::string, std::string>> S::*,
                 PartitionValues S::*, std::optional<PartitionValues> S::*, Format S::*,
                 std::optional<DeletionVectorDescriptor> S::*>;

template <typename S>
struct FieldDesc {
  std::string_view name;  // the JSON member and checkpoint struct field
  FieldMember<S> member;
  uint8_t flags = kOptional;
};

// FieldTable<S>::kName names S in errors (for an action also its JSON key
// and checkpoint column); kFields lists its fields.
template <typename S>
struct FieldTable;

template <>
struct FieldTable<Protocol> {
  static constexpr std::string_view kName = "protocol";
  static constexpr FieldDesc<Protocol> kFields[] = {
      {"minReaderVersion", &Protocol::min_reader_version, kKey},
      {"minWriterVersion", &Protocol::min_writer_version, kKey},
      {"readerFeatures", &Protocol::reader_features},
      {"writerFeatures", &Protocol::writer_features},
  };
};

template <>
struct FieldTable<Format> {
  static constexpr std::string_view kName = "metaData.format";
  static constexpr FieldDesc<Format> kFields[] = {
      {"provider", &Format::provider},
      {"options", &Format::options},
  };
};

template <>
struct FieldTable<Metadata> {
  static constexpr std::string_view kName = "metaData";
  static constexpr FieldDesc<Metadata> kFields[] = {
      {"id", &Metadata::id, kKey},
      {"name", &Metadata::name},
      {"description", &Metadata::description},
      {"format", &Metadata::format},
      // Required by the protocol, but Spark leaves it out when null
      // (golden/canonicalized-paths-*, golden/deltalog-commit-info, and
      // delta-rs/delta-live-table version 0); it stays empty = no columns.
      {"schemaString", &Metadata::schema_string},
      {"partitionColumns", &Metadata::partition_columns, kRequired},
      {"configuration", &Metadata::configuration},
      {"createdTime", &Metadata::created_time},
  };
};

template <>
struct FieldTable<DeletionVectorDescriptor> {
  static constexpr std::string_view kName = "deletionVector";
  static constexpr FieldDesc<DeletionVectorDescriptor> kFields[] = {
      {"storageType", &DeletionVectorDescriptor::storage_type, kRequired},
      {"pathOrInlineDv", &DeletionVectorDescriptor::path_or_inline_dv, kRequired},
      {"offset", &DeletionVectorDescriptor::offset},
      {"sizeInBytes", &DeletionVectorDescriptor::size_in_bytes, kRequired},
      {"cardinality", &DeletionVectorDescriptor::cardinality, kRequired},
  };
};

template <>
struct FieldTable<Add> {
  static constexpr std::string_view kName = "add";
  static constexpr FieldDesc<Add> kFields[] = {
      {"path", &Add::path, kKey},
      {"partitionValues", &Add::partition_values, kRequired},
      {"size", &Add::size, kRequired},
      {"modificationTime", &Add::modification_time, kRequired},
      {"dataChange", &Add::data_change, kRequired | kFalseInCheckpoint},
      // stats_parsed is not read: the JSON stats column is what the scan prunes with.
      {"stats", &Add::stats},
      {"tags", &Add::tags},
      {"deletionVector", &Add::deletion_vector},
      {"baseRowId", &Add::base_row_id},
      {"defaultRowCommitVersion", &Add::default_row_commit_version},
      {"clusteringProvider", &Add::clustering_provider},
  };
};

template <>
struct FieldTable<Remove> {
  static constexpr std::string_view kName = "remove";
  static constexpr FieldDesc<Remove> kFields[] = {
      {"path", &Remove::path, kKey},
      {"deletionTimestamp", &Remove::deletion_timestamp},
      // Required by the protocol, but Delta 0.2-era writers
      // (delta-rs/delta-0.2.0) left it out; the default (true) applies.
      {"dataChange", &Remove::data_change, kFalseInCheckpoint},
      {"extendedFileMetadata", &Remove::extended_file_metadata},
      {"partitionValues", &Remove::partition_values},
      {"size", &Remove::size},
      {"tags", &Remove::tags},
      {"deletionVector", &Remove::deletion_vector},
      {"baseRowId", &Remove::base_row_id},
      {"defaultRowCommitVersion", &Remove::default_row_commit_version},
  };
};

template <>
struct FieldTable<AddCdc> {
  static constexpr std::string_view kName = "cdc";
  static constexpr FieldDesc<AddCdc> kFields[] = {
      {"path", &AddCdc::path, kKey},
      {"partitionValues", &AddCdc::partition_values, kRequired},
      {"size", &AddCdc::size, kRequired},
      {"dataChange", &AddCdc::data_change, kRequired},
      {"tags", &AddCdc::tags},
  };
};

template <>
struct FieldTable<Txn> {
  static constexpr std::string_view kName = "txn";
  static constexpr FieldDesc<Txn> kFields[] = {
      {"appId", &Txn::app_id, kKey},
      {"version", &Txn::version, kKey},
      {"lastUpdated", &Txn::last_updated},
  };
};

// Only the fields sluice uses: CommitInfo::json keeps the whole object.
// commitInfo is free-form (PROTOCOL.md "Commit Provenance Information"), so
// an odd type is ignored (tests/delta/log/log_json_test.cc
// CommitInfoToleratesOddTypes), except for the in-commit timestamp.
template <>
struct FieldTable<CommitInfo> {
  static constexpr std::string_view kName = "commitInfo";
  static constexpr FieldDesc<CommitInfo> kFields[] = {
      {"timestamp", &CommitInfo::timestamp, kLenient},
      {"inCommitTimestamp", &CommitInfo::in_commit_timestamp},
      {"operation", &CommitInfo::operation, kLenient},
  };
};

template <>
struct FieldTable<DomainMetadata> {
  static constexpr std::string_view kName = "domainMetadata";
  static constexpr FieldDesc<DomainMetadata> kFields[] = {
      {"domain", &DomainMetadata::domain, kKey},
      {"configuration", &DomainMetadata::configuration, kRequired},
      {"removed", &DomainMetadata::removed, kRequired},
  };
};

template <>
struct FieldTable<CheckpointMetadata> {
  static constexpr std::string_view kName = "checkpointMetadata";
  static constexpr FieldDesc<CheckpointMetadata> kFields[] = {
      {"version", &CheckpointMetadata::version, kRequired},
      {"tags", &CheckpointMetadata::tags},
  };
};

template <>
struct FieldTable<Sidecar> {
  static constexpr std::string_view kName = "sidecar";
  static constexpr FieldDesc<Sidecar> kFields[] = {
      {"path", &Sidecar::path, kKey},
      {"sizeInBytes", &Sidecar::size_in_bytes, kRequired},
      {"modificationTime", &Sidecar::modification_time, kRequired},
      {"tags", &Sidecar::tags},
  };
};

template <typename S>
inline constexpr size_t kNumFields = std::size(FieldTable<S>::kFields);

// Field I of S.
template <typename S, size_t I>
inline constexpr const FieldDesc<S>& kField = FieldTable<S>::kFields[I];

// The typed member pointer (M S::*) of field I of S.
template <typename S, size_t I>
inline constexpr auto kMember = std::get<kField<S, I>.member.index()>(kField<S, I>.member);

// The member type M of field I of S.
template <typename S, size_t I>
using FieldType = std::remove_reference_t<decltype(std::declval<S&>().*kMember<S, I>)>;

// Calls fn(std::integral_constant<size_t, I>()) for each field I of S, in
// table order, unrolled at compile time.
template <typename S, typename Fn>
constexpr void ForEachField(Fn&& fn) {
  [&]<size_t... I>(std::index_sequence<I...>) { (fn(std::integral_constant<size_t, I>()), ...); }
  (std::make_index_sequence<kNumFields<S>>());
}

// Like ForEachField, but stops after the first call that returns true;
// returns whether one did.
template <typename S, typename Fn>
constexpr bool AnyField(Fn&& fn) {
  return [&]<size_t... I>(std::index_sequence<I...>) { return (fn(std::integral_constant<size_t, I>()) || ...); }
  (std::make_index_sequence<kNumFields<S>>());
}

// The fields of S that have every bit of `flags`, one bit each by index.
template <typename S>
constexpr uint32_t FieldMask(uint8_t flags) {
  static_assert(kNumFields<S> <= 32);
  uint32_t mask = 0;
  for (size_t i = 0; i < kNumFields<S>; ++i) {
    if ((FieldTable<S>::kFields[i].flags & flags) == flags) mask |= uint32_t{1} << i;
  }
  return mask;
}

// The JSON key (and checkpoint column) of the kind of `action`.
inline std::string_view ActionName(const Action& action) {
  return std::visit([](const auto& a) { return FieldTable<std::decay_t<decltype(a)>>::kName; }, action);
}

}  // namespace sluice::delta
