#pragma once

#include <string>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"

namespace sluice::delta {

// Write-time schema rules (Delta's schema enforcement and mergeSchema).

// The Delta schema for input data, for a new table or new columns: types
// Delta has stay; unsigned 8/16/32-bit integers widen to the next signed
// type, float16 to float, timestamps of any unit to microseconds; nested
// child names become Delta's (element, key, value). NotSupported naming the
// field for types Delta lacks (uint64, time, fixed-size binary, null).
Result<columnar::SchemaPtr> DeltaSchemaFor(const columnar::Schema& input);

// Fits `batch` to `table`: columns matched by name ignoring case and put in
// table order; a missing nullable column is all null; values cast losslessly
// (columnar::CanCastLosslessly) to the table's types. Invalid naming the
// column when the input has a column the table lacks ("use mergeSchema"), a
// type that cannot be cast, a missing non-nullable column, or a null in a
// non-nullable column.
Result<columnar::RecordBatch> ConformBatch(const columnar::RecordBatch& batch, const columnar::SchemaPtr& table);

// mergeSchema: `table` with the input's extra top-level columns appended
// (nullable, Delta types). Columns in both keep the table's type; the input's
// must cast to it (Invalid naming the column otherwise). Returns `table`
// itself when nothing is added.
Result<columnar::SchemaPtr> MergeSchema(const columnar::SchemaPtr& table, const columnar::Schema& input);

}  // namespace sluice::delta
