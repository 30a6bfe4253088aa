#include "sluice/stream/sources/generator_source.h"

#include <charconv>
#include <chrono>
#include <string>
#include <thread>

#include "sluice/columnar/builder.h"

namespace sluice::stream {

using columnar::MakeField;

namespace {

// Split position: "<next>/<end>".
struct Range {
  int64_t next;
  int64_t end;
};

Result<Range> ParseRange(const SourceSplit& s) {
  Range r{};
  const char* p = s.position.data();
  const char* end = p + s.position.size();
  auto a = std::from_chars(p, end, r.next);
  if (a.ec != std::errc() || a.ptr == end || *a.ptr != '/') {
    return Status::Corrupt("generator split '{}': bad position '{}'", s.id, s.position);
  }
  auto b = std::from_chars(a.ptr + 1, end, r.end);
  if (b.ec != std::errc() || b.ptr != end || r.next < 0 || r.next > r.end) {
    return Status::Corrupt("generator split '{}': bad position '{}'", s.id, s.position);
  }
  return r;
}

Status DefaultRows(const GeneratorOptions& o, int64_t first, int64_t n, BatchBuilder* out) {
  for (int64_t i = first; i < first + n; ++i) {
    int64_t key = static_cast<int64_t>(GeneratorRandom(o.seed, i, 1) % static_cast<uint64_t>(o.num_keys));
    int64_t value = static_cast<int64_t>(GeneratorRandom(o.seed, i, 2) % 1000);
    int64_t jitter =
        o.max_disorder_ms > 0 ? static_cast<int64_t>(GeneratorRandom(o.seed, i, 3) % (o.max_disorder_ms + 1)) : 0;
    SLUICE_RETURN_NOT_OK(
        out->Append({Scalar(i), Scalar(key), Scalar(value), Scalar(o.start_time_ms + i * o.interval_ms - jitter)}));
  }
  return Status::OK();
}

class GeneratorReader final : public SourceReader {
 public:
  GeneratorReader(const GeneratorOptions* o, columnar::SchemaPtr schema, std::vector<SourceSplit> splits,
                  std::vector<Range> ranges)
      : o_(o), builder_(std::move(schema)), splits_(std::move(splits)), ranges_(std::move(ranges)) {
    start_ = std::chrono::steady_clock::now();
  }

  Result<ReadResult> Read(int64_t max_rows) override {
    while (current_ < ranges_.size() && ranges_[current_].next >= ranges_[current_].end) ++current_;
    if (current_ >= ranges_.size()) return ReadResult{ReadResult::Kind::kEnd, {}};
    Range& r = ranges_[current_];
    int64_t n = std::min(max_rows, r.end - r.next);
    if (o_->rows_per_second > 0) {
      // Sleep until `emitted_ + n` rows are due at the configured rate.
      auto due = start_ + std::chrono::duration<double>((emitted_ + n) / o_->rows_per_second);
      std::this_thread::sleep_until(due);
    }
    Status st = o_->generate ? o_->generate(r.next, n, o_->seed, &builder_) : DefaultRows(*o_, r.next, n, &builder_);
    SLUICE_RETURN_NOT_OK(st);
    r.next += n;
    emitted_ += n;
    SLUICE_ASSIGN_OR_RETURN(columnar::RecordBatch b, builder_.Finish());
    return ReadResult{ReadResult::Kind::kBatch, std::move(b)};
  }

  std::vector<SourceSplit> SnapshotSplits() const override {
    std::vector<SourceSplit> out = splits_;
    for (size_t i = 0; i < out.size(); ++i) {
      out[i].position = std::to_string(ranges_[i].next) + "/" + std::to_string(ranges_[i].end);
    }
    return out;
  }

 private:
  const GeneratorOptions* o_;
  BatchBuilder builder_;
  std::vector<SourceSplit> splits_;
  std::vector<Range> ranges_;
  size_t current_ = 0;
  int64_t emitted_ = 0;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

GeneratorSource::GeneratorSource(GeneratorOptions options) : options_(std::move(options)) {
  if (options_.schema != nullptr) {
    schema_ = options_.schema;
  } else {
    auto s = std::make_shared<columnar::Schema>();
    s->fields = {MakeField("id", columnar::Int64(), false), MakeField("key", columnar::Int64(), false),
                 MakeField("value", columnar::Int64(), false),
                 MakeField("ts", columnar::Timestamp(columnar::TimeUnit::kMilli, true), false)};
    schema_ = s;
  }
}

Result<std::vector<SourceSplit>> GeneratorSource::CreateSplits(int) {
  if (options_.count < 0 || options_.num_splits <= 0 || options_.num_keys <= 0) {
    return Status::Invalid("generator: count {} >= 0, num_splits {} > 0 and num_keys {} > 0 required", options_.count,
                           options_.num_splits, options_.num_keys);
  }
  if (options_.schema != nullptr && !options_.generate) return Status::Invalid("generator: schema without generate");
  std::vector<SourceSplit> out;
  for (int i = 0; i < options_.num_splits; ++i) {
    int64_t begin = options_.count * i / options_.num_splits;
    int64_t end = options_.count * (i + 1) / options_.num_splits;
    out.push_back({"range-" + std::to_string(i), std::to_string(begin) + "/" + std::to_string(end)});
  }
  return out;
}

Result<std::unique_ptr<SourceReader>> GeneratorSource::CreateReader(int, std::vector<SourceSplit> splits) {
  std::vector<Range> ranges;
  for (const auto& s : splits) {
    SLUICE_ASSIGN_OR_RETURN(Range r, ParseRange(s));
    ranges.push_back(r);
  }
  return std::unique_ptr<SourceReader>(
      std::make_unique<GeneratorReader>(&options_, schema_, std::move(splits), std::move(ranges)));
}

}  // namespace sluice::stream
