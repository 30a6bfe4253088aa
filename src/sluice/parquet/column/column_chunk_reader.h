#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sluice/common/status.h"
#include "sluice/io/file.h"
#include "sluice/parquet/column/leaf_data.h"
#include "sluice/parquet/format/parquet_types.h"
#include "sluice/parquet/schema/schema_descriptor.h"

namespace sluice::parquet {

struct ColumnReadOptions {
  // Verify PageHeader.crc when present; a mismatch is Corrupt.
  bool verify_checksums = true;
};

// Reads the pages of one column chunk (dictionary page, data pages v1/v2 with
// every encoding and codec) and yields levels and dense values by records.
// Not thread-safe; one per column chunk.
class ColumnChunkReader {
 public:
  virtual ~ColumnChunkReader() = default;

  // Opens the chunk `chunk` of leaf `leaf` in `file`. `file` must outlive the
  // reader. Errors name file.path(), the column path and the byte offset.
  static Result<std::unique_ptr<ColumnChunkReader>> Open(const io::RandomAccessFile* file, const LeafColumn& leaf,
                                                         const format::ColumnChunk& chunk,
                                                         const ColumnReadOptions& options);

  // Appends the levels and values of up to `max_records` whole records to
  // `out` (records end where the next rep level is 0). Returns the number of
  // records appended; 0 at the end of the chunk.
  virtual Result<int64_t> ReadRecords(int64_t max_records, LeafData* out) = 0;
};

}  // namespace sluice::parquet
