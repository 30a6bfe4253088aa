#pragma once

#include <memory>
#include <string>
#include <thread>

#include "sluice/common/status.h"
#include "sluice/stream/metrics/metrics.h"

namespace sluice::stream {

namespace runtime {
class JobControl;
}

// A handle on a job started by StreamEnvironment::ExecuteAsync (Flink's
// JobClient): savepoints on demand, stop, cancel, metrics, and the result.
// The environment must outlive the client. Destroying a client whose job
// still runs cancels the job and waits for it.
class JobClient {
 public:
  JobClient(std::shared_ptr<runtime::JobControl> control, std::shared_ptr<MetricsRegistry> metrics);
  ~JobClient();
  JobClient(const JobClient&) = delete;
  JobClient& operator=(const JobClient&) = delete;

  // Takes a savepoint of the running job into `dir` (kept forever, restorable
  // with StreamOptions::restore_from, at any parallelism) and waits for it.
  // Needs checkpointing on (StreamOptions::checkpoint_dir). The sinks commit
  // it like a checkpoint. Fails when the job ends or fails first.
  Status TriggerSavepoint(const std::string& dir);
  // The same, then stops the job: nothing is processed after the savepoint,
  // and Wait() returns OK.
  Status StopWithSavepoint(const std::string& dir);
  // Stops the job without a savepoint; work since the last checkpoint is
  // not committed (a restart restores from the latest checkpoint).
  void Cancel();
  // Waits until the job ended; returns its result (OK after a stop or cancel).
  Status Wait();
  // The job's counters now.
  MetricsSnapshot Metrics() const;

  // Used by ExecuteAsync: the thread running the job and where its result goes.
  void Start(std::thread runner, std::shared_ptr<Status> result);

 private:
  std::shared_ptr<runtime::JobControl> control_;
  std::shared_ptr<MetricsRegistry> metrics_;
  std::thread runner_;
  std::shared_ptr<Status> result_;
};

}  // namespace sluice::stream
