#include "sluice/stream/time/watermark.h"

#include <algorithm>

namespace sluice::stream {

using columnar::TypeId;

Status ExtractTimestamps(const columnar::RecordBatch& batch, int col, std::vector<int64_t>* out) {
  const columnar::Array& a = *batch.columns[col];
  const std::string& name = batch.schema->fields[col]->name;
  if (a.type->id != TypeId::kInt64 && a.type->id != TypeId::kTimestamp) {
    return Status::Invalid("event-time column '{}' must be int64 or timestamp, is {}", name, a.type->ToString());
  }
  if (a.null_count > 0) return Status::Invalid("event-time column '{}' holds nulls", name);
  const int64_t n = batch.num_rows;
  out->resize(static_cast<size_t>(n));
  const int64_t* v = a.values<int64_t>();
  int64_t div = 1, mul = 1;
  if (a.type->id == TypeId::kTimestamp) {
    switch (a.type->unit) {
      case columnar::TimeUnit::kSecond:
        mul = 1000;
        break;
      case columnar::TimeUnit::kMilli:
        break;
      case columnar::TimeUnit::kMicro:
        div = 1000;
        break;
      case columnar::TimeUnit::kNano:
        div = 1000000;
        break;
    }
  }
  if (div == 1 && mul == 1) {
    std::copy(v, v + n, out->begin());
  } else {
    // Floor division so pre-epoch times stay in the right millisecond.
    for (int64_t i = 0; i < n; ++i) {
      int64_t x = v[i];
      (*out)[i] = mul != 1 ? x * mul : (x >= 0 ? x / div : -((-x + div - 1) / div));
    }
  }
  return Status::OK();
}

bool WatermarkTracker::Update(int i, int64_t watermark) {
  Input& in = inputs_[i];
  if (watermark > in.watermark) in.watermark = watermark;
  in.idle = false;
  return Recompute();
}

bool WatermarkTracker::SetIdle(int i, bool idle) {
  inputs_[i].idle = idle;
  return Recompute();
}

bool WatermarkTracker::AllIdle() const {
  return std::all_of(inputs_.begin(), inputs_.end(), [](const Input& in) { return in.idle; });
}

bool WatermarkTracker::Recompute() {
  // The minimum over active inputs; an input that finished sent kMaxWatermark
  // and so never holds the minimum back. When the last active input goes
  // idle, the maximum over all inputs applies (as Flink's StatusWatermarkValve
  // does): everything any input promised is complete.
  int64_t min = kMaxTimestamp;
  int64_t max = kMinTimestamp;
  bool any = false;
  for (const Input& in : inputs_) {
    max = std::max(max, in.watermark);
    if (in.idle) continue;
    any = true;
    min = std::min(min, in.watermark);
  }
  int64_t combined = any ? min : max;
  if (combined <= current_) return false;
  current_ = combined;
  return true;
}

}  // namespace sluice::stream
