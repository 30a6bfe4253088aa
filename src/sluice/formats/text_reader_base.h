#pragma once

#include <memory>
#include <optional>
#include <string>

#include "sluice/columnar/record_batch_reader.h"
#include "sluice/common/buffer.h"
#include "sluice/common/status.h"

namespace sluice::formats {

// Base of the text readers: once a batch fails, its builders hold part of
// it, so every later Next() returns the same error.
class TextReaderBase : public columnar::RecordBatchReader {
 public:
  const columnar::SchemaPtr& schema() const final { return schema_; }
  Result<std::optional<columnar::RecordBatch>> Next() final {
    if (!error_.ok()) return error_;
    auto r = ReadBatch();
    if (!r.ok()) error_ = r.status();
    return r;
  }

 protected:
  // Reads the next batch; std::nullopt after the last one.
  virtual Result<std::optional<columnar::RecordBatch>> ReadBatch() = 0;

  columnar::SchemaPtr schema_;

 private:
  Status error_;
};

// Maps the whole local file at `path` (an empty file gives an empty buffer).
Result<BufferPtr> MapWholeFile(const std::string& path);

}  // namespace sluice::formats
