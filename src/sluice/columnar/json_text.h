#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::columnar {

// Appends `s` as a JSON string literal: quotes, backslash and control bytes
// escaped, UTF-8 kept as is, invalid UTF-8 bytes replaced by U+FFFD so that
// the output is always valid JSON (strict readers like Jackson and serde).
void AppendJsonString(std::string* out, std::string_view s);

// Writes one JSON object, keys in call order, into a borrowed string.
class JsonObjectWriter {
 public:
  explicit JsonObjectWriter(std::string* out) : out_(out) { out_->push_back('{'); }
  // Starts a member and returns the string to append its raw value to.
  std::string* Key(std::string_view key);
  void String(std::string_view key, std::string_view value);
  void OptString(std::string_view key, const std::optional<std::string>& value);
  void Int(std::string_view key, int64_t value);
  void OptInt(std::string_view key, const std::optional<int64_t>& value);
  void Bool(std::string_view key, bool value);
  void StringMap(std::string_view key, const std::map<std::string, std::string>& map);
  void OptStringMap(std::string_view key, const std::optional<std::map<std::string, std::string>>& map);
  void StringList(std::string_view key, const std::vector<std::string>& list);
  // Closes the object.
  void End() { out_->push_back('}'); }

 private:
  std::string* out_;
  bool first_ = true;
};

// Appends `v` in decimal.
void AppendJsonInt(std::string* out, int64_t v);

}  // namespace sluice::columnar
