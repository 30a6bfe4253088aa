#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "sluice/columnar/record_batch_reader.h"
#include "sluice/columnar/resuming_reader.h"
#include "sluice/connectors/files/file_source.h"

namespace sluice::connectors {

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
  std::unique_ptr<columnar::ResumingReader> reader_;
  std::string path_;  // of reader_
};

// Opens `path` with `options` (read.schema null = inferred), in the forced
// format or the one of its extension.
Result<std::unique_ptr<columnar::RecordBatchReader>> OpenSourceFile(const std::string& path,
                                                                    const FileSourceOptions& options);

}  // namespace sluice::connectors
