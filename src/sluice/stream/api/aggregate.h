#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sluice/columnar/data_type.h"
#include "sluice/columnar/scalar.h"
#include "sluice/common/status.h"
#include "sluice/stream/api/row.h"

namespace sluice::stream {

using columnar::Scalar;
using columnar::Scalars;

// A user aggregate function (Flink's AggregateFunction): accumulators are
// tuples of Scalars so any state backend can store them.
class AggregateFunction {
 public:
  virtual ~AggregateFunction() = default;
  // Binds to the input schema (resolve column names here).
  virtual Status Bind(const columnar::Schema& input) {
    (void)input;
    return Status::OK();
  }
  // The type of GetResult().
  virtual columnar::DataTypePtr result_type() const = 0;
  // A fresh accumulator (every accumulator has the same number of values).
  virtual Scalars CreateAccumulator() const = 0;
  // Adds one row to `acc`.
  virtual Status Add(const Row& row, Scalars* acc) const = 0;
  // Merges `other` into `acc` (session windows merging).
  virtual Status Merge(const Scalars& other, Scalars* acc) const = 0;
  // The result of an accumulator.
  virtual Scalar GetResult(const Scalars& acc) const = 0;
};

// One aggregate output column: a built-in over a column, or a user function.
struct AggregateSpec {
  enum class Kind { kCount, kSum, kMin, kMax, kAvg, kFirst, kLast, kUser };
  Kind kind = Kind::kCount;
  std::string column;       // input column (not for kCount / kUser)
  std::string output_name;  // result column name
  std::shared_ptr<AggregateFunction> user;
};

// Built-in aggregates, Flink-style: Count("n"), Sum("price", "total").
namespace agg {
AggregateSpec Count(std::string output_name = "count");
AggregateSpec Sum(std::string column, std::string output_name = "");
AggregateSpec Min(std::string column, std::string output_name = "");
AggregateSpec Max(std::string column, std::string output_name = "");
AggregateSpec Avg(std::string column, std::string output_name = "");
AggregateSpec First(std::string column, std::string output_name = "");
AggregateSpec Last(std::string column, std::string output_name = "");
AggregateSpec User(std::shared_ptr<AggregateFunction> fn, std::string output_name);
}  // namespace agg

// A bound aggregate: the function for a spec over an input schema.
struct BoundAggregate {
  std::shared_ptr<AggregateFunction> fn;
  columnar::FieldPtr output;
  size_t acc_offset = 0;  // where its accumulator starts in the concatenated tuple
  size_t acc_size = 0;
};

// Binds `specs` to `input`: resolves columns and result types, lays out the
// concatenated accumulator. Fails for unknown columns or unsupported types.
Result<std::vector<BoundAggregate>> BindAggregates(const std::vector<AggregateSpec>& specs,
                                                   const columnar::Schema& input);
// The concatenated fresh accumulator of `aggs`.
Scalars CreateAccumulators(const std::vector<BoundAggregate>& aggs);
// Adds `row` to every aggregate's part of `acc`.
Status AddToAccumulators(const std::vector<BoundAggregate>& aggs, const Row& row, Scalars* acc);
// Merges `other` into `acc`, aggregate by aggregate.
Status MergeAccumulators(const std::vector<BoundAggregate>& aggs, const Scalars& other, Scalars* acc);
// Appends each aggregate's result to `out`.
void AppendResults(const std::vector<BoundAggregate>& aggs, const Scalars& acc, Scalars* out);

}  // namespace sluice::stream
