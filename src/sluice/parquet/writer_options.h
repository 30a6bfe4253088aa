#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sluice/columnar/data_type.h"
#include "sluice/parquet/compression/codec.h"

namespace sluice::parquet {

// How sluice writes Parquet. Defaults follow what is most widely readable and
// what pyarrow does.
struct WriterOptions {
  compression::CodecId codec = compression::CodecId::kSnappy;
  std::optional<int> compression_level;         // zstd/gzip/brotli; nullopt = codec default
  int64_t row_group_rows = 1024 * 1024;         // rows per row group (max)
  int64_t data_page_bytes = 1024 * 1024;        // target uncompressed size of a data page
  int64_t data_page_rows = 20000;               // max rows (levels) per data page, as parquet-mr/pyarrow
  bool dictionary = true;                       // try dictionary encoding first
  int64_t dictionary_page_bytes = 1024 * 1024;  // fall back to plain past this dictionary size
  int data_page_version = 1;                    // 1 or 2
  bool write_statistics = true;
  bool write_page_index = true;      // ColumnIndex + OffsetIndex
  bool write_page_checksum = false;  // PageHeader.crc
  // Binary min/max longer than this are truncated (min: prefix; max: prefix
  // incremented) with is_min/max_value_exact = false.
  int32_t statistics_truncate_bytes = 64;
  std::string created_by = "sluice version 0.1.0";
  columnar::KeyValueMetadata key_value_metadata;
};

}  // namespace sluice::parquet
