#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "sluice/columnar/record_batch_reader.h"
#include "sluice/stream/sources/file_source.h"

namespace sluice::stream {

// Reads one file at a time as the source schema, resuming a given number of
// rows into it (a restored split skips the rows it emitted before).
class FileCursor {
 public:
  // `options` (with read.schema set) must outlive the cursor.
  explicit FileCursor(const FileSourceOptions* options) : o_(options) {}

  // The next batch of `path` after `*rows` rows (advancing *rows), or
  // std::nullopt at its end. Invalid naming the file when it has fewer than
  // `*rows` rows (it changed since the checkpoint).
  Result<std::optional<columnar::RecordBatch>> Next(const std::string& path, int64_t* rows);
  // Drops the open file (the next Next() opens its path afresh).
  void Reset() { reader_.reset(); }

 private:
  const FileSourceOptions* o_;
  std::unique_ptr<columnar::RecordBatchReader> reader_;
  std::string path_;   // of reader_
  int64_t skip_ = 0;   // rows of reader_ still to skip
  int64_t start_ = 0;  // the position reader_ resumes at
};

// Opens `path` with `options` (read.schema null = inferred), in the forced
// format or the one of its extension.
Result<std::unique_ptr<columnar::RecordBatchReader>> OpenSourceFile(const std::string& path,
                                                                    const FileSourceOptions& options);

}  // namespace sluice::stream
