#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sluice::stream {

// One dynamically typed scalar: null, bool, int64 (all integer, date, time
// and timestamp types), double (float types) or string (string and binary).
// Used by row lambdas, literals, keyed state and aggregate accumulators;
// never on the vectorised hot paths.
class Value {
 public:
  Value() = default;
  Value(bool v) : v_(v) {}                           // NOLINT(runtime/explicit)
  Value(int v) : v_(static_cast<int64_t>(v)) {}      // NOLINT(runtime/explicit)
  Value(int64_t v) : v_(v) {}                        // NOLINT(runtime/explicit)
  Value(double v) : v_(v) {}                         // NOLINT(runtime/explicit)
  Value(const char* v) : v_(std::string(v)) {}       // NOLINT(runtime/explicit)
  Value(std::string v) : v_(std::move(v)) {}         // NOLINT(runtime/explicit)
  Value(std::string_view v) : v_(std::string(v)) {}  // NOLINT(runtime/explicit)

  static Value Null() { return Value(); }

  bool is_null() const { return v_.index() == 0; }
  bool is_bool() const { return v_.index() == 1; }
  bool is_int() const { return v_.index() == 2; }
  bool is_double() const { return v_.index() == 3; }
  bool is_string() const { return v_.index() == 4; }
  bool is_number() const { return is_int() || is_double(); }

  // Typed access; the caller checks the kind first (ints widen to double).
  bool bool_value() const { return std::get<bool>(v_); }
  int64_t int_value() const { return std::get<int64_t>(v_); }
  double double_value() const { return is_int() ? static_cast<double>(int_value()) : std::get<double>(v_); }
  const std::string& string_value() const { return std::get<std::string>(v_); }

  // Total order: null < bool < numbers (ints and doubles compared by value) < strings.
  std::strong_ordering operator<=>(const Value& other) const;
  bool operator==(const Value& other) const { return (*this <=> other) == 0; }

  // Hash consistent with operator== for values of the same kind.
  uint64_t Hash() const;
  // "null", "true", "42", "1.5", or the string itself.
  std::string ToString() const;

  // Appends a self-delimiting binary encoding (for keys, namespaces, snapshots).
  void EncodeTo(std::string* out) const;
  // Appends the encoding of Value(s) without building the Value.
  static void EncodeString(std::string_view s, std::string* out);
  // Decodes one value at *pos, advancing it; false if the bytes are malformed.
  static bool DecodeFrom(std::string_view in, size_t* pos, Value* out);

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string> v_;
};

// An aggregate accumulator or a row: a tuple of values.
using Values = std::vector<Value>;

// Encodes/decodes a tuple of values (count-prefixed).
void EncodeValues(const Values& values, std::string* out);
bool DecodeValues(std::string_view in, size_t* pos, Values* out);

}  // namespace sluice::stream
