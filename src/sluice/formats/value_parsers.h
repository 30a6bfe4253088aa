#pragma once

// Text -> typed value, for the text readers (CSV fields, JSON strings). Each
// Parse* returns true iff all of `text` is one value of the type (no
// surrounding spaces) and stores it in *out; on false *out is unspecified.

#include <charconv>
#include <cstdint>
#include <limits>
#include <string_view>
#include <type_traits>

#include "sluice/columnar/array_builder.h"
#include "sluice/columnar/data_type.h"
#include "sluice/columnar/value_parse.h"
#include "sluice/common/status.h"

namespace sluice::formats {

// Dates, times, timestamps and decimals: columnar/value_parse.h, the parser
// Delta partition values and expression literals share.
using columnar::ParseDate32;
using columnar::ParseDecimal128;
using columnar::ParseTimeOfDay;
using columnar::ParseTimestamp;

// std::from_chars over all of `text`, which may also start with '+'.
template <typename T>
bool FromCharsWithPlus(std::string_view text, T* out) {
  const char* p = text.data();
  const char* end = p + text.size();
  if (p != end && *p == '+') {
    ++p;
    if (p != end && *p == '-') return false;
  }
  if (p == end) return false;
  auto [q, ec] = std::from_chars(p, end, *out);
  return ec == std::errc() && q == end;
}

// Optional sign ('+' or '-') then decimal digits, in range of T (int8..uint64).
template <typename T>
bool ParseInteger(std::string_view text, T* out) {
  static_assert(std::is_integral_v<T>);
  const char* p = text.data();
  const char* end = p + text.size();
  bool neg = false;
  if (p != end && (*p == '-' || *p == '+')) neg = *p++ == '-';
  if (p == end || end - p > 18) return FromCharsWithPlus(text, out);
  // Up to 18 digits cannot overflow uint64: one multiply-add per digit.
  uint64_t v = 0;
  for (; p != end; ++p) {
    const unsigned d = static_cast<unsigned>(*p) - '0';
    if (d > 9) return false;
    v = v * 10 + d;
  }
  if constexpr (std::is_signed_v<T>) {
    if (neg) {
      if (v > static_cast<uint64_t>(std::numeric_limits<T>::max()) + 1) return false;
      *out = static_cast<T>(0 - v);
    } else {
      if (v > static_cast<uint64_t>(std::numeric_limits<T>::max())) return false;
      *out = static_cast<T>(v);
    }
  } else {
    if (neg || v > std::numeric_limits<T>::max()) return false;
    *out = static_cast<T>(v);
  }
  return true;
}

// A decimal or exponent number, "nan", "inf", "infinity" (any case, signed);
// rejects values out of the type's range. Correctly rounded.
bool ParseFloat64Slow(std::string_view text, double* out);
inline bool ParseFloat64(std::string_view text, double* out) {
  // Clinger's fast path: at most 15 digits and no exponent means the digits
  // and the power of ten are exact doubles, so one division rounds correctly.
  static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const char* p = text.data();
  const char* end = p + text.size();
  bool neg = false;
  if (p != end && (*p == '-' || *p == '+')) neg = *p++ == '-';
  if (end - p > 16) return ParseFloat64Slow(text, out);
  uint64_t m = 0;
  int digits = 0, frac = -1;
  for (; p != end; ++p) {
    const unsigned d = static_cast<unsigned>(*p) - '0';
    if (d <= 9) {
      m = m * 10 + d;
      ++digits;
      if (frac >= 0) ++frac;
    } else if (*p == '.' && frac < 0) {
      frac = 0;
    } else {
      return ParseFloat64Slow(text, out);
    }
  }
  if (digits == 0) return false;
  if (digits > 15) return ParseFloat64Slow(text, out);
  double v = static_cast<double>(m);
  if (frac > 0) v /= kPow10[frac];
  *out = neg ? -v : v;
  return true;
}
bool ParseFloat32(std::string_view text, float* out);

// true/True/TRUE/1 and false/False/FALSE/0.
inline bool ParseBool(std::string_view text, bool* out) {
  switch (text.size()) {
    case 1:
      if (text[0] == '1' || text[0] == '0') {
        *out = text[0] == '1';
        return true;
      }
      return false;
    case 4:
      if (text == "true" || text == "True" || text == "TRUE") {
        *out = true;
        return true;
      }
      return false;
    case 5:
      if (text == "false" || text == "False" || text == "FALSE") {
        *out = false;
        return true;
      }
      return false;
    default:
      return false;
  }
}

// ParseTimestamp for a column of timestamp `type`: zone-less text in a UTC
// column is taken as UTC (as pyarrow does); zoned text in a zone-less column
// has no meaning there and is refused (value_parsers_test AppendParsedEveryType).
inline bool ParseTimestampFor(const columnar::DataType& type, std::string_view text, int64_t* out) {
  bool zone = false;
  return ParseTimestamp(text, type.unit, out, &zone) && (type.utc || !zone);
}

// Returns true iff the text readers can read values of `type` from text
// (every scalar type but float16; nested types only from JSON).
bool IsTextParsable(const columnar::DataType& type);

// Appends `text` parsed as `type` to `builder` (made by columnar::MakeBuilder
// for `type`, a type IsTextParsable accepts). String and binary take the text
// as is. Invalid "cannot read '<text>' as <type>" when it does not parse.
Status AppendParsed(const columnar::DataType& type, columnar::ArrayBuilder* builder, std::string_view text);

// The error AppendParsed returns, for readers that parse in their own loops.
Status CannotRead(std::string_view text, const columnar::DataType& type);

}  // namespace sluice::formats
