#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"
#include "sluice/parquet/schema/schema_descriptor.h"

namespace sluice::delta {

// Column mapping (PROTOCOL.md "Column Mapping").
enum class ColumnMappingMode { kNone, kName, kId };

// The mode from table property delta.columnMapping.mode, honoured when the
// protocol supports it (reader version 2, or 3 with feature columnMapping).
// Invalid for an unknown mode.
Result<ColumnMappingMode> GetColumnMappingMode(const Protocol& protocol, const Metadata& metadata);

// The name of `field` in data files, stats and partition values:
// delta.columnMapping.physicalName in name/id mode (falls back to the logical name).
std::string PhysicalName(const columnar::Field& field, ColumnMappingMode mode);

// The delta.columnMapping.id of `field`, if any.
std::optional<int32_t> ColumnMappingId(const columnar::Field& field);

// A field of a Parquet file's schema with its field_id, mirroring the
// columnar schema the reader produces (struct fields, list element, map
// key/value as children).
struct FileField {
  std::string name;
  std::optional<int32_t> field_id;
  std::vector<FileField> children;
};

// The top-level fields of a Parquet file with their field ids.
std::vector<FileField> FileFieldsOf(const parquet::SchemaDescriptor& descriptor);

// Index of the file field matching logical `field` (by field id in id mode
// when the file has ids, else by physical name, then case-insensitively), or -1.
int FindFileField(const std::vector<FileField>& file_fields, const columnar::Field& field, ColumnMappingMode mode);

// Converts `array` read from a data file (shape `file_field`) to the logical
// `field`: nested struct fields matched like FindFileField and renamed, missing
// ones filled with nulls; types cast where Delta allows (same layout, integer
// and float widening, timestamp units, decimal rescale). NotSupported names
// the field when a type cannot be converted.
Result<columnar::ArrayPtr> ConformArray(const columnar::ArrayPtr& array, const FileField& file_field,
                                        const columnar::Field& field, ColumnMappingMode mode);

}  // namespace sluice::delta
