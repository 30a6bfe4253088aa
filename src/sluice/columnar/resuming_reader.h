#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "sluice/columnar/record_batch_reader.h"
#include "sluice/common/status.h"

namespace sluice::columnar {

// Reads a RecordBatchReader from row `start` on, dropping the rows before it:
// how a restored source split resumes where its checkpoint stopped (a file
// source's file, a Delta source's data file).
class ResumingReader {
 public:
  ResumingReader(std::unique_ptr<RecordBatchReader> reader, int64_t start)
      : reader_(std::move(reader)), skip_(start), start_(start), position_(start) {}

  // The next batch after row `position()` (advancing it), or std::nullopt at
  // the end. Invalid when the reader ends before row `start`: what was read
  // at the checkpoint is no longer there.
  Result<std::optional<RecordBatch>> Next();
  // Rows of the reader consumed so far, the skipped ones included.
  int64_t position() const { return position_; }

 private:
  std::unique_ptr<RecordBatchReader> reader_;
  int64_t skip_;      // rows still to drop
  int64_t start_;     // the row it resumed at
  int64_t position_;  // the next row to hand out
};

}  // namespace sluice::columnar
