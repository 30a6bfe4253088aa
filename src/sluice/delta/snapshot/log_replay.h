#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/delta/checkpoint/checkpoint_reader.h"
#include "sluice/delta/protocol/actions.h"
#include "sluice/delta/snapshot/file_key_index.h"
#include "sluice/delta/snapshot/snapshot.h"

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
  // Applies the actions of a checkpoint (moved from): `others` in order, then
  // the adds, then the removes. A checkpoint holds the reconciled state, at
  // most one file action per key, so this equals applying its rows in order.
  // Before any commit, the adds and removes vectors are taken over whole.
  void ApplyCheckpoint(CheckpointActions&& checkpoint);
  bool has_protocol() const { return protocol_.has_value(); }
  bool has_metadata() const { return metadata_.has_value(); }
  const std::optional<Protocol>& protocol() const { return protocol_; }
  const std::optional<Metadata>& metadata() const { return metadata_; }
  // Number of live files so far.
  size_t num_files() const { return files_.items.size() - files_.num_dead; }

  // Builds the snapshot: Corrupt when protocol or metaData is missing,
  // NotSupported for unsupported reader features, errors from the schema.
  Result<SnapshotPtr> Finish(std::shared_ptr<io::FileSystem> fs, int64_t version, int64_t timestamp_ms) &&;

 private:
  // File actions of one kind (Add or Remove) in log order, superseded ones
  // marked dead, the live one per key indexed by position. Keys are the
  // paths themselves, except where `alt_keys` holds one (a path not in
  // canonical form, or a deletion vector id appended).
  template <typename T>
  struct KeyedActions {
    std::vector<T> items;
    std::vector<bool> dead;
    size_t num_dead = 0;
    std::vector<std::optional<std::string>> alt_keys;  // empty, or one per item (nullopt: the path)
    FileKeyIndex index;

    std::string_view KeyOf(uint32_t pos) const {
      return alt_keys.empty() || !alt_keys[pos] ? std::string_view(items[pos].path) : std::string_view(*alt_keys[pos]);
    }
    void Kill(uint32_t pos) {
      dead[pos] = true;
      ++num_dead;
    }
    // Moves the live items out in log order.
    std::vector<T> TakeLive() &&;
  };

  // Records the key of the item just appended at `pos` (its path when
  // canonical and without deletion vector) and returns the key's hash.
  // `path_key_hash` is FileKeyIndex::PathKeyHash of the item, or 0 when not
  // computed yet.
  template <typename T>
  uint32_t SetKey(KeyedActions<T>* actions, uint32_t pos, uint32_t path_key_hash);
  // Reconciles the add / remove just appended at `pos` with the earlier ones.
  void IndexAdd(uint32_t pos, uint32_t path_key_hash);
  void IndexRemove(uint32_t pos, uint32_t path_key_hash);

  std::string table_root_;
  std::optional<Protocol> protocol_;
  std::optional<Metadata> metadata_;
  KeyedActions<Add> files_;
  KeyedActions<Remove> tombstones_;
  std::unordered_map<std::string, Txn> txns_;
  std::unordered_map<std::string, DomainMetadata> domains_;
};

}  // namespace sluice::delta
