// Add.stats JSON in the form Spark writes and readers (Spark, delta-rs,
// sluice's data_skipping.cc) parse: PROTOCOL.md "Per-file Statistics".
#include <charconv>
#include <cmath>

#include "sluice/columnar/value_text.h"
#include "sluice/delta/log/log_json_text.h"
#include "sluice/delta/write/file_stats_plan.h"

namespace sluice::delta::stats_internal {

using columnar::TimeUnit;
using columnar::TypeId;

namespace {

constexpr std::string_view kMaxCodePoint = "\xF4\x8F\xBF\xBF";  // U+10FFFF in UTF-8

// Byte length of the first `chars` code points of UTF-8 `s` (all of it when shorter).
size_t PrefixBytes(std::string_view s, int32_t chars) {
  if (chars < 0) return s.size();
  int64_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<uint8_t>(s[i]) & 0xC0) != 0x80 && seen++ == chars) return i;
  }
  return s.size();
}

template <typename T>
void AppendNumber(T v, std::string* out) {
  char buf[48];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, end);
}

// Floor (upper = false) or ceiling of `v` / `d` for d > 0, without overflow.
int64_t DivRound(int64_t v, int64_t d, bool upper) {
  int64_t q = v / d;
  const int64_t r = v % d;
  if (r < 0 && !upper) --q;
  if (r > 0 && upper) ++q;
  return q;
}

// Appends the JSON of the min (upper = false) or max of a leaf; false when
// the bound cannot be written (none, infinite, not UTF-8, out of range).
bool AppendBound(const StatsLeaf& leaf, const LeafAcc& acc, bool upper, int32_t prefix, std::string* out) {
  if (!acc.has_min_max) return false;
  const columnar::DataType& type = *leaf.type;
  switch (leaf.kind) {
    case LeafKind::kSigned:
      AppendNumber(upper ? acc.i_max : acc.i_min, out);
      return true;
    case LeafKind::kUnsigned:
      AppendNumber(upper ? acc.u_max : acc.u_min, out);
      return true;
    case LeafKind::kFloat32:
    case LeafKind::kFloat64: {
      // NaN is never written as a bound. Spark (and sluice's row filters,
      // CompareValues) order NaN above every number, so a file holding a
      // NaN has no usable max: leave it out rather than skip the file for
      // `x > max`. The min stays a lower bound.
      if (upper && acc.has_nan) return false;
      double v = upper ? acc.d_max : acc.d_min;
      // JSON has no infinities: an infinite bound is left out (no bound).
      if (!std::isfinite(v)) return false;
      // -0.0 == 0.0: the min of a file holding either is -0.0, the max 0.0
      // (as Parquet's statistics rules), so that both are within bounds.
      if (v == 0) v = upper ? 0.0 : -0.0;
      if (leaf.kind == LeafKind::kFloat32) {
        columnar::AppendFloatText(static_cast<float>(v), out);
      } else {
        columnar::AppendFloatText(v, out);
      }
      return true;
    }
    case LeafKind::kDecimal: {
      const __int128 v = upper ? acc.x_max : acc.x_min;
      columnar::AppendDecimalText(v, type.scale, out);
      // An integer literal beyond 64 bits makes simdjson (our data skipping)
      // reject the whole stats object; written as "<digits>.0" it parses as
      // a double, and Spark (BigDecimal) still reads the exact value.
      if (type.scale <= 0 && (v > INT64_MAX || v < INT64_MIN)) *out += ".0";
      return true;
    }
    case LeafKind::kDate:
      out->push_back('"');
      columnar::AppendDateText(upper ? acc.i_max : acc.i_min, out);
      out->push_back('"');
      return true;
    case LeafKind::kTimestamp: {
      // Milliseconds, as Spark writes them: the min floored and the max
      // ceiled so that they stay bounds of the microsecond values.
      const int64_t v = upper ? acc.i_max : acc.i_min;
      int64_t ms = 0;
      switch (type.unit) {
        case TimeUnit::kSecond:
          if (v > INT64_MAX / 1000 || v < INT64_MIN / 1000) return false;
          ms = v * 1000;
          break;
        case TimeUnit::kMilli:
          ms = v;
          break;
        case TimeUnit::kMicro:
          ms = DivRound(v, 1000, upper);
          break;
        case TimeUnit::kNano:
          ms = DivRound(v, 1000000, upper);
          break;
      }
      out->push_back('"');
      columnar::AppendDateTimeText(ms, 1000, 'T', out);
      if (type.utc) out->push_back('Z');
      out->push_back('"');
      return true;
    }
    case LeafKind::kString: {
      const std::string& s = upper ? acc.s_max : acc.s_min;
      // Bytes that are not UTF-8 would be replaced when written as JSON and
      // the bound could be wrong: no bound then.
      if (!columnar::IsValidUtf8(s)) return false;
      AppendJsonString(out, upper ? TruncateMaxString(s, prefix) : TruncateMinString(s, prefix));
      return true;
    }
    case LeafKind::kNullCountOnly:
      return false;
  }
  return false;
}

// Appends {"name":bound,...} for the nodes with a bound; false when none has one.
bool AppendBounds(const std::vector<StatsNode>& nodes, const StatsPlan& plan, const std::vector<LeafAcc>& accs,
                  bool upper, int32_t prefix, std::string* out) {
  const size_t start = out->size();
  out->push_back('{');
  bool any = false;
  for (const StatsNode& node : nodes) {
    const size_t member = out->size();
    if (any) out->push_back(',');
    AppendJsonString(out, node.name);
    out->push_back(':');
    const bool ok = node.leaf >= 0 ? AppendBound(plan.leaves[node.leaf], accs[node.leaf], upper, prefix, out)
                                   : AppendBounds(node.children, plan, accs, upper, prefix, out);
    if (ok) {
      any = true;
    } else {
      out->resize(member);
    }
  }
  out->push_back('}');
  if (!any) out->resize(start);
  return any;
}

void AppendNullCounts(const std::vector<StatsNode>& nodes, const std::vector<LeafAcc>& accs, std::string* out) {
  out->push_back('{');
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(out, nodes[i].name);
    out->push_back(':');
    if (nodes[i].leaf >= 0) {
      AppendNumber(accs[nodes[i].leaf].null_count, out);
    } else {
      AppendNullCounts(nodes[i].children, accs, out);
    }
  }
  out->push_back('}');
}

}  // namespace

std::string TruncateMinString(std::string_view s, int32_t chars) {
  return std::string(s.substr(0, PrefixBytes(s, chars)));
}

std::string TruncateMaxString(std::string_view s, int32_t chars) {
  size_t cut = PrefixBytes(s, chars);
  while (cut < s.size() && s.substr(cut, kMaxCodePoint.size()) == kMaxCodePoint) cut += kMaxCodePoint.size();
  if (cut >= s.size()) return std::string(s);
  std::string out(s.substr(0, cut));
  out += kMaxCodePoint;
  return out;
}

std::string RenderStatsJson(const StatsPlan& plan, const std::vector<LeafAcc>& accs, int64_t num_records,
                            int32_t string_prefix_length) {
  std::string out = "{\"numRecords\":";
  AppendNumber(num_records, &out);
  out += ",\"minValues\":";
  if (!AppendBounds(plan.roots, plan, accs, false, string_prefix_length, &out)) out += "{}";
  out += ",\"maxValues\":";
  if (!AppendBounds(plan.roots, plan, accs, true, string_prefix_length, &out)) out += "{}";
  out += ",\"nullCount\":";
  AppendNullCounts(plan.roots, accs, &out);
  out.push_back('}');
  return out;
}

}  // namespace sluice::delta::stats_internal
