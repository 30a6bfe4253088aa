#pragma once

#include <cstdint>
#include <memory>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/parquet/column/column_chunk_writer_values.h"
#include "sluice/parquet/column/statistics.h"
#include "sluice/parquet/format/parquet_types.h"
#include "sluice/parquet/schema/schema_descriptor.h"
#include "sluice/parquet/writer_options.h"

// Encodes the values of a column chunk's data pages: dictionary (PLAIN
// dictionary page + RLE_DICTIONARY indices) with fallback to PLAIN, plain
// only, and for BOOLEAN PLAIN (v1 pages) or RLE (v2 pages).
namespace sluice::parquet {

class ValueEncoder {
 public:
  virtual ~ValueEncoder() = default;
  // Creates the encoder for `leaf` (dictionary first when options.dictionary
  // and the type is not BOOLEAN).
  static Result<std::unique_ptr<ValueEncoder>> Make(const LeafColumn& leaf, const WriterOptions& options);

  // Adds values [offset, offset+n) of `v` to the open page.
  virtual void Put(const PhysicalValues& v, int64_t offset, int64_t n) = 0;
  // Upper bound of the bytes FlushPage would append now.
  virtual int64_t EstimatedPageSize() const = 0;
  // Encoding of the open page's values.
  virtual format::Encoding page_encoding() const = 0;
  // Appends the open page's encoded values to `out` and starts a new page.
  virtual void FlushPage(Buffer* out) = 0;

  // Returns true iff pages are dictionary-encoded now.
  virtual bool dictionary_active() const { return false; }
  // Returns true iff the dictionary has outgrown its limit (flush the page,
  // write the dictionary, then call FallBackToPlain()).
  virtual bool ShouldFallBack() const { return false; }
  // Entries in the dictionary and its PLAIN size.
  virtual int64_t dictionary_entries() const { return 0; }
  virtual int64_t dictionary_size() const { return 0; }
  // Appends the PLAIN-encoded dictionary.
  virtual void WriteDictionary(Buffer* /*out*/) const {}
  // Continues with PLAIN pages; the dictionary is dropped.
  virtual void FallBackToPlain() {}
  // Returns true iff the open page's dictionary indices plus the dictionary
  // page are smaller than the page would be in PLAIN (parquet-mr's test of a
  // chunk's first page, FallbackValuesWriter.isCompressionSatisfying).
  virtual bool DictionaryPays() const { return true; }
  // Returns true iff the open page's statistics come from AddPageStatistics:
  // dictionary-encoded BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY pages, whose
  // values are compared once per distinct entry instead of once per value.
  virtual bool page_stats_from_dictionary() const { return false; }
  // Adds the open page's values to `stats` (each dictionary entry the page
  // uses, once). Only while page_stats_from_dictionary().
  virtual void AddPageStatistics(ColumnStatistics* /*stats*/) {}
  // Re-encodes the open page in PLAIN and continues with PLAIN pages; the
  // dictionary is dropped. Only before any dictionary page was written.
  virtual void PageToPlain() {}
};

}  // namespace sluice::parquet
