#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/io/file.h"
#include "sluice/parquet/column/column_chunk_writer.h"
#include "sluice/parquet/column/page_buffer_pool.h"
#include "sluice/parquet/column/statistics.h"
#include "sluice/parquet/compression/codec.h"
#include "sluice/parquet/format/parquet_types.h"
#include "sluice/parquet/schema/schema_descriptor.h"
#include "sluice/parquet/writer_options.h"

// Turns encoded page sections into compressed pages with headers, buffers
// them in memory, and writes the chunk (dictionary page first) with its
// metadata and page index.
namespace sluice::parquet {

// One data page as the column writer hands it over.
struct DataPageSections {
  // v1: rep then def levels, each with its 4-byte length prefix (if any).
  // v2: rep then def levels, no prefixes.
  std::span<const uint8_t> levels;
  int32_t rep_levels_bytes = 0;  // v2 header fields
  int32_t def_levels_bytes = 0;
  std::span<const uint8_t> values;  // uncompressed encoded values
  format::Encoding encoding = format::Encoding::PLAIN;
  int64_t num_levels = 0;
  int64_t num_nulls = 0;
  int64_t num_rows = 0;
  int64_t first_row = 0;                         // index of the page's first row in the chunk
  const ColumnStatistics* statistics = nullptr;  // the page's, when computed
};

class PageWriter {
 public:
  // Creates the writer; page memory comes from and goes back to `pool` when given.
  static Result<std::unique_ptr<PageWriter>> Make(const LeafColumn& leaf, const WriterOptions& options,
                                                  PageBufferPool* pool = nullptr);

  // Compresses and buffers one data page.
  Status AddDataPage(const DataPageSections& page);
  // Compresses and keeps the dictionary page (PLAIN values, `entries` of them).
  Status SetDictionaryPage(std::span<const uint8_t> plain, int64_t entries);
  // Bytes of buffered pages (headers included).
  int64_t buffered_bytes() const { return dict_page_.size() + pages_size_; }
  int64_t num_data_pages() const { return static_cast<int64_t>(pages_meta_.size()); }

  // Writes dictionary page and data pages to `out` and builds the chunk
  // metadata; `chunk_stats` (may be null) becomes ColumnMetaData.statistics.
  // The page memory goes back to the pool.
  Result<ColumnChunkResult> Finish(io::OutputFile* out, int64_t num_levels, const ColumnStatistics* chunk_stats);

 private:
  PageWriter(const LeafColumn& leaf, const WriterOptions& options, std::unique_ptr<compression::Codec> codec,
             PageBufferPool* pool);
  // Compresses `in` into compressed_ (or returns `in` for UNCOMPRESSED).
  Result<std::span<const uint8_t>> Compress(std::span<const uint8_t> in);
  // Appends header `h` (sizes and checksum still to fill in), `raw` as is
  // and `packed` compressed straight into the segment: no scratch copy.
  // Returns the header + body size.
  Result<int64_t> AppendCompressedPage(format::PageHeader& h, std::span<const uint8_t> raw,
                                       std::span<const uint8_t> packed);
  // The segment to append `n` more bytes to.
  Buffer& SegmentFor(int64_t n);

  struct PageMeta {
    int64_t offset;  // from the first data page
    int32_t size;    // header + body
    int64_t first_row;
    format::Encoding encoding;
    bool null_page;
    int64_t null_count;
    bool has_bounds;
    std::string min, max;  // column index bounds
  };

  const LeafColumn& leaf_;
  const WriterOptions& options_;
  std::unique_ptr<compression::Codec> codec_;
  PageBufferPool* pool_;  // may be null
  StatsOrder order_;
  // Appends header + body pieces of one page to the segments.
  void AppendPage(std::span<const uint8_t> header, std::span<const uint8_t> a, std::span<const uint8_t> b);

  // Data pages (header + body each) in segments that are never reallocated,
  // so a large chunk is not copied again and again while it grows.
  std::vector<Buffer> segments_;
  int64_t pages_size_ = 0;
  Buffer header_;              // scratch: one serialized page header
  Buffer dict_page_;           // header + body
  int64_t dict_entries_ = -1;  // -1: no dictionary page
  int64_t dict_uncompressed_ = 0;
  Buffer body_;                     // v1: levels + values, uncompressed
  Buffer compressed_;               // scratch
  int64_t total_uncompressed_ = 0;  // headers + uncompressed bodies of data pages
  std::vector<PageMeta> pages_meta_;
  bool index_possible_ = true;
};

}  // namespace sluice::parquet
