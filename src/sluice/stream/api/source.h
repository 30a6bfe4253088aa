#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/expr/expr.h"

namespace sluice::stream {

// A unit of source work (a file, a range of generated rows, a Kafka
// partition) and the reader's position in it. `position` is opaque bytes owned
// by the source; snapshotting splits at a checkpoint and handing them back to
// CreateReader() resumes exactly there.
struct SourceSplit {
  std::string id;
  std::string position;
};

// What one SourceReader::Read() call produced.
struct ReadResult {
  enum class Kind {
    kBatch,       // `batch` holds rows
    kNothingYet,  // no data right now (unbounded source); the caller retries
    kEnd,         // every assigned split is exhausted
  };
  Kind kind = Kind::kEnd;
  columnar::RecordBatch batch;
};

// Reads the splits assigned to one source subtask. Called from one thread.
class SourceReader {
 public:
  virtual ~SourceReader() = default;
  // Reads up to `max_rows` rows. May block briefly (rate limits, I/O).
  virtual Result<ReadResult> Read(int64_t max_rows) = 0;
  // Returns the current position of every assigned split (checkpoint hook).
  virtual std::vector<SourceSplit> SnapshotSplits() const = 0;
};

// A source of record batches, bounded or not. Implementations: the generator
// and in-memory batches (stream/sources/), files (connectors/files/) and
// Delta tables (connectors/delta/).
class Source {
 public:
  virtual ~Source() = default;
  // The schema of every batch the readers produce.
  virtual columnar::SchemaPtr schema() const = 0;
  // Enumerates the splits of a fresh job; `parallelism` is a hint for sizing.
  virtual Result<std::vector<SourceSplit>> CreateSplits(int parallelism) = 0;
  // Creates the reader of subtask `subtask` for `splits` (fresh or restored).
  virtual Result<std::unique_ptr<SourceReader>> CreateReader(int subtask, std::vector<SourceSplit> splits) = 0;
  // Offered the predicate of a Filter that reads this source alone (Flink's
  // SupportsFilterPushDown), before any split is created. Returns true iff
  // the source will emit only rows where it holds, so the Filter can go.
  virtual bool ApplyFilter(const expr::Expr& predicate) {
    (void)predicate;
    return false;
  }
};

}  // namespace sluice::stream
