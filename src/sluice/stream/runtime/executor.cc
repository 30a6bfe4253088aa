#include "sluice/stream/runtime/executor.h"

#include "sluice/stream/runtime/job.h"

namespace sluice::stream::runtime {

Status RunJob(const JobGraph& graph, const StreamOptions& options) {
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
  Job job(graph, options);
  return job.Run();
}

}  // namespace sluice::stream::runtime
