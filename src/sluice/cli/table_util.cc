#include "sluice/cli/table_util.h"

#include <charconv>
#include <filesystem>
#include <variant>

#include "sluice/columnar/data_type.h"
#include "sluice/delta/read/partition_values.h"

namespace sluice::cli {

std::string TableRoot(const std::string& table) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(table, ec);
  std::string s = ec ? table : p.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

Status NameTable(const Status& st, const std::string& root) {
  if (st.ok() || st.message().find(root) != std::string::npos) return st;
  return st.WithContext("table " + root);
}

Result<int64_t> ParseTimestampArg(const std::string& text) {
  int64_t ms = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (ec == std::errc() && p == text.data() + text.size()) return ms;
  auto v = delta::ParsePartitionValue(*columnar::Timestamp(columnar::TimeUnit::kMicro, true), text);
  if (!v.ok() || !std::holds_alternative<int64_t>(*v)) {
    return Status::Invalid("timestamp '{}': expected milliseconds since the epoch or YYYY-MM-DD[ HH:MM:SS]", text);
  }
  const int64_t us = std::get<int64_t>(*v);
  return us >= 0 ? us / 1000 : -((-us + 999) / 1000);
}

}  // namespace sluice::cli
