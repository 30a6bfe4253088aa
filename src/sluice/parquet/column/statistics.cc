#include "sluice/parquet/column/statistics.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "sluice/common/bit_util.h"
#include "sluice/parquet/column/statistics_internal.h"

namespace sluice::parquet {

using format::LogicalType;
using format::Type;

StatsOrder StatsOrderFor(const LeafColumn& leaf) {
  const auto& e = leaf.element;
  const bool has_logical = e.logical_type.has_value();
  const auto kind = has_logical ? e.logical_type->kind : LogicalType::Kind::kNone;
  const auto conv = e.converted_type;
  const bool decimal = kind == LogicalType::Kind::kDecimal || conv == format::ConvertedType::DECIMAL;
  if (kind == LogicalType::Kind::kUnknown) return StatsOrder::kNone;  // null type: always null
  switch (leaf.physical_type) {
    case Type::BOOLEAN:
      return StatsOrder::kBool;
    case Type::INT32:
    case Type::INT64: {
      bool is_unsigned = false;
      if (kind == LogicalType::Kind::kInteger) {
        is_unsigned = !e.logical_type->integer.is_signed;
      } else if (conv) {
        using C = format::ConvertedType;
        is_unsigned = *conv == C::UINT_8 || *conv == C::UINT_16 || *conv == C::UINT_32 || *conv == C::UINT_64;
      }
      if (leaf.physical_type == Type::INT32) return is_unsigned ? StatsOrder::kUInt32 : StatsOrder::kInt32;
      return is_unsigned ? StatsOrder::kUInt64 : StatsOrder::kInt64;
    }
    case Type::FLOAT:
      return StatsOrder::kFloat;
    case Type::DOUBLE:
      return StatsOrder::kDouble;
    case Type::FIXED_LEN_BYTE_ARRAY:
      if (kind == LogicalType::Kind::kFloat16 && leaf.type_length == 2) return StatsOrder::kFloat16;
      return decimal ? StatsOrder::kDecimal : StatsOrder::kBytes;
    case Type::BYTE_ARRAY:
      return decimal ? StatsOrder::kDecimal : StatsOrder::kBytes;
    default:
      return StatsOrder::kNone;  // INT96: sort order undefined
  }
}

bool IsSignedOrder(StatsOrder order) {
  switch (order) {
    case StatsOrder::kInt32:
    case StatsOrder::kInt64:
    case StatsOrder::kFloat:
    case StatsOrder::kDouble:
    case StatsOrder::kFloat16:
    case StatsOrder::kDecimal:
      return true;
    default:
      return false;
  }
}

namespace {

template <typename T>
int Cmp(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int CompareBytes(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  int c = n ? std::memcmp(a.data(), b.data(), n) : 0;
  if (c != 0) return c < 0 ? -1 : 1;
  return Cmp(a.size(), b.size());
}

}  // namespace

int CompareDecimalBigEndian(std::string_view a, std::string_view b) {
  const bool neg_a = !a.empty() && (static_cast<uint8_t>(a[0]) & 0x80);
  const bool neg_b = !b.empty() && (static_cast<uint8_t>(b[0]) & 0x80);
  if (neg_a != neg_b) return neg_a ? -1 : 1;
  // Same sign: sign-extend the shorter to the longer length, then compare unsigned.
  const uint8_t ext = neg_a ? 0xFF : 0x00;
  const size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const uint8_t x = i < n - a.size() ? ext : static_cast<uint8_t>(a[i - (n - a.size())]);
    const uint8_t y = i < n - b.size() ? ext : static_cast<uint8_t>(b[i - (n - b.size())]);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

int CompareEncoded(StatsOrder order, std::string_view a, std::string_view b) {
  auto fixed = [&](size_t w) { return a.size() == w && b.size() == w; };
  switch (order) {
    case StatsOrder::kInt32:
      if (fixed(4)) return Cmp(bit_util::LoadLE<int32_t>(a.data()), bit_util::LoadLE<int32_t>(b.data()));
      break;
    case StatsOrder::kUInt32:
      if (fixed(4)) return Cmp(bit_util::LoadLE<uint32_t>(a.data()), bit_util::LoadLE<uint32_t>(b.data()));
      break;
    case StatsOrder::kInt64:
      if (fixed(8)) return Cmp(bit_util::LoadLE<int64_t>(a.data()), bit_util::LoadLE<int64_t>(b.data()));
      break;
    case StatsOrder::kUInt64:
      if (fixed(8)) return Cmp(bit_util::LoadLE<uint64_t>(a.data()), bit_util::LoadLE<uint64_t>(b.data()));
      break;
    case StatsOrder::kFloat:
      if (fixed(4)) return Cmp(bit_util::LoadLE<float>(a.data()), bit_util::LoadLE<float>(b.data()));
      break;
    case StatsOrder::kDouble:
      if (fixed(8)) return Cmp(bit_util::LoadLE<double>(a.data()), bit_util::LoadLE<double>(b.data()));
      break;
    case StatsOrder::kFloat16:
      if (fixed(2)) {
        return Cmp(HalfToFloat(bit_util::LoadLE<uint16_t>(a.data())),
                   HalfToFloat(bit_util::LoadLE<uint16_t>(b.data())));
      }
      break;
    case StatsOrder::kDecimal:
      return CompareDecimalBigEndian(a, b);
    default:
      break;
  }
  return CompareBytes(a, b);
}

std::string TruncateMin(std::string_view v, int32_t n) {
  return std::string(v.substr(0, std::min<size_t>(v.size(), static_cast<size_t>(std::max(n, 0)))));
}

bool TruncateMax(std::string_view v, int32_t n, std::string* out) {
  std::string s(v.substr(0, std::min<size_t>(v.size(), static_cast<size_t>(std::max(n, 0)))));
  if (s.size() == v.size()) {
    *out = std::move(s);
    return true;
  }
  while (!s.empty() && static_cast<uint8_t>(s.back()) == 0xFF) s.pop_back();
  if (s.empty()) return false;
  s.back() = static_cast<char>(static_cast<uint8_t>(s.back()) + 1);
  *out = std::move(s);
  return true;
}

float HalfToFloat(uint16_t h) {
  const int exp = (h >> 10) & 0x1F;
  const int mant = h & 0x3FF;
  float v;
  if (exp == 0) {
    v = std::ldexp(static_cast<float>(mant), -24);
  } else if (exp == 31) {
    v = mant ? std::numeric_limits<float>::quiet_NaN() : std::numeric_limits<float>::infinity();
  } else {
    v = std::ldexp(static_cast<float>(1024 + mant), exp - 25);
  }
  return (h & 0x8000) ? -v : v;
}

format::Statistics ColumnStatistics::ToThrift() const {
  format::Statistics s;
  s.null_count = null_count_;
  if (!has_min_max()) return s;
  std::string min = EncodeMin();
  std::string max = EncodeMax();
  bool min_exact = true;
  bool max_exact = true;
  bool has_max = true;
  if (order_ == StatsOrder::kBytes && truncate_bytes_ > 0) {
    if (static_cast<int64_t>(min.size()) > truncate_bytes_) {
      min = TruncateMin(min, truncate_bytes_);
      min_exact = false;
    }
    if (static_cast<int64_t>(max.size()) > truncate_bytes_) {
      std::string t;
      has_max = TruncateMax(max, truncate_bytes_, &t);
      max = std::move(t);
      max_exact = false;
    }
  }
  const bool legacy = IsSignedOrder(order_);
  if (legacy) s.min = min;
  s.min_value = std::move(min);
  s.is_min_value_exact = min_exact;
  if (has_max) {
    if (legacy) s.max = max;
    s.max_value = std::move(max);
    s.is_max_value_exact = max_exact;
  }
  return s;
}

bool ColumnStatistics::ColumnIndexBounds(std::string* min, std::string* max) const {
  if (!has_min_max()) return false;
  *min = EncodeMin();
  *max = EncodeMax();
  if (order_ == StatsOrder::kBytes && truncate_bytes_ > 0) {
    if (static_cast<int64_t>(min->size()) > truncate_bytes_) *min = TruncateMin(*min, truncate_bytes_);
    std::string t;
    // A max whose prefix is all 0xFF cannot be shortened; the page index keeps it whole.
    if (static_cast<int64_t>(max->size()) > truncate_bytes_ && TruncateMax(*max, truncate_bytes_, &t)) {
      *max = std::move(t);
    }
  }
  return true;
}

}  // namespace sluice::parquet
