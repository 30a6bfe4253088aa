#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/stream/api/sink.h"

namespace sluice::nexmark {

// An order-independent digest of result rows, the same in sluice and in the
// Flink benchmark (ResultChecksum.java):
//   checksum = sum over rows of RowHash (mod 2^64), RowHash = fold of Mix over
//   the row's column values: h = kRowSeed; for each column: h = Mix(h ^ bits)
// where bits is an integer or timestamp's value, a double's IEEE bits, a
// string's StringHash, and kNullBits for null.
struct ResultSummary {
  int64_t rows = 0;
  uint64_t checksum = 0;
};

inline constexpr uint64_t kRowSeed = 0x9E3779B97F4A7C15ULL;
inline constexpr uint64_t kNullBits = 0x6E756C6C6E756C6CULL;

// splitmix64's finalizer.
inline uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
// h = length; per 8-byte little-endian word (the last zero-padded): h = Mix(h ^ word).
uint64_t StringHash(std::string_view s);

// Adds every row of `batch` (int, timestamp, float, bool and string columns).
Status AddToSummary(const columnar::RecordBatch& batch, ResultSummary* summary);

// A sink that keeps only the row count and checksum of what it receives.
class ChecksumSink final : public stream::Sink {
 public:
  Result<std::unique_ptr<stream::SinkWriter>> CreateWriter(int subtask, int parallelism) override;
  ResultSummary summary() const;
  // Adds a writer's partial summary (called by its writer at Finish()).
  void Merge(const ResultSummary& part);

 private:
  mutable std::mutex mu_;
  ResultSummary total_;
};

}  // namespace sluice::nexmark
