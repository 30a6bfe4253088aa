#include "sluice/stream/sources/file_cursor.h"

namespace sluice::stream {

Result<std::unique_ptr<columnar::RecordBatchReader>> OpenSourceFile(const std::string& path,
                                                                    const FileSourceOptions& options) {
  formats::DataFileFormat format{};
  if (options.format) {
    format = *options.format;
  } else {
    SLUICE_ASSIGN_OR_RETURN(format, formats::DataFileFormatOf(path));
  }
  return formats::OpenDataFile(path, format, options.read, options.csv);
}

Result<std::optional<columnar::RecordBatch>> FileCursor::Next(const std::string& path, int64_t* rows) {
  if (reader_ == nullptr || path_ != path) {
    SLUICE_ASSIGN_OR_RETURN(reader_, OpenSourceFile(path, *o_));
    path_ = path;
    skip_ = start_ = *rows;
  }
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(auto batch, reader_->Next());
    if (!batch) {
      reader_.reset();
      if (skip_ > 0) {
        return Status::Invalid("{}: the file has {} rows, but the checkpoint had read {} of it: it changed", path,
                               start_ - skip_, start_);
      }
      return batch;
    }
    if (skip_ >= batch->num_rows) {
      skip_ -= batch->num_rows;
      continue;
    }
    if (skip_ > 0) {
      *batch = batch->Slice(skip_, batch->num_rows - skip_);
      skip_ = 0;
    }
    // The readers use the schema they were given; the pointer is the source's.
    batch->schema = o_->read.schema;
    *rows += batch->num_rows;
    return batch;
  }
}

}  // namespace sluice::stream
