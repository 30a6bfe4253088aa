#include "sluice/delta/protocol/table_features.h"

#include <array>

#include "sluice/delta/snapshot/snapshot.h"

namespace sluice::delta {
namespace {

// PROTOCOL.md "Table Features" and the features seen in the wild (previews
// included). Reads: the scan resolves column mapping, applies deletion
// vectors, reads timestamp_ntz; v2Checkpoint is read by checkpoint_reader;
// vacuumProtocolCheck only constrains vacuum. Writes: only the features whose
// rules sluice's writer fully honours; the others are fine while unused.
constexpr std::array<TableFeatureInfo, 33> kFeatures = {{
    // name, reader_writer, read, write, legacy writer version, schema marker, config prefix, inactive value
    {"appendOnly", false, true, true, 2, {}, "delta.appendOnly", "false"},
    {"invariants", false, true, false, 2, "delta.invariants", {}, {}},
    {"checkConstraints", false, true, false, 3, {}, "delta.constraints.", {}},
    {"changeDataFeed", false, true, false, 4, {}, "delta.enableChangeDataFeed", "false"},
    {"generatedColumns", false, true, false, 4, "delta.generationExpression", {}, {}},
    {"allowColumnDefaults", false, true, false, 0, "CURRENT_DEFAULT", {}, {}},
    {"identityColumns", false, true, false, 6, "delta.identity.", {}, {}},
    {"rowTracking", false, true, false, 0, {}, "delta.enableRowTracking", "false"},
    {"domainMetadata", false, true, false, 0, {}, {}, {}},
    {"icebergCompatV1", false, true, false, 0, {}, "delta.enableIcebergCompatV1", "false"},
    {"icebergCompatV2", false, true, false, 0, {}, "delta.enableIcebergCompatV2", "false"},
    {"icebergCompatV3", false, true, false, 0, {}, "delta.enableIcebergCompatV3", "false"},
    {"icebergWriterCompatV1", false, true, false, 0, {}, "delta.enableIcebergWriterCompatV1", "false"},
    {"clustering", false, true, false, 0, {}, {}, {}},
    {"liquid", false, true, false, 0, {}, {}, {}},
    {"inCommitTimestamp", false, true, false, 0, {}, "delta.enableInCommitTimestamps", "false"},
    {"inCommitTimestamp-preview", false, true, false, 0, {}, "delta.enableInCommitTimestamps-preview", "false"},
    {"checkpointProtection", false, true, false, 0, {}, {}, {}},
    {"collations", false, true, false, 0, "__COLLATIONS", {}, {}},
    {"collations-preview", false, true, false, 0, "__COLLATIONS", {}, {}},
    {"columnMapping", true, true, false, 5, {}, "delta.columnMapping.mode", "none"},
    {"deletionVectors", true, true, false, 0, {}, "delta.enableDeletionVectors", "false"},
    {"timestampNtz", true, true, true, 0, "timestamp_ntz", {}, {}},  // writers: list it (ProtocolForNewTable)
    {"v2Checkpoint", true, true, false, 0, {}, {}, {}},
    {"vacuumProtocolCheck", true, true, false, 0, {}, {}, {}},
    {"typeWidening", true, false, false, 0, {}, {}, {}},  // the scan does not widen types yet
    {"typeWidening-preview", true, false, false, 0, {}, {}, {}},
    {"variantType", true, false, false, 0, {}, {}, {}},
    {"variantType-preview", true, false, false, 0, {}, {}, {}},
    {"variantShredding", true, false, false, 0, {}, {}, {}},
    {"variantShredding-preview", true, false, false, 0, {}, {}, {}},
    {"catalogManaged", true, false, false, 0, {}, {}, {}},
    {"catalogOwned-preview", true, false, false, 0, {}, {}, {}},
}};

// Highest protocol versions sluice understands.
constexpr int32_t kMaxReaderVersion = 3;
constexpr int32_t kMaxWriterVersion = 7;

Status CheckWriterFeature(const TableFeatureInfo* f, std::string_view name, const Metadata& metadata,
                          const std::string& table_root) {
  if (f == nullptr) {
    return Status::NotSupported("table {} requires writer feature {} which sluice does not know", table_root, name);
  }
  // A feature without markers cannot be shown unused: refuse it.
  const bool has_marker = !f->schema_marker.empty() || !f->config_prefix.empty();
  if (f->write_supported || (has_marker && !FeatureInUse(*f, metadata))) return Status::OK();
  return Status::NotSupported("table {} requires writer feature {} which sluice does not support for writing",
                              table_root, name);
}

}  // namespace

std::span<const TableFeatureInfo> KnownTableFeatures() { return kFeatures; }

const TableFeatureInfo* FindTableFeature(std::string_view name) {
  for (const TableFeatureInfo& f : kFeatures) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool FeatureInUse(const TableFeatureInfo& f, const Metadata& metadata) {
  if (!f.schema_marker.empty() && metadata.schema_string.find(f.schema_marker) != std::string::npos) return true;
  if (f.config_prefix.empty()) return false;
  for (auto it = metadata.configuration.lower_bound(std::string(f.config_prefix));
       it != metadata.configuration.end() && it->first.starts_with(f.config_prefix); ++it) {
    if (f.inactive_value.empty() || it->second != f.inactive_value) return true;
  }
  return false;
}

Status CheckReadSupported(const Protocol& protocol, const std::string& table_root) {
  if (protocol.min_reader_version < 1 || protocol.min_reader_version > kMaxReaderVersion) {
    return Status::NotSupported("table {} requires reader version {}; sluice supports reader versions 1 to {}",
                                table_root, protocol.min_reader_version, kMaxReaderVersion);
  }
  // Reader version 3 lists its reader features; older versions imply a fixed
  // set (2: column mapping), all of which sluice reads.
  if (protocol.min_reader_version == 3 && protocol.reader_features) {
    for (const std::string& name : *protocol.reader_features) {
      if (!IsSupportedReaderFeature(name)) {
        return Status::NotSupported("table {} requires reader feature {} which sluice does not support", table_root,
                                    name);
      }
    }
  }
  return Status::OK();
}

Status CheckWriteSupported(const Protocol& protocol, const Metadata& metadata, const std::string& table_root) {
  SLUICE_RETURN_NOT_OK(CheckReadSupported(protocol, table_root));
  const int32_t wv = protocol.min_writer_version;
  if (wv < 1 || wv > kMaxWriterVersion) {
    return Status::NotSupported("table {} requires writer version {}; sluice supports writer versions 1 to {}",
                                table_root, wv, kMaxWriterVersion);
  }
  if (wv == 7) {
    for (const std::string& name : protocol.writer_features.value_or(std::vector<std::string>{})) {
      SLUICE_RETURN_NOT_OK(CheckWriterFeature(FindTableFeature(name), name, metadata, table_root));
    }
    return Status::OK();
  }
  // Legacy writer versions imply every feature of their version and below.
  for (const TableFeatureInfo& f : kFeatures) {
    if (f.legacy_writer_version != 0 && f.legacy_writer_version <= wv) {
      SLUICE_RETURN_NOT_OK(CheckWriterFeature(&f, f.name, metadata, table_root));
    }
  }
  return Status::OK();
}

bool IsSupportedReaderFeature(const std::string& feature) {
  const TableFeatureInfo* f = FindTableFeature(feature);
  return f != nullptr && f->read_supported;
}

bool IsSupportedWriterFeature(const std::string& feature) {
  const TableFeatureInfo* f = FindTableFeature(feature);
  return f != nullptr && f->write_supported;
}

}  // namespace sluice::delta
