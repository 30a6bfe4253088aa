#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/expr/expr.h"
#include "sluice/stream/api/aggregate.h"
#include "sluice/stream/api/functions.h"
#include "sluice/stream/api/process_function.h"
#include "sluice/stream/api/row.h"
#include "sluice/stream/api/sink.h"
#include "sluice/stream/window/window_assigner.h"

namespace sluice::stream {

// Filter and Project take the expression IR (expr/): Col("price") * Lit(2).
using expr::Col;
using expr::Expr;
using expr::Lit;

class StreamEnvironment;
class KeyedStream;

// A dynamically typed stream of RecordBatches (Flink's DataStream). A cheap
// handle: operations record nodes in the environment's job graph; errors
// (unknown columns, type mismatches) surface from StreamEnvironment::Execute().
class DataStream {
 public:
  DataStream(StreamEnvironment* env, int node) : env_(env), node_(node) {}

  // Applies `fn` to each row; the output has `schema`.
  DataStream Map(SchemaPtr schema, MapFunction fn) const;
  // Applies `fn` to each batch; `schema` (nullptr = same as input) is the output schema.
  DataStream MapBatches(SchemaPtr schema, BatchFunction fn) const;
  // Keeps rows for which `pred` is true.
  DataStream Filter(RowPredicate pred) const;
  DataStream Filter(BatchPredicate pred) const;
  // Keeps rows for which the vectorised `pred` is true (null drops the row).
  DataStream Filter(Expr pred) const;
  // Applies `fn` to each row; it may emit any number of rows of `schema`.
  DataStream FlatMap(SchemaPtr schema, FlatMapFunction fn) const;
  // Computes the named expressions as the output columns.
  DataStream Project(std::vector<std::pair<std::string, Expr>> columns) const;
  // Keeps all columns and adds (or replaces) column `name`.
  DataStream WithColumn(std::string name, Expr expr) const;
  // Partitions by the named key columns.
  KeyedStream KeyBy(std::vector<std::string> columns) const;
  // Merges this stream with `others` (same schema).
  DataStream Union(std::vector<DataStream> others) const;
  // Rows sent to side output `tag` by this operator (e.g. late window data).
  DataStream GetSideOutput(const std::string& tag) const;
  // Writes the stream to `sink`.
  void SinkTo(std::shared_ptr<Sink> sink, std::string name = "Sink") const;
  // Prints rows as JSON lines to stdout.
  void Print() const;

  // Names the last operator (error messages, metrics).
  DataStream Name(std::string name) const;
  // Sets the parallelism of the last operator.
  DataStream SetParallelism(int parallelism) const;

  SchemaPtr schema() const;
  int node_id() const { return node_; }
  StreamEnvironment* env() const { return env_; }

 private:
  StreamEnvironment* env_;
  int node_;
};

class WindowedStream;

// A stream partitioned by key (Flink's KeyedStream).
class KeyedStream {
 public:
  KeyedStream(StreamEnvironment* env, int node, std::vector<std::string> keys)
      : env_(env), node_(node), keys_(std::move(keys)) {}

  // Rolling aggregation: for every input row, emits its key columns and the
  // aggregates of all rows of that key so far.
  DataStream Aggregate(std::vector<AggregateSpec> aggs) const;
  DataStream Count() const { return Aggregate({agg::Count()}); }
  DataStream Sum(std::string column) const { return Aggregate({agg::Sum(std::move(column))}); }
  DataStream Min(std::string column) const { return Aggregate({agg::Min(std::move(column))}); }
  DataStream Max(std::string column) const { return Aggregate({agg::Max(std::move(column))}); }
  // Rolling reduce: emits the reduced row (input schema) for every input row.
  DataStream Reduce(ReduceFunction fn) const;
  // Runs `fn` per row with keyed state and timers; emits rows of `schema`.
  // Every subtask calls the same `fn`: it must keep no per-subtask members
  // (such as state handles from Open()); use the factory overload for that.
  DataStream Process(SchemaPtr schema, std::shared_ptr<KeyedProcessFunction> fn) const;
  // As above with one function per subtask, made by `factory` (Flink gives
  // each parallel instance its own copy of the function).
  DataStream Process(SchemaPtr schema, std::function<std::shared_ptr<KeyedProcessFunction>()> factory) const;
  // Groups rows into windows per key.
  WindowedStream Window(WindowSpec spec) const;

  const std::vector<std::string>& keys() const { return keys_; }

 private:
  friend class WindowedStream;
  StreamEnvironment* env_;
  int node_;
  std::vector<std::string> keys_;
};

// A keyed, windowed stream (Flink's WindowedStream).
class WindowedStream {
 public:
  WindowedStream(KeyedStream keyed, int node, WindowSpec spec) : keyed_(std::move(keyed)), node_(node), spec_(spec) {}

  // Keeps window state `ms` past the window end: late rows within it update
  // the window and re-fire it (event time only).
  WindowedStream AllowedLateness(int64_t ms) const;
  // Sends rows too late for every window to side output `tag`.
  WindowedStream SideOutputLateData(std::string tag) const;
  // Emits, per key and fired window: key columns, window_start, window_end
  // (timestamp[ms]), then one column per aggregate.
  DataStream Aggregate(std::vector<AggregateSpec> aggs) const;
  // Reduces the rows of each window; emits key columns, window bounds, then
  // the reduced row's columns.
  DataStream Reduce(ReduceFunction fn) const;

 private:
  KeyedStream keyed_;
  int node_;
  WindowSpec spec_;
  int64_t allowed_lateness_ = 0;
  std::string late_tag_;
};

}  // namespace sluice::stream
