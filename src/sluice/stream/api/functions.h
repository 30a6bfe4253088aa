#pragma once

// The user function types of the DataStream API (Flink's api/functions/):
// kept apart from data_stream.h so operators can take them without including
// the fluent API that builds on the operators.
#include <functional>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/stream/api/row.h"

namespace sluice::stream {

// Row lambda of Map: reads `in`, appends exactly one row to `out`.
using MapFunction = std::function<Status(const Row& in, BatchBuilder* out)>;
// Row lambda of FlatMap: appends zero or more rows to `out`.
using FlatMapFunction = std::function<Status(const Row& in, BatchBuilder* out)>;
// Batch lambda of MapBatches.
using BatchFunction = std::function<Result<RecordBatch>(const RecordBatch& in)>;
// Row predicate of Filter.
using RowPredicate = std::function<Result<bool>(const Row& row)>;
// Batch predicate of Filter: one bool per row (true = keep; null = drop).
using BatchPredicate = std::function<Result<ArrayPtr>(const RecordBatch& in)>;
// Reduce: combines the accumulated row `acc` with `row` into `out` (same schema).
using ReduceFunction = std::function<Status(const Scalars& acc, const Row& row, Scalars* out)>;

}  // namespace sluice::stream
