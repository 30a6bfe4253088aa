#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/stream/time/time.h"

namespace sluice::stream {

// How a source assigns event time and generates watermarks. The event time
// of a row is its `timestamp_column` (int64 milliseconds or a timestamp of any
// unit, converted to milliseconds).
struct WatermarkStrategy {
  std::string timestamp_column;  // empty: no event time
  int64_t max_out_of_orderness_ms = 0;
  int64_t idle_timeout_ms = -1;  // < 0: never idle

  // No event time: event-time windows and timers cannot be used downstream.
  static WatermarkStrategy NoWatermarks() { return {}; }
  // Watermark = max timestamp seen - `max_out_of_orderness_ms` - 1.
  static WatermarkStrategy ForBoundedOutOfOrderness(std::string timestamp_column, int64_t max_out_of_orderness_ms) {
    return {std::move(timestamp_column), max_out_of_orderness_ms, -1};
  }
  // Watermarks for data in timestamp order.
  static WatermarkStrategy ForMonotonousTimestamps(std::string timestamp_column) {
    return ForBoundedOutOfOrderness(std::move(timestamp_column), 0);
  }
  // A source subtask with no data for `timeout_ms` of processing time is idle:
  // downstream operators stop waiting for its watermark until it has data again.
  WatermarkStrategy WithIdleness(int64_t timeout_ms) const {
    WatermarkStrategy s = *this;
    s.idle_timeout_ms = timeout_ms;
    return s;
  }
  bool has_event_time() const { return !timestamp_column.empty(); }
};

// Reads event times of column `col` of `batch` into `out` (milliseconds);
// fails if the column is not int64 or timestamp, or holds a null.
Status ExtractTimestamps(const columnar::RecordBatch& batch, int col, std::vector<int64_t>* out);

// Bounded-out-of-orderness watermark generator of one source subtask.
class WatermarkGenerator {
 public:
  explicit WatermarkGenerator(int64_t max_out_of_orderness_ms) : delay_(max_out_of_orderness_ms) {}
  // Observes one event time.
  void OnEvent(int64_t ts) {
    if (ts > max_ts_) max_ts_ = ts;
  }
  // The watermark after the events seen so far (kMinTimestamp before any).
  int64_t CurrentWatermark() const { return max_ts_ == kMinTimestamp ? kMinTimestamp : max_ts_ - delay_ - 1; }

 private:
  int64_t delay_;
  int64_t max_ts_ = kMinTimestamp;
};

// Combines the watermarks of several inputs: the result is the minimum over
// the active (non-idle) inputs, or the maximum over all inputs once every one
// is idle; it never goes backwards.
class WatermarkTracker {
 public:
  explicit WatermarkTracker(int num_inputs) : inputs_(num_inputs) {}
  // Records input `i`'s watermark; returns true iff the combined one advanced.
  bool Update(int i, int64_t watermark);
  // Marks input `i` idle or active; returns true iff the combined one advanced.
  bool SetIdle(int i, bool idle);
  // True iff every input is idle.
  bool AllIdle() const;
  int64_t current() const { return current_; }

 private:
  bool Recompute();
  struct Input {
    int64_t watermark = kMinTimestamp;
    bool idle = false;
  };
  std::vector<Input> inputs_;
  int64_t current_ = kMinTimestamp;
};

}  // namespace sluice::stream
