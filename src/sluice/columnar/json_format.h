#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "sluice/columnar/array.h"

namespace sluice::columnar {

// Appends value i of `array` as JSON to `out`: null; numbers (floats in the
// shortest round-trip form, NaN/Infinity as strings); strings escaped (bad
// UTF-8 as \ufffd); binary base64; dates "YYYY-MM-DD"; times "HH:MM:SS[.f]";
// timestamps ISO-8601 at the unit's precision ("Z" when UTC); decimals as
// exact strings; lists as arrays; structs and maps as objects.
void AppendJsonValue(const Array& array, int64_t i, std::string* out);

// Returns one JSON object per row, each line ending in '\n'.
std::string RecordBatchToJsonLines(const RecordBatch& batch);

// Returns the first `max_rows` rows (all if negative) of `batches` (one
// schema) as one aligned text table with a header of column names; a footer
// "(shown of total rows)" when rows were left out.
std::string FormatTable(std::span<const RecordBatch> batches, int64_t max_rows);
// The same for one batch.
std::string FormatTable(const RecordBatch& batch, int64_t max_rows);

}  // namespace sluice::columnar
