#pragma once

#include <cstdint>
#include <span>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"

namespace sluice::columnar {

// Returns the values of `array` at `indices` (any order, repeats allowed) in
// new buffers with offset 0; every type, nested ones included. Invalid when
// an index is outside [0, length) or string data would pass 2 GiB.
Result<ArrayPtr> TakeArray(const Array& array, std::span<const int32_t> indices);

// Returns rows `indices` of `batch` (see TakeArray).
Result<RecordBatch> TakeRows(const RecordBatch& batch, std::span<const int32_t> indices);

// Returns the rows whose `keep` byte is non-zero, in order (the batch itself
// when all are kept). Invalid unless keep has one byte per row.
Result<RecordBatch> FilterRows(const RecordBatch& batch, std::span<const uint8_t> keep);
// Returns the rows where the bool array `mask` is true (null drops the row).
// Invalid unless mask is bool with one value per row.
Result<RecordBatch> FilterRows(const RecordBatch& batch, const Array& mask);

}  // namespace sluice::columnar
