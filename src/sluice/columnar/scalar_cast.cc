#include "sluice/columnar/scalar_cast.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "sluice/columnar/builder.h"
#include "sluice/common/civil_time.h"

namespace sluice::columnar {
namespace {

Status Bad(std::string_view text, const DataType& type) {
  return Status::Invalid("cannot parse '{}' as a {} value", text, type.ToString());
}

// Parses an optionally signed decimal integer filling all of `text`.
bool ParseInt(std::string_view text, int64_t* out) {
  if (text.empty()) return false;
  if (text[0] == '+') text.remove_prefix(1);
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && p == text.data() + text.size();
}

// Reads exactly `n` digits at `*pos`.
bool Digits(std::string_view s, size_t* pos, int n, int64_t* out) {
  if (*pos + n > s.size()) return false;
  int64_t v = 0;
  for (int i = 0; i < n; ++i) {
    const char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool ParseDate(std::string_view s, size_t* pos, int64_t* days) {
  bool neg = false;
  if (*pos < s.size() && (s[*pos] == '-' || s[*pos] == '+')) neg = s[(*pos)++] == '-';
  size_t n = 0;
  while (*pos + n < s.size() && s[*pos + n] >= '0' && s[*pos + n] <= '9') ++n;
  int64_t y = 0, m = 0, d = 0;
  if (n < 4 || n > 6 || !Digits(s, pos, static_cast<int>(n), &y)) return false;
  if (*pos >= s.size() || s[(*pos)++] != '-' || !Digits(s, pos, 2, &m)) return false;
  if (*pos >= s.size() || s[(*pos)++] != '-' || !Digits(s, pos, 2, &d)) return false;
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  *days = DaysFromCivil(neg ? -y : y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  // A real calendar day: 2024-02-30 does not roll over into March.
  return CivilFromDays(*days).day == static_cast<unsigned>(d);
}

// "YYYY-MM-DD[( |T)HH:MM[:SS[.f{1,9}]]][Z|(+|-)HH[:]MM]" -> microseconds;
// the zone offset is applied only when `apply_zone`.
bool ParseTimestamp(std::string_view s, bool apply_zone, int64_t* micros) {
  size_t pos = 0;
  int64_t days = 0, h = 0, mi = 0, sec = 0, frac = 0;
  if (!ParseDate(s, &pos, &days)) return false;
  if (pos < s.size() && (s[pos] == ' ' || s[pos] == 'T')) {
    ++pos;
    if (!Digits(s, &pos, 2, &h) || pos >= s.size() || s[pos++] != ':' || !Digits(s, &pos, 2, &mi)) return false;
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!Digits(s, &pos, 2, &sec)) return false;
      if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int n = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          if (n < 6) frac = frac * 10 + (s[pos] - '0');
          ++n, ++pos;
        }
        if (n == 0 || n > 9) return false;
        for (int i = n; i < 6; ++i) frac *= 10;
      }
    }
    if (h > 23 || mi > 59 || sec > 60) return false;
  }
  int64_t offset_min = 0;
  if (pos < s.size() && s[pos] == 'Z') {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const bool neg = s[pos++] == '-';
    int64_t oh = 0, om = 0;
    if (!Digits(s, &pos, 2, &oh)) return false;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (pos < s.size() && !Digits(s, &pos, 2, &om)) return false;
    offset_min = (neg ? -1 : 1) * (oh * 60 + om);
  }
  if (pos != s.size()) return false;
  *micros = ((days * 86400 + h * 3600 + mi * 60 + sec) * 1000000) + frac;
  if (apply_zone) *micros -= offset_min * 60 * 1000000;
  return true;
}

// "-12.340", "1E+3" -> unscaled integer at `scale`; false when it does not
// fit 38 digits or has non-zero digits beyond the scale.
bool ParseDecimal(std::string_view s, int32_t scale, __int128* out) {
  size_t pos = 0;
  bool neg = false;
  if (pos < s.size() && (s[pos] == '-' || s[pos] == '+')) neg = s[pos++] == '-';
  std::string digits;
  int64_t frac_digits = 0;
  bool dot = false, any = false;
  for (; pos < s.size(); ++pos) {
    const char c = s[pos];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      any = true;
      if (dot) ++frac_digits;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (!any) return false;
  int64_t exp = 0;
  if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
    if (!ParseInt(s.substr(pos + 1), &exp) || exp > 100 || exp < -100) return false;
    pos = s.size();
  }
  if (pos != s.size()) return false;
  int64_t shift = scale - frac_digits + exp;  // power of ten to apply to `digits`
  while (shift < 0) {
    if (digits.empty() || digits.back() != '0') return false;
    digits.pop_back();
    ++shift;
  }
  digits.append(static_cast<size_t>(shift), '0');
  __int128 v = 0;
  size_t significant = 0;
  for (char c : digits) {
    if (significant > 0 || c != '0') ++significant;
    if (significant > 38) return false;
    v = v * 10 + (c - '0');
  }
  *out = neg ? -v : v;
  return true;
}

bool IntegerFits(TypeId id, int64_t v) {
  switch (id) {
    case TypeId::kInt8:
      return v >= INT8_MIN && v <= INT8_MAX;
    case TypeId::kInt16:
      return v >= INT16_MIN && v <= INT16_MAX;
    case TypeId::kInt32:
      return v >= INT32_MIN && v <= INT32_MAX;
    default:
      return true;
  }
}

bool IsInteger(TypeId id) {
  return id == TypeId::kInt8 || id == TypeId::kInt16 || id == TypeId::kInt32 || id == TypeId::kInt64;
}

template <typename T>
Result<ArrayPtr> Repeat(const DataTypePtr& type, T v, int64_t n) {
  NumericBuilder<T> b(type);
  b.Reserve(n);
  for (int64_t i = 0; i < n; ++i) b.Append(v);
  return b.Finish();
}

}  // namespace

