#include "sluice/connectors/delta/background_compactor.h"

namespace sluice::connectors {

BackgroundCompactor::BackgroundCompactor(std::shared_ptr<io::FileSystem> fs, std::string table_root,
                                         delta::OptimizeOptions options)
    : fs_(std::move(fs)), table_root_(std::move(table_root)), options_(std::move(options)) {}

BackgroundCompactor::~BackgroundCompactor() { Wait(); }

bool BackgroundCompactor::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (running_) return false;
  if (thread_.joinable()) thread_.join();  // the previous run has finished
  running_ = true;
  thread_ = std::thread([this] { Run(); });
  return true;
}

void BackgroundCompactor::Wait() {
  std::thread t;
  {
    std::lock_guard<std::mutex> lock(mu_);
    t = std::move(thread_);
  }
  if (t.joinable()) t.join();
}

BackgroundCompactor::Stats BackgroundCompactor::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

void BackgroundCompactor::Run() {
  auto r = delta::OptimizeTable(fs_, table_root_, options_);
  std::lock_guard<std::mutex> lock(mu_);
  ++stats_.runs;
  if (r.ok()) {
    if (r->commit.version >= 0) ++stats_.commits;
    stats_.files_removed += r->files_removed;
    stats_.files_added += r->files_added;
  } else {
    stats_.last_error = r.status().WithContext("background compaction of " + table_root_);
  }
  running_ = false;
}

}  // namespace sluice::connectors
