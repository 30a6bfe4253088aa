#include "sluice/stream/api/job_client.h"

#include "sluice/common/clock.h"
#include "sluice/stream/runtime/job_control.h"

namespace sluice::stream {

JobClient::JobClient(std::shared_ptr<runtime::JobControl> control, std::shared_ptr<MetricsRegistry> metrics)
    : control_(std::move(control)), metrics_(std::move(metrics)) {}

JobClient::~JobClient() {
  if (runner_.joinable()) {
    control_->Cancel();
    runner_.join();
  }
}

void JobClient::Start(std::thread runner, std::shared_ptr<Status> result) {
  runner_ = std::move(runner);
  result_ = std::move(result);
}

Status JobClient::TriggerSavepoint(const std::string& dir) { return control_->Savepoint(dir, false); }

Status JobClient::StopWithSavepoint(const std::string& dir) { return control_->Savepoint(dir, true); }

void JobClient::Cancel() { control_->Cancel(); }

Status JobClient::Wait() {
  if (runner_.joinable()) runner_.join();
  return result_ ? *result_ : Status::Invalid("job was not started");
}

MetricsSnapshot JobClient::Metrics() const { return metrics_->Snapshot(WallMillis()); }

}  // namespace sluice::stream
