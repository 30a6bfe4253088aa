#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "sluice/columnar/scalar.h"
#include "sluice/stream/api/sink.h"

namespace sluice::stream {

using columnar::Scalar;
using columnar::Scalars;

// Collects every batch in memory (thread-safe), for tests and small jobs.
// Keep the shared_ptr passed to SinkTo() and read the results after Execute().
class CollectSink final : public Sink {
 public:
  Result<std::unique_ptr<SinkWriter>> CreateWriter(int subtask, int parallelism) override;

  // The batches received so far, in arrival order (across subtasks: any order).
  std::vector<columnar::RecordBatch> batches() const;
  // Every row as Scalars (ints, doubles, strings; timestamps as int64).
  std::vector<Scalars> Rows() const;
  // Rows() sorted, for comparing results as multisets.
  std::vector<Scalars> SortedRows() const;
  int64_t num_rows() const;
  void Add(const columnar::RecordBatch& batch);

 private:
  mutable std::mutex mu_;
  std::vector<columnar::RecordBatch> batches_;
};

// Prints rows as JSON lines to stdout, prefixed with "<subtask>> " when the
// sink runs with parallelism > 1 (as Flink's print sink does).
class PrintSink final : public Sink {
 public:
  Result<std::unique_ptr<SinkWriter>> CreateWriter(int subtask, int parallelism) override;
};

}  // namespace sluice::stream
