#include "sluice/stream/graph/filter_pushdown.h"

#include <vector>

#include "sluice/stream/operators/map_operators.h"

namespace sluice::stream {

void PushFiltersIntoSources(JobGraph* graph) {
  std::vector<int> consumers(graph->nodes.size(), 0);
  for (const StreamNode& n : graph->nodes) {
    for (const StreamEdge& e : n.inputs) ++consumers[e.from];
  }
  for (StreamNode& n : graph->nodes) {
    if (!n.filter || n.inputs.size() != 1 || !n.inputs[0].side_tag.empty()) continue;
    StreamNode& from = graph->nodes[n.inputs[0].from];
    if (!from.source || consumers[from.id] != 1 || from.parallelism != n.parallelism) continue;
    if (!from.source->ApplyFilter(*n.filter)) continue;
    n.name += " (in source)";
    n.factory = []() -> Result<std::unique_ptr<Operator>> { return MakeIdentityOperator(); };
    n.filter.reset();
  }
}

}  // namespace sluice::stream
