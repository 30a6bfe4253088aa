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
#include "sluice/common/status.h"

namespace sluice::formats {

// Optional sign ('+' or '-') then decimal digits, in range of T (int8..uint64).
template <typename T>
bool ParseInteger(std::string_view text, T* out) {
  static_assert(std::is_integral_v<T>);
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

// A decimal or exponent number, "nan", "inf", "infinity" (any case, signed);
// rejects values out of the type's range.
bool ParseFloat64(std::string_view text, double* out);
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

// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);

// "YYYY-MM-DD" (a real calendar day) -> days since 1970-01-01.
bool ParseDate32(std::string_view text, int32_t* out);

// ISO-8601 "YYYY-MM-DD[(T|t| )HH:MM[:SS[.fraction]]][Z|z|(+|-)HH[[:]MM]]" ->
// count of `unit` since the epoch, UTC when a zone is given. *has_zone tells
// whether it was. Fraction digits beyond `unit` must be zeros (no silent
// truncation); false on overflow of int64.
bool ParseTimestamp(std::string_view text, columnar::TimeUnit unit, int64_t* out, bool* has_zone);

// "HH:MM[:SS[.fraction]]" -> count of `unit` since midnight.
bool ParseTimeOfDay(std::string_view text, columnar::TimeUnit unit, int64_t* out);

// "[+-]digits[.digits][(e|E)[+-]digits]" -> the unscaled value at `scale`;
// false when digits beyond the scale are not zeros or the value needs more
// than `precision` digits.
bool ParseDecimal128(std::string_view text, int32_t precision, int32_t scale, __int128* out);

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
