#include "sluice/connectors/files/file_cursor.h"

namespace sluice::connectors {

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
    SLUICE_ASSIGN_OR_RETURN(auto file, OpenSourceFile(path, *o_));
    reader_ = std::make_unique<columnar::ResumingReader>(std::move(file), *rows);
    path_ = path;
  }
  auto batch = reader_->Next();
  if (!batch.ok()) return batch.status().WithContext(path);
  if (!*batch) {
    reader_.reset();
    return batch;
  }
  // The readers use the schema they were given; the pointer is the source's.
  (*batch)->schema = o_->read.schema;
  *rows = reader_->position();
  return batch;
}

}  // namespace sluice::connectors
