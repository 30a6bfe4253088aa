#include "sluice/columnar/resuming_reader.h"

namespace sluice::columnar {

Result<std::optional<RecordBatch>> ResumingReader::Next() {
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(auto batch, reader_->Next());
    if (!batch) {
      if (skip_ > 0) {
        return Status::Invalid("the file has {} rows, but the checkpoint had read {} of it: it changed", start_ - skip_,
                               start_);
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
    position_ += batch->num_rows;
    return batch;
  }
}

}  // namespace sluice::columnar
