#include <set>
#include <string>

#include "sluice/common/clock.h"
#include "sluice/delta/log/log_json_text.h"
#include "sluice/delta/maintenance/maintenance.h"
#include "sluice/delta/protocol/path_uri.h"
#include "sluice/delta/write/table_writer.h"

namespace sluice::delta {
namespace {

std::string FileKey(const Add& a) { return a.deletion_vector ? a.path + "#" + a.deletion_vector->UniqueId() : a.path; }

}  // namespace

Result<RestoreResult> RestoreTable(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                   const VersionSpec& target) {
  SLUICE_ASSIGN_OR_RETURN(SnapshotPtr current, LoadSnapshot(fs, table_root));
  SLUICE_ASSIGN_OR_RETURN(SnapshotPtr old, LoadSnapshot(fs, table_root, target));
  SLUICE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(current));
  txn->ReadFiles();

  std::set<std::string> now_keys, old_keys;
  for (const Add& a : current->files()) now_keys.insert(FileKey(a));
  for (const Add& a : old->files()) old_keys.insert(FileKey(a));

  RestoreResult result;
  result.restored_version = old->version();
  const int64_t now = WallMillis();
  int64_t size_after = 0;
  for (const Add& a : old->files()) {
    size_after += a.size;
    if (now_keys.count(FileKey(a))) continue;
    SLUICE_ASSIGN_OR_RETURN(auto path, ResolveDataPath(table_root, a.path));
    SLUICE_ASSIGN_OR_RETURN(bool exists, fs->Exists(path));
    if (!exists) {
      return Status::NotFound("cannot restore table {} to version {}: its data file {} no longer exists (vacuumed?)",
                              table_root, old->version(), a.path);
    }
    Add back = a;
    back.data_change = true;
    txn->AddFile(std::move(back));
    ++result.files_added;
  }
  for (const Add& a : current->files()) {
    if (old_keys.count(FileKey(a))) continue;
    txn->RemoveFile(RemoveFor(a, now));
    ++result.files_removed;
  }
  if (!(old->metadata() == current->metadata())) txn->SetMetadata(old->metadata());

  CommitOptions co;
  co.operation = "RESTORE";
  if (target.timestamp_ms) {
    std::string ts;
    AppendJsonString(&ts, std::to_string(*target.timestamp_ms));
    co.operation_parameters["timestamp"] = ts;
  } else {
    co.operation_parameters["version"] = std::to_string(old->version());
  }
  co.operation_metrics["numRestoredFiles"] = std::to_string(result.files_added);
  co.operation_metrics["numRemovedFiles"] = std::to_string(result.files_removed);
  co.operation_metrics["numOfFilesAfterRestore"] = std::to_string(old->files().size());
  co.operation_metrics["tableSizeAfterRestore"] = std::to_string(size_after);
  SLUICE_ASSIGN_OR_RETURN(result.commit, txn->Commit(co));
  return result;
}

}  // namespace sluice::delta
