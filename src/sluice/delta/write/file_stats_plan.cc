// Which columns get per-file statistics (PROTOCOL.md "Per-file Statistics";
// Delta's delta.dataSkippingNumIndexedCols / delta.dataSkippingStatsColumns).
#include "sluice/delta/write/file_stats_plan.h"

#include <algorithm>
#include <charconv>
#include <set>

namespace sluice::delta {

using columnar::TypeId;

namespace stats_internal {

LeafKind KindOf(const columnar::DataType& type) {
  switch (type.id) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      return LeafKind::kSigned;
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
      return LeafKind::kUnsigned;
    case TypeId::kFloat32:
      return LeafKind::kFloat32;
    case TypeId::kFloat64:
      return LeafKind::kFloat64;
    case TypeId::kDecimal128:
      return LeafKind::kDecimal;
    case TypeId::kString:
      return LeafKind::kString;
    case TypeId::kDate32:
      return LeafKind::kDate;
    case TypeId::kTimestamp:
      return LeafKind::kTimestamp;
    default:
      return LeafKind::kNullCountOnly;
  }
}

Result<std::vector<std::string>> SplitColumnPath(std::string_view name) {
  std::vector<std::string> parts;
  std::string cur;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (quoted) {
      if (c != '`') {
        cur.push_back(c);
      } else if (i + 1 < name.size() && name[i + 1] == '`') {
        cur.push_back('`');
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '`') {
      if (!cur.empty() || was_quoted) return Status::Invalid("column name '{}': misplaced backtick", name);
      quoted = was_quoted = true;
    } else if (c == '.') {
      if (cur.empty() && !was_quoted) return Status::Invalid("column name '{}' has an empty part", name);
      parts.push_back(std::move(cur));
      cur.clear();
      was_quoted = false;
    } else {
      if (was_quoted) return Status::Invalid("column name '{}': text after a closing backtick", name);
      cur.push_back(c);
    }
  }
  if (quoted) return Status::Invalid("column name '{}' has an unclosed backtick", name);
  if (cur.empty() && !was_quoted) return Status::Invalid("column name '{}' has an empty part", name);
  parts.push_back(std::move(cur));
  return parts;
}

namespace {

bool IsLeaf(const columnar::Field& f) { return f.type->id != TypeId::kStruct; }

// Finds a field by name: exactly, else case-insensitively (Spark resolves
// column names case-insensitively by default).
int FindField(const std::vector<columnar::FieldPtr>& fields, std::string_view name) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i]->name == name) return static_cast<int>(i);
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string& n = fields[i]->name;
    if (n.size() == name.size() && std::equal(n.begin(), n.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// Builds the nodes of `fields` (at `path`) whose leaves `take` accepts.
template <typename Take>
std::vector<StatsNode> Build(const std::vector<columnar::FieldPtr>& fields, std::vector<int>* path, StatsPlan* plan,
                             Take& take) {
  std::vector<StatsNode> nodes;
  for (size_t i = 0; i < fields.size(); ++i) {
    const columnar::Field& f = *fields[i];
    path->push_back(static_cast<int>(i));
    StatsNode node;
    node.name = f.name;
    if (IsLeaf(f)) {
      if (take(*path)) {
        node.leaf = static_cast<int>(plan->leaves.size());
        plan->leaves.push_back(StatsLeaf{*path, f.type, KindOf(*f.type)});
        nodes.push_back(std::move(node));
      }
    } else {
      node.children = Build(f.type->children, path, plan, take);
      if (!node.children.empty()) nodes.push_back(std::move(node));
    }
    path->pop_back();
  }
  return nodes;
}

}  // namespace

StatsPlan PlanStats(const columnar::Schema& schema, const StatsOptions& options) {
  StatsPlan plan;
  std::vector<int> path;
  if (options.stats_columns) {
    // Field-index paths of the named columns; a leaf is taken when one of
    // them is a prefix of its path (a struct covers its leaves).
    std::vector<std::vector<int>> chosen;
    for (const auto& name : *options.stats_columns) {
      auto parts = SplitColumnPath(name);
      if (!parts.ok()) continue;
      std::vector<int> p;
      const std::vector<columnar::FieldPtr>* fields = &schema.fields;
      for (const auto& part : *parts) {
        if (fields == nullptr) {
          p.clear();
          break;
        }
        const int idx = FindField(*fields, part);
        if (idx < 0) {
          p.clear();
          break;
        }
        p.push_back(idx);
        const auto& type = (*fields)[idx]->type;
        fields = type->id == TypeId::kStruct ? &type->children : nullptr;
      }
      if (!p.empty()) chosen.push_back(std::move(p));
    }
    auto take = [&](const std::vector<int>& leaf) {
      return std::any_of(chosen.begin(), chosen.end(), [&](const std::vector<int>& c) {
        return c.size() <= leaf.size() && std::equal(c.begin(), c.end(), leaf.begin());
      });
    };
    plan.roots = Build(schema.fields, &path, &plan, take);
  } else {
    int64_t remaining = options.num_indexed_cols < 0 ? INT64_MAX : options.num_indexed_cols;
    auto take = [&](const std::vector<int>&) {
      if (remaining <= 0) return false;
      --remaining;
      return true;
    };
    plan.roots = Build(schema.fields, &path, &plan, take);
  }
  return plan;
}

}  // namespace stats_internal

Result<StatsOptions> StatsOptionsFromConfiguration(const std::map<std::string, std::string>& configuration) {
  StatsOptions options;
  if (auto it = configuration.find("delta.dataSkippingNumIndexedCols"); it != configuration.end()) {
    std::string_view text = it->second;
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    int32_t n = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc() || p != text.data() + text.size() || n < -1) {
      return Status::Invalid("table property delta.dataSkippingNumIndexedCols must be an integer >= -1, not '{}'",
                             it->second);
    }
    options.num_indexed_cols = n;
  }
  if (auto it = configuration.find("delta.dataSkippingStatsColumns"); it != configuration.end()) {
    std::vector<std::string> names;
    std::string_view rest = it->second;
    // Comma-separated; commas inside backticks belong to the name.
    std::string cur;
    bool quoted = false;
    auto flush = [&]() -> Status {
      std::string_view n = cur;
      while (!n.empty() && std::isspace(static_cast<unsigned char>(n.front()))) n.remove_prefix(1);
      while (!n.empty() && std::isspace(static_cast<unsigned char>(n.back()))) n.remove_suffix(1);
      if (!n.empty()) {
        auto parts = stats_internal::SplitColumnPath(n);
        if (!parts.ok()) return parts.status().WithContext("table property delta.dataSkippingStatsColumns");
        names.emplace_back(n);
      }
      cur.clear();
      return Status::OK();
    };
    for (const char c : rest) {
      if (c == '`') quoted = !quoted;
      if (c == ',' && !quoted) {
        SLUICE_RETURN_NOT_OK(flush());
      } else {
        cur.push_back(c);
      }
    }
    SLUICE_RETURN_NOT_OK(flush());
    options.stats_columns = std::move(names);
  }
  return options;
}

}  // namespace sluice::delta
