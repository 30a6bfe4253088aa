#pragma once

#include "sluice/common/status.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/graph/job_graph.h"
#include "sluice/stream/runtime/job_control.h"

namespace sluice::stream::runtime {

// Runs `graph`: chains forward-connected operators, starts `parallelism`
// threads per chain, wires exchanges through bounded channels, and waits
// until every task finished (bounded input), one failed, or `control` (may
// be null) stopped it. Returns the first failure; tells `control` the end.
Status RunJob(const JobGraph& graph, const StreamOptions& options, JobControl* control = nullptr);

}  // namespace sluice::stream::runtime
