#pragma once

#include <string>
#include <vector>

#include "sluice/stream/api/row.h"
#include "sluice/stream/exchange/key_groups.h"
#include "sluice/stream/operators/operator.h"
#include "sluice/stream/state/keyed_state_backend.h"
#include "sluice/stream/time/timer_service.h"

namespace sluice::stream {

// Shared by keyed operators: hashes a batch's key columns once (the same
// hash the keyed exchange used) and sets the state backend's current key row
// by row; buffers output rows into one batch per call.
class KeyedOperatorBase : public Operator {
 public:
  KeyedOperatorBase(SchemaPtr out_schema, std::vector<int> key_columns)
      : out_(std::move(out_schema)), key_columns_(std::move(key_columns)) {}

  Status Open(OperatorContext* ctx) override {
    SLUICE_RETURN_NOT_OK(Operator::Open(ctx));
    if (ctx->state == nullptr || ctx->timers == nullptr) {
      return Status::Invalid("{} is keyed but has no state backend", ctx->Describe());
    }
    return Status::OK();
  }

 protected:
  // Hashes the key columns of `batch` (call once per batch).
  Status PrepareKeys(const RecordBatch& batch) { return HashKeyColumns(batch, key_columns_, &hashes_); }
  // Makes row `i`'s key current (after PrepareKeys).
  void SetKey(const RecordBatch& batch, int64_t i) {
    EncodeKey(batch, key_columns_, i, &key_);
    ctx_->state->SetCurrentKey(key_, KeyGroupOf(hashes_[i], ctx_->max_parallelism));
  }
  // Rows (or timers) an operator looks ahead when it hints the state
  // backend (KeyedStateBackend::Prefetch) about keys it will access.
  static constexpr int64_t kLookahead = 16;
  // Hints that row `i`'s key (after PrepareKeys) is about to be accessed in
  // namespace `ns` of `state` (-1: every state).
  void PrefetchKey(const RecordBatch& batch, int64_t i, int state = -1, std::string_view ns = {}) {
    EncodeKey(batch, key_columns_, i, &ahead_key_);
    ctx_->state->Prefetch(state, ahead_key_, KeyGroupOf(hashes_[i], ctx_->max_parallelism), ns);
  }
  // Emits the buffered output rows, if any.
  Status Flush() {
    if (out_.num_rows() == 0) return Status::OK();
    SLUICE_ASSIGN_OR_RETURN(RecordBatch b, out_.Finish());
    return ctx_->output->Emit(b);
  }

  BatchBuilder out_;
  std::vector<int> key_columns_;
  std::vector<uint64_t> hashes_;
  std::string key_;
  std::string ahead_key_;  // PrefetchKey scratch
  Scalars row_;            // scratch output row
};

}  // namespace sluice::stream