Result<Scalar> ParseScalar(const DataType& type, std::string_view s) {
  switch (type.id) {
    case TypeId::kString:
    case TypeId::kBinary:
      return Scalar{std::string(s)};
    case TypeId::kBool:
      if (s == "true" || s == "TRUE" || s == "True") return Scalar{true};
      if (s == "false" || s == "FALSE" || s == "False") return Scalar{false};
      return Bad(s, type);
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64: {
      int64_t v = 0;
      if (!ParseInt(s, &v) || !IntegerFits(type.id, v)) return Bad(s, type);
      return Scalar{v};
    }
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      double v = 0;
      std::string_view t = s;
      if (!t.empty() && t[0] == '+') t.remove_prefix(1);
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (ec != std::errc() || p != t.data() + t.size()) return Bad(s, type);
      return Scalar{v};
    }
    case TypeId::kDate32: {
      size_t pos = 0;
      int64_t days = 0;
      if (!ParseDate(s, &pos, &days)) return Bad(s, type);
      // A date written with a time part ("2021-01-01 00:00:00") keeps its day.
      if (pos != s.size() && s[pos] != ' ' && s[pos] != 'T') return Bad(s, type);
      return Scalar{days};
    }
    case TypeId::kTimestamp: {
      int64_t micros = 0;
      if (!ParseTimestamp(s, type.utc, &micros)) return Bad(s, type);
      return Scalar{micros};
    }
    case TypeId::kDecimal128: {
      __int128 v = 0;
      if (!ParseDecimal(s, type.scale, &v)) return Bad(s, type);
      return Scalar{v};
    }
    default:
      return Status::NotSupported("values of type {} cannot be read from text", type.ToString());
  }
}

Result<Scalar> CastScalar(const DataType& type, const Scalar& literal) {
  if (std::holds_alternative<std::monostate>(literal)) return Scalar{};
  if (const auto* s = std::get_if<std::string>(&literal)) {
    if (s->empty() && type.IsBinaryLike()) return Scalar{*s};
    return ParseScalar(type, *s);
  }
  if (const auto* b = std::get_if<bool>(&literal)) {
    if (type.id == TypeId::kBool) return Scalar{*b};
    return Status::Invalid("boolean literal for a {} column", type.ToString());
  }
  if (const auto* i = std::get_if<int64_t>(&literal)) {
    if (IsInteger(type.id)) return Scalar{*i};
    if (type.id == TypeId::kFloat32 || type.id == TypeId::kFloat64) return Scalar{static_cast<double>(*i)};
    if (type.id == TypeId::kDecimal128) return ParseScalar(type, std::to_string(*i));
    return Status::Invalid("integer literal {} for a {} column", *i, type.ToString());
  }
  const double d = std::get<double>(literal);
  if (type.id == TypeId::kFloat32 || type.id == TypeId::kFloat64) return Scalar{d};
  // A fractional literal against an integer column compares as double.
  if (IsInteger(type.id)) return Scalar{d};
  if (type.id == TypeId::kDecimal128) return ParseScalar(type, fmt::format("{}", d));
  return Status::Invalid("number literal {} for a {} column", d, type.ToString());
}

