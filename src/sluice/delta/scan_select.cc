#include <vector>

#include "sluice/columnar/take.h"
#include "sluice/delta/scan.h"

namespace sluice::delta {

Result<columnar::RecordBatch> SelectRows(const columnar::RecordBatch& batch, std::span<const uint8_t> keep) {
  if (static_cast<int64_t>(keep.size()) != batch.num_rows) {
    return Status::Invalid("selection of {} rows for a batch of {}", keep.size(), batch.num_rows);
  }
  std::vector<int32_t> indices;
  indices.reserve(keep.size());
  for (size_t i = 0; i < keep.size(); ++i) {
    if (keep[i]) indices.push_back(static_cast<int32_t>(i));
  }
  if (static_cast<int64_t>(indices.size()) == batch.num_rows) return batch;
  return columnar::TakeRows(batch, indices);
}

}  // namespace sluice::delta
