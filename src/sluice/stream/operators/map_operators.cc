#include "sluice/stream/operators/map_operators.h"

#include "sluice/columnar/take.h"
#include "sluice/expr/evaluate.h"

namespace sluice::stream {
namespace {

class IdentityOperator final : public Operator {
 public:
  Status ProcessBatch(const RecordBatch& batch) override { return ctx_->output->Emit(batch); }
};

// Map and FlatMap: a row lambda appends to a BatchBuilder.
class RowMapOperator final : public Operator {
 public:
  RowMapOperator(SchemaPtr schema, MapFunction fn, bool exactly_one)
      : builder_(std::move(schema)), fn_(std::move(fn)), exactly_one_(exactly_one) {}

  Status ProcessBatch(const RecordBatch& batch) override {
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      int64_t before = builder_.num_rows();
      Status st = fn_(Row(&batch, i), &builder_);
      if (st.ok() && exactly_one_ && builder_.num_rows() != before + 1) {
        st = Status::Invalid("map function emitted {} rows instead of 1", builder_.num_rows() - before);
      }
      if (!st.ok()) return UserError(st, i);
    }
    CountBatch(batch.num_rows);
    if (builder_.num_rows() == 0) return Status::OK();
    SLUICE_ASSIGN_OR_RETURN(RecordBatch out, builder_.Finish());
    return ctx_->output->Emit(out);
  }

 private:
  BatchBuilder builder_;
  MapFunction fn_;
  bool exactly_one_;
};

class MapBatchesOperator final : public Operator {
 public:
  MapBatchesOperator(SchemaPtr schema, BatchFunction fn) : schema_(std::move(schema)), fn_(std::move(fn)) {}

  Status ProcessBatch(const RecordBatch& batch) override {
    auto r = fn_(batch);
    if (!r.ok()) return UserError(r.status(), 0);
    RecordBatch out = std::move(r).value();
    if (schema_ != nullptr && (out.schema == nullptr || !out.schema->Equals(*schema_))) {
      return UserError(Status::Invalid("batch function returned schema {}, declared {}",
                                       out.schema ? out.schema->ToString() : "null", schema_->ToString()),
                       0);
    }
    CountBatch(batch.num_rows);
    return out.num_rows == 0 ? Status::OK() : ctx_->output->Emit(out);
  }

 private:
  SchemaPtr schema_;
  BatchFunction fn_;
};

class RowFilterOperator final : public Operator {
 public:
  explicit RowFilterOperator(RowPredicate pred) : pred_(std::move(pred)) {}

  Status ProcessBatch(const RecordBatch& batch) override {
    keep_.assign(static_cast<size_t>(batch.num_rows), 0);
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      auto r = pred_(Row(&batch, i));
      if (!r.ok()) return UserError(r.status(), i);
      keep_[i] = *r;
    }
    CountBatch(batch.num_rows);
    SLUICE_ASSIGN_OR_RETURN(RecordBatch out, columnar::FilterRows(batch, keep_));
    return out.num_rows == 0 ? Status::OK() : ctx_->output->Emit(out);
  }

 private:
  RowPredicate pred_;
  std::vector<uint8_t> keep_;
};

class BatchFilterOperator final : public Operator {
 public:
  explicit BatchFilterOperator(BatchPredicate pred) : pred_(std::move(pred)) {}
  explicit BatchFilterOperator(expr::BoundExpr expr) : expr_(std::move(expr)), is_expr_(true) {}

  Status ProcessBatch(const RecordBatch& batch) override {
    if (is_expr_) {
      auto out = expr::FilterBatch(expr_, batch);
      if (!out.ok()) return UserError(out.status(), 0);
      CountBatch(batch.num_rows);
      return out->num_rows == 0 ? Status::OK() : ctx_->output->Emit(*out);
    }
    auto mask = pred_(batch);
    if (!mask.ok()) return UserError(mask.status(), 0);
    auto out = columnar::FilterRows(batch, **mask);
    if (!out.ok()) return UserError(out.status(), 0);
    CountBatch(batch.num_rows);
    return out->num_rows == 0 ? Status::OK() : ctx_->output->Emit(*out);
  }

 private:
  BatchPredicate pred_;
  expr::BoundExpr expr_;
  bool is_expr_ = false;
};

class ProjectOperator final : public Operator {
 public:
  ProjectOperator(SchemaPtr schema, std::vector<expr::BoundExpr> exprs)
      : schema_(std::move(schema)), exprs_(std::move(exprs)) {}

  Status ProcessBatch(const RecordBatch& batch) override {
    RecordBatch out;
    out.schema = schema_;
    out.num_rows = batch.num_rows;
    for (size_t i = 0; i < exprs_.size(); ++i) {
      auto a = expr::Evaluate(exprs_[i], batch);
      if (!a.ok()) return UserError(a.status(), 0);
      if (!(*a)->type->Equals(*schema_->fields[i]->type)) {
        return UserError(Status::Invalid("expression {} gave {}, expected {}", exprs_[i].ToString(),
                                         (*a)->type->ToString(), schema_->fields[i]->type->ToString()),
                         0);
      }
      out.columns.push_back(std::move(a).value());
    }
    CountBatch(batch.num_rows);
    return ctx_->output->Emit(out);
  }

 private:
  SchemaPtr schema_;
  std::vector<expr::BoundExpr> exprs_;
};

}  // namespace

std::unique_ptr<Operator> MakeIdentityOperator() { return std::make_unique<IdentityOperator>(); }
std::unique_ptr<Operator> MakeMapOperator(SchemaPtr s, MapFunction fn) {
  return std::make_unique<RowMapOperator>(std::move(s), std::move(fn), true);
}
std::unique_ptr<Operator> MakeFlatMapOperator(SchemaPtr s, FlatMapFunction fn) {
  return std::make_unique<RowMapOperator>(std::move(s), std::move(fn), false);
}
std::unique_ptr<Operator> MakeMapBatchesOperator(SchemaPtr s, BatchFunction fn) {
  return std::make_unique<MapBatchesOperator>(std::move(s), std::move(fn));
}
std::unique_ptr<Operator> MakeRowFilterOperator(RowPredicate pred) {
  return std::make_unique<RowFilterOperator>(std::move(pred));
}
std::unique_ptr<Operator> MakeBatchFilterOperator(BatchPredicate pred) {
  return std::make_unique<BatchFilterOperator>(std::move(pred));
}
std::unique_ptr<Operator> MakeExprFilterOperator(expr::BoundExpr pred) {
  return std::make_unique<BatchFilterOperator>(std::move(pred));
}
std::unique_ptr<Operator> MakeProjectOperator(SchemaPtr s, std::vector<expr::BoundExpr> exprs) {
  return std::make_unique<ProjectOperator>(std::move(s), std::move(exprs));
}

}  // namespace sluice::stream
