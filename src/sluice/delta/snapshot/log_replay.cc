#include "sluice/delta/snapshot/log_replay.h"

#include <algorithm>

#include "sluice/delta/protocol/path_uri.h"
#include "sluice/delta/protocol/table_features.h"
#include "sluice/delta/schema/schema_json.h"

namespace sluice::delta {
namespace {

// Appends the reconciliation key of a file action to `key`: the canonical
// path, and with a deletion vector its unique id (PROTOCOL.md "Deletion
// Vector Descriptor": storageType + pathOrInlineDv + "@" offset).
void AppendDvKey(const std::optional<DeletionVectorDescriptor>& dv, std::string* key) {
  if (!dv) return;
  key->push_back('\0');  // cannot occur in a path
  key->append(dv->storage_type);
  key->append(dv->path_or_inline_dv);
  if (dv->offset) {
    key->push_back('@');
    key->append(std::to_string(*dv->offset));
  }
}

}  // namespace

std::string CanonicalPath(std::string_view path, std::string_view table_root) {
  if (FileKeyIndex::IsPlainRelative(path)) return std::string(path);
  // "file:///a", "file://localhost/a" and "file:/a" all name the local path "/a".
  if (path.starts_with("file://")) {
    path.remove_prefix(7);
    const size_t slash = path.find('/');
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  } else if (path.starts_with("file:")) {
    path.remove_prefix(5);
  }
  // A malformed %XX escape is kept as written: keys only need to be consistent.
  std::string out = PercentDecode(path).ValueOr(std::string(path));
  // An absolute path inside the table names the same file as its relative form.
  if (!table_root.empty() && out.size() > table_root.size() + 1 && out.starts_with(table_root) &&
      out[table_root.size()] == '/') {
    out.erase(0, table_root.size() + 1);
  }
  return out;
}

LogReplay::LogReplay(std::string table_root) : table_root_(std::move(table_root)) {
  while (table_root_.size() > 1 && table_root_.back() == '/') table_root_.pop_back();
}

template <typename T>
std::vector<T> LogReplay::KeyedActions<T>::TakeLive() && {
  index.Clear();
  alt_keys.clear();
  if (num_dead > 0) {
    size_t out = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      if (dead[i]) continue;
      if (out != i) items[out] = std::move(items[i]);
      ++out;
    }
    items.resize(out);
  }
  return std::move(items);
}

template <typename T>
uint32_t LogReplay::SetKey(KeyedActions<T>* actions, uint32_t pos, uint32_t path_key_hash) {
  // Called once per item, in position order.
  const T& action = actions->items[pos];
  actions->dead.push_back(false);
  if (path_key_hash == 0) path_key_hash = FileKeyIndex::PathKeyHash(action.path, action.deletion_vector.has_value());
  std::optional<std::string> alt;
  if (path_key_hash == 0) {
    std::string canonical = CanonicalPath(action.path, table_root_);
    if (action.deletion_vector || canonical != action.path) {
      AppendDvKey(action.deletion_vector, &canonical);
      alt = std::move(canonical);
    }
  }
  // Other keys than paths are rare: keep no alt_keys until one occurs.
  if (alt || !actions->alt_keys.empty()) {
    actions->alt_keys.resize(pos);
    actions->alt_keys.push_back(std::move(alt));
  }
  return path_key_hash != 0 ? path_key_hash : FileKeyIndex::Hash(actions->KeyOf(pos));
}

void LogReplay::IndexAdd(uint32_t pos, uint32_t path_key_hash) {
  const uint32_t hash = SetKey(&files_, pos, path_key_hash);
  const std::string_view key = files_.KeyOf(pos);
  // A later add of the same key replaces the earlier one.
  const uint32_t replaced = files_.index.Upsert(key, hash, pos, [this](uint32_t p) { return files_.KeyOf(p); });
  if (replaced != FileKeyIndex::kNone) files_.Kill(replaced);
  const uint32_t tombstone = tombstones_.index.Erase(key, hash, [this](uint32_t p) { return tombstones_.KeyOf(p); });
  if (tombstone != FileKeyIndex::kNone) tombstones_.Kill(tombstone);
}

void LogReplay::IndexRemove(uint32_t pos, uint32_t path_key_hash) {
  const uint32_t hash = SetKey(&tombstones_, pos, path_key_hash);
  const std::string_view key = tombstones_.KeyOf(pos);
  const uint32_t file = files_.index.Erase(key, hash, [this](uint32_t p) { return files_.KeyOf(p); });
  if (file != FileKeyIndex::kNone) files_.Kill(file);
  const uint32_t replaced =
      tombstones_.index.Upsert(key, hash, pos, [this](uint32_t p) { return tombstones_.KeyOf(p); });
  if (replaced != FileKeyIndex::kNone) tombstones_.Kill(replaced);
}

