#include "sluice/delta/txn/transaction_checks.h"

#include <algorithm>
#include <set>

#include "sluice/delta/protocol/table_config.h"
#include "sluice/delta/protocol/table_features.h"
#include "sluice/delta/schema/schema_json.h"

namespace sluice::delta {
namespace {

bool HasFeature(const std::optional<std::vector<std::string>>& features, std::string_view name) {
  return features && std::find(features->begin(), features->end(), name) != features->end();
}

Status ValidateMetadata(const std::string& root, const Metadata& m) {
  if (m.id.empty()) return Status::Invalid("table {}: metaData.id is empty", root);
  if (m.format.provider != "parquet") {
    return Status::NotSupported("table {}: data format '{}' (only parquet is supported)", root, m.format.provider);
  }
  if (m.schema_string.empty()) return Status::Invalid("table {}: metaData.schemaString is empty", root);
  auto schema = ParseDeltaSchema(m.schema_string);
  if (!schema.ok()) {
    return Status::Invalid("table {}: metaData.schemaString: {}", root, schema.status().message());
  }
  std::set<std::string> seen;
  for (const std::string& col : m.partition_columns) {
    if (!seen.insert(col).second) return Status::Invalid("table {}: partition column '{}' is listed twice", root, col);
    if ((*schema)->FieldIndex(col) < 0) {
      return Status::Invalid("table {}: partition column '{}' is not a top-level column of the schema", root, col);
    }
  }
  SLUICE_RETURN_NOT_OK(CheckpointInterval(m).status().WithContext("table " + root));
  return DeletedFileRetentionMs(m).status().WithContext("table " + root);
}

// A protocol may only grow: versions and features never go down (dropping a
// feature is its own operation, which sluice does not do).
Status ValidateUpgrade(const std::string& root, const Protocol& from, const Protocol& to) {
  if (to.min_reader_version < from.min_reader_version || to.min_writer_version < from.min_writer_version) {
    return Status::Invalid("table {}: protocol ({}, {}) would downgrade the table's ({}, {})", root,
                           to.min_reader_version, to.min_writer_version, from.min_reader_version,
                           from.min_writer_version);
  }
  for (const auto* list : {&from.reader_features, &from.writer_features}) {
    const auto& to_list = list == &from.reader_features ? to.reader_features : to.writer_features;
    for (const std::string& f : list->value_or(std::vector<std::string>{})) {
      if (!HasFeature(to_list, f)) return Status::Invalid("table {}: the new protocol drops feature {}", root, f);
    }
  }
  return Status::OK();
}

Status ValidatePartitionKeys(const std::string& root, const std::string& path, const PartitionValues& values,
                             const std::vector<std::string>& columns) {
  bool same = values.size() == columns.size();
  for (const std::string& c : columns) same = same && values.contains(c);
  if (same) return Status::OK();
  std::string have;
  for (const auto& [k, v] : values) have += (have.empty() ? "" : ", ") + k;
  return Status::Invalid("table {}: file {} has partition values for [{}], but the table is partitioned by [{}]", root,
                         path, have, fmt::join(columns, ", "));
}

}  // namespace

Status ValidateCommit(const StagedCommit& c) {
  const std::string& root = c.table_root;
  if (c.new_metadata) SLUICE_RETURN_NOT_OK(ValidateMetadata(root, c.metadata));
  if (c.read_protocol) SLUICE_RETURN_NOT_OK(ValidateUpgrade(root, *c.read_protocol, c.protocol));
  SLUICE_RETURN_NOT_OK(CheckWriteSupported(c.protocol, c.metadata, root));
  if (IsAppendOnly(c.metadata)) {
    for (const Remove& r : c.removes) {
      if (!r.data_change) continue;
      return Status::Invalid(
          "table {} is append-only (delta.appendOnly=true): cannot remove file {} with dataChange=true", root, r.path);
    }
  }
  const bool dv_enabled = HasFeature(c.protocol.writer_features, "deletionVectors");
  for (const Add& a : c.adds) {
    if (a.path.empty()) return Status::Invalid("table {}: an added file has an empty path", root);
    if (a.size < 0) return Status::Invalid("table {}: added file {} has a negative size", root, a.path);
    SLUICE_RETURN_NOT_OK(ValidatePartitionKeys(root, a.path, a.partition_values, c.metadata.partition_columns));
    if (a.deletion_vector && !dv_enabled) {
      return Status::Invalid("table {}: file {} has a deletion vector but the table lacks feature deletionVectors",
                             root, a.path);
    }
  }
  for (const Remove& r : c.removes) {
    if (r.path.empty()) return Status::Invalid("table {}: a removed file has an empty path", root);
  }
  for (const auto& [app_id, version] : c.txns) {
    if (app_id.empty()) return Status::Invalid("table {}: txn with an empty appId", root);
  }
  if (!c.domains.empty() && !HasFeature(c.protocol.writer_features, "domainMetadata")) {
    return Status::Invalid("table {}: domain metadata ('{}') needs the writer feature domainMetadata", root,
                           c.domains.begin()->first);
  }
  return Status::OK();
}

}  // namespace sluice::delta
