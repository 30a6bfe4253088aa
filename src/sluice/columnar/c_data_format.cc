#include "sluice/columnar/c_data_format.h"

#include <charconv>
#include <cstring>

namespace sluice::columnar::internal {
namespace {

// Format strings of the parameterless types (spec: "Data type description
// format strings"). "U", "Z" are the large (int64-offset) string and binary.
struct SimpleFormat {
  std::string_view format;
  DataTypePtr (*type)();
  bool large;
};
const SimpleFormat kSimpleFormats[] = {
    {"n", Null, false},    {"b", Bool, false},    {"c", Int8, false},     {"C", UInt8, false},  {"s", Int16, false},
    {"S", UInt16, false},  {"i", Int32, false},   {"I", UInt32, false},   {"l", Int64, false},  {"L", UInt64, false},
    {"e", Float16, false}, {"f", Float32, false}, {"g", Float64, false},  {"u", String, false}, {"z", Binary, false},
    {"U", String, true},   {"Z", Binary, true},   {"tdD", Date32, false},
};

const char kUnitChars[] = {'s', 'm', 'u', 'n'};  // indexed by TimeUnit

// Returns the unit of a format's unit letter, or false.
bool UnitOf(char c, TimeUnit* unit) {
  for (int i = 0; i < 4; ++i) {
    if (kUnitChars[i] == c) {
      *unit = static_cast<TimeUnit>(i);
      return true;
    }
  }
  return false;
}

// Parses a decimal integer filling all of `s`.
bool ParseInt(std::string_view s, int32_t* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

Result<std::string> FormatOf(const DataType& type) {
  switch (type.id) {
    case TypeId::kFixedSizeBinary:
      return "w:" + std::to_string(type.byte_width);
    case TypeId::kTime32:
    case TypeId::kTime64:
      return std::string("tt") + kUnitChars[static_cast<int>(type.unit)];
    case TypeId::kTimestamp:
      return std::string("ts") + kUnitChars[static_cast<int>(type.unit)] + (type.utc ? ":UTC" : ":");
    case TypeId::kDecimal128:
      return "d:" + std::to_string(type.precision) + "," + std::to_string(type.scale);
    case TypeId::kStruct:
      return std::string("+s");
    case TypeId::kList:
      return std::string("+l");
    case TypeId::kMap:
      return std::string("+m");
    default:
      for (const auto& f : kSimpleFormats) {
        if (!f.large && f.type()->id == type.id) return std::string(f.format);
      }
  }
  return Status::NotSupported("no Arrow C format for type {}", type.ToString());
}

Result<ParsedFormat> ParseFormat(std::string_view format) {
  ParsedFormat out;
  for (const auto& f : kSimpleFormats) {
    if (f.format == format) {
      out.type = f.type();
      out.id = out.type->id;
      out.large_offsets = f.large;
      return out;
    }
  }
  if (format == "+s" || format == "+l" || format == "+L" || format == "+m") {
    out.id = format == "+s" ? TypeId::kStruct : format == "+m" ? TypeId::kMap : TypeId::kList;
    out.large_offsets = format == "+L";
    return out;
  }
  int32_t a = 0, b = 0;
  if (format.starts_with("w:") && ParseInt(format.substr(2), &a) && a > 0) {
    out.type = FixedSizeBinary(a);
  } else if (format.size() == 3 && format.starts_with("tt")) {
    if (TimeUnit unit; UnitOf(format[2], &unit)) {
      out.type = format[2] == 's' || format[2] == 'm' ? Time32(unit) : Time64(unit);
    }
  } else if (format.size() >= 4 && format.starts_with("ts") && format[3] == ':') {
    if (TimeUnit unit; UnitOf(format[2], &unit)) {
      // Any time zone means the instants are UTC-normalised (spec: timestamp with timezone).
      out.type = Timestamp(unit, format.size() > 4);
    }
  } else if (format.starts_with("d:")) {
    std::string_view rest = format.substr(2);
    const size_t c1 = rest.find(',');
    if (c1 != std::string_view::npos) {
      std::string_view scale = rest.substr(c1 + 1);
      const size_t c2 = scale.find(',');
      // An optional third part is the bit width; only 128 is ours.
      const bool width_ok = c2 == std::string_view::npos || scale.substr(c2 + 1) == "128";
      if (c2 != std::string_view::npos) scale = scale.substr(0, c2);
      if (width_ok && ParseInt(rest.substr(0, c1), &a) && ParseInt(scale, &b) && a > 0 && a <= 38) {
        out.type = Decimal128(a, b);
      }
    }
  }
  if (out.type == nullptr) return Status::NotSupported("Arrow C format '{}' is not supported", format);
  out.id = out.type->id;
  return out;
}

std::string EncodeMetadata(const KeyValueMetadata& metadata) {
  if (metadata.empty()) return {};
  std::string out;
  auto put_int = [&out](int32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof(v)); };
  put_int(static_cast<int32_t>(metadata.size()));
  for (const auto& [k, v] : metadata) {
    put_int(static_cast<int32_t>(k.size()));
    out += k;
    put_int(static_cast<int32_t>(v.size()));
    out += v;
  }
  return out;
}

Result<KeyValueMetadata> DecodeMetadata(const char* data) {
  KeyValueMetadata out;
  if (data == nullptr) return out;
  constexpr int32_t kMaxCount = 1 << 20;
  constexpr int32_t kMaxLength = 1 << 30;
  const char* p = data;
  auto get_int = [&p]() {
    int32_t v;
    std::memcpy(&v, p, sizeof(v));
    p += sizeof(v);
    return v;
  };
  const int32_t n = get_int();
  if (n < 0 || n > kMaxCount) return Status::Invalid("ArrowSchema metadata: bad pair count {}", n);
  for (int32_t i = 0; i < n; ++i) {
    std::string kv[2];
    for (auto& s : kv) {
      const int32_t len = get_int();
      if (len < 0 || len > kMaxLength) return Status::Invalid("ArrowSchema metadata: bad length {} in pair {}", len, i);
      s.assign(p, static_cast<size_t>(len));
      p += len;
    }
    out.emplace_back(std::move(kv[0]), std::move(kv[1]));
  }
  return out;
}

}  // namespace sluice::columnar::internal
