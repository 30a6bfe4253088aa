#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sluice/parquet/column/column_chunk_writer_values.h"
#include "sluice/parquet/format/parquet_types.h"
#include "sluice/parquet/schema/schema_descriptor.h"

// Min/max/null-count statistics of pages and column chunks, as the writer
// computes them. Min/max follow the column's sort order (LogicalTypes.md and
// parquet.thrift ColumnOrder "TYPE_ORDER"):
//   order            physical values               compared as
//   kInt32/kInt64    INT32/INT64                   signed
//   kUInt32/kUInt64  INT32/INT64 + INT(bw,false)   unsigned
//   kFloat/kDouble   FLOAT/DOUBLE                  IEEE, NaN ignored, min -0.0 / max +0.0
//   kFloat16         FLBA(2) + FLOAT16             as kFloat on half floats
//   kBytes           BYTE_ARRAY, FLBA              unsigned lexicographic
//   kDecimal         FLBA/BYTE_ARRAY + DECIMAL     signed big-endian two's complement
//   kBool            BOOLEAN                       false < true
//   kNone            INT96, null type              no min/max
// Encoded min/max are PLAIN bytes (BYTE_ARRAY without the length prefix).
// The deprecated `min`/`max` fields are written, as parquet-mr and Arrow do,
// only when the sort order is signed (every order above except kUInt*,
// kBytes and kBool), where old readers interpret them correctly.
namespace sluice::parquet {

enum class StatsOrder : uint8_t {
  kNone,
  kBool,
  kInt32,
  kUInt32,
  kInt64,
  kUInt64,
  kFloat,
  kDouble,
  kFloat16,
  kBytes,
  kDecimal,
};

// Returns the sort order min/max statistics of `leaf` use.
StatsOrder StatsOrderFor(const LeafColumn& leaf);
// Returns true iff the deprecated Statistics.min/max may be written for `order`.
bool IsSignedOrder(StatsOrder order);
// Compares two encoded (PLAIN) values under `order`: <0, 0 or >0.
int CompareEncoded(StatsOrder order, std::string_view a, std::string_view b);

// Truncates a binary min to `n` bytes (a prefix sorts no later).
std::string TruncateMin(std::string_view v, int32_t n);
// Truncates a binary max to at most `n` bytes so it still sorts no earlier:
// prefix with its last non-0xFF byte incremented and the 0xFF tail dropped.
// Returns false (no max can be written) when the prefix is all 0xFF.
bool TruncateMax(std::string_view v, int32_t n, std::string* out);

// Accumulates the statistics of a page or a chunk. One virtual call per batch;
// the loops inside are typed per sort order.
class ColumnStatistics {
 public:
  ColumnStatistics(StatsOrder order, int32_t truncate_bytes) : order_(order), truncate_bytes_(truncate_bytes) {}
  virtual ~ColumnStatistics() = default;
  // Creates an accumulator for `order`; binary min/max longer than
  // `truncate_bytes` are truncated by ToThrift().
  static std::unique_ptr<ColumnStatistics> Make(StatsOrder order, int32_t truncate_bytes);

  // Adds values [offset, offset+n) of `v`.
  virtual void Update(const PhysicalValues& v, int64_t offset, int64_t n) = 0;
  // Adds `n` nulls.
  void AddNulls(int64_t n) { null_count_ += n; }
  // Adds everything `other` (same order) has seen.
  virtual void Merge(const ColumnStatistics& other) = 0;
  // Forgets everything.
  virtual void Reset() = 0;

  // Returns true iff min/max exist (some non-null, non-NaN value was seen).
  virtual bool has_min_max() const = 0;
  // Exact encoded min/max; only valid when has_min_max().
  virtual std::string EncodeMin() const = 0;
  virtual std::string EncodeMax() const = 0;
  int64_t null_count() const { return null_count_; }
  StatsOrder order() const { return order_; }

  // Returns the thrift form: null_count always; min_value/max_value (and the
  // legacy min/max for signed orders) with is_*_exact when there are values.
  format::Statistics ToThrift() const;
  // Returns min/max for the column index (truncated like ToThrift; a max that
  // cannot be truncated is kept whole). False when there is no min/max.
  bool ColumnIndexBounds(std::string* min, std::string* max) const;

 protected:
  int64_t null_count_ = 0;

 private:
  StatsOrder order_;
  int32_t truncate_bytes_;
};

}  // namespace sluice::parquet
