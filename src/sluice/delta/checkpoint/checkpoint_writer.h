#pragma once

#include "sluice/common/status.h"
#include "sluice/delta/snapshot/snapshot.h"

namespace sluice::delta {

// Writes a classic single-file Parquet checkpoint of `snapshot` at its
// version (`_delta_log/<v>.checkpoint.parquet`, written to a temporary name
// and made visible atomically, so a crash never leaves a partial checkpoint
// readers could pick), then `_delta_log/_last_checkpoint`. One action per
// row with the columns Spark and delta-rs read: txn, add, remove, metaData,
// protocol (and domainMetadata when the table has any); adds carry stats as
// JSON; tombstones older than delta.deletedFileRetentionDuration (default
// 1 week) are dropped. Checkpoints of tables needing v2Checkpoint are
// NotSupported.
Status WriteCheckpoint(const Snapshot& snapshot);

}  // namespace sluice::delta
