#pragma once

#include <vector>

#include "sluice/stream/api/aggregate.h"
#include "sluice/stream/api/functions.h"

namespace sluice::stream {

// What keyed aggregations and windows compute per key: a list of aggregates,
// or a reduce function (whose accumulator is [has_row, columns...]).
class Aggregation {
 public:
  static Result<Aggregation> ForAggregates(const std::vector<AggregateSpec>& specs, const columnar::Schema& input);
  static Result<Aggregation> ForReduce(ReduceFunction fn, const columnar::Schema& input);

  // The result columns (aggregate outputs, or the input's fields for reduce).
  const std::vector<columnar::FieldPtr>& fields() const { return fields_; }
  bool can_merge() const { return reduce_ == nullptr; }
  bool is_reduce() const { return reduce_ != nullptr; }
  Scalars Create() const;
  Status Add(const Row& row, Scalars* acc) const;
  Status Merge(const Scalars& other, Scalars* acc) const;
  void AppendResults(const Scalars& acc, Scalars* out) const;

 private:
  std::vector<BoundAggregate> aggs_;
  ReduceFunction reduce_;
  std::vector<columnar::FieldPtr> fields_;
};

}  // namespace sluice::stream
