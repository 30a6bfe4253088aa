#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/delta/actions.h"
#include "sluice/delta/snapshot.h"

namespace sluice::delta {

// Returns the canonical form of a log path used as a reconciliation key:
// percent-decoded, "file:" / "file://" scheme dropped, and made relative when
// it lies under `table_root` (golden tables canonicalized-paths-*).
std::string CanonicalPath(std::string_view path, std::string_view table_root);

// Reconciles actions in log order (PROTOCOL.md "Action Reconciliation"):
// the latest protocol and metaData win; files are keyed by canonical path +
// deletion vector unique id; a remove cancels the add with its key and
// becomes a tombstone; a later add replaces; txn latest per appId;
// domainMetadata latest per domain, `removed` drops it.
class LogReplay {
 public:
  explicit LogReplay(std::string table_root);
  // Applies the actions of one checkpoint or commit, in order (moved from).
  void Apply(std::vector<Action>&& actions);
  // Applies one action (moved from).
  void Apply(Action&& action);
  bool has_protocol() const { return protocol_.has_value(); }
  bool has_metadata() const { return metadata_.has_value(); }
  const std::optional<Protocol>& protocol() const { return protocol_; }
  const std::optional<Metadata>& metadata() const { return metadata_; }
  // Number of live files so far.
  size_t num_files() const { return files_.index.size(); }

  // Builds the snapshot: Corrupt when protocol or metaData is missing,
  // NotSupported for unsupported reader features, errors from the schema.
  Result<SnapshotPtr> Finish(std::shared_ptr<io::FileSystem> fs, int64_t version, int64_t timestamp_ms) &&;

 private:
  // Hashes keys with XXH3 (paths are long and share prefixes).
  struct KeyHash {
    size_t operator()(std::string_view key) const;
  };
  // Actions of one kind in log order, with the live one per key indexed.
  // Deques keep addresses stable, so index keys view the stored paths (or
  // keys_ when the key differs from the path) without copying them.
  template <typename T>
  struct KeyedActions {
    std::deque<T> items;
    std::vector<bool> live;
    std::unordered_map<std::string_view, uint32_t, KeyHash> index;
  };
  // Returns the key of the file action `path` + `dv`, borrowing `path` when
  // it already is its canonical form.
  std::string_view Key(const std::string& path, const std::optional<DeletionVectorDescriptor>& dv);

  std::string table_root_;
  std::optional<Protocol> protocol_;
  std::optional<Metadata> metadata_;
  KeyedActions<Add> files_;
  KeyedActions<Remove> tombstones_;
  std::deque<std::string> keys_;
  std::unordered_map<std::string, Txn> txns_;
  std::unordered_map<std::string, DomainMetadata> domains_;
};

}  // namespace sluice::delta
