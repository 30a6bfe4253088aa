#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"
#include "sluice/io/filesystem.h"

namespace sluice::delta {

// The state of a table at one version, after log replay (PROTOCOL.md
// "Action Reconciliation"): the protocol, metadata, live files (by path +
// deletion vector id), app transaction versions, domain metadata.
// Immutable; share through SnapshotPtr.
class Snapshot {
 public:
  const std::string& table_root() const { return table_root_; }
  int64_t version() const { return version_; }
  const Protocol& protocol() const { return protocol_; }
  const Metadata& metadata() const { return metadata_; }
  // The logical table schema (from metadata().schema_string).
  const columnar::SchemaPtr& schema() const { return schema_; }
  // The live data files, in log order (checkpoint rows, then commits; a
  // re-added file at its latest add): deterministic for a given log.
  const std::vector<Add>& files() const { return files_; }
  // Tombstones still needed (for vacuum and conflict checks), in log order.
  const std::vector<Remove>& tombstones() const { return tombstones_; }
  // The latest txn version recorded for `app_id`, if any.
  std::optional<int64_t> TxnVersion(const std::string& app_id) const;
  const std::map<std::string, Txn>& txns() const { return txns_; }
  const std::map<std::string, DomainMetadata>& domains() const { return domains_; }
  // When the snapshot's version was committed (inCommitTimestamp when enabled,
  // else the commit file's modification time), in ms since the epoch.
  int64_t timestamp_ms() const { return timestamp_ms_; }
  // The table's file system.
  const std::shared_ptr<io::FileSystem>& fs() const { return fs_; }

 private:
  friend class LogReplay;
  std::shared_ptr<io::FileSystem> fs_;
  std::string table_root_;
  int64_t version_ = -1;
  Protocol protocol_;
  Metadata metadata_;
  columnar::SchemaPtr schema_;
  std::vector<Add> files_;
  std::vector<Remove> tombstones_;
  std::map<std::string, Txn> txns_;
  std::map<std::string, DomainMetadata> domains_;
  int64_t timestamp_ms_ = 0;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

// Which version to load.
struct VersionSpec {
  std::optional<int64_t> version;       // exactly this version
  std::optional<int64_t> timestamp_ms;  // the latest version committed at or before this time
};

// Loads a snapshot of the table at `table_root` (latest when `spec` is empty):
// finds the newest usable checkpoint (via _last_checkpoint when present and
// valid, else by listing; classic, multi-part and V2 checkpoints with
// sidecars), replays the commits after it, and checks that the protocol's
// reader features are all supported (else NotSupported naming them).
// Errors name the table and the log file at fault.
Result<SnapshotPtr> LoadSnapshot(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                 const VersionSpec& spec = {});

}  // namespace sluice::delta
