#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "sluice/common/status.h"
#include "sluice/delta/maintenance/maintenance.h"
#include "sluice/io/filesystem.h"

namespace sluice::connectors {

// Runs OPTIMIZE (bin-packing of small files, dataChange=false) on a table
// from a thread of its own, one run at a time, beside a writer that keeps
// appending: blind appends and compaction do not conflict under the Delta
// rules. A failed run (say, a concurrent delete of a file it compacts) is
// recorded and does not stop the writer; the next run tries again.
class BackgroundCompactor {
 public:
  BackgroundCompactor(std::shared_ptr<io::FileSystem> fs, std::string table_root, delta::OptimizeOptions options);
  ~BackgroundCompactor();  // waits for a running compaction
  BackgroundCompactor(const BackgroundCompactor&) = delete;
  BackgroundCompactor& operator=(const BackgroundCompactor&) = delete;

  // Starts a compaction unless one is running; returns whether it started.
  bool Start();
  // Waits for the running compaction, if any.
  void Wait();

  struct Stats {
    int64_t runs = 0;     // finished runs
    int64_t commits = 0;  // runs that committed an OPTIMIZE version
    int64_t files_removed = 0;
    int64_t files_added = 0;
    Status last_error;  // of the latest failed run
  };
  Stats stats() const;

 private:
  void Run();

  const std::shared_ptr<io::FileSystem> fs_;
  const std::string table_root_;
  const delta::OptimizeOptions options_;
  mutable std::mutex mu_;
  std::thread thread_;
  bool running_ = false;
  Stats stats_;
};

}  // namespace sluice::connectors
