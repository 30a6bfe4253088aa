#pragma once

#include "sluice/columnar/data_type.h"
#include "sluice/common/status.h"
#include "sluice/parquet/format/parquet_types.h"

namespace sluice::parquet {

// The one table between Parquet leaf annotations and columnar types.

// Returns the columnar type sluice reads a primitive element as (READ
// mapping): logical type first, then converted type, then physical type.
// Unknown physical types are Corrupt; DECIMAL precision > 38 NotSupported.
Result<columnar::DataTypePtr> ReadLeafType(const format::SchemaElement& element);

// Fills type, type_length and the logical + converted annotations of a leaf
// element for `type` (WRITE mapping). Nested types are Invalid here.
Status WriteLeafType(const columnar::DataType& type, format::SchemaElement* element);

// Minimal FIXED_LEN_BYTE_ARRAY width holding every decimal of `precision` digits.
int32_t DecimalByteWidth(int32_t precision);

}  // namespace sluice::parquet
