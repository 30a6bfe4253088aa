#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluice/formats/text_readers.h"
#include "sluice/stream/api/source.h"

namespace sluice::connectors {

struct FileSourceOptions {
  // Files and/or directories. A directory stands for the files directly in
  // it (not in subdirectories) whose names match `name_pattern`, skipping
  // hidden names (starting with '.' or '_': writers' temporary files,
  // _SUCCESS markers), as Spark and Flink do. A named file is always read.
  std::vector<std::string> paths;
  // Glob over the file names found in directories ('*' any run, '?' one
  // character), e.g. "*.csv"; empty = every file.
  std::string name_pattern;
  // The format of every file; unset = by each file's extension (.csv,
  // .json/.jsonl/.ndjson, .parquet).
  std::optional<formats::DataFileFormat> format;
  // The schema (null = inferred at Make() from the first file: by path, or
  // when watching the oldest by modification time), infer_rows and
  // batch_rows. Give a schema when files may differ in what inference would
  // see (whole numbers in one file, decimals in another). exact_columns is
  // always on: a CSV header or Parquet file must have exactly the schema's
  // columns (any order), else the job fails naming the file.
  formats::TextReadOptions read;
  formats::CsvOptions csv;
  // false: bounded, the files present at Make() are read once. true:
  // unbounded, the paths are listed every poll_interval_ms and new files are
  // read as they land (see FileSource).
  bool watch = false;
  int64_t poll_interval_ms = 1000;
  // Watch: read a file only once two listings in a row saw the same size and
  // modification time (a writer still appending in place is waited for). Set
  // false when every writer renames complete files into place: files are
  // then read from the first listing that shows them.
  bool wait_for_stable_files = true;
  // Watch: checked after each listing that finds no file to read and none
  // waiting to hold still; returning true ends the stream (tests, jobs that
  // drain a directory). Unset = run until the job is stopped. Called from the
  // source's thread.
  std::function<bool()> stop;
};

// Reads CSV, JSON-lines and Parquet files as a stream; every batch has
// exactly the source schema.
//
// Bounded: one split per file (sorted by path, read in parallel by the
// subtasks); a split's position is the rows already emitted ("done" once the
// file is read), so a restored job skips that many rows of the file and goes
// on. A file that has fewer rows than its position changed: the job fails.
//
// Watched: one follower split (subtask 0 gets it; the others end at once)
// that lists the paths every poll_interval_ms and reads the files it has not
// read, one at a time, in (modification time, path) order. Its position is
// the set of completed files plus the current file and the rows emitted from
// it, so a restored job reads nothing twice and resumes mid-file. A completed
// file that disappears from the listing is forgotten (moving read files away
// keeps the position small; a new file later given the same name is read).
// A file is read once, when it is complete: writers should write to a hidden
// name (".x.csv.tmp", "_tmp/...") and rename it into place, which is atomic;
// for writers that write in place, wait_for_stable_files waits until the
// size and modification time hold still across two listings (a writer that
// pauses longer than a poll interval can still be caught mid-file). Changes
// to a file after it was read are not seen. A watched directory that
// disappears fails the job; a named file that disappears is just gone.
class FileSource final : public stream::Source {
 public:
  // Checks the paths (each must exist) and settles the schema; Invalid when
  // there is no file to infer it from and none is given.
  static Result<std::shared_ptr<FileSource>> Make(FileSourceOptions options);

  columnar::SchemaPtr schema() const override { return schema_; }
  Result<std::vector<stream::SourceSplit>> CreateSplits(int parallelism) override;
  Result<std::unique_ptr<stream::SourceReader>> CreateReader(int subtask,
                                                             std::vector<stream::SourceSplit> splits) override;

  const FileSourceOptions& options() const { return options_; }

 private:
  FileSource() = default;
  FileSourceOptions options_;  // read.schema = schema_
  columnar::SchemaPtr schema_;
  std::vector<std::string> files_;  // bounded: the files to read, sorted
};

}  // namespace sluice::connectors
