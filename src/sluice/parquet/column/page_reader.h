#pragma once

#include <cstdint>
#include <string>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/io/file.h"
#include "sluice/parquet/compression/codec.h"
#include "sluice/parquet/format/parquet_types.h"

namespace sluice::parquet {

// One decompressed page of a column chunk. The pointers stay valid until the
// next call to PageReader::Next.
struct Page {
  format::PageType type = format::PageType::DATA_PAGE;
  int64_t offset = 0;      // file offset of the page header (for messages)
  int64_t num_values = 0;  // levels (data pages) or entries (dictionary page)
  int64_t num_nulls = -1;  // -1 when the header does not say
  format::Encoding encoding = format::Encoding::PLAIN;
  // v1 only: how the levels are encoded.
  format::Encoding def_encoding = format::Encoding::RLE;
  format::Encoding rep_encoding = format::Encoding::RLE;
  // v1: `levels` = start of the body (levels then values, sizes unknown);
  // v2: rep levels then def levels with known lengths.
  const uint8_t* levels = nullptr;
  int64_t rep_size = 0;
  int64_t def_size = 0;
  // v1: the whole uncompressed body (levels + values); v2: the values only.
  const uint8_t* body = nullptr;
  int64_t body_size = 0;
};

// Iterates the pages of one column chunk: reads headers, verifies CRCs,
// decompresses into reused buffers. Skips index pages and unknown page types.
class PageReader {
 public:
  // Reads the chunk's byte range [start, start+size) of `file`. `what` names
  // file and column in error messages. Corrupt if the range is outside the file.
  Status Open(const io::RandomAccessFile* file, int64_t start, int64_t size, format::CompressionCodec codec,
              bool verify_checksums, std::string what);
  // Sets *page to the next dictionary or data page; returns false at the end
  // of the chunk's bytes.
  Result<bool> Next(Page* page);
  // Bytes of the chunk not read yet.
  int64_t bytes_left() const { return size_ - pos_; }
  const std::string& what() const { return what_; }

 private:
  Status Decompress(const uint8_t* in, int64_t in_size, int64_t out_size, const uint8_t** out);

  std::string what_;
  BufferPtr chunk_;
  int64_t start_ = 0;
  int64_t size_ = 0;
  int64_t pos_ = 0;
  bool verify_checksums_ = true;
  std::unique_ptr<compression::Codec> codec_;  // null for UNCOMPRESSED
  int64_t max_ratio_ = 0;
  Buffer scratch_;  // decompressed page, reused
};

}  // namespace sluice::parquet
