#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "sluice/columnar/record_batch_reader.h"
#include "sluice/common/status.h"

namespace sluice::formats {

// Options shared by the text formats.
struct TextReadOptions {
  // The schema to read into. Fields are matched by name (CSV: header names;
  // JSON: keys); missing fields are null (an error when the field is not
  // nullable); unknown CSV columns / JSON keys are ignored. When null, the
  // schema is inferred from the first `infer_rows` rows: int64, double,
  // bool, date32, timestamp[us, UTC] (ISO-8601 with zone), string; JSON
  // objects become structs and arrays lists; a column that mixes int and
  // double is double; anything else mixed is string.
  columnar::SchemaPtr schema;
  int64_t infer_rows = 1000;
  int64_t batch_rows = 64 * 1024;
  // With a schema: a CSV file with a header, or a Parquet file, must have
  // exactly the schema's columns (by name, in any order); a missing or extra
  // column is Invalid naming the file and the column. (Without it a missing
  // nullable column reads as nulls and extra columns are ignored.) JSON lines
  // have no header: missing keys are null and unknown keys ignored either way.
  bool exact_columns = false;
};

struct CsvOptions {
  char delimiter = ',';
  char quote = '"';        // RFC 4180 quoting: doubled quotes, newlines inside quotes
  bool header = true;      // without a header, columns are f0, f1, ... (or the schema's fields in order)
  std::string null_value;  // unquoted text read as null (empty by default)
};

// Opens a CSV file. Values that do not parse as their column's type are
// Invalid "<file>:<line>: column <c>: cannot read '<text>' as <type>";
// a row with the wrong number of fields is Invalid naming the line.
Result<std::unique_ptr<columnar::RecordBatchReader>> OpenCsv(const std::string& path, TextReadOptions options = {},
                                                             CsvOptions csv = {});

// Opens a JSON-lines file (one object per line, blank lines skipped).
// Malformed JSON or a value of the wrong type is Invalid "<file>:<line>: ...".
Result<std::unique_ptr<columnar::RecordBatchReader>> OpenJsonLines(const std::string& path,
                                                                   TextReadOptions options = {});

enum class DataFileFormat { kParquet, kCsv, kJsonLines };

// The format of `path` by its extension (.parquet, .csv, .json/.jsonl/.ndjson,
// any case); Invalid naming the file for another extension.
Result<DataFileFormat> DataFileFormatOf(const std::string& path);

// Opens `path` as `format` whatever its extension (CSV with `csv`); with
// options.schema, Parquet columns are selected by name and must have the
// schema's types.
Result<std::unique_ptr<columnar::RecordBatchReader>> OpenDataFile(const std::string& path, DataFileFormat format,
                                                                  TextReadOptions options, CsvOptions csv = {});

// Opens a Parquet, CSV or JSON-lines file chosen by extension (.parquet,
// .csv, .json/.jsonl/.ndjson); with options.schema, Parquet columns are
// selected by name and must have the schema's types. Invalid naming the file
// for an unknown extension.
Result<std::unique_ptr<columnar::RecordBatchReader>> OpenDataFile(const std::string& path,
                                                                  TextReadOptions options = {});

}  // namespace sluice::formats
