#include "sluice/stream/api/value.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <cmath>
#include <cstring>

namespace sluice::stream {
namespace {

// Rank of a kind in the total order (ints and doubles share a rank).
int Rank(const Value& v) {
  if (v.is_null()) return 0;
  if (v.is_bool()) return 1;
  if (v.is_number()) return 2;
  return 3;
}

enum Tag : char { kTagNull = 'n', kTagFalse = 'f', kTagTrue = 't', kTagInt = 'i', kTagDouble = 'd', kTagString = 's' };

}  // namespace

std::strong_ordering Value::operator<=>(const Value& other) const {
  int ra = Rank(*this), rb = Rank(other);
  if (ra != rb) return ra <=> rb;
  switch (ra) {
    case 0:
      return std::strong_ordering::equal;
    case 1:
      return bool_value() <=> other.bool_value();
    case 2: {
      if (is_int() && other.is_int()) return int_value() <=> other.int_value();
      double a = double_value(), b = other.double_value();
      if (a < b) return std::strong_ordering::less;
      if (a > b) return std::strong_ordering::greater;
      if (a == b) return std::strong_ordering::equal;
      // NaNs sort after numbers and equal to each other.
      bool na = std::isnan(a), nb = std::isnan(b);
      return na == nb ? std::strong_ordering::equal : (na ? std::strong_ordering::greater : std::strong_ordering::less);
    }
    default:
      return string_value().compare(other.string_value()) <=> 0;
  }
}

uint64_t Value::Hash() const {
  std::string enc;
  EncodeTo(&enc);
  return XXH3_64bits(enc.data(), enc.size());
}

std::string Value::ToString() const {
  if (is_null()) return "null";
  if (is_bool()) return bool_value() ? "true" : "false";
  if (is_int()) return std::to_string(int_value());
  if (is_double()) return fmt::format("{}", std::get<double>(v_));
  return string_value();
}

void Value::EncodeTo(std::string* out) const {
  if (is_null()) {
    out->push_back(kTagNull);
  } else if (is_bool()) {
    out->push_back(bool_value() ? kTagTrue : kTagFalse);
  } else if (is_int()) {
    out->push_back(kTagInt);
    int64_t v = int_value();
    out->append(reinterpret_cast<const char*>(&v), 8);
  } else if (is_double()) {
    out->push_back(kTagDouble);
    double v = std::get<double>(v_);
    out->append(reinterpret_cast<const char*>(&v), 8);
  } else {
    EncodeString(string_value(), out);
  }
}

void Value::EncodeString(std::string_view s, std::string* out) {
  out->push_back(kTagString);
  uint32_t n = static_cast<uint32_t>(s.size());
  out->append(reinterpret_cast<const char*>(&n), 4);
  out->append(s);
}

bool Value::DecodeFrom(std::string_view in, size_t* pos, Value* out) {
  if (*pos >= in.size()) return false;
  char tag = in[(*pos)++];
  switch (tag) {
    case kTagNull:
      *out = Value();
      return true;
    case kTagFalse:
    case kTagTrue:
      *out = Value(tag == kTagTrue);
      return true;
    case kTagInt:
    case kTagDouble: {
      if (in.size() - *pos < 8) return false;
      if (tag == kTagInt) {
        int64_t v;
        std::memcpy(&v, in.data() + *pos, 8);
        *out = Value(v);
      } else {
        double v;
        std::memcpy(&v, in.data() + *pos, 8);
        *out = Value(v);
      }
      *pos += 8;
      return true;
    }
    case kTagString: {
      if (in.size() - *pos < 4) return false;
      uint32_t n;
      std::memcpy(&n, in.data() + *pos, 4);
      *pos += 4;
      if (in.size() - *pos < n) return false;
      *out = Value(std::string(in.substr(*pos, n)));
      *pos += n;
      return true;
    }
    default:
      return false;
  }
}

void EncodeValues(const Values& values, std::string* out) {
  uint32_t n = static_cast<uint32_t>(values.size());
  out->append(reinterpret_cast<const char*>(&n), 4);
  for (const Value& v : values) v.EncodeTo(out);
}

bool DecodeValues(std::string_view in, size_t* pos, Values* out) {
  if (in.size() - *pos < 4 || *pos > in.size()) return false;
  uint32_t n;
  std::memcpy(&n, in.data() + *pos, 4);
  *pos += 4;
  if (n > in.size() - *pos) return false;  // every value takes at least one byte
  out->clear();
  out->reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    Value v;
    if (!Value::DecodeFrom(in, pos, &v)) return false;
    out->push_back(std::move(v));
  }
  return true;
}

}  // namespace sluice::stream
