#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/columnar/take.h"
#include "sluice/common/status.h"

namespace sluice::stream {

// Gathers by row index: columnar/take.h (every type, nested included).
using columnar::TakeArray;
using columnar::TakeRows;

// Returns the rows whose `keep` byte is non-zero (the batch itself when all are kept).
Result<columnar::RecordBatch> FilterRows(const columnar::RecordBatch& batch, std::span<const uint8_t> keep);
// Returns the rows where bool array `mask` is true (null drops the row).
Result<columnar::RecordBatch> FilterRows(const columnar::RecordBatch& batch, const columnar::Array& mask);

}  // namespace sluice::stream
