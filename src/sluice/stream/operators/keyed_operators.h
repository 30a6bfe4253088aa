#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sluice/stream/api/process_function.h"
#include "sluice/stream/operators/aggregation.h"
#include "sluice/stream/operators/operator.h"
#include "sluice/stream/window/window_assigner.h"

namespace sluice::stream {

// Operators after a keyed exchange: they use OperatorContext::state and timers.

// Rolling aggregation: per input row, emits key columns + results so far.
std::unique_ptr<Operator> MakeRollingAggregateOperator(SchemaPtr out_schema, std::vector<int> key_columns,
                                                       Aggregation aggregation);

// Options of a window operator.
struct WindowOperatorOptions {
  WindowSpec spec;
  int64_t allowed_lateness = 0;
  std::string late_tag;          // empty: late rows are dropped
  int timestamp_column = -1;     // event-time column of the input
  std::vector<int> key_columns;  // of the input
};
// Windowed aggregation; out_schema = keys, window_start, window_end, results.
std::unique_ptr<Operator> MakeWindowOperator(SchemaPtr out_schema, WindowOperatorOptions options,
                                             Aggregation aggregation);
// The output schema of a window operator.
SchemaPtr WindowOutputSchema(const columnar::Schema& input, const std::vector<int>& key_columns,
                             const Aggregation& aggregation);

// A keyed process function.
std::unique_ptr<Operator> MakeProcessOperator(SchemaPtr out_schema, std::vector<int> key_columns, int timestamp_column,
                                              std::shared_ptr<KeyedProcessFunction> fn);

}  // namespace sluice::stream
