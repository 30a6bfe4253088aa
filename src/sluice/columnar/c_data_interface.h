#pragma once

// The Arrow C Data Interface (https://arrow.apache.org/docs/format/CDataInterface.html):
// zero-copy exchange of schemas and arrays with other Arrow implementations
// (pyarrow, DuckDB, Polars) inside one process.

#include <cstdint>

#include "sluice/columnar/array.h"
#include "sluice/columnar/data_type.h"
#include "sluice/common/status.h"

// The ABI structs, exactly as the specification defines them.
#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

extern "C" {

struct ArrowSchema {
  // Array type description
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;

  // Release callback
  void (*release)(struct ArrowSchema*);
  // Opaque producer-specific data
  void* private_data;
};

struct ArrowArray {
  // Array data description
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;

  // Release callback
  void (*release)(struct ArrowArray*);
  // Opaque producer-specific data
  void* private_data;
};

}  // extern "C"

#endif  // ARROW_C_DATA_INTERFACE

namespace sluice::columnar {

// Fills `out` with a schema for `field` (format, name, metadata, flags,
// children); the consumer must call out->release.
Status ExportField(const Field& field, ArrowSchema* out);
// Fills `out` with a struct schema ("+s") whose children are the fields.
Status ExportSchema(const Schema& schema, ArrowSchema* out);
// Fills `out` with `array` without copying: the release callback drops the
// references that keep the buffers alive.
Status ExportArray(const ArrayPtr& array, ArrowArray* out);
// Exports a batch as a struct array (no nulls) plus its struct schema.
Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out_array, ArrowSchema* out_schema);

// Reads a field from `schema` and releases it (also on failure). Unsupported
// formats give NotSupported naming the format.
Result<FieldPtr> ImportField(ArrowSchema* schema);
// Reads a struct schema ("+s") as a Schema and releases it.
Result<SchemaPtr> ImportSchema(ArrowSchema* schema);
// Takes ownership of `array` (moved out; released when the last buffer goes,
// or at once on failure) and wraps its memory as an Array of `type` without
// copying, except large offsets ("U", "Z", "+L") narrowed to int32. The result
// passes ValidateArray.
Result<ArrayPtr> ImportArray(ArrowArray* array, const DataTypePtr& type);
// Imports `array` with the type described by `schema` (releases the schema);
// unlike the overload above this also reads large offsets ("U", "Z", "+L").
Result<ArrayPtr> ImportArray(ArrowArray* array, ArrowSchema* schema);
// Imports a struct array plus its struct schema as a batch; releases both.
Result<RecordBatch> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema);

}  // namespace sluice::columnar
