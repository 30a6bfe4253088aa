#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"

namespace sluice::stream {

// Writes the batches of one sink subtask. Exactly-once sinks stage data in
// Write(), hand the staged work out as committables at PrepareCommit()
// (called on each checkpoint barrier), and make it visible only in
// Sink::Commit() once the checkpoint completed.
class SinkWriter {
 public:
  virtual ~SinkWriter() = default;
  // Writes (or stages) one batch.
  virtual Status Write(const columnar::RecordBatch& batch) = 0;
  // Flushes what was written since the last call and returns its committables
  // (opaque bytes, e.g. serialized Delta `add` actions); empty by default.
  virtual Result<std::vector<std::string>> PrepareCommit(int64_t checkpoint_id) {
    (void)checkpoint_id;
    return std::vector<std::string>{};
  }
  // Called once at the end of bounded input, after the last Write().
  virtual Status Finish() { return Status::OK(); }
};

// A sink: creates one writer per subtask and commits what they prepared.
class Sink {
 public:
  virtual ~Sink() = default;
  // Creates the writer of subtask `subtask` of `parallelism`.
  virtual Result<std::unique_ptr<SinkWriter>> CreateWriter(int subtask, int parallelism) = 0;
  // Commits the committables of every writer for checkpoint `checkpoint_id`
  // (one call, from one thread); must be idempotent for a retried checkpoint.
  // A job without checkpoints commits once at the end with id 0, which is
  // never a retry (commit unconditionally).
  virtual Status Commit(int64_t checkpoint_id, std::vector<std::string> committables) {
    (void)checkpoint_id;
    (void)committables;
    return Status::OK();
  }
};

}  // namespace sluice::stream
