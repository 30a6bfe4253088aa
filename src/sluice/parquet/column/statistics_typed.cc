// The typed accumulators behind ColumnStatistics::Make: one tight loop per
// sort order, no per-value virtual call.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "sluice/common/bit_util.h"
#include "sluice/parquet/column/statistics.h"
#include "sluice/parquet/column/statistics_internal.h"
#include "sluice/parquet/encoding/byte_compare.h"

namespace sluice::parquet {
namespace {

std::string EncodeLE(const void* p, size_t n) { return std::string(static_cast<const char*>(p), n); }

// Signed or unsigned integers: T is the comparison type (int32_t, uint32_t, ...).
template <typename T>
class IntStats final : public ColumnStatistics {
 public:
  using ColumnStatistics::ColumnStatistics;
  void Update(const PhysicalValues& v, int64_t offset, int64_t n) override {
    if (n <= 0) return;
    const T* p = reinterpret_cast<const T*>(v.fixed) + offset;
    const T first = has_ ? min_ : p[0];
    const T first_hi = has_ ? max_ : p[0];
    // Four independent min/max chains (64-bit compares do not vectorize on
    // baseline x86-64; one chain waits for each compare).
    T lo[4] = {first, first, first, first};
    T hi[4] = {first_hi, first_hi, first_hi, first_hi};
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
      for (int k = 0; k < 4; ++k) {
        lo[k] = p[i + k] < lo[k] ? p[i + k] : lo[k];
        hi[k] = p[i + k] > hi[k] ? p[i + k] : hi[k];
      }
    }
    for (; i < n; ++i) {
      lo[0] = std::min(lo[0], p[i]);
      hi[0] = std::max(hi[0], p[i]);
    }
    min_ = std::min(std::min(lo[0], lo[1]), std::min(lo[2], lo[3]));
    max_ = std::max(std::max(hi[0], hi[1]), std::max(hi[2], hi[3]));
    has_ = true;
  }
  void Merge(const ColumnStatistics& other) override {
    const auto& o = static_cast<const IntStats&>(other);
    null_count_ += o.null_count_;
    if (!o.has_) return;
    min_ = has_ ? std::min(min_, o.min_) : o.min_;
    max_ = has_ ? std::max(max_, o.max_) : o.max_;
    has_ = true;
  }
  void Reset() override {
    has_ = false;
    null_count_ = 0;
  }
  bool has_min_max() const override { return has_; }
  std::string EncodeMin() const override { return EncodeLE(&min_, sizeof(T)); }
  std::string EncodeMax() const override { return EncodeLE(&max_, sizeof(T)); }

 private:
  bool has_ = false;
  T min_{};
  T max_{};
};

// FLOAT/DOUBLE and FLOAT16 (H = uint16_t bits, compared as float). NaN never
// becomes min or max; a zero min is written as -0.0 and a zero max as +0.0
// (parquet.thrift ColumnOrder notes on floating point).
template <typename T, bool kHalf = false>
class FloatStats final : public ColumnStatistics {
 public:
  using Stored = std::conditional_t<kHalf, uint16_t, T>;
  using ColumnStatistics::ColumnStatistics;
  void Update(const PhysicalValues& v, int64_t offset, int64_t n) override {
    const Stored* p = reinterpret_cast<const Stored*>(v.fixed) + offset;
    T lo = has_ ? min_ : std::numeric_limits<T>::infinity();
    T hi = has_ ? max_ : -std::numeric_limits<T>::infinity();
    bool any = false;
    for (int64_t i = 0; i < n; ++i) {
      T x;
      if constexpr (kHalf) {
        x = HalfToFloat(bit_util::LoadLE<uint16_t>(p + i));
      } else {
        x = p[i];
      }
      any |= (x == x);
      lo = x < lo ? x : lo;  // comparisons with NaN are false: NaN is skipped
      hi = x > hi ? x : hi;
    }
    if (!any) return;
    min_ = lo;
    max_ = hi;
    has_ = true;
  }
  void Merge(const ColumnStatistics& other) override {
    const auto& o = static_cast<const FloatStats&>(other);
    null_count_ += o.null_count_;
    if (!o.has_) return;
    min_ = has_ ? std::min(min_, o.min_) : o.min_;
    max_ = has_ ? std::max(max_, o.max_) : o.max_;
    has_ = true;
  }
  void Reset() override {
    has_ = false;
    null_count_ = 0;
  }
  bool has_min_max() const override { return has_; }
  std::string EncodeMin() const override { return Encode(min_ == 0 ? -T(0) : min_); }
  std::string EncodeMax() const override { return Encode(max_ == 0 ? T(0) : max_); }

