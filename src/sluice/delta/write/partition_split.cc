#include "sluice/delta/write/partition_split.h"

#include <cstring>
#include <unordered_map>

#include "sluice/columnar/take.h"
#include "sluice/delta/write/data_writer.h"

namespace sluice::delta {

using columnar::Array;
using columnar::TypeId;

namespace {

// Returns true iff every row of `a` holds the same partition value as row 0
// (a cheap check for the common case of one partition per batch; false
// negatives only cost the general path).
bool AllSameAsFirst(const Array& a) {
  const int64_t n = a.length;
  if (n <= 1 || a.type->id == TypeId::kNull || a.null_count == n) return true;
  if (a.null_count > 0) return false;
  if (a.type->id == TypeId::kBool) {
    const bool first = a.BoolValue(0);
    for (int64_t i = 1; i < n; ++i) {
      if (a.BoolValue(i) != first) return false;
    }
    return true;
  }
  if (a.type->IsBinaryLike()) {
    const std::string_view first = a.StringValue(0);
    for (int64_t i = 1; i < n; ++i) {
      if (a.StringValue(i) != first) return false;
    }
    return true;
  }
  const int32_t w = a.type->FixedWidth();
  if (w <= 0) return false;
  const uint8_t* p = a.buffers[1]->data() + a.offset * w;
  auto same = [&]<typename T>(T*) {
    const T* v = reinterpret_cast<const T*>(p);
    T diff = 0;
    for (int64_t i = 1; i < n; ++i) diff |= static_cast<T>(v[i] ^ v[0]);
    return diff == 0;
  };
  switch (w) {
    case 1:
      return same(static_cast<uint8_t*>(nullptr));
    case 2:
      return same(static_cast<uint16_t*>(nullptr));
    case 4:
      return same(static_cast<uint32_t*>(nullptr));
    case 8:
      return same(static_cast<uint64_t*>(nullptr));
    default:
      for (int64_t i = 1; i < n; ++i) {
        if (std::memcmp(p, p + i * w, static_cast<size_t>(w)) != 0) return false;
      }
      return true;
  }
}

// Appends the grouping key bytes of row `i`: a null marker, or a marker and
// the value's bytes. Distinct keys serialize to distinct partition values
// except for NaNs (canonicalised) and empty strings (null, as Spark).
void AppendKey(const Array& a, int64_t i, std::string* key) {
  if (a.IsNull(i)) {
    key->push_back('\0');
    return;
  }
  switch (a.type->id) {
    case TypeId::kBool:
      key->push_back(a.BoolValue(i) ? '\2' : '\1');
      return;
    case TypeId::kString:
    case TypeId::kBinary: {
      const std::string_view v = a.StringValue(i);
      if (v.empty()) {
        key->push_back('\0');
        return;
      }
      key->push_back('\1');
      const auto len = static_cast<uint32_t>(v.size());
      key->append(reinterpret_cast<const char*>(&len), sizeof(len));
      key->append(v);
      return;
    }
    case TypeId::kFloat32: {
      float f = a.values<float>()[i];
      if (f != f) f = std::numeric_limits<float>::quiet_NaN();
      key->push_back('\1');
      key->append(reinterpret_cast<const char*>(&f), sizeof(f));
      return;
    }
    case TypeId::kFloat64: {
      double d = a.values<double>()[i];
      if (d != d) d = std::numeric_limits<double>::quiet_NaN();
      key->push_back('\1');
      key->append(reinterpret_cast<const char*>(&d), sizeof(d));
      return;
    }
    default: {
      const int32_t w = a.type->FixedWidth();
      key->push_back('\1');
      key->append(reinterpret_cast<const char*>(a.buffers[1]->data() + (a.offset + i) * w), static_cast<size_t>(w));
      return;
    }
  }
}

struct KeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
struct KeyEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return a == b; }
};

Result<std::vector<std::optional<std::string>>> SerializeRow(const columnar::RecordBatch& batch,
                                                             std::span<const int> partition_columns, int64_t row) {
  std::vector<std::optional<std::string>> values;
  values.reserve(partition_columns.size());
  for (const int c : partition_columns) {
    auto v = SerializePartitionValue(*batch.columns[c], row);
    if (!v.ok()) return v.status().WithContext("partition column '" + batch.schema->fields[c]->name + "'");
    if (*v && (*v)->empty()) v->reset();
    values.push_back(std::move(*v));
  }
  return values;
}

columnar::RecordBatch Project(const columnar::RecordBatch& batch, std::span<const int> data_columns,
                              const columnar::SchemaPtr& data_schema) {
  columnar::RecordBatch out{data_schema, batch.num_rows, {}};
  out.columns.reserve(data_columns.size());
  for (const int c : data_columns) out.columns.push_back(batch.columns[c]);
  return out;
}

}  // namespace

Result<std::vector<PartitionPart>> SplitByPartition(const columnar::RecordBatch& batch,
                                                    std::span<const int> partition_columns,
                                                    std::span<const int> data_columns,
                                                    const columnar::SchemaPtr& data_schema) {
  std::vector<PartitionPart> parts;
  if (batch.num_rows == 0) return parts;
  const columnar::RecordBatch data = Project(batch, data_columns, data_schema);
  bool single = true;
  for (const int c : partition_columns) single = single && AllSameAsFirst(*batch.columns[c]);
  if (single) {
    SLUICE_ASSIGN_OR_RETURN(auto values, SerializeRow(batch, partition_columns, 0));
    parts.push_back(PartitionPart{std::move(values), data});
    return parts;
  }
  // Group id of each row, by the bytes of its partition values.
  const int64_t n = batch.num_rows;
  std::vector<int32_t> group(static_cast<size_t>(n));
  std::vector<int64_t> first_row;
  std::unordered_map<std::string, int32_t, KeyHash, KeyEq> ids;
  std::string key;
  int64_t runs = 0;
  for (int64_t i = 0; i < n; ++i) {
    key.clear();
    for (const int c : partition_columns) AppendKey(*batch.columns[c], i, &key);
    auto it = ids.find(std::string_view(key));
    int32_t g;
    if (it != ids.end()) {
      g = it->second;
    } else {
      g = static_cast<int32_t>(first_row.size());
      ids.emplace(key, g);
      first_row.push_back(i);
    }
    group[i] = g;
    runs += i == 0 || group[i - 1] != g;
  }
  const size_t num_groups = first_row.size();
  std::vector<int64_t> count(num_groups, 0);
  for (int64_t i = 0; i < n; ++i) ++count[group[i]];
  // Where each group's rows start in `grouped`.
  std::vector<int64_t> begin(num_groups, 0);
  columnar::RecordBatch grouped;
  if (static_cast<size_t>(runs) == num_groups) {
    // Each group is one run of rows (input clustered by partition): slices.
    begin = first_row;
    grouped = data;
  } else {
    // Stable counting sort of the rows by group, then one gather per column.
    for (size_t g = 1; g < num_groups; ++g) begin[g] = begin[g - 1] + count[g - 1];
    std::vector<int64_t> next = begin;
    std::vector<int32_t> order(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) order[next[group[i]]++] = static_cast<int32_t>(i);
    SLUICE_ASSIGN_OR_RETURN(grouped, columnar::TakeRows(data, order));
  }
  parts.reserve(num_groups);
  for (size_t g = 0; g < num_groups; ++g) {
    SLUICE_ASSIGN_OR_RETURN(auto values, SerializeRow(batch, partition_columns, first_row[g]));
    parts.push_back(PartitionPart{std::move(values), grouped.Slice(begin[g], count[g])});
  }
  return parts;
}

}  // namespace sluice::delta
