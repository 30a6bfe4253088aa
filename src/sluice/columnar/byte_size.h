#pragma once

#include <cstdint>

#include "sluice/columnar/array.h"

namespace sluice::columnar {

// Bytes the values of `array` take in the Arrow layout, counting only its
// own slice (offset, length) of shared buffers: validity bits when present,
// fixed-width values, offsets and the bytes they span, children. What a
// batch weighs on a channel (metrics), not what its buffers hold.
int64_t DataBytes(const Array& array);
int64_t DataBytes(const RecordBatch& batch);

}  // namespace sluice::columnar
