#pragma once

// Scalars from text and between types: the one parser of value text that
// Delta partition values, statistics and expression literals share.
#include <cstdint>
#include <string_view>

#include "sluice/columnar/array.h"
#include "sluice/columnar/scalar.h"
#include "sluice/common/status.h"

namespace sluice::columnar {

// Parses `text` as a value of `type`, in the Scalar form sluice compares and
// materialises it (PROTOCOL.md "Partition Value Serialization"): numbers;
// "true"/"false"; dates YYYY-MM-DD (a time part is ignored) as days;
// timestamps "YYYY-MM-DD HH:MM:SS[.f]" or ISO-8601 ("...T...[Z|+hh:mm]") as
// microseconds, the zone applied for timestamp (UTC) and ignored for
// timestamp_ntz; decimals "-12.340" as the unscaled int128 at the type's
// scale; strings and binary as-is. Invalid naming the text and type when it
// does not parse; NotSupported for types without a text form.
Result<Scalar> ParseScalar(const DataType& type, std::string_view text);

// Converts `value` to a Scalar of `type` (strings are parsed with
// ParseScalar; integers widen to double or decimal; a fractional number for
// an integer type stays double, to compare as such). Invalid when it cannot
// be a value of that type.
Result<Scalar> CastScalar(const DataType& type, const Scalar& value);

// Returns <0, 0, >0 comparing two non-null Scalars of one type (an integer
// and a double by value; NaN above every number, as Spark orders doubles).
int CompareScalars(const Scalar& a, const Scalar& b);

// Returns an array of `length` copies of `value` (all null when null).
// Supports the flat types; NotSupported for nested ones.
Result<ArrayPtr> MakeConstantArray(const DataTypePtr& type, const Scalar& value, int64_t length);

}  // namespace sluice::columnar
