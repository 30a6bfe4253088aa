#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::columnar {

// Text forms of single values shared by the JSON rendering and the Delta
// writers (partition values, file statistics).

// Appends "YYYY-MM-DD" for `days` since 1970-01-01 (proleptic Gregorian;
// years below 0 get a leading '-', years past 9999 more digits).
void AppendDateText(int64_t days, std::string* out);

// Appends "HH:MM:SS" and then, when `fraction_digits` > 0, '.' and that many
// digits of `fraction` (zero-padded), e.g. (3723, 123, 3) -> "01:02:03.123".
void AppendTimeOfDayText(int64_t seconds_of_day, int64_t fraction, int fraction_digits, std::string* out);

// Appends "YYYY-MM-DD<separator>HH:MM:SS[.f]" for `value` units of
// 1/`units_per_second` s since the epoch (1, 1000, 10^6 or 10^9); the
// fraction has one digit per power of ten of the unit (none for seconds).
void AppendDateTimeText(int64_t value, int64_t units_per_second, char separator, std::string* out);

// Appends the shortest text that parses back to `v` ("1.5", "1e+20"), with
// ".0" after an integral mantissa ("3.0", "-0.0", "1.0e+20") as Java prints
// doubles; NaN and infinities as "NaN", "Infinity", "-Infinity".
void AppendFloatText(double v, std::string* out);
void AppendFloatText(float v, std::string* out);

// Appends the exact decimal text of an unscaled 128-bit value at `scale`
// ("-12.340" for (-12340, 3); a negative scale appends zeros).
void AppendDecimalText(__int128 unscaled, int32_t scale, std::string* out);

// Returns the length (1-4) of the well-formed UTF-8 sequence starting at
// s[i], or 0 when it is not one (cut, overlong, surrogate, past U+10FFFF).
size_t Utf8SequenceLength(std::string_view s, size_t i);

// Returns true iff `s` is well-formed UTF-8 (no overlongs, surrogates or
// code points past U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Splits `value` in units of `per_day` into days since the epoch and the
// units into that day (floor division: the remainder is never negative).
inline void SplitDays(int64_t value, int64_t per_day, int64_t* days, int64_t* rem) {
  *days = value / per_day;
  *rem = value % per_day;
  if (*rem < 0) {
    *rem += per_day;
    --*days;
  }
}

}  // namespace sluice::columnar
