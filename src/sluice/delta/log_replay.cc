#include "sluice/delta/log_replay.h"

#include <xxhash.h>

#include <algorithm>

#include "sluice/delta/path_uri.h"
#include "sluice/delta/schema_json.h"
#include "sluice/delta/table_features.h"

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

// Moves the live actions out, in log order (sorting 100k paths cost more than
// the rest of a checkpoint load; callers that want path order sort).
template <typename T>
std::vector<T> LiveInLogOrder(std::deque<T>* items, const std::vector<bool>& live, size_t count) {
  std::vector<T> out;
  out.reserve(count);
  for (size_t i = 0; i < items->size(); ++i) {
    if (live[i]) out.push_back(std::move((*items)[i]));
  }
  items->clear();
  return out;
}

// True for a plain relative path, already canonical (what Spark and delta-rs
// write almost always).
bool IsPlainRelative(std::string_view path) {
  return path.find_first_of("%:") == std::string_view::npos && !path.starts_with('/');
}

}  // namespace

std::string CanonicalPath(std::string_view path, std::string_view table_root) {
  if (IsPlainRelative(path)) return std::string(path);
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

size_t LogReplay::KeyHash::operator()(std::string_view key) const { return XXH3_64bits(key.data(), key.size()); }

std::string_view LogReplay::Key(const std::string& path, const std::optional<DeletionVectorDescriptor>& dv) {
  if (!dv && IsPlainRelative(path)) return path;
  std::string canonical = CanonicalPath(path, table_root_);
  if (!dv && canonical == path) return path;
  AppendDvKey(dv, &canonical);
  return keys_.emplace_back(std::move(canonical));
}

void LogReplay::Apply(std::vector<Action>&& actions) {
  if (actions.size() > 1024) files_.index.reserve(files_.index.size() + actions.size());
  for (Action& a : actions) Apply(std::move(a));
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
    case 2: {
      const uint32_t idx = static_cast<uint32_t>(files_.items.size());
      const Add& add = files_.items.emplace_back(std::move(std::get<Add>(action)));
      files_.live.push_back(true);
      const std::string_view key = Key(add.path, add.deletion_vector);
      // A later add of the same key replaces the earlier one.
      auto [it, inserted] = files_.index.try_emplace(key, idx);
      if (!inserted) {
        files_.live[it->second] = false;
        it->second = idx;
      }
      if (!tombstones_.index.empty()) {
        auto t = tombstones_.index.find(key);
        if (t != tombstones_.index.end()) {
          tombstones_.live[t->second] = false;
          tombstones_.index.erase(t);
        }
      }
      break;
    }
    case 3: {
      const uint32_t idx = static_cast<uint32_t>(tombstones_.items.size());
      const Remove& remove = tombstones_.items.emplace_back(std::move(std::get<Remove>(action)));
      tombstones_.live.push_back(true);
      const std::string_view key = Key(remove.path, remove.deletion_vector);
      auto f = files_.index.find(key);
      if (f != files_.index.end()) {
        files_.live[f->second] = false;
        files_.index.erase(f);
      }
      auto [it, inserted] = tombstones_.index.try_emplace(key, idx);
      if (!inserted) {
        tombstones_.live[it->second] = false;
        it->second = idx;
      }
      break;
    }
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
  // Sort entry pointers, then move each action once into place.
  // Index keys view the stored actions: drop them before moving those out.
  const size_t num_files = files_.index.size(), num_tombstones = tombstones_.index.size();
  files_.index.clear();
  tombstones_.index.clear();
  snap->files_ = LiveInLogOrder(&files_.items, files_.live, num_files);
  snap->tombstones_ = LiveInLogOrder(&tombstones_.items, tombstones_.live, num_tombstones);
  for (auto& [id, txn] : txns_) snap->txns_.emplace(id, std::move(txn));
  for (auto& [domain, d] : domains_) snap->domains_.emplace(domain, std::move(d));
  keys_.clear();
  return SnapshotPtr(std::move(snap));
}

}  // namespace sluice::delta
