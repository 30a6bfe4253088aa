#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluice/delta/snapshot/snapshot.h"
#include "sluice/expr/expr.h"
#include "sluice/io/filesystem.h"
#include "sluice/stream/api/source.h"

namespace sluice::connectors {

struct DeltaSourceOptions {
  std::string table_root;
  std::shared_ptr<io::FileSystem> fs = io::LocalFileSystem();
  // Bounded: the version (or the version current at the timestamp) to read;
  // latest when both are unset. Continuous: emit the changes from this
  // version (or the first version committed at or after the timestamp) on,
  // without the snapshot before it; when both are unset, emit the latest
  // snapshot and then every later change.
  std::optional<int64_t> version;
  std::optional<int64_t> timestamp_ms;
  bool continuous = false;
  int64_t poll_interval_ms = 1000;  // continuous: how often the log is listed
  // Continuous: stop after emitting this version (tests, replays); unset =
  // run until the job is stopped.
  std::optional<int64_t> end_version;
  std::vector<std::string> columns;  // projection (logical names); empty = all
  std::optional<expr::Expr> filter;  // files pruned by partitions/stats, rows filtered
  // Continuous: a commit removing data (a delete, an overwrite) fails the
  // job unless ignored: ignore_deletes skips commits that only remove files;
  // ignore_changes also accepts commits that rewrite files, re-emitting the
  // rewritten files' rows (so rows may repeat).
  bool ignore_deletes = false;
  bool ignore_changes = false;
  int64_t batch_rows = 64 * 1024;
};

// Reads a Delta table as a stream. Bounded: one split per data file of the
// snapshot (files read in parallel by the subtasks); a split's position is
// the number of rows already emitted. Continuous: one split following the
// log in version order (data files of each version in log order); its
// position is (phase, version, file index, rows emitted) so a restored job
// resumes exactly after the last row of its checkpoint. Only adds with
// dataChange=true are emitted (optimize's rewrites are skipped). When the
// table gains columns, the stream keeps its schema (new columns are not
// emitted until a restart); dropped or retyped columns fail the job.
class DeltaSource final : public stream::Source {
 public:
  static Result<std::shared_ptr<DeltaSource>> Make(DeltaSourceOptions options);

  columnar::SchemaPtr schema() const override { return schema_; }
  Result<std::vector<stream::SourceSplit>> CreateSplits(int parallelism) override;
  Result<std::unique_ptr<stream::SourceReader>> CreateReader(int subtask,
                                                             std::vector<stream::SourceSplit> splits) override;

  // Takes a stream Filter's predicate into the scan (AND-ed with
  // options().filter): files are skipped by partition values and statistics
  // and rows filtered as they are read, with the Filter's own semantics
  // (expr/). Always true.
  bool ApplyFilter(const expr::Expr& predicate) override;

  const DeltaSourceOptions& options() const { return options_; }
  const delta::SnapshotPtr& snapshot() const { return snapshot_; }

 private:
  DeltaSource() = default;
  DeltaSourceOptions options_;
  delta::SnapshotPtr snapshot_;  // bounded: the version read; continuous: the start
  columnar::SchemaPtr schema_;
  int64_t first_change_version_ = -1;  // continuous: first commit to follow
  bool emit_snapshot_ = false;         // continuous: emit snapshot_ first
};

}  // namespace sluice::connectors
