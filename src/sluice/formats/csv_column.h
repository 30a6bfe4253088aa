#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "sluice/columnar/array_builder.h"
#include "sluice/columnar/data_type.h"
#include "sluice/common/status.h"
#include "sluice/formats/csv_tokenizer.h"

namespace sluice::formats {

// What converting one CSV column needs besides its fields.
struct CsvColumnContext {
  const std::string* path;       // the file, for errors
  const columnar::Field* field;  // name, type, nullability
  std::string_view null_value;   // unquoted text read as null
  const int64_t* lines;          // line of each row, for errors
};

// Returns true iff `f` is null in a column of `type`: unquoted `null_value`,
// or, for types other than string and binary, empty (there is nothing else
// an empty field could mean there; csv_reader_test NullValue).
inline bool IsCsvNull(const CsvField& f, std::string_view null_value, bool string_like) {
  if (f.size == 0 && (!string_like || (!f.quoted && null_value.empty()))) return true;
  return !f.quoted && f.size == null_value.size() && f.size != 0 &&
         std::char_traits<char>::compare(f.data, null_value.data(), f.size) == 0;
}

// Returns the builder AppendCsvColumn wants for `type`: a CsvStringBuilder
// for string and binary, columnar::MakeBuilder's otherwise.
Result<std::unique_ptr<columnar::ArrayBuilder>> MakeCsvColumnBuilder(const columnar::DataTypePtr& type);

// Parses `fields` as ctx.field's type (IsTextParsable) and appends them to
// `builder` (made by MakeCsvColumnBuilder for that type). Invalid
// "<file>:<line>: column '<name>': cannot read '<text>' as <type>" for a
// value that does not parse, or a null in a non-nullable column.
Status AppendCsvColumn(std::span<const CsvField> fields, const CsvColumnContext& ctx, columnar::ArrayBuilder* builder);

// Checks that string values appended to a string array are UTF-8; Invalid
// naming the line of the first that is not. `lines` gives each row's line.
Status ValidateUtf8Column(const columnar::Array& array, const CsvColumnContext& ctx);

}  // namespace sluice::formats