 private:
  static std::string Encode(T x) {
    if constexpr (kHalf) {
      const uint16_t h = FloatToHalfExact(x);
      return EncodeLE(&h, 2);
    } else {
      return EncodeLE(&x, sizeof(T));
    }
  }
  // The min/max of half floats are themselves half floats, so the float
  // converts back exactly.
  static uint16_t FloatToHalfExact(float x) {
    uint16_t sign = std::signbit(x) ? 0x8000 : 0;
    float a = std::fabs(x);
    if (std::isinf(a)) return sign | 0x7C00;
    if (a == 0) return sign;
    int e;
    float m = std::frexp(a, &e);                                           // a = m * 2^e, m in [0.5, 1)
    int exp = e + 14;                                                      // biased exponent of 1.f * 2^(e-1)
    if (exp <= 0) return sign | static_cast<uint16_t>(std::ldexp(a, 24));  // subnormal
    return sign | static_cast<uint16_t>(exp << 10) | static_cast<uint16_t>(std::ldexp(m, 11) - 1024);
  }

  bool has_ = false;
  T min_{};
  T max_{};
};

// BYTE_ARRAY and FLBA values: unsigned lexicographic, or signed big-endian for decimals.
template <bool kDecimal>
class BytesStats final : public ColumnStatistics {
 public:
  using ColumnStatistics::ColumnStatistics;
  static int Compare(std::string_view a, std::string_view b) {
    if constexpr (kDecimal) {
      return CompareDecimalBigEndian(a, b);
    } else {
      return encoding::BytesCompare(a, b);  // unsigned bytes, then length
    }
  }
  void Update(const PhysicalValues& v, int64_t offset, int64_t n) override {
    if (n <= 0) return;
    auto at = [&](int64_t i) -> std::string_view {
      if (v.offsets) {
        const int32_t b = v.offsets[i];
        return {reinterpret_cast<const char*>(v.data) + b, static_cast<size_t>(v.offsets[i + 1] - b)};
      }
      return {reinterpret_cast<const char*>(v.fixed) + i * v.width, static_cast<size_t>(v.width)};
    };
    std::string_view lo = at(offset);
    std::string_view hi = lo;
    // lo <= hi, so a new minimum is never a new maximum.
    if (v.offsets) {
      const char* data = reinterpret_cast<const char*>(v.data);
      for (int64_t i = offset + 1; i < offset + n; ++i) {
        const int32_t b = v.offsets[i];
        const std::string_view x(data + b, static_cast<size_t>(v.offsets[i + 1] - b));
        if (Compare(x, lo) < 0) {
          lo = x;
        } else if (Compare(x, hi) > 0) {
          hi = x;
        }
      }
    } else {
      for (int64_t i = offset + 1; i < offset + n; ++i) {
        const std::string_view x = at(i);
        if (Compare(x, lo) < 0) {
          lo = x;
        } else if (Compare(x, hi) > 0) {
          hi = x;
        }
      }
    }
    if (!has_ || Compare(lo, min_) < 0) min_.assign(lo);
    if (!has_ || Compare(hi, max_) > 0) max_.assign(hi);
    has_ = true;
  }
  void Merge(const ColumnStatistics& other) override {
    const auto& o = static_cast<const BytesStats&>(other);
    null_count_ += o.null_count_;
    if (!o.has_) return;
    if (!has_ || Compare(o.min_, min_) < 0) min_ = o.min_;
    if (!has_ || Compare(o.max_, max_) > 0) max_ = o.max_;
    has_ = true;
  }
  void Reset() override {
    has_ = false;
    null_count_ = 0;
  }
  bool has_min_max() const override { return has_; }
  std::string EncodeMin() const override { return min_; }
  std::string EncodeMax() const override { return max_; }

