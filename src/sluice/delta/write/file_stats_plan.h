#pragma once

// Internal to file_stats*.cc: which columns of a data schema get statistics,
// and the per-leaf accumulators.

#include <cstdint>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/delta/write/file_stats.h"

namespace sluice::delta::stats_internal {

// What a leaf column collects besides its null count.
enum class LeafKind : uint8_t {
  kNullCountOnly,  // boolean, binary, lists, maps, null, times, ...
  kSigned,         // int8..int64
  kUnsigned,       // uint8..uint64 (not Delta types; kept for generic schemas)
  kFloat32,
  kFloat64,
  kDecimal,
  kString,
  kDate,
  kTimestamp,
};

LeafKind KindOf(const columnar::DataType& type);

// A column of the stats objects: a leaf, or a struct with its selected fields.
struct StatsNode {
  std::string name;
  std::vector<StatsNode> children;  // struct: selected fields, in schema order
  int leaf = -1;                    // leaves: index into StatsPlan::leaves
};

struct StatsLeaf {
  std::vector<int> path;  // field index at each level, from the top-level column
  columnar::DataTypePtr type;
  LeafKind kind = LeafKind::kNullCountOnly;
};

struct StatsPlan {
  std::vector<StatsNode> roots;
  std::vector<StatsLeaf> leaves;
};

// Picks the leaves of `schema` that get statistics (depth-first: structs are
// descended, lists and maps are one leaf each): the first
// options.num_indexed_cols (all when -1), or exactly those covered by
// options.stats_columns (names that match no column are ignored, as are
// paths into lists and maps).
StatsPlan PlanStats(const columnar::Schema& schema, const StatsOptions& options);

// Splits a column name of delta.dataSkippingStatsColumns into its parts:
// "a.b" -> {a, b}; backticks quote a part ("`a.b`.c" -> {a.b, c}; "``" is a
// literal backtick). Invalid when a quote is unbalanced or a part is empty.
Result<std::vector<std::string>> SplitColumnPath(std::string_view name);

// The running statistics of one leaf.
struct LeafAcc {
  int64_t null_count = 0;
  bool has_min_max = false;
  int64_t i_min = 0, i_max = 0;  // signed, dates (days), timestamps (the column's unit)
  uint64_t u_min = 0, u_max = 0;
  double d_min = 0, d_max = 0;  // float32 and float64 (float32 values widen exactly)
  bool has_nan = false;         // floats: a NaN was seen (so there is no max, see file_stats_json.cc)
  __int128 x_min = 0, x_max = 0;
  std::string s_min, s_max;  // whole values; truncated when rendered
};

// Renders the stats JSON of a plan and its accumulators (file_stats_json.cc).
std::string RenderStatsJson(const StatsPlan& plan, const std::vector<LeafAcc>& accs, int64_t num_records,
                            int32_t string_prefix_length);

// Returns the lower bound of `s` kept in stats: its first `chars` code points.
std::string TruncateMinString(std::string_view s, int32_t chars);
// Returns an upper bound of `s` of about `chars` code points: `s` itself when
// short enough, else a prefix followed by U+10FFFF (the largest code point,
// F4 8F BF BF, greater in byte order than whatever followed the prefix; the
// prefix is extended past any U+10FFFF at the cut so that this holds).
std::string TruncateMaxString(std::string_view s, int32_t chars);

}  // namespace sluice::delta::stats_internal

namespace sluice::delta {

struct FileStatsCollector::Impl {
  columnar::SchemaPtr schema;
  StatsOptions options;
  stats_internal::StatsPlan plan;
  std::vector<stats_internal::LeafAcc> accs;
  // Per plan leaf: the Parquet leaf whose statistics it takes, or -1 when Add() computes it.
  std::vector<int> parquet_leaf;
  int64_t num_records = 0;
  std::vector<uint8_t> mask;  // scratch: 1 where the leaf and all its parents are valid
};

}  // namespace sluice::delta
