#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/delta/read/predicate.h"

namespace sluice::delta {

// A value of one Delta column is a columnar::Scalar in the form sluice
// compares and materialises it: integers, dates (days) and timestamps
// (microseconds since the epoch) as int64; float/double as double; decimals as
// their unscaled 128-bit integer (at the column's scale); strings and binary
// as bytes.
using columnar::Scalar;

// Parses a serialized partition value (PROTOCOL.md "Partition Value
// Serialization") of a column of `type`: null, missing or "" -> null; numbers;
// "true"/"false"; dates YYYY-MM-DD; timestamps "YYYY-MM-DD HH:MM:SS[.f]" or
// ISO-8601 ("...T...[Z|+hh:mm]"), taken as UTC for timestamp and as wall time
// for timestamp_ntz; decimals "-12.340"; strings and binary as-is. Invalid
// naming the text and type when it does not parse.
Result<Scalar> ParsePartitionValue(const columnar::DataType& type, const std::optional<std::string>& text);

// Converts a predicate literal to a Scalar of a column of `type` (strings are
// parsed like partition values; ints widen to double/decimal). Invalid when
// the literal cannot be a value of that type.
Result<Scalar> CoerceLiteral(const columnar::DataType& type, const Scalar& literal);

// Returns <0, 0, >0 comparing two non-null Scalars of the same column type.
int CompareValues(const Scalar& a, const Scalar& b);

// Returns true iff a comparison result `c` (<0, 0, >0) satisfies the
// comparison `op` (kEq, kNe, kLt, kLe, kGt, kGe).
bool CompareHolds(int c, Predicate::Op op);

// Returns an array of `length` copies of `value` (null when monostate).
// Supports the primitive Delta types; NotSupported for nested ones.
Result<columnar::ArrayPtr> MakeConstantArray(const columnar::DataTypePtr& type, const Scalar& value, int64_t length);

}  // namespace sluice::delta
