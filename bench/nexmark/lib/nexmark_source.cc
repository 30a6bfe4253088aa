#include "nexmark/lib/nexmark_source.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace sluice::nexmark {

using stream::ReadResult;
using stream::SourceSplit;

namespace {

// The events of a split: indexes e in [next, end) with e % stride in
// [offset, offset + block). Position: "<next>/<end>/<offset>/<block>/<stride>".
struct Stripe {
  int64_t next, end, offset, block, stride;

  // Moves `next` into the stripe (or to `end`); returns the end of its block.
  int64_t Normalize() {
    int64_t base = next / stride * stride;
    if (next - base >= offset + block) base += stride;
    if (next < base + offset) next = base + offset;
    if (next > end) next = end;
    return std::min(end, base + offset + block);
  }
  std::string Position() const {
    return std::to_string(next) + "/" + std::to_string(end) + "/" + std::to_string(offset) + "/" +
           std::to_string(block) + "/" + std::to_string(stride);
  }
};

Result<Stripe> ParseStripe(const SourceSplit& s) {
  int64_t v[5];
  const char* p = s.position.data();
  const char* end = p + s.position.size();
  bool ok = true;
  for (int i = 0; i < 5 && ok; ++i) {
    auto r = std::from_chars(p, end, v[i]);
    ok = r.ec == std::errc() && (i == 4 ? r.ptr == end : (r.ptr != end && *r.ptr == '/'));
    p = r.ptr + 1;
  }
  Stripe st{v[0], v[1], v[2], v[3], v[4]};
  if (!ok || st.next < 0 || st.next > st.end || st.block <= 0 || st.offset < 0 || st.offset + st.block > st.stride) {
    return Status::Corrupt("nexmark split '{}': bad position '{}' (expected <next>/<end>/<offset>/<block>/<stride>)",
                           s.id, s.position);
  }
  return st;
}

class NexmarkReader final : public stream::SourceReader {
 public:
  NexmarkReader(const NexmarkConfig& c, EventKind kind, std::shared_ptr<const ChannelTable> channels,
                std::vector<SourceSplit> splits, std::vector<Stripe> stripes)
      : builder_(c, kind, std::move(channels)), splits_(std::move(splits)), stripes_(std::move(stripes)) {}

  Result<ReadResult> Read(int64_t max_rows) override {
    int64_t rows = 0;
    while (current_ < stripes_.size() && rows < max_rows) {
      Stripe& s = stripes_[current_];
      int64_t block_end = s.Normalize();
      if (s.next >= s.end) {
        ++current_;
        continue;
      }
      SLUICE_ASSIGN_OR_RETURN(int64_t n, builder_.Append(&s.next, block_end, max_rows - rows));
      rows += n;
    }
    if (rows == 0) return ReadResult{ReadResult::Kind::kEnd, {}};
    SLUICE_ASSIGN_OR_RETURN(columnar::RecordBatch b, builder_.Finish());
    return ReadResult{ReadResult::Kind::kBatch, std::move(b)};
  }

  std::vector<SourceSplit> SnapshotSplits() const override {
    std::vector<SourceSplit> out = splits_;
    for (size_t i = 0; i < out.size(); ++i) out[i].position = stripes_[i].Position();
    return out;
  }

 private:
  EventBatchBuilder builder_;
  std::vector<SourceSplit> splits_;
  std::vector<Stripe> stripes_;
  size_t current_ = 0;
};

}  // namespace

NexmarkSource::NexmarkSource(NexmarkConfig config, EventKind kind)
    : config_(config), kind_(kind), channels_(std::make_shared<ChannelTable>(config.seed)) {}

Result<std::vector<SourceSplit>> NexmarkSource::CreateSplits(int parallelism) {
  if (config_.events < 0) return Status::Invalid("nexmark: events {} < 0", config_.events);
  if (config_.events_per_second <= 0) {
    return Status::Invalid("nexmark: events per second {} <= 0", config_.events_per_second);
  }
  if (config_.split_block <= 0) return Status::Invalid("nexmark: split block {} <= 0", config_.split_block);
  int n = config_.num_splits > 0 ? config_.num_splits : parallelism;
  if (n <= 0) return Status::Invalid("nexmark: {} splits", n);
  std::vector<SourceSplit> out;
  for (int i = 0; i < n; ++i) {
    Stripe s{0, config_.events, i * config_.split_block, config_.split_block, n * config_.split_block};
    out.push_back({std::string(KindName(kind_)) + "-" + std::to_string(i), s.Position()});
  }
  return out;
}

Result<std::unique_ptr<stream::SourceReader>> NexmarkSource::CreateReader(int, std::vector<SourceSplit> splits) {
  std::vector<Stripe> stripes;
  for (const auto& s : splits) {
    SLUICE_ASSIGN_OR_RETURN(Stripe st, ParseStripe(s));
    stripes.push_back(st);
  }
  return std::unique_ptr<stream::SourceReader>(
      std::make_unique<NexmarkReader>(config_, kind_, channels_, std::move(splits), std::move(stripes)));
}

stream::DataStream EventStream(stream::StreamEnvironment* env, const NexmarkConfig& config, EventKind kind) {
  return env->FromSource(std::make_shared<NexmarkSource>(config, kind),
                         stream::WatermarkStrategy::ForMonotonousTimestamps("dateTime"), KindName(kind));
}

}  // namespace sluice::nexmark
