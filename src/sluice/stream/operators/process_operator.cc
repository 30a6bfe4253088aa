#include <algorithm>

#include "sluice/stream/operators/keyed_operator_base.h"
#include "sluice/stream/operators/keyed_operators.h"
#include "sluice/stream/time/watermark.h"

namespace sluice::stream {
namespace {

class ProcessOperator final : public KeyedOperatorBase, private ProcessContext {
 public:
  ProcessOperator(SchemaPtr out_schema, std::vector<int> key_columns, int timestamp_column,
                  std::shared_ptr<KeyedProcessFunction> fn)
      : KeyedOperatorBase(std::move(out_schema), std::move(key_columns)),
        timestamp_column_(timestamp_column),
        fn_(std::move(fn)) {}

  Status Open(OperatorContext* ctx) override {
    SLUICE_RETURN_NOT_OK(KeyedOperatorBase::Open(ctx));
    Status st = fn_->Open(this);
    return st.ok() ? st : st.WithContext(ctx->Describe() + ", open");
  }

  Status ProcessBatch(const RecordBatch& batch) override {
    SLUICE_RETURN_NOT_OK(PrepareKeys(batch));
    if (timestamp_column_ >= 0) SLUICE_RETURN_NOT_OK(ExtractTimestamps(batch, timestamp_column_, &timestamps_));
    const int64_t n = batch.num_rows;
    for (int64_t i = 0; i < std::min(n, kLookahead); ++i) PrefetchKey(batch, i);
    for (int64_t i = 0; i < n; ++i) {
      if (i + kLookahead < n) PrefetchKey(batch, i + kLookahead);
      SetKey(batch, i);
      timestamp_ = timestamp_column_ >= 0 ? timestamps_[i] : kMinTimestamp;
      Status st = fn_->ProcessElement(Row(&batch, i), this);
      if (!st.ok()) return UserError(st, i);
    }
    CountBatch(batch.num_rows);
    return Flush();
  }

  Status ProcessWatermark(int64_t watermark) override {
    watermark_ = watermark;
    SLUICE_RETURN_NOT_OK(FireTimers(TimeDomain::kEventTime, watermark));
    return ctx_->output->EmitWatermark(watermark);
  }
  Status OnProcessingTime(int64_t now) override { return FireTimers(TimeDomain::kProcessingTime, now); }

  // ProcessContext.
  Result<ValueState> GetValueState(const std::string& name) override {
    SLUICE_ASSIGN_OR_RETURN(int id, ctx_->state->Register(name, StateKind::kValue));
    return ValueState(ctx_->state, id);
  }
  Result<ListState> GetListState(const std::string& name) override {
    SLUICE_ASSIGN_OR_RETURN(int id, ctx_->state->Register(name, StateKind::kList));
    return ListState(ctx_->state, id);
  }
  Result<MapState> GetMapState(const std::string& name) override {
    SLUICE_ASSIGN_OR_RETURN(int id, ctx_->state->Register(name, StateKind::kMap));
    return MapState(ctx_->state, id);
  }
  Scalars CurrentKey() const override {
    auto k = DecodeKey(ctx_->state->current_key());
    return k.ok() ? std::move(k).value() : Scalars{};
  }
  int64_t timestamp() const override { return timestamp_; }
  int64_t CurrentWatermark() const override { return watermark_; }
  int64_t CurrentProcessingTime() const override { return ctx_->clock->NowMillis(); }
  void RegisterEventTimeTimer(int64_t ts) override { RegisterTimer(TimeDomain::kEventTime, ts); }
  void RegisterProcessingTimeTimer(int64_t ts) override { RegisterTimer(TimeDomain::kProcessingTime, ts); }
  void DeleteEventTimeTimer(int64_t ts) override {
    ctx_->timers->Delete(TimeDomain::kEventTime, ts, ctx_->state->current_key(), {});
  }
  void DeleteProcessingTimeTimer(int64_t ts) override {
    ctx_->timers->Delete(TimeDomain::kProcessingTime, ts, ctx_->state->current_key(), {});
  }
  BatchBuilder* out() override { return &out_; }

 private:
  void RegisterTimer(TimeDomain domain, int64_t ts) {
    ctx_->timers->Register(domain, ts, ctx_->state->current_key(), ctx_->state->current_key_group(), {});
  }

  Status FireTimers(TimeDomain domain, int64_t time) {
    SLUICE_RETURN_NOT_OK(ctx_->timers->Advance(
        domain, time,
        [this](const Timer& t, TimeDomain d) {
          ctx_->state->SetCurrentKey(t.key, t.key_group);
          timestamp_ = t.timestamp;
          Status st = fn_->OnTimer(t.timestamp, d, this);
          return st.ok() ? st : st.WithContext(ctx_->Describe() + ", timer " + std::to_string(t.timestamp));
        },
        [this](std::string_view key, int kg, std::string_view) { ctx_->state->Prefetch(-1, key, kg, {}); }));
    return Flush();
  }

  int timestamp_column_;
  std::shared_ptr<KeyedProcessFunction> fn_;
  std::vector<int64_t> timestamps_;
  int64_t timestamp_ = kMinTimestamp;
  int64_t watermark_ = kMinTimestamp;
};

}  // namespace

std::unique_ptr<Operator> MakeProcessOperator(SchemaPtr out_schema, std::vector<int> key_columns, int timestamp_column,
                                              std::shared_ptr<KeyedProcessFunction> fn) {
  return std::make_unique<ProcessOperator>(std::move(out_schema), std::move(key_columns), timestamp_column,
                                           std::move(fn));
}

}  // namespace sluice::stream
