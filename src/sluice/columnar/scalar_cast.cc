#include "sluice/columnar/scalar_cast.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "sluice/columnar/builder.h"
#include "sluice/columnar/value_parse.h"

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
      // A date written with a time part ("2021-01-01 00:00:00") keeps its day.
      if (s.find_first_of(" T", 1) == std::string_view::npos) {
        int32_t days = 0;
        if (!ParseDate32(s, &days)) return Bad(s, type);
        return Scalar{int64_t{days}};
      }
      TimestampTextOptions wall;
      wall.apply_zone = false;
      wall.drop_extra_fraction = true;
      int64_t seconds = 0;
      bool zone = false;
      if (!ParseTimestamp(s, TimeUnit::kSecond, &seconds, &zone, wall)) return Bad(s, type);
      return Scalar{seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400)};
    }
    case TypeId::kTimestamp: {
      // Partition values and literals are microseconds (Delta's unit); digits
      // past micros are dropped, and timestamp_ntz keeps the wall time.
      TimestampTextOptions options;
      options.drop_extra_fraction = true;
      options.apply_zone = type.utc;
      int64_t micros = 0;
      bool zone = false;
      if (!ParseTimestamp(s, TimeUnit::kMicro, &micros, &zone, options)) return Bad(s, type);
      return Scalar{micros};
    }
    case TypeId::kDecimal128: {
      // Up to 38 digits whatever the column's precision, as Delta writers do.
      __int128 v = 0;
      if (!ParseDecimal128(s, 38, type.scale, &v)) return Bad(s, type);
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
