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

}  // namespace sluice::columnar
