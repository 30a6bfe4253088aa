#pragma once

#include "sluice/common/status.h"
#include "sluice/stream/environment.h"
#include "sluice/stream/job_graph.h"

namespace sluice::stream::runtime {

// Runs `graph`: chains forward-connected operators, starts `parallelism`
// threads per chain, wires exchanges through bounded channels, and waits
// until every task finished (bounded input) or one failed. Returns the first
// failure.
Status RunJob(const JobGraph& graph, const StreamOptions& options);

}  // namespace sluice::stream::runtime
