#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"

namespace sluice::parquet {
class FileWriter;
class SchemaDescriptor;
}  // namespace sluice::parquet

namespace sluice::delta {

// Which columns get per-file statistics (PROTOCOL.md "Per-file Statistics").
struct StatsOptions {
  // The first N leaf columns (depth-first over structs) get min/max/nullCount;
  // -1 = all. Table property delta.dataSkippingNumIndexedCols (default 32).
  int32_t num_indexed_cols = 32;
  // When set, exactly these columns (dotted names, a struct name covers its
  // leaves) instead. Table property delta.dataSkippingStatsColumns.
  std::optional<std::vector<std::string>> stats_columns;
  // Strings longer than this many characters (code points) are truncated:
  // min to a prefix, max to a prefix followed by U+10FFFF... so that it stays
  // an upper bound (Spark: 32).
  int32_t string_prefix_length = 32;
};

// Reads delta.dataSkippingNumIndexedCols / delta.dataSkippingStatsColumns
// from a table configuration; Invalid naming the property when malformed.
Result<StatsOptions> StatsOptionsFromConfiguration(const std::map<std::string, std::string>& configuration);

// Accumulates the statistics of one data file over the batches written to it
// and renders Add.stats JSON: {"numRecords":N,"minValues":{...},
// "maxValues":{...},"nullCount":{...}} with nested objects for structs.
// Values are written in the form Spark writes and data skipping reads:
// numbers as JSON numbers, dates "YYYY-MM-DD", timestamps ISO-8601 with
// milliseconds and "Z" (min floored, max ceiled to the millisecond so they
// stay bounds), timestamp_ntz without zone, decimals as numbers, strings as
// JSON strings; booleans and binary get nullCount only; NaN is never a
// min/max (a column of only NaN/null gets none; one holding a NaN gets no
// max, as NaN sorts above all numbers); infinities are left out (JSON has
// none); lists and maps get nullCount only.
class FileStatsCollector {
 public:
  // `schema` is the schema of the batches as written to the file (partition
  // columns removed), with the table's logical column names.
  FileStatsCollector(columnar::SchemaPtr schema, StatsOptions options);
  ~FileStatsCollector();
  FileStatsCollector(FileStatsCollector&&) noexcept;
  FileStatsCollector& operator=(FileStatsCollector&&) noexcept;

  // Lets the Parquet writer of the file supply the statistics of the leaves
  // whose Parquet column statistics mean exactly what Delta's do: integers,
  // dates, timestamps in ms/us/ns, strings (byte order, whole values), and
  // the null counts of booleans and binary, outside lists and maps. Add()
  // skips those leaves; TakeParquetStatistics() fills them. `descriptor` is
  // the file's Parquet schema (of this collector's schema); call before Add().
  void UseParquetStatistics(const parquet::SchemaDescriptor& descriptor);
  // Fills the leaves chosen by UseParquetStatistics() from `writer` after
  // its Close(). Invalid when the writer computed no statistics.
  Status TakeParquetStatistics(const parquet::FileWriter& writer);

  void Add(const columnar::RecordBatch& batch);
  int64_t num_records() const;
  std::string ToJson() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice::delta
