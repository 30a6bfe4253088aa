#pragma once

#include "sluice/stream/graph/job_graph.h"

namespace sluice::stream {

// Offers the predicate of every expression Filter that is the only consumer
// of a source to that source (Source::ApplyFilter). A source that takes it
// (the Delta source: file skipping on partition values and statistics, rows
// filtered in the scan) makes the Filter an identity step, renamed
// "Filter (in source)". Run once per graph, before the job starts.
void PushFiltersIntoSources(JobGraph* graph);

}  // namespace sluice::stream
