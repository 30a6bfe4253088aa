#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"
#include "sluice/delta/write/file_stats.h"
#include "sluice/io/filesystem.h"
#include "sluice/parquet/writer_options.h"

namespace sluice::delta {

struct DataWriterOptions {
  parquet::WriterOptions parquet;           // codec etc. (snappy by default, as Spark)
  int64_t target_file_bytes = 128LL << 20;  // roll to a new file past this (compressed bytes written)
  int64_t max_rows_per_file = 0;            // 0 = no limit
  // Statistics columns; when unset, taken from the table configuration.
  std::optional<StatsOptions> stats;
};

// Writes rows of a table into new Parquet data files under the table root,
// invisible until a commit adds them: partition columns are split off into
// Hive-style folders (`a=1/b=x/part-00000-<uuid>.c000.snappy.parquet`, values
// escaped per PROTOCOL.md / Spark, null as __HIVE_DEFAULT_PARTITION__) and
// not stored in the files; one open file per partition, rolled by size and
// row count. Finish() closes every file and returns one Add per file
// (dataChange=true, size, modificationTime, partitionValues serialized per
// "Partition Value Serialization", stats JSON).
class DataWriter {
 public:
  // `metadata` gives the schema (logical names; tables with column mapping
  // are refused NotSupported), partition columns and configuration.
  static Result<std::unique_ptr<DataWriter>> Make(std::shared_ptr<io::FileSystem> fs, std::string table_root,
                                                  const Metadata& metadata, DataWriterOptions options = {});
  ~DataWriter();

  // `batch` must have exactly the table schema (names, order, types); Invalid
  // otherwise (callers enforce/cast the schema first).
  Status Write(const columnar::RecordBatch& batch);
  // Closes all files; the Adds in the order files were opened.
  Result<std::vector<Add>> Finish();
  // Deletes every file written so far (best effort), for a failed write.
  void Abort();

 private:
  DataWriter() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Serializes one value of a partition column (row `row` of `array`) per
// PROTOCOL.md "Partition Value Serialization": null -> nullopt; booleans
// "true"/"false"; integers decimal; float/double shortest round-trip; dates
// "YYYY-MM-DD"; timestamps "YYYY-MM-DD HH:MM:SS.ffffff" in UTC (ntz: wall
// time); decimals "-12.340"; strings as is; binary as its bytes.
// NotSupported for nested types.
Result<std::optional<std::string>> SerializePartitionValue(const columnar::Array& array, int64_t row);

}  // namespace sluice::delta
