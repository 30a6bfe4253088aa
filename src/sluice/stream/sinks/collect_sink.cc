#include "sluice/stream/sinks/collect_sink.h"

#include <algorithm>
#include <cstdio>

#include "sluice/columnar/json_format.h"
#include "sluice/stream/api/row.h"

namespace sluice::stream {
namespace {

class CollectWriter final : public SinkWriter {
 public:
  explicit CollectWriter(CollectSink* sink) : sink_(sink) {}
  Status Write(const columnar::RecordBatch& batch) override {
    sink_->Add(batch);
    return Status::OK();
  }

 private:
  CollectSink* sink_;
};

std::mutex print_mu;

class PrintWriter final : public SinkWriter {
 public:
  PrintWriter(int subtask, int parallelism) : prefix_(parallelism > 1 ? std::to_string(subtask + 1) + "> " : "") {}
  Status Write(const columnar::RecordBatch& batch) override {
    std::string lines = columnar::RecordBatchToJsonLines(batch);
    std::string out;
    size_t start = 0;
    while (start < lines.size()) {
      size_t nl = lines.find('\n', start);
      if (nl == std::string::npos) nl = lines.size() - 1;
      out += prefix_;
      out.append(lines, start, nl - start + 1);
      start = nl + 1;
    }
    std::lock_guard<std::mutex> lock(print_mu);
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size())
      return Status::IOError("print sink: write failed");
    return Status::OK();
  }
  Status Finish() override {
    std::lock_guard<std::mutex> lock(print_mu);
    std::fflush(stdout);
    return Status::OK();
  }

 private:
  std::string prefix_;
};

}  // namespace

Result<std::unique_ptr<SinkWriter>> CollectSink::CreateWriter(int, int) {
  return std::unique_ptr<SinkWriter>(std::make_unique<CollectWriter>(this));
}

void CollectSink::Add(const columnar::RecordBatch& batch) {
  std::lock_guard<std::mutex> lock(mu_);
  batches_.push_back(batch);
}

std::vector<columnar::RecordBatch> CollectSink::batches() const {
  std::lock_guard<std::mutex> lock(mu_);
  return batches_;
}

std::vector<Scalars> CollectSink::Rows() const {
  std::vector<Scalars> rows;
  for (const auto& b : batches()) {
    for (int64_t i = 0; i < b.num_rows; ++i) {
      Scalars r;
      for (const auto& c : b.columns) r.push_back(ArrayValue(*c, i));
      rows.push_back(std::move(r));
    }
  }
  return rows;
}

std::vector<Scalars> CollectSink::SortedRows() const {
  auto rows = Rows();
  std::sort(rows.begin(), rows.end());
  return rows;
}

int64_t CollectSink::num_rows() const {
  int64_t n = 0;
  for (const auto& b : batches()) n += b.num_rows;
  return n;
}

Result<std::unique_ptr<SinkWriter>> PrintSink::CreateWriter(int subtask, int parallelism) {
  return std::unique_ptr<SinkWriter>(std::make_unique<PrintWriter>(subtask, parallelism));
}

}  // namespace sluice::stream
