#include "sluice/columnar/value_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string_view>

#include "sluice/common/civil_time.h"

namespace sluice::columnar {

void AppendDateText(int64_t days, std::string* out) {
  const CivilDate c = CivilFromDays(days);
  const int64_t y = c.year;
  fmt::format_to(std::back_inserter(*out), "{}{:04}-{:02}-{:02}", y < 0 ? "-" : "", y < 0 ? -y : y, c.month, c.day);
}

void AppendTimeOfDayText(int64_t seconds_of_day, int64_t fraction, int fraction_digits, std::string* out) {
  fmt::format_to(std::back_inserter(*out), "{:02}:{:02}:{:02}", seconds_of_day / 3600, seconds_of_day / 60 % 60,
                 seconds_of_day % 60);
  if (fraction_digits > 0) fmt::format_to(std::back_inserter(*out), ".{:0{}}", fraction, fraction_digits);
}

void AppendDateTimeText(int64_t value, int64_t units_per_second, char separator, std::string* out) {
  int64_t days = 0, rem = 0;
  SplitDays(value, units_per_second * 86400, &days, &rem);
  AppendDateText(days, out);
  out->push_back(separator);
  int digits = 0;
  for (int64_t u = units_per_second; u > 1; u /= 10) ++digits;
  AppendTimeOfDayText(rem / units_per_second, rem % units_per_second, digits, out);
}

namespace {

template <typename T>
void AppendFloat(T v, std::string* out) {
  if (std::isnan(v)) {
    *out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    *out += v > 0 ? "Infinity" : "-Infinity";
    return;
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  const std::string_view text(buf, static_cast<size_t>(end - buf));
  const size_t exp = text.find('e');
  const std::string_view mantissa = text.substr(0, exp);
  out->append(mantissa);
  if (mantissa.find('.') == std::string_view::npos) *out += ".0";
  if (exp != std::string_view::npos) out->append(text.substr(exp));
}

}  // namespace

void AppendFloatText(double v, std::string* out) { AppendFloat(v, out); }
void AppendFloatText(float v, std::string* out) { AppendFloat(v, out); }

void AppendDecimalText(__int128 v, int32_t scale, std::string* out) {
  const bool negative = v < 0;
  // Magnitude as unsigned so that the minimum value negates safely.
  unsigned __int128 mag = negative ? ~static_cast<unsigned __int128>(v) + 1 : static_cast<unsigned __int128>(v);
  char digits[48];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + static_cast<int>(mag % 10));
    mag /= 10;
  } while (mag != 0);
  if (negative) out->push_back('-');
  if (scale <= 0) {
    for (int k = n - 1; k >= 0; --k) out->push_back(digits[k]);
    if (v != 0) out->append(static_cast<size_t>(-static_cast<int64_t>(scale)), '0');
    return;
  }
  for (int k = std::max(n, scale + 1) - 1; k >= 0; --k) {
    out->push_back(k < n ? digits[k] : '0');
    if (k == scale) out->push_back('.');
  }
}

size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  auto cont = [&](size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    const unsigned char c1 = b(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    const unsigned char c1 = b(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

bool IsValidUtf8(std::string_view s) {
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Skip ASCII eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const size_t len = Utf8SequenceLength(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

}  // namespace sluice::columnar
