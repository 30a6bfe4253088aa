#include "sluice/columnar/json_format.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>

#include "sluice/columnar/value_text.h"

namespace sluice::columnar {
namespace {

void AppendEscaped(std::string_view s, std::string* out);

// Appends the shortest text that parses back to `v`; non-finite as strings.
template <typename T>
void AppendFloat(T v, std::string* out) {
  if (std::isnan(v)) {
    *out += "\"NaN\"";
  } else if (std::isinf(v)) {
    *out += v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  } else {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
    out->append(buf, end);
  }
}

// IEEE binary16 -> binary32 (exact).
float HalfToFloat(uint16_t h) {
  const uint32_t sign = (h >> 15) & 1, exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
  float mag;
  if (exp == 0) {
    mag = std::ldexp(static_cast<float>(mant), -24);
  } else if (exp == 31) {
    mag = mant == 0 ? INFINITY : NAN;
  } else {
    mag = std::ldexp(static_cast<float>(mant | 0x400), static_cast<int>(exp) - 25);
  }
  return sign ? -mag : mag;
}

void AppendBase64(std::string_view s, std::string* out) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  out->push_back('"');
  size_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  for (; i + 3 <= s.size(); i += 3) {
    const uint32_t v = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
    for (int k = 18; k >= 0; k -= 6) out->push_back(kAlphabet[(v >> k) & 63]);
  }
  if (const size_t rest = s.size() - i; rest > 0) {
    const uint32_t v = (p[i] << 16) | (rest == 2 ? p[i + 1] << 8 : 0);
    out->push_back(kAlphabet[(v >> 18) & 63]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out->push_back('=');
  }
  out->push_back('"');
}

int64_t UnitsPerSecond(TimeUnit u) {
  constexpr int64_t kPerSecond[] = {1, 1000, 1000000, 1000000000};
  return kPerSecond[static_cast<int>(u)];
}

// Appends "HH:MM:SS[.fff]" for `value` units since midnight, fraction digits per unit.
void AppendTimeOfDay(int64_t value, TimeUnit unit, std::string* out) {
  const int64_t per_second = UnitsPerSecond(unit);
  constexpr int kDigits[] = {0, 3, 6, 9};
  AppendTimeOfDayText(value / per_second, value % per_second, kDigits[static_cast<int>(unit)], out);
}

void AppendTimestamp(int64_t value, const DataType& type, std::string* out) {
  // Days past chrono's year range (+-32767) are printed as raw numbers.
  if (const int64_t days = value / (UnitsPerSecond(type.unit) * 86400); days < -11000000 || days > 11000000) {
    fmt::format_to(std::back_inserter(*out), "{}", value);
    return;
  }
  out->push_back('"');
  AppendDateTimeText(value, UnitsPerSecond(type.unit), 'T', out);
  if (type.utc) out->push_back('Z');
  out->push_back('"');
}

// Appends the exact decimal text of an unscaled 128-bit value at `scale`, quoted.
void AppendDecimal(__int128 v, int32_t scale, std::string* out) {
  out->push_back('"');
  AppendDecimalText(v, scale, out);
  out->push_back('"');
}

// Appends `s` as a JSON string; bytes that are not valid UTF-8 become \ufffd.
void AppendEscaped(std::string_view s, std::string* out) {
  out->push_back('"');
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const uint8_t c = p[i];
    if (c < 0x80) {
      switch (c) {
        case '"':
          *out += "\\\"";
          break;
        case '\\':
          *out += "\\\\";
          break;
        case '\n':
          *out += "\\n";
          break;
        case '\r':
          *out += "\\r";
          break;
        case '\t':
          *out += "\\t";
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            fmt::format_to(std::back_inserter(*out), "\\u{:04x}", c);
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    // Multi-byte sequence: kept when well-formed.
    if (const size_t len = Utf8SequenceLength(s, i); len > 0) {
      out->append(s.data() + i, len);
      i += len;
    } else {
      *out += "\\ufffd";
      ++i;
    }
  }
  out->push_back('"');
}

// Appends a map key: strings as they are, anything else as its JSON text quoted.
void AppendKey(const Array& keys, int64_t i, std::string* out) {
  if (keys.type->id == TypeId::kString && keys.IsValid(i)) {
    AppendEscaped(keys.StringValue(i), out);
    return;
  }
  std::string text;
  AppendJsonValue(keys, i, &text);
  if (!text.empty() && text[0] == '"') {
    *out += text;
  } else {
    AppendEscaped(text, out);
  }
}

}  // namespace

void AppendJsonValue(const Array& a, int64_t i, std::string* out) {
  if (a.IsNull(i)) {
    *out += "null";
    return;
  }
  auto it = std::back_inserter(*out);
  const DataType& type = *a.type;
  switch (type.id) {
    case TypeId::kNull:
      *out += "null";
      return;
    case TypeId::kBool:
      *out += a.BoolValue(i) ? "true" : "false";
      return;
    case TypeId::kInt8:
      fmt::format_to(it, "{}", a.values<int8_t>()[i]);
      return;
    case TypeId::kInt16:
      fmt::format_to(it, "{}", a.values<int16_t>()[i]);
      return;
    case TypeId::kInt32:
      fmt::format_to(it, "{}", a.values<int32_t>()[i]);
      return;
    case TypeId::kInt64:
      fmt::format_to(it, "{}", a.values<int64_t>()[i]);
      return;
    case TypeId::kUInt8:
      fmt::format_to(it, "{}", a.values<uint8_t>()[i]);
      return;
    case TypeId::kUInt16:
      fmt::format_to(it, "{}", a.values<uint16_t>()[i]);
      return;
    case TypeId::kUInt32:
      fmt::format_to(it, "{}", a.values<uint32_t>()[i]);
      return;
    case TypeId::kUInt64:
      fmt::format_to(it, "{}", a.values<uint64_t>()[i]);
      return;
    case TypeId::kFloat16:
      AppendFloat(HalfToFloat(a.values<uint16_t>()[i]), out);
      return;
    case TypeId::kFloat32:
      AppendFloat(a.values<float>()[i], out);
      return;
    case TypeId::kFloat64:
      AppendFloat(a.values<double>()[i], out);
      return;
    case TypeId::kString:
      AppendEscaped(a.StringValue(i), out);
      return;
    case TypeId::kBinary:
      AppendBase64(a.StringValue(i), out);
      return;
    case TypeId::kFixedSizeBinary:
      AppendBase64(a.FixedValue(i), out);
      return;
    case TypeId::kDate32:
      out->push_back('"');
      AppendDateText(a.values<int32_t>()[i], out);
      out->push_back('"');
      return;
    case TypeId::kTime32:
    case TypeId::kTime64: {
      const int64_t v = type.id == TypeId::kTime32 ? a.values<int32_t>()[i] : a.values<int64_t>()[i];
      if (v < 0 || v >= 86400 * UnitsPerSecond(type.unit)) {
        fmt::format_to(it, "{}", v);  // outside a day: show the raw count
        return;
      }
      out->push_back('"');
      AppendTimeOfDay(v, type.unit, out);
      out->push_back('"');
      return;
    }
    case TypeId::kTimestamp:
      AppendTimestamp(a.values<int64_t>()[i], type, out);
      return;
    case TypeId::kDecimal128:
      AppendDecimal(bit_util::LoadLE<__int128>(a.FixedValue(i).data()), type.scale, out);
      return;
    case TypeId::kList: {
      const int32_t* o = a.offsets();
      out->push_back('[');
      for (int64_t k = o[i]; k < o[i + 1]; ++k) {
        if (k > o[i]) out->push_back(',');
        AppendJsonValue(*a.children[0], k, out);
      }
      out->push_back(']');
      return;
    }
    case TypeId::kMap: {
      const int32_t* o = a.offsets();
      const Array& entries = *a.children[0];
      out->push_back('{');
      for (int64_t k = o[i]; k < o[i + 1]; ++k) {
        if (k > o[i]) out->push_back(',');
        AppendKey(*entries.children[0], entries.offset + k, out);
        out->push_back(':');
        AppendJsonValue(*entries.children[1], entries.offset + k, out);
      }
      out->push_back('}');
      return;
    }
    case TypeId::kStruct:
      out->push_back('{');
      for (size_t c = 0; c < a.children.size(); ++c) {
        if (c > 0) out->push_back(',');
        AppendEscaped(type.children[c]->name, out);
        out->push_back(':');
        AppendJsonValue(*a.children[c], a.offset + i, out);
      }
      out->push_back('}');
      return;
  }
}

std::string RecordBatchToJsonLines(const RecordBatch& batch) {
  std::string out;
  for (int64_t row = 0; row < batch.num_rows; ++row) {
    out.push_back('{');
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      if (c > 0) out.push_back(',');
      AppendEscaped(batch.schema->fields[c]->name, &out);
      out.push_back(':');
      AppendJsonValue(*batch.columns[c], row, &out);
    }
    out += "}\n";
  }
  return out;
}

}  // namespace sluice::columnar
