#include "sluice/stream/kernels.h"

#include <vector>

namespace sluice::stream {

using columnar::Array;
using columnar::RecordBatch;
using columnar::TypeId;

Result<RecordBatch> FilterRows(const RecordBatch& batch, std::span<const uint8_t> keep) {
  std::vector<int32_t> idx;
  idx.reserve(keep.size());
  for (size_t i = 0; i < keep.size(); ++i) {
    if (keep[i]) idx.push_back(static_cast<int32_t>(i));
  }
  if (static_cast<int64_t>(idx.size()) == batch.num_rows) return batch;
  return columnar::TakeRows(batch, idx);
}

Result<RecordBatch> FilterRows(const RecordBatch& batch, const Array& mask) {
  if (mask.type->id != TypeId::kBool || mask.length != batch.num_rows) {
    return Status::Invalid("filter mask must be bool with {} rows, got {} with {}", batch.num_rows,
                           mask.type->ToString(), mask.length);
  }
  std::vector<uint8_t> keep(static_cast<size_t>(batch.num_rows));
  for (int64_t i = 0; i < batch.num_rows; ++i) keep[i] = mask.IsValid(i) && mask.BoolValue(i);
  return FilterRows(batch, keep);
}

}  // namespace sluice::stream