void LogReplay::Apply(std::vector<Action>&& actions) {
  for (Action& a : actions) Apply(std::move(a));
}

void LogReplay::ApplyCheckpoint(CheckpointActions&& checkpoint) {
  for (Action& a : checkpoint.others) Apply(std::move(a));
  // Positions are 32-bit; a log with 4 billion file actions is not read.
  auto take = [](auto* items, auto* from) {
    if (items->empty()) {
      *items = std::move(*from);
    } else {
      items->reserve(items->size() + from->size());
      for (auto& a : *from) items->push_back(std::move(a));
    }
  };
  // The reader's precomputed key hashes, when it gave one per action.
  auto hash_at = [](const std::vector<uint32_t>& hashes, size_t count, size_t i) {
    return hashes.size() == count ? hashes[i] : 0;
  };
  const size_t first_add = files_.items.size(), num_adds = checkpoint.adds.size();
  take(&files_.items, &checkpoint.adds);
  files_.index.Reserve(files_.index.size() + num_adds);
  for (size_t i = 0; i < num_adds; ++i) {
    IndexAdd(static_cast<uint32_t>(first_add + i), hash_at(checkpoint.add_key_hashes, num_adds, i));
  }
  const size_t first_remove = tombstones_.items.size(), num_removes = checkpoint.removes.size();
  take(&tombstones_.items, &checkpoint.removes);
  tombstones_.index.Reserve(tombstones_.index.size() + num_removes);
  for (size_t i = 0; i < num_removes; ++i) {
    IndexRemove(static_cast<uint32_t>(first_remove + i), hash_at(checkpoint.remove_key_hashes, num_removes, i));
  }
}

void LogReplay::Apply(Action&& action) {
  // Actions are applied in log order (checkpoint, then commits ascending), so
  // "latest wins" is plain assignment; PROTOCOL.md "Action Reconciliation".
  switch (action.index()) {
    case 0:
      protocol_ = std::move(std::get<Protocol>(action));
      break;
    case 1:
      metadata_ = std::move(std::get<Metadata>(action));
      break;
    case 2:
      files_.items.push_back(std::move(std::get<Add>(action)));
      IndexAdd(static_cast<uint32_t>(files_.items.size() - 1), 0);
      break;
    case 3:
      tombstones_.items.push_back(std::move(std::get<Remove>(action)));
      IndexRemove(static_cast<uint32_t>(tombstones_.items.size() - 1), 0);
      break;
    case 5: {
      Txn& txn = std::get<Txn>(action);
      std::string id = txn.app_id;
      txns_.insert_or_assign(std::move(id), std::move(txn));
      break;
    }
    case 7: {
      DomainMetadata& d = std::get<DomainMetadata>(action);
      if (d.removed) {
        domains_.erase(d.domain);
      } else {
        std::string domain = d.domain;
        domains_.insert_or_assign(std::move(domain), std::move(d));
      }
      break;
    }
    default:
      break;  // cdc, commitInfo, checkpointMetadata, sidecar: not part of the state
  }
}

Result<SnapshotPtr> LogReplay::Finish(std::shared_ptr<io::FileSystem> fs, int64_t version, int64_t timestamp_ms) && {
  if (!protocol_) {
    return Status::Corrupt("table {}: no protocol action found in the log up to version {}", table_root_, version);
  }
  if (!metadata_) {
    return Status::Corrupt("table {}: no metaData action found in the log up to version {}", table_root_, version);
  }
  SLUICE_RETURN_NOT_OK(CheckReadSupported(*protocol_, table_root_));
  auto snap = std::make_shared<Snapshot>();
  // Some old golden tables carry no schemaString: read them as having no columns.
  if (metadata_->schema_string.empty()) {
    snap->schema_ = std::make_shared<columnar::Schema>();
  } else {
    auto schema = ParseDeltaSchema(metadata_->schema_string);
    if (!schema.ok()) return schema.status().WithContext(fmt::format("table {}: metaData.schemaString", table_root_));
    snap->schema_ = std::move(*schema);
  }
  snap->fs_ = std::move(fs);
  snap->table_root_ = table_root_;
  snap->version_ = version;
  snap->timestamp_ms_ = timestamp_ms;
  snap->protocol_ = std::move(*protocol_);
  snap->metadata_ = std::move(*metadata_);
  // In log order, not sorted (sorting 100k paths cost more than the rest of
  // a checkpoint load; callers that want path order sort). Without dead
  // entries the vectors are handed over whole.
  snap->files_ = std::move(files_).TakeLive();
  snap->tombstones_ = std::move(tombstones_).TakeLive();
  for (auto& [id, txn] : txns_) snap->txns_.emplace(id, std::move(txn));
  for (auto& [domain, d] : domains_) snap->domains_.emplace(domain, std::move(d));
  return SnapshotPtr(std::move(snap));
}

}  // namespace sluice::delta
