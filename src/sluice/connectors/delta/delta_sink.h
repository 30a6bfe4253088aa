#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sluice/connectors/delta/background_compactor.h"
#include "sluice/delta/snapshot/snapshot.h"
#include "sluice/delta/write/data_writer.h"
#include "sluice/io/filesystem.h"
#include "sluice/stream/api/sink.h"

namespace sluice::connectors {

struct DeltaSinkOptions {
  std::string table_root;
  std::shared_ptr<io::FileSystem> fs = io::LocalFileSystem();
  // A stable id of this job, recorded as the table's txn appId with the
  // checkpoint id as its version: after a restart, checkpoints the table
  // already holds are skipped. Required.
  std::string app_id;
  // Create the table with the stream's schema when it does not exist.
  bool create_if_missing = true;
  std::vector<std::string> partition_columns;     // for a created table
  std::map<std::string, std::string> properties;  // for a created table (e.g. delta.checkpointInterval)
  // Add the stream's new columns to the table (Delta mergeSchema).
  bool merge_schema = false;
  // Parquet codec, target file size, row limit per file.
  delta::DataWriterOptions data;
  // Small files: after every `compact_every_commits` commits of this sink
  // (0 = never), compact the table's small files in the background (OPTIMIZE,
  // dataChange=false, files of about `compact_target_bytes`, default the
  // table's delta.targetFileSize or 128 MiB) while the job goes on.
  int64_t compact_every_commits = 0;
  std::optional<int64_t> compact_target_bytes;
};

// An exactly-once Delta sink (see docs/architecture.md, "Exactly-once into
// Delta"). Each subtask writes Parquet files (rolled by size and rows, one
// set per partition) that stay invisible; at a checkpoint barrier it closes
// them and hands their `add` actions over as committables; once the
// checkpoint completes, Commit() writes one Delta commit with every add and
// txn {app_id, checkpoint id}. A checkpoint id at or below the table's txn
// version for app_id was committed before a crash and is skipped. Conflicts
// follow the Delta rules (blind appends never conflict); a concurrent commit
// of the same app id fails the job (two jobs with one app id).
class DeltaSink final : public stream::Sink {
 public:
  static Result<std::shared_ptr<DeltaSink>> Make(DeltaSinkOptions options);

  Result<std::unique_ptr<stream::SinkWriter>> CreateWriter(int subtask, int parallelism) override;
  Status Commit(int64_t checkpoint_id, std::vector<std::string> committables) override;

  // Commits made by this sink so far (for progress lines and tests).
  int64_t commits() const;
  int64_t last_version() const;

  // The table's metadata for writers: creates the table (or merges the
  // schema) on first use with `schema`, once for all subtasks.
  Result<delta::Metadata> PrepareTable(const columnar::SchemaPtr& schema);
  const DeltaSinkOptions& options() const { return options_; }
  // Background compaction (compact_every_commits): waits for a running one;
  // what the runs did so far.
  void WaitForCompaction();
  BackgroundCompactor::Stats compaction_stats() const;

 private:
  explicit DeltaSink(DeltaSinkOptions options) : options_(std::move(options)) {}
  DeltaSinkOptions options_;
  std::unique_ptr<BackgroundCompactor> compactor_;
  mutable std::mutex mu_;
  std::optional<delta::Metadata> metadata_;
  int64_t commits_ = 0;
  int64_t last_version_ = -1;
};

}  // namespace sluice::connectors
