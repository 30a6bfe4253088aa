#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "sluice/common/status.h"

namespace sluice::stream::runtime {

// Requests from outside a running job (a JobClient's thread) to the job's
// checkpoint trigger loop, and their outcomes. One savepoint at a time.
class JobControl {
 public:
  struct SavepointRequest {
    std::string dir;
    bool stop = false;  // stop the job once the savepoint completed
  };

  // Client side. Asks for a savepoint into `dir` and waits until it
  // completed, failed, or the job ended first.
  Status Savepoint(std::string dir, bool stop);
  // Asks the job to stop without a savepoint; pending work is dropped (the
  // next run restores from the latest checkpoint).
  void Cancel();

  // Job side. Takes the pending savepoint request, if any.
  std::optional<SavepointRequest> TakeSavepointRequest();
  // The taken request completed (or failed).
  void SavepointDone(Status st);
  bool cancel_requested() const;
  // The job ended with `st`: a savepoint not yet done fails.
  void JobEnded(const Status& st);

 private:
  mutable std::mutex mu_;
  std::mutex client_mu_;  // one Savepoint() call at a time
  std::condition_variable cv_;
  std::optional<SavepointRequest> request_;
  bool in_flight_ = false;
  std::optional<Status> result_;
  bool cancel_ = false;
  bool ended_ = false;
};

}  // namespace sluice::stream::runtime
