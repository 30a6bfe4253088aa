#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"

namespace sluice::delta {

// One Delta table feature (PROTOCOL.md "Table Features") and what sluice
// does with it.
struct TableFeatureInfo {
  std::string_view name;
  bool reader_writer;    // a reader-writer feature (else writer-only)
  bool read_supported;   // sluice reads tables that need it
  bool write_supported;  // sluice writes tables that need it, honouring it fully
  // Writer version (2..6) that implies this feature without listing it; 0 if none.
  int32_t legacy_writer_version = 0;
  // How a table shows it actually uses the feature (a writer may then still
  // write when the feature is present but unused): a key in the schema's field
  // metadata, or a configuration key prefix whose value is not `inactive_value`.
  std::string_view schema_marker = {};
  std::string_view config_prefix = {};
  std::string_view inactive_value = {};
};

// Every feature sluice knows of, in one table.
std::span<const TableFeatureInfo> KnownTableFeatures();

// The entry for `name`, or nullptr when unknown.
const TableFeatureInfo* FindTableFeature(std::string_view name);

// OK iff sluice can read a table with `protocol`: reader version <= 3 and,
// with reader version 3, every reader feature supported. Otherwise
// NotSupported "table <root> requires reader feature X which sluice does not
// support" (or names the unsupported reader version).
Status CheckReadSupported(const Protocol& protocol, const std::string& table_root);

// Returns true iff `metadata` shows the table uses feature `f` (see markers).
bool FeatureInUse(const TableFeatureInfo& f, const Metadata& metadata);

// Reader table features sluice implements; anything else in
// protocol.reader_features is refused.
bool IsSupportedReaderFeature(const std::string& feature);
// Writer features sluice fully implements (a table whose writer features are
// not all in this set is never written to).
bool IsSupportedWriterFeature(const std::string& feature);

// OK iff sluice can write a table with `protocol` and `metadata`: readable,
// writer version <= 7, and every writer feature (listed in version 7, implied
// by legacy versions) either supported or unused. NotSupported names the
// feature otherwise.
Status CheckWriteSupported(const Protocol& protocol, const Metadata& metadata, const std::string& table_root);

}  // namespace sluice::delta
