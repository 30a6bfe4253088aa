#pragma once

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"

namespace sluice::columnar {

// Returns true iff CastArray can convert values of `from` to `to` without
// losing information other than sub-microsecond timestamp precision.
bool CanCastLosslessly(const DataType& from, const DataType& to);

// Converts `array` to `to` when CanCastLosslessly holds: the same type
// (nested child names and nullability taken from `to`), a null array to any
// type, integer widening (signed, and unsigned to a wider signed), integers
// and float to double, float16 to float/double, timestamps between units
// (nanoseconds floored to the coarser unit), and these recursively inside
// structs, lists and maps. NotSupported "cannot cast <from> to <to>"
// otherwise.
Result<ArrayPtr> CastArray(const ArrayPtr& array, const DataTypePtr& to);

}  // namespace sluice::columnar
