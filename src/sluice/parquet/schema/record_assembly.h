#pragma once

#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/parquet/column/leaf_data.h"
#include "sluice/parquet/schema/schema_descriptor.h"

namespace sluice::parquet {

// Builds the array of top-level field `field_index` from the leaf data of its
// leaves (`leaves[k]` belongs to leaf LeafRange(field_index).first + k), all
// covering the same `num_rows` records. Levels inconsistent with the schema
// or between leaves are Corrupt.
Result<columnar::ArrayPtr> AssembleField(const SchemaDescriptor& schema, int field_index,
                                         const std::vector<const LeafData*>& leaves, int64_t num_rows);

// The inverse: splits `array` (the values of top-level field `field_index`)
// into levels and dense values for each of its leaves, appending to `out[k]`.
Status ShredField(const SchemaDescriptor& schema, int field_index, const columnar::Array& array,
                  const std::vector<LeafData*>& out);

}  // namespace sluice::parquet
