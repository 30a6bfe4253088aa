#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "sluice/common/status.h"
#include "sluice/io/file.h"
#include "sluice/parquet/column/leaf_data.h"
#include "sluice/parquet/column/page_buffer_pool.h"
#include "sluice/parquet/column/statistics.h"
#include "sluice/parquet/format/parquet_types.h"
#include "sluice/parquet/schema/schema_descriptor.h"
#include "sluice/parquet/writer_options.h"

namespace sluice::parquet {

// What a finished column chunk leaves for the footer and the page index.
struct ColumnChunkResult {
  format::ColumnChunk chunk;                        // meta_data filled (offsets absolute in the file)
  std::optional<format::ColumnIndex> column_index;  // when options.write_page_index
  std::optional<format::OffsetIndex> offset_index;  // page locations absolute in the file
};

// Encodes one column chunk: levels (RLE), values (dictionary with fallback to
// plain, or plain), pages cut by size and row count, compression, statistics
// per page and per chunk. Pages are buffered in memory until Finish(), since
// the dictionary page comes first but is only final at the end.
// Not thread-safe; one per leaf per row group.
class ColumnChunkWriter {
 public:
  virtual ~ColumnChunkWriter() = default;

  // Page memory comes from and goes back to `pool` (which must outlive the
  // writer) when given. `leaf` and `options` must outlive the writer too.
  static Result<std::unique_ptr<ColumnChunkWriter>> Make(const LeafColumn& leaf, const WriterOptions& options,
                                                         PageBufferPool* pool = nullptr);

  // Appends levels and dense values of whole records (`in.rep` == 0 starts a record).
  virtual Status Write(const LeafData& in) = 0;
  // Bytes buffered so far (compressed pages + open page estimate).
  virtual int64_t EstimatedSize() const = 0;
  // Writes all pages to `out` at its current position and returns the chunk's
  // metadata. The writer is spent afterwards.
  virtual Result<ColumnChunkResult> Finish(io::OutputFile* out) = 0;
  // Statistics of every value of the chunk (untruncated min/max), complete
  // after Finish(); null when neither statistics nor the page index are written.
  virtual const ColumnStatistics* statistics() const = 0;
};

}  // namespace sluice::parquet
