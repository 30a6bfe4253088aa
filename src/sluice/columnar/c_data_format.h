#pragma once

// Internal: the Arrow C Data Interface format strings of our types.

#include <string>
#include <string_view>
#include <vector>

#include "sluice/columnar/data_type.h"
#include "sluice/common/status.h"

namespace sluice::columnar::internal {

// Returns the format string of `type` ("i", "tsu:UTC", "d:10,2", "+l", ...).
Result<std::string> FormatOf(const DataType& type);

// A parsed format: our type for parameterless and parametrised types (nested
// types get their children from the schema), and whether the foreign layout
// uses 64-bit offsets ("U", "Z", "+L").
struct ParsedFormat {
  TypeId id = TypeId::kNull;
  DataTypePtr type;  // set unless id is kStruct, kList or kMap
  bool large_offsets = false;
};

// Parses a format string; NotSupported naming the format when we have no such type.
Result<ParsedFormat> ParseFormat(std::string_view format);

// Encodes metadata per the spec (int32 count, then int32-length-prefixed
// keys and values, native endianness); empty when there is none.
std::string EncodeMetadata(const KeyValueMetadata& metadata);
// Decodes metadata written as above; `data` may be null.
Result<KeyValueMetadata> DecodeMetadata(const char* data);

}  // namespace sluice::columnar::internal
