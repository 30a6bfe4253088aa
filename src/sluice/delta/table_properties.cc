#include "sluice/delta/table_properties.h"

#include <cctype>
#include <charconv>
#include <string>
#include <vector>

namespace sluice::delta {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// Milliseconds per unit (microseconds: -1, handled apart); 0 if unknown.
int64_t UnitMs(std::string unit) {
  if (unit.size() > 1 && unit.back() == 's') unit.pop_back();
  if (unit == "week") return 7LL * 24 * 3600 * 1000;
  if (unit == "day") return 24LL * 3600 * 1000;
  if (unit == "hour") return 3600LL * 1000;
  if (unit == "minute") return 60LL * 1000;
  if (unit == "second") return 1000;
  if (unit == "millisecond") return 1;
  if (unit == "microsecond") return -1;
  return 0;
}

Result<int64_t> ParseInt(std::string_view s, std::string_view what) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return Status::Invalid("{}: '{}' is not an integer", what, s);
  return v;
}

std::string Config(const Metadata& m, const std::string& key) {
  auto it = m.configuration.find(key);
  return it == m.configuration.end() ? std::string() : it->second;
}

}  // namespace

Result<int64_t> ParseIntervalMs(std::string_view text) {
  std::vector<std::string> words = Words(Lower(text));
  size_t i = 0;
  if (i < words.size() && words[i] == "interval") ++i;
  if (i == words.size() || (words.size() - i) % 2 != 0) {
    return Status::Invalid("'{}' is not an interval such as 'interval 7 days'", text);
  }
  int64_t total = 0;
  for (; i < words.size(); i += 2) {
    auto n = ParseInt(words[i], "interval");
    const int64_t unit = UnitMs(words[i + 1]);
    if (!n.ok() || unit == 0 || *n < 0) {
      return Status::Invalid("'{}' is not an interval such as 'interval 7 days'", text);
    }
    if (unit == -1) {
      total += *n / 1000;
    } else {
      if (*n > INT64_MAX / unit) return Status::Invalid("interval '{}' is too long", text);
      total += *n * unit;
    }
  }
  return total;
}

Result<int64_t> DeletedFileRetentionMs(const Metadata& metadata) {
  const std::string v = Config(metadata, "delta.deletedFileRetentionDuration");
  if (v.empty()) return 7LL * 24 * 3600 * 1000;
  auto r = ParseIntervalMs(v);
  if (!r.ok()) return r.status().WithContext("delta.deletedFileRetentionDuration");
  return r;
}

Result<int64_t> LogRetentionMs(const Metadata& metadata) {
  const std::string v = Config(metadata, "delta.logRetentionDuration");
  if (v.empty()) return 30LL * 24 * 3600 * 1000;
  auto r = ParseIntervalMs(v);
  if (!r.ok()) return r.status().WithContext("delta.logRetentionDuration");
  return r;
}

Result<int64_t> CheckpointInterval(const Metadata& metadata) {
  const std::string v = Config(metadata, "delta.checkpointInterval");
  if (v.empty()) return 10;
  SLUICE_ASSIGN_OR_RETURN(int64_t n, ParseInt(v, "delta.checkpointInterval"));
  if (n <= 0) return Status::Invalid("delta.checkpointInterval: must be positive, got {}", n);
  return n;
}

Result<int64_t> TargetFileSize(const Metadata& metadata, int64_t fallback) {
  std::string v = Lower(Config(metadata, "delta.targetFileSize"));
  if (v.empty()) return fallback;
  int64_t mul = 1;
  auto strip = [&](std::string_view suffix, int64_t m) {
    if (v.size() > suffix.size() && v.compare(v.size() - suffix.size(), suffix.size(), suffix) == 0) {
      v.resize(v.size() - suffix.size());
      mul = m;
      return true;
    }
    return false;
  };
  strip("gb", 1LL << 30) || strip("mb", 1LL << 20) || strip("kb", 1LL << 10) || strip("b", 1);
  SLUICE_ASSIGN_OR_RETURN(int64_t n, ParseInt(v, "delta.targetFileSize"));
  if (n <= 0) return Status::Invalid("delta.targetFileSize: must be positive");
  return n * mul;
}

}  // namespace sluice::delta
