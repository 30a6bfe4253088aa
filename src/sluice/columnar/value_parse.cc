#include "sluice/columnar/value_parse.h"

#include <algorithm>
#include <charconv>

#include "sluice/common/civil_time.h"

namespace sluice::columnar {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly N digits at `*pos` (unrolled: dates and times are hot).
template <int N>
bool Digits(std::string_view s, size_t* pos, int64_t* out) {
  if (*pos + N > s.size()) return false;
  const char* p = s.data() + *pos;
  int64_t v = 0;
  for (int i = 0; i < N; ++i) {
    const unsigned d = static_cast<unsigned>(p[i]) - '0';
    if (d > 9) return false;
    v = v * 10 + d;
  }
  *pos += N;
  *out = v;
  return true;
}

// "[+-]YYYY[YY]-MM-DD" at the start of `s` -> days since the epoch and the
// length read. The four-digit form is the fast path; a sign or five or six
// year digits (Spark's "+10000-01-01") the slow one.
bool ParseDatePrefix(std::string_view s, int64_t* days, size_t* length) {
  size_t pos = 0;
  int64_t y = 0, m = 0, d = 0;
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    if (!Digits<4>(s, &pos, &y)) return false;
  } else {
    bool neg = false;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) neg = s[pos++] == '-';
    const size_t start = pos;
    // At most 6 digits are accumulated (more is refused before it could overflow).
    while (pos < s.size() && IsDigit(s[pos]) && pos - start < 7) y = y * 10 + (s[pos++] - '0');
    if (pos - start < 4 || pos - start > 6 || pos >= s.size() || s[pos] != '-') return false;
    if (neg) y = -y;
  }
  ++pos;
  if (!Digits<2>(s, &pos, &m) || pos >= s.size() || s[pos] != '-') return false;
  ++pos;
  if (!Digits<2>(s, &pos, &d)) return false;
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, static_cast<unsigned>(m))) return false;
  *days = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  *length = pos;
  return true;
}

int UnitDigits(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond:
      return 0;
    case TimeUnit::kMilli:
      return 3;
    case TimeUnit::kMicro:
      return 6;
    case TimeUnit::kNano:
      return 9;
  }
  return 6;
}

int64_t UnitsPerSecond(TimeUnit unit) {
  static constexpr int64_t kPow[] = {1, 1000, 1000000, 1000000000};
  return kPow[static_cast<int>(unit)];
}

// "HH:MM[:SS[.fraction]]" at `*pos` -> seconds of the day and the fraction in `unit`.
bool ParseClock(std::string_view s, size_t* pos, TimeUnit unit, bool drop_extra_fraction, int64_t* seconds,
                int64_t* fraction) {
  int64_t h = 0, mi = 0, sec = 0, frac = 0;
  if (!Digits<2>(s, pos, &h) || *pos >= s.size() || s[(*pos)++] != ':' || !Digits<2>(s, pos, &mi)) return false;
  if (*pos < s.size() && s[*pos] == ':') {
    ++*pos;
    if (!Digits<2>(s, pos, &sec)) return false;
    if (*pos < s.size() && (s[*pos] == '.' || s[*pos] == ',')) {
      ++*pos;
      const int keep = UnitDigits(unit);
      int n = 0;
      for (; *pos < s.size() && IsDigit(s[*pos]); ++*pos, ++n) {
        if (n < keep) {
          frac = frac * 10 + (s[*pos] - '0');
        } else if (s[*pos] != '0' && !drop_extra_fraction) {
          return false;  // finer than the unit: would be truncated
        }
      }
      if (n == 0) return false;
      for (int i = n; i < keep; ++i) frac *= 10;
    }
  }
  if (h > 23 || mi > 59 || sec > 59) return false;
  *seconds = h * 3600 + mi * 60 + sec;
  *fraction = frac;
  return true;
}

}  // namespace

bool ParseDate32(std::string_view text, int32_t* out) {
  int64_t days = 0;
  size_t length = 0;
  if (!ParseDatePrefix(text, &days, &length) || length != text.size()) return false;
  *out = static_cast<int32_t>(days);
  return true;
}