int CompareScalars(const Scalar& a, const Scalar& b) {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  auto cmp_double = [](double x, double y) {
    // Total order with NaN above everything (as Spark orders doubles).
    if (std::isnan(x) || std::isnan(y)) return std::isnan(x) ? (std::isnan(y) ? 0 : 1) : -1;
    return x < y ? -1 : (y < x ? 1 : 0);
  };
  if (a.index() == b.index()) {
    switch (a.index()) {
      case 1:
        return cmp(std::get<bool>(a), std::get<bool>(b));
      case 2:
        return cmp(std::get<int64_t>(a), std::get<int64_t>(b));
      case 3:
        return cmp_double(std::get<double>(a), std::get<double>(b));
      case 4:
        return cmp(std::get<__int128>(a), std::get<__int128>(b));
      case 5: {
        const int c = std::get<std::string>(a).compare(std::get<std::string>(b));
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
      }
      default:
        return 0;
    }
  }
  // Mixed integer / double (an integer column against a fractional literal).
  auto as_double = [](const Scalar& v) {
    if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return 0.0;
  };
  return cmp_double(as_double(a), as_double(b));
}

Result<ArrayPtr> MakeConstantArray(const DataTypePtr& type, const Scalar& value, int64_t length) {
  if (std::holds_alternative<std::monostate>(value) || type->id == TypeId::kNull) {
    SLUICE_ASSIGN_OR_RETURN(auto builder, MakeBuilder(type));
    builder->AppendNulls(length);
    return builder->Finish();
  }
  auto mismatch = [&] { return Status::Invalid("value does not fit a {} column", type->ToString()); };
  switch (type->id) {
    case TypeId::kBool: {
      if (!std::holds_alternative<bool>(value)) return mismatch();
      BoolBuilder b;
      for (int64_t i = 0; i < length; ++i) b.Append(std::get<bool>(value));
      return b.Finish();
    }
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      double d = 0;
      if (const auto* x = std::get_if<double>(&value)) {
        d = *x;
      } else if (const auto* i = std::get_if<int64_t>(&value)) {
        d = static_cast<double>(*i);
      } else {
        return mismatch();
      }
      if (type->id == TypeId::kFloat32) return Repeat<float>(type, static_cast<float>(d), length);
      return Repeat<double>(type, d, length);
    }
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kDate32:
    case TypeId::kTimestamp: {
      if (!std::holds_alternative<int64_t>(value)) return mismatch();
      const int64_t v = std::get<int64_t>(value);
      switch (type->id) {
        case TypeId::kInt8:
          return Repeat<int8_t>(type, static_cast<int8_t>(v), length);
        case TypeId::kInt16:
          return Repeat<int16_t>(type, static_cast<int16_t>(v), length);
        case TypeId::kInt32:
        case TypeId::kDate32:
          return Repeat<int32_t>(type, static_cast<int32_t>(v), length);
        default:
          return Repeat<int64_t>(type, v, length);
      }
    }
    case TypeId::kDecimal128: {
      if (!std::holds_alternative<__int128>(value)) return mismatch();
      FixedSizeBinaryBuilder b(type);
      b.Reserve(length);
      for (int64_t i = 0; i < length; ++i) b.AppendDecimal(std::get<__int128>(value));
      return b.Finish();
    }
    case TypeId::kString:
    case TypeId::kBinary: {
      if (!std::holds_alternative<std::string>(value)) return mismatch();
      const std::string& s = std::get<std::string>(value);
      BinaryBuilder b(type);
      b.Reserve(length);
      b.ReserveData(static_cast<int64_t>(s.size()) * length);
      for (int64_t i = 0; i < length; ++i) SLUICE_RETURN_NOT_OK(b.Append(s));
      return b.Finish();
    }
    default:
      return Status::NotSupported("constant columns of type {} are not supported", type->ToString());
  }
}

}  // namespace sluice::columnar
