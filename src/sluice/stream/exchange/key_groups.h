#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/columnar/scalar.h"
#include "sluice/common/status.h"

namespace sluice::stream {

using columnar::Scalar;
using columnar::Scalars;

// Keys are hashed into `max_parallelism` key groups; subtask i of p owns a
// contiguous range of them (as in Flink), so rescaling moves whole groups.
struct KeyGroupRange {
  int start = 0;  // first key group
  int end = 0;    // one past the last
  bool Contains(int kg) const { return kg >= start && kg < end; }
  int size() const { return end - start; }
};

// Key group of a key hash.
inline int KeyGroupOf(uint64_t hash, int max_parallelism) { return static_cast<int>(hash % max_parallelism); }
// Subtask (of `parallelism`) owning key group `kg`.
inline int SubtaskForKeyGroup(int kg, int max_parallelism, int parallelism) {
  return static_cast<int>(static_cast<int64_t>(kg) * parallelism / max_parallelism);
}
// Key groups owned by `subtask` of `parallelism`.
KeyGroupRange KeyGroupRangeFor(int subtask, int max_parallelism, int parallelism);

// Hashes the key columns `key_columns` of every row of `batch` into `out`
// (vectorised, one pass per column; xxh3 for bytes). Equal keys give equal
// hashes whatever the integer width; nulls hash to a fixed value.
Status HashKeyColumns(const columnar::RecordBatch& batch, std::span<const int> key_columns, std::vector<uint64_t>* out);

// Appends the encoding of row `row`'s key columns to `out` (cleared first);
// two rows have the same encoding iff their keys are equal.
void EncodeKey(const columnar::RecordBatch& batch, std::span<const int> key_columns, int64_t row, std::string* out);
// Decodes a key encoded by EncodeKey into its values.
Result<Scalars> DecodeKey(std::string_view key);
// Like DecodeKey, appending the values to `out`.
Status DecodeKeyTo(std::string_view key, Scalars* out);

}  // namespace sluice::stream