bool ParseTimestamp(std::string_view s, TimeUnit unit, int64_t* out, bool* has_zone, TimestampTextOptions options) {
  int64_t days = 0;
  size_t pos = 0;
  if (!ParseDatePrefix(s, &days, &pos)) return false;
  int64_t seconds = 0, fraction = 0, offset_seconds = 0;
  *has_zone = false;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return false;
    ++pos;
    if (!ParseClock(s, &pos, unit, options.drop_extra_fraction, &seconds, &fraction)) return false;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
      ++pos;
      *has_zone = true;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
      const bool neg = s[pos++] == '-';
      int64_t oh = 0, om = 0;
      if (!Digits<2>(s, &pos, &oh)) return false;
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (pos < s.size() && !Digits<2>(s, &pos, &om)) return false;
      if (oh > 23 || om > 59) return false;
      offset_seconds = (neg ? -1 : 1) * (oh * 3600 + om * 60);
      *has_zone = true;
    }
  }
  if (pos != s.size()) return false;
  const int64_t total_seconds = days * 86400 + seconds - (options.apply_zone ? offset_seconds : 0);
  int64_t scaled = 0;
  if (__builtin_mul_overflow(total_seconds, UnitsPerSecond(unit), &scaled)) return false;
  return !__builtin_add_overflow(scaled, fraction, out);
}

bool ParseTimeOfDay(std::string_view text, TimeUnit unit, int64_t* out) {
  size_t pos = 0;
  int64_t seconds = 0, fraction = 0;
  if (!ParseClock(text, &pos, unit, false, &seconds, &fraction) || pos != text.size()) return false;
  *out = seconds * UnitsPerSecond(unit) + fraction;
  return true;
}

bool ParseDecimal128(std::string_view s, int32_t precision, int32_t scale, __int128* out) {
  if (precision < 1 || precision > 38) return false;
  size_t pos = 0;
  bool neg = false;
  if (pos < s.size() && (s[pos] == '-' || s[pos] == '+')) neg = s[pos++] == '-';
  const size_t int_begin = pos;
  while (pos < s.size() && IsDigit(s[pos])) ++pos;
  const std::string_view int_digits = s.substr(int_begin, pos - int_begin);
  std::string_view frac_digits;
  if (pos < s.size() && s[pos] == '.') {
    const size_t frac_begin = ++pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos;
    frac_digits = s.substr(frac_begin, pos - frac_begin);
  }
  if (int_digits.empty() && frac_digits.empty()) return false;
  int32_t exponent = 0;
  if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
    std::string_view e = s.substr(pos + 1);
    if (!e.empty() && e[0] == '+') e.remove_prefix(1);
    auto [p, ec] = std::from_chars(e.data(), e.data() + e.size(), exponent);
    if (ec != std::errc() || p != e.data() + e.size() || exponent > 1000 || exponent < -1000) return false;
    pos = s.size();
  }
  if (pos != s.size()) return false;
  // value = digits * 10^(exponent - |frac|); unscaled = digits * 10^shift.
  const int64_t total = static_cast<int64_t>(int_digits.size() + frac_digits.size());
  const int64_t shift = int64_t{scale} + exponent - static_cast<int64_t>(frac_digits.size());
  auto digit = [&](int64_t i) {
    return i < static_cast<int64_t>(int_digits.size()) ? int_digits[i] : frac_digits[i - int_digits.size()];
  };
  const int64_t keep = shift < 0 ? total + shift : total;  // digits left after dropping -shift
  for (int64_t i = std::max<int64_t>(keep, 0); i < total; ++i) {
    if (digit(i) != '0') return false;  // would be rounded away
  }
  int64_t first = 0;
  while (first < keep && digit(first) == '0') ++first;
  const int64_t significant = keep - first;
  if (significant > 0 && significant + std::max<int64_t>(shift, 0) > precision) return false;
  __int128 v = 0;
  for (int64_t i = first; i < keep; ++i) v = v * 10 + (digit(i) - '0');
  if (v != 0) {
    for (int64_t i = 0; i < shift; ++i) v *= 10;
  }
  *out = neg ? -v : v;
  return true;
}

}  // namespace sluice::columnar
