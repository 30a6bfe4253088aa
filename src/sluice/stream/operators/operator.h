#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sluice/columnar/array.h"
#include "sluice/common/clock.h"
#include "sluice/common/status.h"
#include "sluice/stream/exchange/key_groups.h"
#include "sluice/stream/time/time.h"

namespace sluice::stream {

class KeyedStateBackend;
class TimerService;

// Where an operator sends its results: the next operator of its chain or the
// channels of an exchange. Batches are immutable and shared, never copied.
class Output {
 public:
  virtual ~Output() = default;
  // Sends a batch to the main output.
  virtual Status Emit(const columnar::RecordBatch& batch) = 0;
  // Sends a batch to side output `tag` (e.g. late data of a window).
  virtual Status EmitSide(const std::string& tag, const columnar::RecordBatch& batch) = 0;
  // Sends the operator's watermark downstream.
  virtual Status EmitWatermark(int64_t watermark) = 0;
};

// What the runtime gives an operator subtask.
struct OperatorContext {
  std::string name;
  int subtask = 0;
  int parallelism = 1;
  int max_parallelism = 128;
  const Clock* clock = nullptr;
  KeyGroupRange key_groups;            // owned key groups (keyed operators)
  KeyedStateBackend* state = nullptr;  // keyed operators only
  TimerService* timers = nullptr;      // keyed operators only
  Output* output = nullptr;

  // "operator 'name' (subtask 2/4)".
  std::string Describe() const;
};

// One subtask's instance of a stream operator. Called from one thread.
// Virtual calls happen once per batch or watermark, never per row.
class Operator {
 public:
  virtual ~Operator() = default;
  // Called once before any input; `ctx` outlives the operator.
  virtual Status Open(OperatorContext* ctx) {
    ctx_ = ctx;
    return Status::OK();
  }
  // Processes one batch (rows in arrival order).
  virtual Status ProcessBatch(const columnar::RecordBatch& batch) = 0;
  // The combined input watermark advanced; fire event-time work, then forward it.
  virtual Status ProcessWatermark(int64_t watermark) { return ctx_->output->EmitWatermark(watermark); }
  // Processing time advanced to `now` (polled by the runtime).
  virtual Status OnProcessingTime(int64_t now) {
    (void)now;
    return Status::OK();
  }
  // End of bounded input (after the final kMaxWatermark): flush everything.
  virtual Status Finish() { return Status::OK(); }

  // Checkpoint hooks (aligned barrier reached this operator): serialize
  // non-keyed operator state; keyed state is snapshotted through the backend.
  virtual Status SnapshotState(int64_t checkpoint_id, std::string* out) {
    (void)checkpoint_id;
    (void)out;
    return Status::OK();
  }
  virtual Status RestoreState(std::string_view in) {
    (void)in;
    return Status::OK();
  }
  virtual Status NotifyCheckpointComplete(int64_t checkpoint_id) {
    (void)checkpoint_id;
    return Status::OK();
  }

 protected:
  // Wraps a user function's failure with the operator and the record's
  // position: "operator 'x' (subtask 1/2), record 17 (row 5 of batch 3): ...".
  Status UserError(const Status& st, int64_t row) const;
  // Counts a processed batch (call at the end of ProcessBatch).
  void CountBatch(int64_t rows) {
    records_in_ += rows;
    ++batches_in_;
  }

  OperatorContext* ctx_ = nullptr;
  int64_t records_in_ = 0;
  int64_t batches_in_ = 0;
};

}  // namespace sluice::stream
