#include "sluice/stream/runtime/task.h"

#include "sluice/columnar/byte_size.h"
#include "sluice/columnar/take.h"

namespace sluice::stream::runtime {

void JobState::Fail(const Status& st) {
  {
    std::lock_guard<std::mutex> lock(mu);
    if (failure.ok()) failure = st;
  }
  cancelled = true;
  for (auto& c : channels) c->Close();
}

ExchangeWriter::ExchangeWriter(Partitioning p, std::vector<int> key_columns, int max_parallelism, int producer_subtask,
                               std::vector<std::shared_ptr<Channel>> targets, std::vector<int> target_inputs)
    : partitioning_(p),
      key_columns_(std::move(key_columns)),
      max_parallelism_(max_parallelism),
      targets_(std::move(targets)),
      target_inputs_(std::move(target_inputs)),
      round_robin_(static_cast<size_t>(producer_subtask)) {}

Status ExchangeWriter::Push(size_t target, StreamElement e) {
  e.input = target_inputs_[target];
  int64_t blocked_ns = 0;
  const bool pushed = targets_[target]->Push(std::move(e), &blocked_ns);
  if (blocked_ns > 0 && metrics_) metrics_->backpressure_ns.fetch_add(blocked_ns, std::memory_order_relaxed);
  if (!pushed) return Status::Invalid("job cancelled");
  return Status::OK();
}

Status ExchangeWriter::Send(const columnar::RecordBatch& batch) {
  if (batch.num_rows == 0) return Status::OK();
  const size_t n = targets_.size();
  if (partitioning_ != Partitioning::kHash || n == 1) {
    size_t t = partitioning_ == Partitioning::kRebalance ? (round_robin_++ % n) : 0;
    return Push(t, StreamElement{StreamElement::Kind::kBatch, 0, batch, 0});
  }
  SLUICE_RETURN_NOT_OK(HashKeyColumns(batch, key_columns_, &hashes_));
  rows_.resize(n);
  for (auto& r : rows_) r.clear();
  const int p = static_cast<int>(n);
  for (int64_t i = 0; i < batch.num_rows; ++i) {
    int kg = KeyGroupOf(hashes_[i], max_parallelism_);
    rows_[SubtaskForKeyGroup(kg, max_parallelism_, p)].push_back(static_cast<int32_t>(i));
  }
  for (size_t t = 0; t < n; ++t) {
    if (rows_[t].empty()) continue;
    if (static_cast<int64_t>(rows_[t].size()) == batch.num_rows) {
      return Push(t, StreamElement{StreamElement::Kind::kBatch, 0, batch, 0});
    }
    SLUICE_ASSIGN_OR_RETURN(columnar::RecordBatch part, columnar::TakeRows(batch, rows_[t]));
    SLUICE_RETURN_NOT_OK(Push(t, StreamElement{StreamElement::Kind::kBatch, 0, std::move(part), 0}));
  }
  return Status::OK();
}

Status ExchangeWriter::Broadcast(StreamElement::Kind kind, int64_t value) {
  for (size_t t = 0; t < targets_.size(); ++t) SLUICE_RETURN_NOT_OK(Push(t, StreamElement{kind, 0, {}, value}));
  return Status::OK();
}

Status Fanout::Emit(const columnar::RecordBatch& batch) {
  if (metrics) metrics->AddOut(batch.num_rows, columnar::DataBytes(batch));
  for (auto& t : targets) {
    if (!t.side_tag.empty()) continue;
    SLUICE_RETURN_NOT_OK(t.chained ? t.chained->Process(batch) : t.exchange->Send(batch));
  }
  return Status::OK();
}

Status Fanout::EmitSide(const std::string& tag, const columnar::RecordBatch& batch) {
  if (metrics) metrics->AddOut(batch.num_rows, columnar::DataBytes(batch));
  for (auto& t : targets) {
    if (t.side_tag != tag) continue;
    SLUICE_RETURN_NOT_OK(t.chained ? t.chained->Process(batch) : t.exchange->Send(batch));
  }
  return Status::OK();
}

Status Fanout::EmitWatermark(int64_t watermark) {
  for (auto& t : targets) {
    SLUICE_RETURN_NOT_OK(t.chained ? t.chained->Watermark(watermark)
                                   : t.exchange->Broadcast(StreamElement::Kind::kWatermark, watermark));
  }
  return Status::OK();
}

Status Fanout::EmitControl(StreamElement::Kind kind) {
  for (auto& t : targets) {
    if (t.chained) {
      SLUICE_RETURN_NOT_OK(t.chained->output.EmitControl(kind));
    } else {
      SLUICE_RETURN_NOT_OK(t.exchange->Broadcast(kind, 0));
    }
  }
  return Status::OK();
}

Status NodeInstance::Wrap(Status st) const {
  // User-function errors already name the operator and the record.
  if (st.ok() || st.message().find("operator '") != std::string::npos) return st;
  return st.WithContext(ctx.Describe());
}

Status NodeInstance::Open() {
  if (op) SLUICE_RETURN_NOT_OK(Wrap(op->Open(&ctx)));
  return Status::OK();
}

Status NodeInstance::Process(const columnar::RecordBatch& batch) {
  if (metrics) metrics->AddIn(batch.num_rows, columnar::DataBytes(batch));
  if (op) return Wrap(op->ProcessBatch(batch));
  if (writer) return Wrap(writer->Write(batch));
  return output.Emit(batch);  // a source head
}

Status NodeInstance::Watermark(int64_t watermark) {
  if (metrics) metrics->watermark.store(watermark, std::memory_order_relaxed);
  if (op) return Wrap(op->ProcessWatermark(watermark));
  if (writer) return Status::OK();
  return output.EmitWatermark(watermark);
}

Status NodeInstance::ProcessingTime(int64_t now) {
  if (op) SLUICE_RETURN_NOT_OK(Wrap(op->OnProcessingTime(now)));
  for (auto& t : output.targets) {
    if (t.chained) SLUICE_RETURN_NOT_OK(t.chained->ProcessingTime(now));
  }
  return Status::OK();
}

Status NodeInstance::Finish() {
  if (op) SLUICE_RETURN_NOT_OK(Wrap(op->Finish()));
  if (writer) {
    SLUICE_RETURN_NOT_OK(Wrap(writer->Finish()));
    // The final (end of input) checkpoint: hand out the last committables.
    auto c = writer->PrepareCommit(coordinator ? coordinator->triggered() + 1 : 1);
    if (!c.ok()) return Wrap(c.status());
    committables = std::move(c).value();
  }
  if (coordinator) {
    SLUICE_RETURN_NOT_OK(coordinator->Finished(instance, writer ? node_key : std::string(), std::move(committables)));
    committables.clear();
  }
  for (auto& t : output.targets) {
    if (t.chained) {
      SLUICE_RETURN_NOT_OK(t.chained->Finish());
    } else {
      SLUICE_RETURN_NOT_OK(t.exchange->Broadcast(StreamElement::Kind::kEnd, 0));
    }
  }
  return Status::OK();
}

}  // namespace sluice::stream::runtime
