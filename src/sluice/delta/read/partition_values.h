#pragma once

#include <optional>
#include <string>

#include "sluice/columnar/scalar_cast.h"
#include "sluice/common/status.h"

namespace sluice::delta {

// A value of one Delta column is a columnar::Scalar in the form sluice
// compares and materialises it: integers, dates (days) and timestamps
// (microseconds since the epoch) as int64; float/double as double; decimals as
// their unscaled 128-bit integer (at the column's scale); strings and binary
// as bytes (columnar/scalar_cast.h parses and converts them).
using columnar::Scalar;

// Parses a serialized partition value (PROTOCOL.md "Partition Value
// Serialization") of a column of `type`: null, missing or "" -> null; else
// columnar::ParseScalar. Invalid naming the text and type when it does not
// parse.
Result<Scalar> ParsePartitionValue(const columnar::DataType& type, const std::optional<std::string>& text);

}  // namespace sluice::delta
