#pragma once

#include <memory>
#include <vector>

#include "sluice/stream/api/source.h"

namespace sluice::stream {

// A bounded source over in-memory batches: split i is batch i; its position
// is "done" once read. For tests and small jobs.
class MemorySource final : public Source {
 public:
  // All batches must share `schema`.
  MemorySource(columnar::SchemaPtr schema, std::vector<columnar::RecordBatch> batches)
      : schema_(std::move(schema)), batches_(std::move(batches)) {}

  columnar::SchemaPtr schema() const override { return schema_; }
  Result<std::vector<SourceSplit>> CreateSplits(int parallelism) override;
  Result<std::unique_ptr<SourceReader>> CreateReader(int subtask, std::vector<SourceSplit> splits) override;

 private:
  columnar::SchemaPtr schema_;
  std::vector<columnar::RecordBatch> batches_;
};

}  // namespace sluice::stream
