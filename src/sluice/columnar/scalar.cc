#include "sluice/columnar/scalar.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <cmath>
#include <cstring>

namespace sluice::columnar {
namespace {

// Rank of a kind in the total order (numbers share a rank).
int Rank(const Scalar& v) {
  if (v.is_null()) return 0;
  if (v.is_bool()) return 1;
  if (v.is_number()) return 2;
  return 3;
}

// Encoding tags. kTagInt128 is new with the decimal kind; the others are the
// bytes checkpoints and RocksDB state already hold.
enum Tag : char {
  kTagNull = 'n',
  kTagFalse = 'f',
  kTagTrue = 't',
  kTagInt = 'i',
  kTagDouble = 'd',
  kTagString = 's',
  kTagInt128 = 'I',
};

std::strong_ordering CompareDoubles(double a, double b) {
  if (a < b) return std::strong_ordering::less;
  if (a > b) return std::strong_ordering::greater;
  if (a == b) return std::strong_ordering::equal;
  // NaNs sort after numbers and equal to each other.
  bool na = std::isnan(a), nb = std::isnan(b);
  return na == nb ? std::strong_ordering::equal : (na ? std::strong_ordering::greater : std::strong_ordering::less);
}

std::string Int128ToString(__int128 v) {
  if (v == 0) return "0";
  const bool neg = v < 0;
  unsigned __int128 u = neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string s;
  while (u > 0) {
    s.push_back(static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  if (neg) s.push_back('-');
  return std::string(s.rbegin(), s.rend());
}

}  // namespace

double Scalar::double_value() const {
  if (is_int()) return static_cast<double>(int_value());
  if (is_int128()) return static_cast<double>(std::get<__int128>(*this));
  return std::get<double>(*this);
}

std::strong_ordering Scalar::operator<=>(const Scalar& other) const {
  int ra = Rank(*this), rb = Rank(other);
  if (ra != rb) return ra <=> rb;
  switch (ra) {
    case 0:
      return std::strong_ordering::equal;
    case 1:
      return bool_value() <=> other.bool_value();
    case 2: {
      if (is_int() && other.is_int()) return int_value() <=> other.int_value();
      if (!is_double() && !other.is_double()) return int128_value() <=> other.int128_value();
      return CompareDoubles(double_value(), other.double_value());
    }
    default:
      return string_value().compare(other.string_value()) <=> 0;
  }
}

uint64_t Scalar::Hash() const {
  std::string enc;
  EncodeTo(&enc);
  return XXH3_64bits(enc.data(), enc.size());
}

std::string Scalar::ToString() const {
  if (is_null()) return "null";
  if (is_bool()) return bool_value() ? "true" : "false";
  if (is_int()) return std::to_string(int_value());
  if (is_double()) return fmt::format("{}", std::get<double>(*this));
  if (is_int128()) return Int128ToString(std::get<__int128>(*this));
  return string_value();
}

void Scalar::EncodeTo(std::string* out) const {
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
    double v = std::get<double>(*this);
    out->append(reinterpret_cast<const char*>(&v), 8);
  } else if (is_int128()) {
    out->push_back(kTagInt128);
    __int128 v = std::get<__int128>(*this);
    out->append(reinterpret_cast<const char*>(&v), 16);
  } else {
    EncodeString(string_value(), out);
  }
}

void Scalar::EncodeString(std::string_view s, std::string* out) {
  out->push_back(kTagString);
  uint32_t n = static_cast<uint32_t>(s.size());
  out->append(reinterpret_cast<const char*>(&n), 4);
  out->append(s);
}

bool Scalar::DecodeFrom(std::string_view in, size_t* pos, Scalar* out) {
  if (*pos >= in.size()) return false;
  char tag = in[(*pos)++];
  switch (tag) {
    case kTagNull:
      *out = Scalar();
      return true;
    case kTagFalse:
    case kTagTrue:
      *out = Scalar(tag == kTagTrue);
      return true;
    case kTagInt:
    case kTagDouble: {
      if (in.size() - *pos < 8) return false;
      if (tag == kTagInt) {
        int64_t v;
        std::memcpy(&v, in.data() + *pos, 8);
        *out = Scalar(v);
      } else {
        double v;
        std::memcpy(&v, in.data() + *pos, 8);
        *out = Scalar(v);
      }
      *pos += 8;
      return true;
    }
    case kTagInt128: {
      if (in.size() - *pos < 16) return false;
      __int128 v;
      std::memcpy(&v, in.data() + *pos, 16);
      *out = Scalar(v);
      *pos += 16;
      return true;
    }
    case kTagString: {
      if (in.size() - *pos < 4) return false;
      uint32_t n;
      std::memcpy(&n, in.data() + *pos, 4);
      *pos += 4;
      if (in.size() - *pos < n) return false;
      *out = Scalar(std::string(in.substr(*pos, n)));
      *pos += n;
      return true;
    }
    default:
      return false;
  }
}

void EncodeScalars(const Scalars& values, std::string* out) {
  uint32_t n = static_cast<uint32_t>(values.size());
  out->append(reinterpret_cast<const char*>(&n), 4);
  for (const Scalar& v : values) v.EncodeTo(out);
}

bool DecodeScalars(std::string_view in, size_t* pos, Scalars* out) {
  if (in.size() - *pos < 4 || *pos > in.size()) return false;
  uint32_t n;
  std::memcpy(&n, in.data() + *pos, 4);
  *pos += 4;
  if (n > in.size() - *pos) return false;  // every value takes at least one byte
  out->clear();
  out->reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    Scalar v;
    if (!Scalar::DecodeFrom(in, pos, &v)) return false;
    out->push_back(std::move(v));
  }
  return true;
}

}  // namespace sluice::columnar
