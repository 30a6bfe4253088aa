#pragma once

#include "sluice/delta/protocol/actions.h"

namespace sluice::delta {

// The protocol a new table with `metadata` needs: (1, 2) unless the schema or
// configuration uses features that need more (timestamp_ntz -> reader 3 /
// writer 7 with timestampNtz; delta.appendOnly is covered by writer 2).
Protocol ProtocolForNewTable(const Metadata& metadata);

}  // namespace sluice::delta
