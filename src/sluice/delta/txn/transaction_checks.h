#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"

namespace sluice::delta {

// The staged content of a transaction, as Commit validates it.
struct StagedCommit {
  const std::string& table_root;
  const Protocol* read_protocol;  // null when creating
  const Protocol& protocol;       // effective (new or read)
  const Metadata& metadata;       // effective (new or read)
  bool new_metadata;
  const std::vector<Add>& adds;
  const std::vector<Remove>& removes;
  const std::map<std::string, int64_t>& txns;
  const std::map<std::string, DomainMetadata>& domains;
};

// Checks a transaction's actions before anything is written: sluice can write
// the table (CheckWriteSupported), a new metadata's schema parses and holds
// its partition columns, the protocol is not downgraded, appendOnly tables
// get no remove with dataChange=true, adds name exactly the partition
// columns, deletion vectors and domainMetadata only with their features.
// Invalid (or NotSupported) naming the table and what is wrong.
Status ValidateCommit(const StagedCommit& c);

}  // namespace sluice::delta
