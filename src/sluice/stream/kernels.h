#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"

namespace sluice::stream {

// Returns the values of `array` at `indices` (in that order), as a new array.
// Flat types only (nested types: NotSupported).
Result<columnar::ArrayPtr> TakeArray(const columnar::Array& array, std::span<const int32_t> indices);
// Returns rows `indices` of `batch`.
Result<columnar::RecordBatch> TakeRows(const columnar::RecordBatch& batch, std::span<const int32_t> indices);
// Returns the rows whose `keep` byte is non-zero (the batch itself when all are kept).
Result<columnar::RecordBatch> FilterRows(const columnar::RecordBatch& batch, std::span<const uint8_t> keep);
// Returns the rows where bool array `mask` is true (null drops the row).
Result<columnar::RecordBatch> FilterRows(const columnar::RecordBatch& batch, const columnar::Array& mask);

}  // namespace sluice::stream
