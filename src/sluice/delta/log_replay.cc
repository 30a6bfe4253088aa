#include "sluice/delta/log_replay.h"

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

// Moves the values of `map` out, ordered by path (then deletion vector).
template <typename T>
std::vector<T> SortedValues(std::unordered_map<std::string, T>* map) {
  std::vector<T*> order;
  order.reserve(map->size());
  for (auto& entry : *map) order.push_back(&entry.second);
  std::sort(order.begin(), order.end(), [](const T* a, const T* b) {
    if (a->path != b->path) return a->path < b->path;
    const std::string_view da = a->deletion_vector ? a->deletion_vector->path_or_inline_dv : std::string_view();
    const std::string_view db = b->deletion_vector ? b->deletion_vector->path_or_inline_dv : std::string_view();
    return da < db;
  });
  std::vector<T> out;
  out.reserve(order.size());
  for (T* v : order) out.push_back(std::move(*v));
  return out;
}

}  // namespace

std::string CanonicalPath(std::string_view path, std::string_view table_root) {
  // Fast path: a plain relative path (what Spark and delta-rs write almost always).
  if (path.find_first_of("%:") == std::string_view::npos && !path.starts_with('/')) return std::string(path);
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

void LogReplay::Apply(std::vector<Action>&& actions) {
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
      Add& add = std::get<Add>(action);
      std::string key = CanonicalPath(add.path, table_root_);
      AppendDvKey(add.deletion_vector, &key);
      if (!tombstones_.empty()) tombstones_.erase(key);
      files_.insert_or_assign(std::move(key), std::move(add));
      break;
    }
    case 3: {
      Remove& remove = std::get<Remove>(action);
      std::string key = CanonicalPath(remove.path, table_root_);
      AppendDvKey(remove.deletion_vector, &key);
      files_.erase(key);
      tombstones_.insert_or_assign(std::move(key), std::move(remove));
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
  snap->files_ = SortedValues(&files_);
  snap->tombstones_ = SortedValues(&tombstones_);
  for (auto& [id, txn] : txns_) snap->txns_.emplace(id, std::move(txn));
  for (auto& [domain, d] : domains_) snap->domains_.emplace(domain, std::move(d));
  files_.clear();
  tombstones_.clear();
  return SnapshotPtr(std::move(snap));
}

}  // namespace sluice::delta
