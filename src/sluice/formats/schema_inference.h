#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/columnar/data_type.h"

namespace sluice::formats {

// Infers the type of one column (or JSON value position) from sample values.
// Each value narrows the set of types that can hold every value seen so far;
// Type() picks the first left of int64, double, bool, date32, timestamp[us],
// timestamp[us, UTC], struct, list — so ints mixed with doubles are double —
// and string when none is left or no value was seen (null-only columns).
class TypeInference {
 public:
  // A CSV field: may be any scalar type.
  void AddText(std::string_view text);
  // A JSON string: date32, a timestamp or string.
  void AddJsonString(std::string_view text);
  void AddBool() { Narrow(kBoolBit); }
  void AddInt() { Narrow(kInt64Bit | kDoubleBit); }
  void AddDouble() { Narrow(kDoubleBit); }
  // A JSON object: then report its members through Member().
  void AddObject() { Narrow(kStructBit); }
  // The inference of object member `name` (created on first use; members keep
  // the order in which they were first seen).
  TypeInference* Member(std::string_view name);
  // A JSON array: then report its elements through Element().
  void AddList() { Narrow(kListBit); }
  TypeInference* Element();

  // The inferred type (see the class comment).
  columnar::DataTypePtr Type() const;
  // The fields of the inferred struct (for the top level of JSON lines).
  std::vector<columnar::FieldPtr> MemberFields() const;

 private:
  enum : uint32_t {
    kInt64Bit = 1,
    kDoubleBit = 2,
    kBoolBit = 4,
    kDateBit = 8,
    kTimestampBit = 16,
    kTimestampUtcBit = 32,
    kStructBit = 64,
    kListBit = 128,
    kAllBits = 255,
  };
  void Narrow(uint32_t accepted) {
    candidates_ &= accepted;
    seen_ = true;
  }
  // Which of `bits` (scalar bits only) the text parses as.
  static uint32_t TextCandidates(std::string_view text, uint32_t bits);

  uint32_t candidates_ = kAllBits;
  bool seen_ = false;
  std::vector<std::pair<std::string, std::unique_ptr<TypeInference>>> members_;
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, size_t, NameHash, std::equal_to<>> member_index_;
  std::unique_ptr<TypeInference> element_;
};

// Returns a schema of nullable fields named `names` with the inferred types.
columnar::SchemaPtr InferredSchema(const std::vector<std::string>& names, const std::vector<TypeInference>& columns);

}  // namespace sluice::formats
