#include "sluice/delta/protocol/table_config.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string>
#include <vector>

#include "sluice/common/strings.h"

namespace sluice::delta {
namespace {

constexpr std::string_view kAppendOnly = "delta.appendOnly";
constexpr std::string_view kCheckpointInterval = "delta.checkpointInterval";
constexpr std::string_view kDeletedFileRetention = "delta.deletedFileRetentionDuration";
constexpr int64_t kDefaultCheckpointInterval = 10;
constexpr std::string_view kDefaultDeletedFileRetention = "interval 1 week";

const std::string* Find(const Metadata& metadata, std::string_view key) {
  auto it = metadata.configuration.find(std::string(key));
  return it == metadata.configuration.end() ? nullptr : &it->second;
}

// Length of one unit in nanoseconds; 0 when unknown.
int64_t UnitNanos(std::string_view unit) {
  struct Unit {
    std::string_view name;
    int64_t nanos;
  };
  static constexpr std::array<Unit, 8> kUnits = {{{"nanosecond", 1},
                                                  {"microsecond", 1000},
                                                  {"millisecond", 1000000},
                                                  {"second", 1000000000LL},
                                                  {"minute", 60LL * 1000000000LL},
                                                  {"hour", 3600LL * 1000000000LL},
                                                  {"day", 86400LL * 1000000000LL},
                                                  {"week", 7LL * 86400LL * 1000000000LL}}};
  if (unit.size() > 1 && (unit.back() == 's' || unit.back() == 'S')) {
    for (const Unit& u : kUnits) {
      if (EqualsIgnoreCase(unit.substr(0, unit.size() - 1), u.name)) return u.nanos;
    }
  }
  for (const Unit& u : kUnits) {
    if (EqualsIgnoreCase(unit, u.name)) return u.nanos;
  }
  return 0;
}

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

}  // namespace

bool IsAppendOnly(const Metadata& metadata) {
  const std::string* v = Find(metadata, kAppendOnly);
  return v != nullptr && EqualsIgnoreCase(*v, "true");
}

Result<int64_t> CheckpointInterval(const Metadata& metadata) {
  const std::string* v = Find(metadata, kCheckpointInterval);
  if (v == nullptr) return kDefaultCheckpointInterval;
  int64_t n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || end != v->data() + v->size() || n <= 0) {
    return Status::Invalid("table property {} = '{}' is not a positive integer", kCheckpointInterval, *v);
  }
  return n;
}

Result<int64_t> DeletedFileRetentionMs(const Metadata& metadata) {
  const std::string* v = Find(metadata, kDeletedFileRetention);
  auto ms = ParseIntervalMs(v == nullptr ? kDefaultDeletedFileRetention : std::string_view(*v));
  if (!ms.ok()) return ms.status().WithContext(fmt::format("table property {}", kDeletedFileRetention));
  return ms;
}

Result<int64_t> ParseIntervalMs(std::string_view text) {
  std::vector<std::string_view> words = Words(text);
  size_t i = 0;
  if (!words.empty() && EqualsIgnoreCase(words[0], "interval")) i = 1;
  if (i == words.size() || (words.size() - i) % 2 != 0) {
    return Status::Invalid("'{}' is not an interval (expected e.g. 'interval 1 week')", text);
  }
  // Sum in nanoseconds as __int128 so that no input can overflow.
  __int128 total = 0;
  for (; i < words.size(); i += 2) {
    int64_t n = 0;
    std::string_view num = words[i];
    auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), n);
    if (ec != std::errc() || end != num.data() + num.size()) {
      return Status::Invalid("'{}' is not an interval: '{}' is not an integer", text, num);
    }
    const int64_t unit = UnitNanos(words[i + 1]);
    if (unit == 0) {
      return Status::Invalid("'{}' is not an interval: unknown unit '{}' (months and years have no fixed length)", text,
                             words[i + 1]);
    }
    total += static_cast<__int128>(n) * unit;
  }
  const __int128 ms = total / 1000000;
  if (ms < 0 || ms > INT64_MAX) return Status::Invalid("interval '{}' is negative or too large", text);
  return static_cast<int64_t>(ms);
}

namespace {

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string ConfigValue(const Metadata& m, const std::string& key) {
  auto it = m.configuration.find(key);
  return it == m.configuration.end() ? std::string() : it->second;
}

Result<int64_t> ParsePositiveInt(std::string_view s, std::string_view what) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) {
    return Status::Invalid("{}: '{}' is not a positive integer", what, s);
  }
  return v;
}

}  // namespace

Result<int64_t> LogRetentionMs(const Metadata& metadata) {
  const std::string v = ConfigValue(metadata, "delta.logRetentionDuration");
  if (v.empty()) return 30LL * 24 * 3600 * 1000;
  auto r = ParseIntervalMs(v);
  if (!r.ok()) return r.status().WithContext("delta.logRetentionDuration");
  return r;
}

Result<int64_t> TargetFileSize(const Metadata& metadata, int64_t fallback) {
  std::string v = LowerCopy(ConfigValue(metadata, "delta.targetFileSize"));
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
  SLUICE_ASSIGN_OR_RETURN(int64_t n, ParsePositiveInt(v, "delta.targetFileSize"));
  return n * mul;
}

}  // namespace sluice::delta