 private:
  bool has_ = false;
  std::string min_;
  std::string max_;
};

class BoolStats final : public ColumnStatistics {
 public:
  using ColumnStatistics::ColumnStatistics;
  void Update(const PhysicalValues& v, int64_t offset, int64_t n) override {
    if (n <= 0) return;
    const int64_t ones = bit_util::CountSetBits(v.bits, offset, n);
    any_true_ |= ones > 0;
    any_false_ |= ones < n;
  }
  void Merge(const ColumnStatistics& other) override {
    const auto& o = static_cast<const BoolStats&>(other);
    null_count_ += o.null_count_;
    any_true_ |= o.any_true_;
    any_false_ |= o.any_false_;
  }
  void Reset() override {
    any_true_ = any_false_ = false;
    null_count_ = 0;
  }
  bool has_min_max() const override { return any_true_ || any_false_; }
  std::string EncodeMin() const override { return std::string(1, any_false_ ? '\0' : '\1'); }
  std::string EncodeMax() const override { return std::string(1, any_true_ ? '\1' : '\0'); }

 private:
  bool any_true_ = false;
  bool any_false_ = false;
};

class NoStats final : public ColumnStatistics {
 public:
  using ColumnStatistics::ColumnStatistics;
  void Update(const PhysicalValues&, int64_t, int64_t) override {}
  void Merge(const ColumnStatistics& other) override { null_count_ += other.null_count(); }
  void Reset() override { null_count_ = 0; }
  bool has_min_max() const override { return false; }
  std::string EncodeMin() const override { return {}; }
  std::string EncodeMax() const override { return {}; }
};

}  // namespace

std::unique_ptr<ColumnStatistics> ColumnStatistics::Make(StatsOrder order, int32_t truncate_bytes) {
  switch (order) {
    case StatsOrder::kBool:
      return std::unique_ptr<ColumnStatistics>(new BoolStats(order, truncate_bytes));
    case StatsOrder::kInt32:
      return std::unique_ptr<ColumnStatistics>(new IntStats<int32_t>(order, truncate_bytes));
    case StatsOrder::kUInt32:
      return std::unique_ptr<ColumnStatistics>(new IntStats<uint32_t>(order, truncate_bytes));
    case StatsOrder::kInt64:
      return std::unique_ptr<ColumnStatistics>(new IntStats<int64_t>(order, truncate_bytes));
    case StatsOrder::kUInt64:
      return std::unique_ptr<ColumnStatistics>(new IntStats<uint64_t>(order, truncate_bytes));
    case StatsOrder::kFloat:
      return std::unique_ptr<ColumnStatistics>(new FloatStats<float>(order, truncate_bytes));
    case StatsOrder::kDouble:
      return std::unique_ptr<ColumnStatistics>(new FloatStats<double>(order, truncate_bytes));
    case StatsOrder::kFloat16:
      return std::unique_ptr<ColumnStatistics>(new FloatStats<float, true>(order, truncate_bytes));
    case StatsOrder::kBytes:
      return std::unique_ptr<ColumnStatistics>(new BytesStats<false>(order, truncate_bytes));
    case StatsOrder::kDecimal:
      return std::unique_ptr<ColumnStatistics>(new BytesStats<true>(order, truncate_bytes));
    case StatsOrder::kNone:
      break;
  }
  return std::unique_ptr<ColumnStatistics>(new NoStats(order, truncate_bytes));
}

}  // namespace sluice::parquet
