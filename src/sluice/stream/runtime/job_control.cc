#include "sluice/stream/runtime/job_control.h"

namespace sluice::stream::runtime {

Status JobControl::Savepoint(std::string dir, bool stop) {
  if (dir.empty()) return Status::Invalid("savepoint: no directory given");
  std::lock_guard<std::mutex> client(client_mu_);
  std::unique_lock<std::mutex> lock(mu_);
  if (ended_) return Status::Invalid("savepoint to '{}': the job has ended", dir);
  request_ = SavepointRequest{std::move(dir), stop};
  result_.reset();
  cv_.wait(lock, [&] { return result_.has_value(); });
  return *result_;
}

void JobControl::Cancel() {
  std::lock_guard<std::mutex> lock(mu_);
  cancel_ = true;
}

std::optional<JobControl::SavepointRequest> JobControl::TakeSavepointRequest() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!request_ || in_flight_) return std::nullopt;
  in_flight_ = true;
  auto r = std::move(request_);
  request_.reset();
  return r;
}

void JobControl::SavepointDone(Status st) {
  std::lock_guard<std::mutex> lock(mu_);
  in_flight_ = false;
  result_ = std::move(st);
  cv_.notify_all();
}

bool JobControl::cancel_requested() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cancel_;
}

void JobControl::JobEnded(const Status& st) {
  std::lock_guard<std::mutex> lock(mu_);
  ended_ = true;
  if (request_ || in_flight_) {
    request_.reset();
    in_flight_ = false;
    result_ = st.ok() ? Status::Invalid("the job ended before the savepoint completed")
                      : st.WithContext("the job failed before the savepoint completed");
    cv_.notify_all();
  }
}

}  // namespace sluice::stream::runtime
