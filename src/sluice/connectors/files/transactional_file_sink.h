#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sluice/stream/api/sink.h"

namespace sluice::connectors {

// An exactly-once test sink: writers stage rows (comma-separated values, one
// line per row) and hand them out at PrepareCommit; Commit(n) appends them to
// one file as a block "#commit <n> <lines>\n...#end <n>\n" with one write. A
// block without its end line was torn by a crash and is truncated away; a
// checkpoint id at or below the last complete block is skipped, so a
// re-committed checkpoint never duplicates rows. The last committed id thus
// lives in the same file as the rows.
class TransactionalFileSink final : public stream::Sink {
 public:
  explicit TransactionalFileSink(std::string path) : path_(std::move(path)) {}

  Result<std::unique_ptr<stream::SinkWriter>> CreateWriter(int subtask, int parallelism) override;
  Status Commit(int64_t checkpoint_id, std::vector<std::string> committables) override;

  // The id of the last complete block in `path` (0 if none), truncating a
  // torn block at the end; `rows` (optional) receives every committed line.
  static Result<int64_t> Recover(const std::string& path, std::vector<std::string>* rows);

 private:
  const std::string path_;
  std::mutex mu_;
  bool recovered_ = false;
  int64_t last_committed_ = 0;
};

}  // namespace sluice::connectors
