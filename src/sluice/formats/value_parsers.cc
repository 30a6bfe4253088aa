#include "sluice/formats/value_parsers.h"

#include "sluice/columnar/builder.h"
#include "sluice/common/civil_time.h"

namespace sluice::formats {
namespace {

using columnar::DataType;
using columnar::TimeUnit;
using columnar::TypeId;

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

bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int64_t m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

// "YYYY-MM-DD" at the start of `s` -> days since the epoch.
bool ParseDatePrefix(std::string_view s, int64_t* days) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  size_t pos = 0;
  int64_t y = 0, m = 0, d = 0;
  if (!Digits<4>(s, &pos, &y)) return false;
  ++pos;
  if (!Digits<2>(s, &pos, &m)) return false;
  ++pos;
  if (!Digits<2>(s, &pos, &d)) return false;
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
  *days = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
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
bool ParseClock(std::string_view s, size_t* pos, TimeUnit unit, int64_t* seconds, int64_t* fraction) {
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
        } else if (s[*pos] != '0') {
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

bool ParseFloat64Slow(std::string_view text, double* out) { return FromCharsWithPlus(text, out); }

bool ParseFloat32(std::string_view text, float* out) { return FromCharsWithPlus(text, out); }

bool ParseDate32(std::string_view text, int32_t* out) {
  int64_t days = 0;
  if (text.size() != 10 || !ParseDatePrefix(text, &days)) return false;
  *out = static_cast<int32_t>(days);
  return true;
}

bool ParseTimestamp(std::string_view s, TimeUnit unit, int64_t* out, bool* has_zone) {
  int64_t days = 0;
  if (!ParseDatePrefix(s, &days)) return false;
  size_t pos = 10;
  int64_t seconds = 0, fraction = 0, offset_seconds = 0;
  *has_zone = false;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return false;
    ++pos;
    if (!ParseClock(s, &pos, unit, &seconds, &fraction)) return false;
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
  const int64_t total_seconds = days * 86400 + seconds - offset_seconds;
  int64_t scaled = 0;
  if (__builtin_mul_overflow(total_seconds, UnitsPerSecond(unit), &scaled)) return false;
  return !__builtin_add_overflow(scaled, fraction, out);
}

bool ParseTimeOfDay(std::string_view text, TimeUnit unit, int64_t* out) {
  size_t pos = 0;
  int64_t seconds = 0, fraction = 0;
  if (!ParseClock(text, &pos, unit, &seconds, &fraction) || pos != text.size()) return false;
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
    if (!ParseInteger<int32_t>(s.substr(pos + 1), &exponent) || exponent > 1000 || exponent < -1000) return false;
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

bool IsTextParsable(const DataType& type) {
  switch (type.id) {
    case TypeId::kNull:
    case TypeId::kFloat16:
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap:
      return false;
    case TypeId::kDecimal128:
      return type.precision >= 1 && type.precision <= 38;
    default:
      return true;
  }
}

Status CannotRead(std::string_view text, const DataType& type) {
  constexpr size_t kMaxShown = 80;
  if (text.size() > kMaxShown) {
    return Status::Invalid("cannot read '{}...' ({} bytes) as {}", text.substr(0, kMaxShown), text.size(),
                           type.ToString());
  }
  return Status::Invalid("cannot read '{}' as {}", text, type.ToString());
}

namespace {

template <typename T>
Status AppendInteger(const DataType& type, columnar::ArrayBuilder* b, std::string_view text) {
  T v{};
  if (!ParseInteger<T>(text, &v)) return CannotRead(text, type);
  static_cast<columnar::NumericBuilder<T>*>(b)->Append(v);
  return Status::OK();
}

}  // namespace

Status AppendParsed(const DataType& type, columnar::ArrayBuilder* b, std::string_view text) {
  switch (type.id) {
    case TypeId::kString:
    case TypeId::kBinary:
      return static_cast<columnar::BinaryBuilder*>(b)->Append(text);
    case TypeId::kBool: {
      bool v = false;
      if (!ParseBool(text, &v)) return CannotRead(text, type);
      static_cast<columnar::BoolBuilder*>(b)->Append(v);
      return Status::OK();
    }
    case TypeId::kInt8:
      return AppendInteger<int8_t>(type, b, text);
    case TypeId::kInt16:
      return AppendInteger<int16_t>(type, b, text);
    case TypeId::kInt32:
      return AppendInteger<int32_t>(type, b, text);
    case TypeId::kInt64:
      return AppendInteger<int64_t>(type, b, text);
    case TypeId::kUInt8:
      return AppendInteger<uint8_t>(type, b, text);
    case TypeId::kUInt16:
      return AppendInteger<uint16_t>(type, b, text);
    case TypeId::kUInt32:
      return AppendInteger<uint32_t>(type, b, text);
    case TypeId::kUInt64:
      return AppendInteger<uint64_t>(type, b, text);
    case TypeId::kFloat32: {
      float v = 0;
      if (!ParseFloat32(text, &v)) return CannotRead(text, type);
      static_cast<columnar::FloatBuilder*>(b)->Append(v);
      return Status::OK();
    }
    case TypeId::kFloat64: {
      double v = 0;
      if (!ParseFloat64(text, &v)) return CannotRead(text, type);
      static_cast<columnar::DoubleBuilder*>(b)->Append(v);
      return Status::OK();
    }
    case TypeId::kDate32: {
      int32_t v = 0;
      if (!ParseDate32(text, &v)) return CannotRead(text, type);
      static_cast<columnar::Int32Builder*>(b)->Append(v);
      return Status::OK();
    }
    case TypeId::kTimestamp: {
      int64_t v = 0;
      if (!ParseTimestampFor(type, text, &v)) return CannotRead(text, type);
      static_cast<columnar::Int64Builder*>(b)->Append(v);
      return Status::OK();
    }
    case TypeId::kTime32: {
      int64_t v = 0;
      if (!ParseTimeOfDay(text, type.unit, &v)) return CannotRead(text, type);
      static_cast<columnar::Int32Builder*>(b)->Append(static_cast<int32_t>(v));
      return Status::OK();
    }
    case TypeId::kTime64: {
      int64_t v = 0;
      if (!ParseTimeOfDay(text, type.unit, &v)) return CannotRead(text, type);
      static_cast<columnar::Int64Builder*>(b)->Append(v);
      return Status::OK();
    }
    case TypeId::kDecimal128: {
      __int128 v = 0;
      if (!ParseDecimal128(text, type.precision, type.scale, &v)) return CannotRead(text, type);
      static_cast<columnar::FixedSizeBinaryBuilder*>(b)->AppendDecimal(v);
      return Status::OK();
    }
    case TypeId::kFixedSizeBinary: {
      if (static_cast<int32_t>(text.size()) != type.byte_width) return CannotRead(text, type);
      static_cast<columnar::FixedSizeBinaryBuilder*>(b)->AppendRaw(text.data());
      return Status::OK();
    }
    default:
      return Status::NotSupported("cannot read {} values from text", type.ToString());
  }
}

}  // namespace sluice::formats
