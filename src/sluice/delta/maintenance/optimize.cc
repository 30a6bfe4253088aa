#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "sluice/common/clock.h"
#include "sluice/delta/log/log_json_text.h"
#include "sluice/delta/maintenance/maintenance.h"
#include "sluice/delta/protocol/table_config.h"
#include "sluice/delta/read/scan.h"
#include "sluice/delta/write/table_writer.h"

namespace sluice::delta {
namespace {

// Groups files by partition and packs the small ones (size < target) into
// bins of about `target` bytes; only bins of two or more files are worth
// rewriting.
std::vector<std::vector<Add>> PlanBins(const std::vector<Add>& files, int64_t target) {
  std::map<PartitionValues, std::vector<Add>> by_partition;
  for (const Add& a : files) {
    if (a.size < target) by_partition[a.partition_values].push_back(a);
  }
  std::vector<std::vector<Add>> bins;
  for (auto& [values, group] : by_partition) {
    std::stable_sort(group.begin(), group.end(), [](const Add& x, const Add& y) { return x.size < y.size; });
    std::vector<Add> bin;
    int64_t bytes = 0;
    for (Add& a : group) {
      if (!bin.empty() && bytes + a.size > target) {
        if (bin.size() > 1) bins.push_back(std::move(bin));
        bin.clear();
        bytes = 0;
      }
      bytes += a.size;
      bin.push_back(std::move(a));
    }
    if (bin.size() > 1) bins.push_back(std::move(bin));
  }
  return bins;
}

}  // namespace

Result<OptimizeResult> OptimizeTable(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                     const OptimizeOptions& options) {
  SLUICE_ASSIGN_OR_RETURN(SnapshotPtr snap, LoadSnapshot(fs, table_root));
  SLUICE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(snap));
  std::vector<Add> candidates;
  if (options.partition_filter) {
    SLUICE_ASSIGN_OR_RETURN(candidates, FilesMatchingPartitions(*snap, *options.partition_filter));
  } else {
    candidates = snap->files();
  }
  SLUICE_ASSIGN_OR_RETURN(int64_t target, options.target_file_bytes ? Result<int64_t>(*options.target_file_bytes)
                                                                    : TargetFileSize(snap->metadata(), 128LL << 20));
  if (target <= 0) return Status::Invalid("optimize target file size must be positive");

  OptimizeResult result;
  const auto bins = PlanBins(candidates, target);
  if (bins.empty()) return result;
  txn->ReadFiles(options.partition_filter);

  DataWriterOptions data = options.data;
  data.target_file_bytes = target;
  std::vector<Add> written;
  auto rewrite = [&]() -> Status {
    for (const auto& bin : bins) {
      ScanOptions so;
      so.files = bin;
      SLUICE_ASSIGN_OR_RETURN(auto scan, Scan::Make(snap, so));
      SLUICE_ASSIGN_OR_RETURN(auto writer, DataWriter::Make(fs, table_root, snap->metadata(), data));
      auto copy = [&]() -> Status {
        while (true) {
          SLUICE_ASSIGN_OR_RETURN(auto batch, scan->Next());
          if (!batch) return Status::OK();
          SLUICE_RETURN_NOT_OK(writer->Write(*batch));
        }
      };
      Status st = copy();
      if (!st.ok()) {
        writer->Abort();
        return st;
      }
      SLUICE_ASSIGN_OR_RETURN(auto adds, writer->Finish());
      for (Add& a : adds) {
        a.data_change = false;
        written.push_back(std::move(a));
      }
    }
    return Status::OK();
  };
  Status st = rewrite();
  if (!st.ok()) {
    DeleteDataFiles(*fs, table_root, written);
    return st;
  }
  const int64_t now = WallMillis();
  for (const auto& bin : bins) {
    for (const Add& a : bin) {
      txn->RemoveFile(RemoveFor(a, now, /*data_change=*/false));
      ++result.files_removed;
      result.bytes_removed += a.size;
    }
  }
  for (const Add& a : written) {
    result.bytes_added += a.size;
    ++result.files_added;
    txn->AddFile(a);
  }
  CommitOptions co;
  co.operation = "OPTIMIZE";
  std::string pred = "[";
  if (options.partition_filter) AppendJsonString(&pred, PredicateToString(*options.partition_filter));
  co.operation_parameters["predicate"] = pred + "]";
  co.operation_parameters["zOrderBy"] = "[]";
  co.operation_parameters["targetSize"] = std::to_string(target);
  co.operation_metrics["numRemovedFiles"] = std::to_string(result.files_removed);
  co.operation_metrics["numAddedFiles"] = std::to_string(result.files_added);
  co.operation_metrics["numRemovedBytes"] = std::to_string(result.bytes_removed);
  co.operation_metrics["numAddedBytes"] = std::to_string(result.bytes_added);
  auto commit = txn->Commit(co);
  if (!commit.ok()) {
    DeleteDataFiles(*fs, table_root, written);
    return commit.status();
  }
  result.commit = *commit;
  return result;
}

}  // namespace sluice::delta
