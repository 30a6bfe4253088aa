#include "sluice/stream/runtime/executor.h"

#include "sluice/stream/runtime/job.h"

namespace sluice::stream::runtime {

namespace {

Status Validate(const JobGraph& graph, const StreamOptions& options) {
  if (!graph.build_error.ok()) return graph.build_error;
  if (options.max_parallelism <= 0 || options.batch_size <= 0) {
    return Status::Invalid("max_parallelism {} and batch_size {} must be positive", options.max_parallelism,
                           options.batch_size);
  }
  for (const auto& n : graph.nodes) {
    if (n.parallelism > options.max_parallelism) {
      return Status::Invalid("node '{}': parallelism {} > max parallelism {}", n.name, n.parallelism,
                             options.max_parallelism);
    }
  }
  return Status::OK();
}

}  // namespace

Status RunJob(const JobGraph& graph, const StreamOptions& options, JobControl* control) {
  Status st = Validate(graph, options);
  if (st.ok()) {
    Job job(graph, options, control);
    st = job.Run();
  }
  if (control) control->JobEnded(st);
  return st;
}

}  // namespace sluice::stream::runtime
