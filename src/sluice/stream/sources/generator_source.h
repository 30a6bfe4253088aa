#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "sluice/stream/api/row.h"
#include "sluice/stream/api/source.h"

namespace sluice::stream {

// Options of the deterministic generator. Row i is a pure function of
// (seed, i), so the data does not depend on parallelism or batch sizes.
struct GeneratorOptions {
  int64_t count = 1000;  // rows in total (bounded)
  uint64_t seed = 42;
  int num_splits = 4;          // ranges of row indexes
  double rows_per_second = 0;  // per reader; 0 = as fast as possible
  // Default columns: id int64, key int64 in [0, num_keys), value int64 in
  // [0, 1000), ts timestamp[ms] = start_time_ms + id * interval_ms - jitter,
  // jitter uniform in [0, max_disorder_ms] (out-of-order event time).
  int64_t num_keys = 10;
  int64_t start_time_ms = 0;
  int64_t interval_ms = 1;
  int64_t max_disorder_ms = 0;
  // Custom rows instead of the default columns: fills rows [first, first+n)
  // into `out` (whose schema is `schema`).
  columnar::SchemaPtr schema;
  std::function<Status(int64_t first, int64_t n, uint64_t seed, BatchBuilder* out)> generate;
};

// 64-bit mix of (seed, index): the generator's counter-based random numbers
// (splitmix64 over a counter: independent, reproducible values per index).
inline uint64_t GeneratorRandom(uint64_t seed, int64_t index, uint64_t stream = 0) {
  uint64_t z = seed * 0x9e3779b97f4a7c15ULL + static_cast<uint64_t>(index) * 0xbf58476d1ce4e5b9ULL +
               stream * 0x94d049bb133111ebULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A bounded source generating rows by index; a split's position is its next
// row index, so a restored reader continues exactly where it stopped.
class GeneratorSource final : public Source {
 public:
  explicit GeneratorSource(GeneratorOptions options);

  columnar::SchemaPtr schema() const override { return schema_; }
  Result<std::vector<SourceSplit>> CreateSplits(int parallelism) override;
  Result<std::unique_ptr<SourceReader>> CreateReader(int subtask, std::vector<SourceSplit> splits) override;

 private:
  GeneratorOptions options_;
  columnar::SchemaPtr schema_;
};

}  // namespace sluice::stream
