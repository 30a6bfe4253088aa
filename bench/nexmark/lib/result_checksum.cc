#include "nexmark/lib/result_checksum.h"

#include <cstring>
#include <vector>

namespace sluice::nexmark {

using columnar::TypeId;

uint64_t StringHash(std::string_view s) {
  uint64_t h = s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = Mix(h ^ w);
  }
  if (i < s.size()) {
    uint64_t w = 0;
    std::memcpy(&w, s.data() + i, s.size() - i);
    h = Mix(h ^ w);
  }
  return h;
}

namespace {

template <typename T, typename F>
void FoldColumn(const columnar::Array& a, int64_t n, F bits, uint64_t* h) {
  const T* v = a.values<T>();
  for (int64_t i = 0; i < n; ++i) h[i] = Mix(h[i] ^ (a.IsValid(i) ? bits(v[i]) : kNullBits));
}

}  // namespace

Status AddToSummary(const columnar::RecordBatch& batch, ResultSummary* summary) {
  const int64_t n = batch.num_rows;
  std::vector<uint64_t> h(static_cast<size_t>(n), kRowSeed);
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    const columnar::Array& a = *batch.columns[c];
    auto as_u64 = [](auto x) { return static_cast<uint64_t>(static_cast<int64_t>(x)); };
    switch (a.type->id) {
      case TypeId::kInt64:
      case TypeId::kTimestamp:
        FoldColumn<int64_t>(a, n, as_u64, h.data());
        break;
      case TypeId::kInt32:
      case TypeId::kDate32:
        FoldColumn<int32_t>(a, n, as_u64, h.data());
        break;
      case TypeId::kFloat64:
        FoldColumn<double>(
            a, n,
            [](double d) {
              uint64_t u;
              std::memcpy(&u, &d, 8);
              return u;
            },
            h.data());
        break;
      case TypeId::kBool:
        for (int64_t i = 0; i < n; ++i) h[i] = Mix(h[i] ^ (a.IsValid(i) ? uint64_t{a.BoolValue(i)} : kNullBits));
        break;
      case TypeId::kString:
        for (int64_t i = 0; i < n; ++i) h[i] = Mix(h[i] ^ (a.IsValid(i) ? StringHash(a.StringValue(i)) : kNullBits));
        break;
      default:
        return Status::NotSupported("result checksum: column '{}' of type {}", batch.schema->fields[c]->name,
                                    a.type->ToString());
    }
  }
  for (uint64_t x : h) summary->checksum += x;
  summary->rows += n;
  return Status::OK();
}

namespace {

class ChecksumWriter final : public stream::SinkWriter {
 public:
  explicit ChecksumWriter(ChecksumSink* sink) : sink_(sink) {}
  Status Write(const columnar::RecordBatch& batch) override { return AddToSummary(batch, &part_); }
  Status Finish() override {
    sink_->Merge(part_);
    part_ = {};
    return Status::OK();
  }

 private:
  ChecksumSink* sink_;
  ResultSummary part_;
};

}  // namespace

Result<std::unique_ptr<stream::SinkWriter>> ChecksumSink::CreateWriter(int, int) {
  return std::unique_ptr<stream::SinkWriter>(std::make_unique<ChecksumWriter>(this));
}

ResultSummary ChecksumSink::summary() const {
  std::lock_guard<std::mutex> lock(mu_);
  return total_;
}

void ChecksumSink::Merge(const ResultSummary& part) {
  std::lock_guard<std::mutex> lock(mu_);
  total_.rows += part.rows;
  total_.checksum += part.checksum;
}

}  // namespace sluice::nexmark
