#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sluice/expr/binder.h"
#include "sluice/stream/api/functions.h"
#include "sluice/stream/operators/operator.h"

namespace sluice::stream {

// Stateless one-input operators; each is chained with its neighbours.

// Passes batches through (union, side outputs).
std::unique_ptr<Operator> MakeIdentityOperator();
// Map: one output row per input row, built by a row lambda.
std::unique_ptr<Operator> MakeMapOperator(SchemaPtr out_schema, MapFunction fn);
// FlatMap: any number of output rows per input row.
std::unique_ptr<Operator> MakeFlatMapOperator(SchemaPtr out_schema, FlatMapFunction fn);
// MapBatches: a batch lambda; `out_schema` (nullable) is checked when given.
std::unique_ptr<Operator> MakeMapBatchesOperator(SchemaPtr out_schema, BatchFunction fn);
std::unique_ptr<Operator> MakeRowFilterOperator(RowPredicate pred);
std::unique_ptr<Operator> MakeBatchFilterOperator(BatchPredicate pred);
std::unique_ptr<Operator> MakeExprFilterOperator(expr::BoundExpr pred);
// Project: output column i is expression i (the schema says the names and types).
std::unique_ptr<Operator> MakeProjectOperator(SchemaPtr out_schema, std::vector<expr::BoundExpr> exprs);

}  // namespace sluice::stream
