#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sluice/columnar/array_builder.h"
#include "sluice/columnar/data_type.h"
#include "sluice/common/status.h"

namespace simdjson::dom {
class element;
class object;
}  // namespace simdjson::dom

namespace sluice::formats {

// Appends parsed JSON values to the builder of one field, checking them
// against the field's type; one writer per level of a nested type. Errors
// name the column path ("a.b", "a[]") but not the file and line: the caller
// adds those.
//   JSON          accepted by
//   null          any nullable field
//   true/false    bool
//   integer       int8..uint64 (in range), float, double, decimal
//   number        float, double, decimal
//   string        string, binary, and through the text parsers date32,
//                 timestamp, time, decimal, fixed_size_binary
//   object        struct (unknown keys ignored, missing keys null), map
//   array         list
// A string column takes any other value as its JSON text.
class JsonValueWriter {
 public:
  // `builder` was made by columnar::MakeBuilder(field.type) and outlives the writer.
  static Result<std::unique_ptr<JsonValueWriter>> Make(columnar::FieldPtr field, columnar::ArrayBuilder* builder,
                                                       std::string path);
  // A writer of the top-level object of each line into one builder per field.
  static Result<std::unique_ptr<JsonValueWriter>> MakeRoot(const columnar::Schema& schema,
                                                           const std::vector<columnar::ArrayBuilder*>& builders);

  // Appends one value.
  Status Append(const simdjson::dom::element& value);
  // Appends a null for a key the object does not have.
  Status AppendMissing();
  // Appends the members of `object` to the field writers (struct and root writers).
  Status AppendMembers(const simdjson::dom::object& object);

 private:
  JsonValueWriter(columnar::FieldPtr field, columnar::ArrayBuilder* builder, std::string path)
      : field_(std::move(field)), builder_(builder), path_(std::move(path)) {}
  Status AddChild(const columnar::FieldPtr& field, columnar::ArrayBuilder* builder, std::string path);
  Status AppendObject(const simdjson::dom::element& value);
  Status WrongType(const simdjson::dom::element& value) const;
  Status AppendText(std::string_view text);

  columnar::FieldPtr field_;
  columnar::ArrayBuilder* builder_;
  std::string path_;
  std::vector<std::unique_ptr<JsonValueWriter>> children_;  // struct fields; list element; map key, item
  // Struct members: index by name, and the object count at which each was last set.
  std::unordered_map<std::string_view, size_t> index_;
  std::vector<uint64_t> seen_;
  uint64_t objects_ = 0;
};

}  // namespace sluice::formats
