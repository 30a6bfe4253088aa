#include "sluice/stream/operators/keyed_operator_base.h"
#include "sluice/stream/operators/keyed_operators.h"

namespace sluice::stream {
namespace {

class RollingAggregateOperator final : public KeyedOperatorBase {
 public:
  RollingAggregateOperator(SchemaPtr out_schema, std::vector<int> key_columns, Aggregation aggregation)
      : KeyedOperatorBase(std::move(out_schema), std::move(key_columns)), aggregation_(std::move(aggregation)) {}

  Status Open(OperatorContext* ctx) override {
    SLUICE_RETURN_NOT_OK(KeyedOperatorBase::Open(ctx));
    SLUICE_ASSIGN_OR_RETURN(acc_state_, ctx->state->Register("rolling-acc", StateKind::kList));
    return Status::OK();
  }

  Status ProcessBatch(const RecordBatch& batch) override {
    SLUICE_RETURN_NOT_OK(PrepareKeys(batch));
    KeyedStateBackend* state = ctx_->state;
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      SetKey(batch, i);
      Row row(&batch, i);
      Scalars local;
      Scalars* acc = state->MutableList(acc_state_, {});
      if (acc == nullptr) {
        local = state->GetList(acc_state_, {});
        acc = &local;
      }
      if (acc->empty()) *acc = aggregation_.Create();
      Status st = aggregation_.Add(row, acc);
      if (!st.ok()) return UserError(st, i);
      row_.clear();
      if (!aggregation_.is_reduce()) {
        for (int c : key_columns_) row_.push_back(row.Get(c));
      }
      aggregation_.AppendResults(*acc, &row_);
      if (acc == &local) state->PutList(acc_state_, {}, std::move(local));
      st = out_.Append(row_);
      if (!st.ok()) return UserError(st, i);
    }
    CountBatch(batch.num_rows);
    return Flush();
  }

 private:
  Aggregation aggregation_;
  int acc_state_ = -1;
};

}  // namespace

std::unique_ptr<Operator> MakeRollingAggregateOperator(SchemaPtr out_schema, std::vector<int> key_columns,
                                                       Aggregation aggregation) {
  return std::make_unique<RollingAggregateOperator>(std::move(out_schema), std::move(key_columns),
                                                    std::move(aggregation));
}

}  // namespace sluice::stream
