#include <set>
#include <string>
#include <string_view>

#include "sluice/common/clock.h"
#include "sluice/delta/maintenance/maintenance.h"
#include "sluice/delta/protocol/path_uri.h"
#include "sluice/delta/protocol/table_config.h"
#include "sluice/delta/protocol/table_features.h"
#include "sluice/delta/read/deletion_vector.h"
#include "sluice/delta/write/table_writer.h"

namespace sluice::delta {
namespace {

// True for paths vacuum never touches: the log and any hidden segment
// ('_' or '.' prefix) unless it is a Hive partition folder (has '=').
bool IsHidden(std::string_view relative) {
  size_t start = 0;
  while (start <= relative.size()) {
    size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    std::string_view seg = relative.substr(start, end - start);
    const bool last = end == relative.size();
    if (!seg.empty() && (seg[0] == '_' || seg[0] == '.')) {
      if (last || seg.find('=') == std::string_view::npos) return true;
    }
    start = end + 1;
  }
  return false;
}

Status Keep(const std::string& root, const std::string& uri, const std::optional<DeletionVectorDescriptor>& dv,
            std::set<std::string>* keep) {
  SLUICE_ASSIGN_OR_RETURN(auto path, ResolveDataPath(root, uri));
  keep->insert(std::move(path));
  if (dv && dv->storage_type != "i") {
    SLUICE_ASSIGN_OR_RETURN(auto dv_path, DeletionVectorPath(root, *dv));
    keep->insert(std::move(dv_path));
  }
  return Status::OK();
}

}  // namespace

Result<VacuumResult> VacuumTable(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                 const VacuumOptions& options) {
  SLUICE_ASSIGN_OR_RETURN(SnapshotPtr snap, LoadSnapshot(fs, table_root));
  // Vacuum deletes files, it does not write data: it needs to understand
  // every way a version references files (adds, removes and their deletion
  // vectors; checkpoints and sidecars live in the hidden log), which reading
  // the table already requires. Tables sluice cannot write (e.g. with
  // deletion vectors) are vacuumed without the VACUUM START/END commits.
  SLUICE_RETURN_NOT_OK(CheckReadSupported(snap->protocol(), table_root));
  const bool log_commits = CheckWriteSupported(snap->protocol(), snap->metadata(), table_root).ok();
  SLUICE_ASSIGN_OR_RETURN(int64_t table_retention, DeletedFileRetentionMs(snap->metadata()));
  const int64_t retention = options.retention_ms.value_or(table_retention);
  if (retention < 0) return Status::Invalid("vacuum retention must not be negative");
  if (retention < table_retention && !options.force) {
    return Status::Invalid(
        "vacuum retention of {} hours is shorter than the table's delta.deletedFileRetentionDuration ({} hours): "
        "readers of older versions and unfinished writers could lose files; pass --force to vacuum anyway",
        retention / 3600000.0, table_retention / 3600000.0);
  }
  const int64_t now = WallMillis();
  const int64_t cutoff = now - retention;

  std::set<std::string> keep;
  for (const Add& a : snap->files()) SLUICE_RETURN_NOT_OK(Keep(table_root, a.path, a.deletion_vector, &keep));
  for (const Remove& r : snap->tombstones()) {
    if (r.deletion_timestamp.value_or(0) > cutoff) {
      SLUICE_RETURN_NOT_OK(Keep(table_root, r.path, r.deletion_vector, &keep));
    }
  }

  SLUICE_ASSIGN_OR_RETURN(auto all, fs->ListRecursive(table_root));
  VacuumResult result;
  std::vector<std::string> doomed;
  const std::string prefix = table_root + "/";
  for (const auto& f : all) {
    if (f.is_dir || f.path.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string_view rel = std::string_view(f.path).substr(prefix.size());
    if (IsHidden(rel) || keep.count(f.path) || f.modification_time_ms > cutoff) continue;
    result.files.emplace_back(rel);
    result.bytes += f.size;
    doomed.push_back(f.path);
  }
  if (options.dry_run) return result;

  auto commit = [&](const char* operation, CommitOptions co) -> Status {
    SLUICE_ASSIGN_OR_RETURN(SnapshotPtr latest, LoadSnapshot(fs, table_root));
    SLUICE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(latest));
    co.operation = operation;
    return txn->Commit(co).status();
  };
  CommitOptions start;
  start.operation_parameters["retentionCheckEnabled"] = options.force ? "false" : "true";
  start.operation_parameters["specifiedRetentionMillis"] = std::to_string(retention);
  start.operation_parameters["defaultRetentionMillis"] = std::to_string(table_retention);
  start.operation_metrics["numFilesToDelete"] = std::to_string(doomed.size());
  start.operation_metrics["sizeOfDataToDelete"] = std::to_string(result.bytes);
  if (log_commits) SLUICE_RETURN_NOT_OK(commit("VACUUM START", start));
  for (const auto& path : doomed) SLUICE_RETURN_NOT_OK(fs->Delete(path));
  CommitOptions end;
  end.operation_parameters = {{"status", "\"COMPLETED\""}};
  end.operation_metrics = {{"numDeletedFiles", std::to_string(doomed.size())}, {"numVacuumedDirectories", "0"}};
  if (log_commits) SLUICE_RETURN_NOT_OK(commit("VACUUM END", end));
  return result;
}

}  // namespace sluice::delta
