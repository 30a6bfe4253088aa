#include "sluice/stream/operators/aggregation.h"

namespace sluice::stream {

Result<Aggregation> Aggregation::ForAggregates(const std::vector<AggregateSpec>& specs, const columnar::Schema& input) {
  Aggregation a;
  SLUICE_ASSIGN_OR_RETURN(a.aggs_, BindAggregates(specs, input));
  for (const auto& b : a.aggs_) a.fields_.push_back(b.output);
  return a;
}

Result<Aggregation> Aggregation::ForReduce(ReduceFunction fn, const columnar::Schema& input) {
  if (!fn) return Status::Invalid("reduce without a function");
  Aggregation a;
  a.reduce_ = std::move(fn);
  a.fields_ = input.fields;
  return a;
}

Scalars Aggregation::Create() const {
  if (reduce_) {
    Scalars acc(1);
    acc[0] = Scalar(false);
    return acc;
  }
  return CreateAccumulators(aggs_);
}

Status Aggregation::Add(const Row& row, Scalars* acc) const {
  if (!reduce_) return AddToAccumulators(aggs_, row, acc);
  const size_t n = static_cast<size_t>(row.num_columns());
  if (!(*acc)[0].bool_value()) {
    acc->resize(n + 1);
    (*acc)[0] = Scalar(true);
    for (size_t c = 0; c < n; ++c) (*acc)[c + 1] = row.Get(static_cast<int>(c));
    return Status::OK();
  }
  Scalars current(acc->begin() + 1, acc->end());
  Scalars out;
  SLUICE_RETURN_NOT_OK(reduce_(current, row, &out));
  if (out.size() != n) return Status::Invalid("reduce function returned {} values for {} columns", out.size(), n);
  std::move(out.begin(), out.end(), acc->begin() + 1);
  return Status::OK();
}

Status Aggregation::Merge(const Scalars& other, Scalars* acc) const {
  if (reduce_) return Status::NotSupported("merging windows (sessions) with a reduce function; use aggregates");
  return MergeAccumulators(aggs_, other, acc);
}

void Aggregation::AppendResults(const Scalars& acc, Scalars* out) const {
  if (!reduce_) return stream::AppendResults(aggs_, acc, out);
  for (size_t c = 0; c < fields_.size(); ++c) out->push_back(c + 1 < acc.size() ? acc[c + 1] : Scalar());
}

}  // namespace sluice::stream
