#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/io/file.h"
#include "sluice/parquet/column/column_chunk_writer.h"
#include "sluice/parquet/schema/schema_descriptor.h"
#include "sluice/parquet/writer_options.h"

namespace sluice::parquet {

// Writes RecordBatches of one schema into a Parquet file: row groups cut by
// row count, then the page index and the footer on Close().
class FileWriter {
 public:
  // Starts a file on `out` (writes the leading magic). Types sluice cannot
  // write give NotSupported naming the field.
  static Result<std::unique_ptr<FileWriter>> Open(std::unique_ptr<io::OutputFile> out, columnar::SchemaPtr schema,
                                                  WriterOptions options = {});
  // Creates the local file `path` and starts writing it.
  static Result<std::unique_ptr<FileWriter>> Open(const std::string& path, columnar::SchemaPtr schema,
                                                  WriterOptions options = {});
  ~FileWriter();

  // Appends the rows of `batch`, whose schema must match the file's types.
  Status Write(const columnar::RecordBatch& batch);
  // Ends the current row group (no-op when it is empty).
  Status FlushRowGroup();
  // Flushes, writes page index and footer, and closes the output.
  Status Close();

  const SchemaDescriptor& descriptor() const { return *descriptor_; }
  int64_t rows_written() const { return rows_written_; }
  // Bytes written to the output so far (finished row groups).
  int64_t bytes_written() const { return out_->Tell(); }
  // Returns true iff the writer computes column statistics (for the footer
  // or the page index), i.e. leaf_statistics() is not null.
  bool computes_statistics() const { return !file_stats_.empty(); }
  // Statistics of every value written to leaf `i` in finished row groups
  // (all of them after Close()), with untruncated min/max; null when the
  // writer computes none.
  const ColumnStatistics* leaf_statistics(int i) const {
    return file_stats_.empty() ? nullptr : file_stats_[static_cast<size_t>(i)].get();
  }
  // Estimated size of the open row group (compressed pages buffered plus the
  // open pages), i.e. what FlushRowGroup() would add, roughly.
  int64_t buffered_bytes() const;

 private:
  FileWriter() = default;
  Status StartRowGroup();
  Status WritePageIndexAndFooter();

  std::unique_ptr<io::OutputFile> out_;
  WriterOptions options_;
  SchemaDescriptorPtr descriptor_;
  PageBufferPool page_pool_;  // pages of one row group are written into the memory of the previous one's
  std::vector<std::unique_ptr<ColumnChunkWriter>> columns_;
  std::vector<format::RowGroup> row_groups_;
  std::vector<std::vector<ColumnChunkResult>> indexes_;        // per row group, per leaf
  std::vector<std::unique_ptr<ColumnStatistics>> file_stats_;  // per leaf, over finished row groups
  int64_t group_rows_ = 0;
  int64_t rows_written_ = 0;
  bool closed_ = false;
};

}  // namespace sluice::parquet
