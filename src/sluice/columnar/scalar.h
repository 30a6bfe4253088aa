#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sluice::columnar {

// The storage of a Scalar; the alternatives' order is part of the encoding
// (variant index), so new kinds go at the end.
using ScalarStorage = std::variant<std::monostate, bool, int64_t, double, __int128, std::string>;

// sluice's one scalar value, dynamically typed: null; bool; int64 (every
// integer, date (days), time and timestamp (in the unit of its column)); double
// (float types); a 128-bit integer (a decimal's unscaled value, at its
// column's scale); or bytes (string and binary). Which logical type it stands
// for comes from the column or expression it belongs to, as in Arrow. Used by
// row lambdas, keyed state and accumulators, expression literals, Delta
// partition values and statistics; never on the vectorised hot paths.
// A std::variant underneath, so std::get / std::holds_alternative / std::visit
// work on it directly.
class Scalar : public ScalarStorage {
 public:
  Scalar() = default;
  Scalar(std::monostate) {}                                      // NOLINT(runtime/explicit)
  Scalar(bool v) : ScalarStorage(v) {}                           // NOLINT(runtime/explicit)
  Scalar(int v) : ScalarStorage(static_cast<int64_t>(v)) {}      // NOLINT(runtime/explicit)
  Scalar(int64_t v) : ScalarStorage(v) {}                        // NOLINT(runtime/explicit)
  Scalar(double v) : ScalarStorage(v) {}                         // NOLINT(runtime/explicit)
  Scalar(__int128 v) : ScalarStorage(v) {}                       // NOLINT(runtime/explicit)
  Scalar(const char* v) : ScalarStorage(std::string(v)) {}       // NOLINT(runtime/explicit)
  Scalar(std::string v) : ScalarStorage(std::move(v)) {}         // NOLINT(runtime/explicit)
  Scalar(std::string_view v) : ScalarStorage(std::string(v)) {}  // NOLINT(runtime/explicit)

  static Scalar Null() { return Scalar(); }

  bool is_null() const { return index() == 0; }
  bool is_bool() const { return index() == 1; }
  bool is_int() const { return index() == 2; }
  bool is_double() const { return index() == 3; }
  bool is_int128() const { return index() == 4; }
  bool is_string() const { return index() == 5; }
  bool is_number() const { return is_int() || is_double() || is_int128(); }

  // Typed access; the caller checks the kind first (numbers widen to double).
  bool bool_value() const { return std::get<bool>(*this); }
  int64_t int_value() const { return std::get<int64_t>(*this); }
  __int128 int128_value() const { return is_int() ? int_value() : std::get<__int128>(*this); }
  double double_value() const;
  const std::string& string_value() const { return std::get<std::string>(*this); }

  // Total order: null < bool < numbers (compared by value across kinds; NaN
  // after every number) < strings (bytewise).
  std::strong_ordering operator<=>(const Scalar& other) const;
  bool operator==(const Scalar& other) const { return (*this <=> other) == 0; }

  // Hash consistent with operator== for values of the same kind.
  uint64_t Hash() const;
  // "null", "true", "42", "1.5", or the string itself (a 128-bit integer in decimal).
  std::string ToString() const;

  // Appends a self-delimiting binary encoding (for keys, namespaces, snapshots).
  void EncodeTo(std::string* out) const;
  // Appends the encoding of Scalar(s) without building the Scalar.
  static void EncodeString(std::string_view s, std::string* out);
  // Decodes one value at *pos, advancing it; false if the bytes are malformed.
  static bool DecodeFrom(std::string_view in, size_t* pos, Scalar* out);
};

// A tuple of scalars: a row, an aggregate accumulator.
using Scalars = std::vector<Scalar>;

// Encodes/decodes a tuple of scalars (count-prefixed).
void EncodeScalars(const Scalars& values, std::string* out);
bool DecodeScalars(std::string_view in, size_t* pos, Scalars* out);

}  // namespace sluice::columnar
