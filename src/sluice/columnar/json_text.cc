#include "sluice/columnar/json_text.h"

#include <charconv>

#include "sluice/columnar/value_text.h"

namespace sluice::columnar {
namespace {

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  size_t run = 0;  // start of the pending run of bytes copied verbatim
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      size_t n = Utf8SequenceLength(s, i);
      if (n > 0) {  // valid: stays in the verbatim run
        i += n;
        continue;
      }
      out->append(s.data() + run, i - run);
      out->append("\xEF\xBF\xBD");  // U+FFFD
      run = ++i;
      continue;
    }
    out->append(s.data() + run, i - run);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default: {
        char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out->append(esc, 6);
      }
    }
    ++i;
    run = i;
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

void AppendJsonInt(std::string* out, int64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, res.ptr);
}

std::string* JsonObjectWriter::Key(std::string_view key) {
  if (!first_) out_->push_back(',');
  first_ = false;
  AppendJsonString(out_, key);
  out_->push_back(':');
  return out_;
}

void JsonObjectWriter::String(std::string_view key, std::string_view value) { AppendJsonString(Key(key), value); }

void JsonObjectWriter::OptString(std::string_view key, const std::optional<std::string>& value) {
  if (value.has_value()) String(key, *value);
}

void JsonObjectWriter::Int(std::string_view key, int64_t value) { AppendJsonInt(Key(key), value); }

void JsonObjectWriter::OptInt(std::string_view key, const std::optional<int64_t>& value) {
  if (value.has_value()) Int(key, *value);
}

void JsonObjectWriter::Bool(std::string_view key, bool value) { Key(key)->append(value ? "true" : "false"); }

void JsonObjectWriter::StringMap(std::string_view key, const std::map<std::string, std::string>& map) {
  std::string* out = Key(key);
  JsonObjectWriter obj(out);
  for (const auto& [k, v] : map) obj.String(k, v);
  obj.End();
}

void JsonObjectWriter::OptStringMap(std::string_view key,
                                    const std::optional<std::map<std::string, std::string>>& map) {
  if (map.has_value()) StringMap(key, *map);
}

void JsonObjectWriter::StringList(std::string_view key, const std::vector<std::string>& list) {
  std::string* out = Key(key);
  out->push_back('[');
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(out, list[i]);
  }
  out->push_back(']');
}

}  // namespace sluice::columnar
