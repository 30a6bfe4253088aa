#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/columnar/record_batch_reader.h"
#include "sluice/common/status.h"
#include "sluice/io/file.h"
#include "sluice/parquet/format/parquet_types.h"
#include "sluice/parquet/schema/schema_descriptor.h"

namespace sluice::parquet {

struct ReadOptions {
  int64_t batch_rows = 64 * 1024;  // max rows per RecordBatch
  bool verify_checksums = true;    // check page CRCs when present
};

// Streams RecordBatches of some top-level fields over some row groups.
using BatchReader = columnar::RecordBatchReader;

// A Parquet file opened for reading: footer parsed and checked, schema mapped.
class FileReader {
 public:
  // Opens `file`, reading and validating its footer. Errors name file->path().
  static Result<std::unique_ptr<FileReader>> Open(std::unique_ptr<io::RandomAccessFile> file, ReadOptions options = {});
  // Opens the local file at `path`.
  static Result<std::unique_ptr<FileReader>> Open(const std::string& path, ReadOptions options = {});

  const std::string& path() const { return file_->path(); }
  const format::FileMetaData& metadata() const { return metadata_; }
  const SchemaDescriptor& descriptor() const { return *descriptor_; }
  const columnar::SchemaPtr& schema() const { return descriptor_->schema(); }
  int num_row_groups() const { return static_cast<int>(metadata_.row_groups.size()); }
  int64_t num_rows() const { return metadata_.num_rows; }

  // Indices of the top-level fields named `names`; NotFound names the column and file.
  Result<std::vector<int>> ResolveColumns(const std::vector<std::string>& names) const;

  // Returns a reader of `fields` (top-level indices; empty = all) over
  // `row_groups` (empty = all).
  Result<std::unique_ptr<BatchReader>> NewBatchReader(std::vector<int> fields = {},
                                                      std::vector<int> row_groups = {}) const;

  // Reads the whole file (all fields) as batches.
  Result<std::vector<columnar::RecordBatch>> ReadAll() const;

 private:
  FileReader() = default;
  std::unique_ptr<io::RandomAccessFile> file_;
  ReadOptions options_;
  format::FileMetaData metadata_;
  SchemaDescriptorPtr descriptor_;
};

}  // namespace sluice::parquet
