#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/stream/api/sink.h"
#include "sluice/stream/api/source.h"
#include "sluice/stream/operators/operator.h"
#include "sluice/stream/time/watermark.h"

namespace sluice::stream {

// How records travel from an input node's subtasks to this node's subtasks.
enum class Partitioning {
  kForward,    // subtask i -> subtask i (chained when possible)
  kHash,       // by key group of the key columns
  kRebalance,  // round robin, batch by batch
};

// One input edge of a node.
struct StreamEdge {
  int from = -1;         // node id
  std::string side_tag;  // empty: the main output; else that side output
};

// A logical operator of the job (what the DataStream API records).
struct StreamNode {
  int id = 0;
  std::string name;
  columnar::SchemaPtr schema;    // output schema
  std::string timestamp_column;  // event-time column of the output, if any
  int parallelism = 1;
  std::vector<StreamEdge> inputs;
  Partitioning partitioning = Partitioning::kForward;
  std::vector<int> key_columns;                             // kHash: columns of the input schema
  bool keyed = false;                                       // needs keyed state and timers
  std::map<std::string, columnar::SchemaPtr> side_outputs;  // tag -> schema
  // Creates one subtask's operator (not for sources and sinks).
  std::function<Result<std::unique_ptr<Operator>>()> factory;
  std::shared_ptr<Source> source;    // set for source nodes
  WatermarkStrategy watermarks;      // source nodes
  std::shared_ptr<Sink> sink;        // set for sink nodes
  std::optional<expr::Expr> filter;  // an expression Filter: its predicate (pushdown)
};

// The logical graph: nodes in creation order (inputs before consumers), and
// the first error met while building it (reported by Execute()).
struct JobGraph {
  std::vector<StreamNode> nodes;
  Status build_error;
};

}  // namespace sluice::stream
