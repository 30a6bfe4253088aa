#pragma once

#include <span>
#include <string>
#include <string_view>

#include "sluice/common/status.h"
#include "sluice/delta/actions.h"

namespace sluice::delta {

// One Delta table feature (PROTOCOL.md "Table Features") and what sluice
// does with it.
struct TableFeatureInfo {
  std::string_view name;
  bool reader_writer;    // a reader-writer feature (else writer-only)
  bool read_supported;   // sluice reads tables that need it
  bool write_supported;  // sluice writes tables that need it, honouring it fully
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

// OK iff sluice can write a table with `protocol`: writer version <= 7 and
// every writer feature (writer version 7) supported; NotSupported otherwise.
Status CheckWriteSupported(const Protocol& protocol, const std::string& table_root);

}  // namespace sluice::delta
