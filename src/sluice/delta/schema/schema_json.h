#pragma once

#include <string>
#include <string_view>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"

namespace sluice::delta {

// Converts a Delta schema string (PROTOCOL.md "Schema Serialization Format")
// to a columnar schema: string->string, long->int64, integer->int32,
// short->int16, byte->int8, float, double, boolean, binary, date->date32,
// timestamp->timestamp[us, UTC], timestamp_ntz->timestamp[us], decimal(p,s),
// struct, array (containsNull -> element nullability), map
// (valueContainsNull). Field metadata (column mapping ids and physical
// names, comments, generation expressions...) is kept in Field::metadata with
// JSON-encoded values. Unknown types (e.g. variant) are NotSupported naming
// the field; malformed JSON or types are Corrupt. An empty string (a
// metaData whose schemaString Spark left out) is a schema with no fields.
Result<columnar::SchemaPtr> ParseDeltaSchema(std::string_view json);

// The inverse, for writing metaData.schemaString (Spark's compact form:
// name, type, nullable, metadata). Metadata values are written back as the
// JSON they hold. Types Delta lacks (unsigned, float16, time...) are
// NotSupported naming the field.
Result<std::string> ToDeltaSchemaJson(const columnar::Schema& schema);

}  // namespace sluice::delta
