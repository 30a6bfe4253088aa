#include "sluice/stream/sources/memory_source.h"

#include <charconv>
#include <string>

namespace sluice::stream {
namespace {

class MemoryReader final : public SourceReader {
 public:
  MemoryReader(const std::vector<columnar::RecordBatch>* batches, std::vector<SourceSplit> splits)
      : batches_(batches), splits_(std::move(splits)) {}

  Result<ReadResult> Read(int64_t) override {
    while (next_ < splits_.size()) {
      SourceSplit& s = splits_[next_++];
      if (s.position == "done") continue;
      size_t index = 0;
      auto r = std::from_chars(s.id.data(), s.id.data() + s.id.size(), index);
      if (r.ec != std::errc() || index >= batches_->size())
        return Status::Invalid("memory source: no batch '{}'", s.id);
      s.position = "done";
      return ReadResult{ReadResult::Kind::kBatch, (*batches_)[index]};
    }
    return ReadResult{ReadResult::Kind::kEnd, {}};
  }
  std::vector<SourceSplit> SnapshotSplits() const override { return splits_; }

 private:
  const std::vector<columnar::RecordBatch>* batches_;
  std::vector<SourceSplit> splits_;
  size_t next_ = 0;
};

}  // namespace

Result<std::vector<SourceSplit>> MemorySource::CreateSplits(int) {
  std::vector<SourceSplit> out;
  for (size_t i = 0; i < batches_.size(); ++i) {
    if (!batches_[i].schema->Equals(*schema_)) {
      return Status::Invalid("memory source: batch {} has schema {}, expected {}", i, batches_[i].schema->ToString(),
                             schema_->ToString());
    }
    out.push_back({std::to_string(i), ""});
  }
  return out;
}

Result<std::unique_ptr<SourceReader>> MemorySource::CreateReader(int, std::vector<SourceSplit> splits) {
  return std::unique_ptr<SourceReader>(std::make_unique<MemoryReader>(&batches_, std::move(splits)));
}

}  // namespace sluice::stream
