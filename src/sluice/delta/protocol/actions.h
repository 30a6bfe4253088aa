#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sluice::delta {

// The actions of the Delta transaction log (PROTOCOL.md, "Actions"). Field
// names follow the protocol in snake_case; optional fields are std::optional.

struct Protocol {
  int32_t min_reader_version = 1;
  int32_t min_writer_version = 2;
  std::optional<std::vector<std::string>> reader_features;  // readerVersion 3
  std::optional<std::vector<std::string>> writer_features;  // writerVersion 7
  bool operator==(const Protocol&) const = default;
};

struct Format {
  std::string provider = "parquet";
  std::map<std::string, std::string> options;
  bool operator==(const Format&) const = default;
};

struct Metadata {
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> description;
  Format format;
  std::string schema_string;  // the table schema as Delta JSON
  std::vector<std::string> partition_columns;
  std::map<std::string, std::string> configuration;
  std::optional<int64_t> created_time;
  bool operator==(const Metadata&) const = default;
};

struct DeletionVectorDescriptor {
  std::string storage_type;  // "u" (relative UUID path), "i" (inline), "p" (absolute path)
  std::string path_or_inline_dv;
  std::optional<int32_t> offset;
  int32_t size_in_bytes = 0;
  int64_t cardinality = 0;
  bool operator==(const DeletionVectorDescriptor&) const = default;
  // The key identifying a DV'd file: path + "#" + unique id, per the protocol.
  std::string UniqueId() const;
};

using PartitionValues = std::map<std::string, std::optional<std::string>>;

struct Add {
  std::string path;  // URI, relative to the table root unless absolute
  PartitionValues partition_values;
  int64_t size = 0;
  int64_t modification_time = 0;
  bool data_change = true;
  std::optional<std::string> stats;  // JSON: numRecords, minValues, maxValues, nullCount, tightBounds
  std::optional<std::map<std::string, std::string>> tags;
  std::optional<DeletionVectorDescriptor> deletion_vector;
  std::optional<int64_t> base_row_id;
  std::optional<int64_t> default_row_commit_version;
  std::optional<std::string> clustering_provider;
  bool operator==(const Add&) const = default;
};

struct Remove {
  std::string path;
  std::optional<int64_t> deletion_timestamp;
  bool data_change = true;
  std::optional<bool> extended_file_metadata;
  std::optional<PartitionValues> partition_values;
  std::optional<int64_t> size;
  std::optional<std::map<std::string, std::string>> tags;
  std::optional<DeletionVectorDescriptor> deletion_vector;
  std::optional<int64_t> base_row_id;
  std::optional<int64_t> default_row_commit_version;
  bool operator==(const Remove&) const = default;
};

struct AddCdc {
  std::string path;
  PartitionValues partition_values;
  int64_t size = 0;
  bool data_change = false;
  std::optional<std::map<std::string, std::string>> tags;
  bool operator==(const AddCdc&) const = default;
};

struct Txn {
  std::string app_id;
  int64_t version = 0;
  std::optional<int64_t> last_updated;
  bool operator==(const Txn&) const = default;
};

// commitInfo is free-form: the raw JSON object is kept, with the fields
// sluice uses parsed out.
struct CommitInfo {
  std::string json;  // the whole object as written
  std::optional<int64_t> timestamp;
  std::optional<int64_t> in_commit_timestamp;
  std::optional<std::string> operation;
  bool operator==(const CommitInfo&) const = default;
};

struct DomainMetadata {
  std::string domain;
  std::string configuration;
  bool removed = false;
  bool operator==(const DomainMetadata&) const = default;
};

struct CheckpointMetadata {
  int64_t version = 0;
  std::optional<std::map<std::string, std::string>> tags;
  bool operator==(const CheckpointMetadata&) const = default;
};

struct Sidecar {
  std::string path;  // relative to _delta_log/_sidecars/ unless absolute
  int64_t size_in_bytes = 0;
  int64_t modification_time = 0;
  std::optional<std::map<std::string, std::string>> tags;
  bool operator==(const Sidecar&) const = default;
};

using Action =
    std::variant<Protocol, Metadata, Add, Remove, AddCdc, Txn, CommitInfo, DomainMetadata, CheckpointMetadata, Sidecar>;

}  // namespace sluice::delta
