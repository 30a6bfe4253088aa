// FileStatsCollector: min/max/null counts of one data file, accumulated with
// one tight loop per leaf and batch over the Arrow-layout buffers.
#include "sluice/delta/write/file_stats.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "sluice/delta/write/file_stats_plan.h"

namespace sluice::delta {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::TypeId;
using namespace stats_internal;

namespace {

// Min and max over the rows with mask[i] != 0 (all rows when mask is null),
// NaN skipped; returns how many values took part.
template <typename T>
int64_t MinMax(const T* v, const uint8_t* mask, int64_t n, T* lo_out, T* hi_out) {
  T lo, hi;
  if constexpr (std::is_floating_point_v<T>) {
    lo = std::numeric_limits<T>::infinity();
    hi = -std::numeric_limits<T>::infinity();
  } else {
    lo = std::numeric_limits<T>::max();
    hi = std::numeric_limits<T>::lowest();
  }
  int64_t count = 0;
  if (mask == nullptr) {
    for (int64_t i = 0; i < n; ++i) {
      const T x = v[i];
      lo = x < lo ? x : lo;
      hi = x > hi ? x : hi;
      if constexpr (std::is_floating_point_v<T>) count += x == x;
    }
    if constexpr (!std::is_floating_point_v<T>) count = n;
  } else {
    for (int64_t i = 0; i < n; ++i) {
      const T x = v[i];
      const bool m = mask[i] != 0;
      lo = m && x < lo ? x : lo;
      hi = m && x > hi ? x : hi;
      if constexpr (std::is_floating_point_v<T>) {
        count += m && x == x;
      } else {
        count += m;
      }
    }
  }
  *lo_out = lo;
  *hi_out = hi;
  return count;
}

template <typename T, typename A>
void Merge(int64_t count, T lo, T hi, LeafAcc* acc, A LeafAcc::*min_field, A LeafAcc::*max_field) {
  if (count == 0) return;
  const A l = static_cast<A>(lo), h = static_cast<A>(hi);
  if (!acc->has_min_max) {
    acc->*min_field = l;
    acc->*max_field = h;
    acc->has_min_max = true;
    return;
  }
  if (l < acc->*min_field) acc->*min_field = l;
  if (h > acc->*max_field) acc->*max_field = h;
}

// `valid`: how many rows `mask` keeps.
template <typename T, typename A>
void Accumulate(const Array& a, const uint8_t* mask, int64_t valid, LeafAcc* acc, A LeafAcc::*min_field,
                A LeafAcc::*max_field) {
  T lo, hi;
  const int64_t count = MinMax<T>(a.values<T>(), mask, a.length, &lo, &hi);
  if constexpr (std::is_floating_point_v<T>) acc->has_nan |= count < valid;
  Merge(count, lo, hi, acc, min_field, max_field);
}

void AccumulateDecimal(const Array& a, const uint8_t* mask, LeafAcc* acc) {
  const uint8_t* p = a.buffers[1]->data() + a.offset * 16;
  __int128 lo = 0, hi = 0;
  int64_t count = 0;
  for (int64_t i = 0; i < a.length; ++i) {
    if (mask != nullptr && !mask[i]) continue;
    const auto x = bit_util::LoadLE<__int128>(p + i * 16);
    if (count++ == 0) {
      lo = hi = x;
    } else {
      lo = x < lo ? x : lo;
      hi = x > hi ? x : hi;
    }
  }
  Merge(count, lo, hi, acc, &LeafAcc::x_min, &LeafAcc::x_max);
}

void AccumulateString(const Array& a, const uint8_t* mask, LeafAcc* acc) {
  const int32_t* o = a.offsets();
  const char* data = reinterpret_cast<const char*>(a.buffers[2]->data());
  std::string_view lo, hi;
  int64_t count = 0;
  for (int64_t i = 0; i < a.length; ++i) {
    if (mask != nullptr && !mask[i]) continue;
    const std::string_view x(data + o[i], static_cast<size_t>(o[i + 1] - o[i]));
    if (count++ == 0) {
      lo = hi = x;
    } else if (x < lo) {
      lo = x;
    } else if (x > hi) {
      hi = x;
    }
  }
  if (count == 0) return;
  // Copy only when the batch beats the file so far (byte order, as Spark's UTF8String).
  if (!acc->has_min_max) {
    acc->s_min.assign(lo);
    acc->s_max.assign(hi);
    acc->has_min_max = true;
    return;
  }
  if (lo < acc->s_min) acc->s_min.assign(lo);
  if (hi > acc->s_max) acc->s_max.assign(hi);
}

void AccumulateMinMax(const StatsLeaf& leaf, const Array& a, const uint8_t* mask, int64_t valid, LeafAcc* acc) {
  switch (leaf.type->id) {
    case TypeId::kInt8:
      return Accumulate<int8_t>(a, mask, valid, acc, &LeafAcc::i_min, &LeafAcc::i_max);
    case TypeId::kInt16:
      return Accumulate<int16_t>(a, mask, valid, acc, &LeafAcc::i_min, &LeafAcc::i_max);
    case TypeId::kInt32:
    case TypeId::kDate32:
      return Accumulate<int32_t>(a, mask, valid, acc, &LeafAcc::i_min, &LeafAcc::i_max);
    case TypeId::kInt64:
    case TypeId::kTimestamp:
      return Accumulate<int64_t>(a, mask, valid, acc, &LeafAcc::i_min, &LeafAcc::i_max);
    case TypeId::kUInt8:
      return Accumulate<uint8_t>(a, mask, valid, acc, &LeafAcc::u_min, &LeafAcc::u_max);
    case TypeId::kUInt16:
      return Accumulate<uint16_t>(a, mask, valid, acc, &LeafAcc::u_min, &LeafAcc::u_max);
    case TypeId::kUInt32:
      return Accumulate<uint32_t>(a, mask, valid, acc, &LeafAcc::u_min, &LeafAcc::u_max);
    case TypeId::kUInt64:
      return Accumulate<uint64_t>(a, mask, valid, acc, &LeafAcc::u_min, &LeafAcc::u_max);
    case TypeId::kFloat32:
      return Accumulate<float>(a, mask, valid, acc, &LeafAcc::d_min, &LeafAcc::d_max);
    case TypeId::kFloat64:
      return Accumulate<double>(a, mask, valid, acc, &LeafAcc::d_min, &LeafAcc::d_max);
    case TypeId::kDecimal128:
      return AccumulateDecimal(a, mask, acc);
    case TypeId::kString:
      return AccumulateString(a, mask, acc);
    default:
      return;
  }
}

// ANDs the validity of `a` (rows aligned with the batch) into `mask`, which
// is created (all ones) on first use; returns false when `a` has no nulls.
void AndValidity(const Array& a, std::vector<uint8_t>* mask, bool* has_mask) {
  if (a.null_count == 0) return;
  const int64_t n = a.length;
  if (!*has_mask) {
    mask->assign(static_cast<size_t>(n), 1);
    *has_mask = true;
  }
  uint8_t* m = mask->data();
  if (a.type->id == TypeId::kNull) {
    std::memset(m, 0, static_cast<size_t>(n));
    return;
  }
  const uint8_t* bits = a.validity();
  if (bits == nullptr) return;
  for (int64_t i = 0; i < n; ++i) m[i] &= static_cast<uint8_t>(bit_util::GetBit(bits, a.offset + i));
}

}  // namespace

FileStatsCollector::FileStatsCollector(columnar::SchemaPtr schema, StatsOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->plan = PlanStats(*schema, options);
  impl_->accs.resize(impl_->plan.leaves.size());
  impl_->parquet_leaf.assign(impl_->plan.leaves.size(), -1);
  impl_->schema = std::move(schema);
  impl_->options = std::move(options);
}

FileStatsCollector::~FileStatsCollector() = default;
FileStatsCollector::FileStatsCollector(FileStatsCollector&&) noexcept = default;
FileStatsCollector& FileStatsCollector::operator=(FileStatsCollector&&) noexcept = default;

void FileStatsCollector::Add(const columnar::RecordBatch& batch) {
  Impl& s = *impl_;
  s.num_records += batch.num_rows;
  if (batch.num_rows == 0) return;
  for (size_t l = 0; l < s.plan.leaves.size(); ++l) {
    const StatsLeaf& leaf = s.plan.leaves[l];
    LeafAcc& acc = s.accs[l];
    if (s.parquet_leaf[l] >= 0) continue;  // the Parquet writer computes it
    if (static_cast<size_t>(leaf.path[0]) >= batch.columns.size()) continue;
    // Walk down to the leaf; a struct's offset applies to its children, so
    // each level is sliced to the rows of the batch.
    ArrayPtr level = batch.columns[leaf.path[0]];
    bool has_mask = false;
    bool shape_ok = level->length == batch.num_rows;
    for (size_t d = 0; shape_ok; ++d) {
      AndValidity(*level, &s.mask, &has_mask);
      if (d + 1 == leaf.path.size()) break;
      const int k = leaf.path[d + 1];
      if (level->type->id != TypeId::kStruct || static_cast<size_t>(k) >= level->children.size()) {
        shape_ok = false;
        break;
      }
      const ArrayPtr& child = level->children[k];
      level = level->offset == 0 && child->length == level->length ? child : child->Slice(level->offset, level->length);
    }
    if (!shape_ok || level->type->id != leaf.type->id) continue;  // not the planned schema
    const uint8_t* mask = has_mask ? s.mask.data() : nullptr;
    int64_t valid = batch.num_rows;
    if (mask != nullptr) {
      valid = 0;
      for (int64_t i = 0; i < batch.num_rows; ++i) valid += mask[i];
      acc.null_count += batch.num_rows - valid;
      if (valid == 0) continue;
    }
    if (leaf.kind != LeafKind::kNullCountOnly) AccumulateMinMax(leaf, *level, mask, valid, &acc);
  }
}

int64_t FileStatsCollector::num_records() const { return impl_->num_records; }

std::string FileStatsCollector::ToJson() const {
  return RenderStatsJson(impl_->plan, impl_->accs, impl_->num_records, impl_->options.string_prefix_length);
}

}  // namespace sluice::delta
