#pragma once

#include <simdjson.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/delta/protocol/action_fields.h"
#include "sluice/delta/protocol/actions.h"

// Typed readers of log JSON members (simdjson On-Demand values), one
// overload per field kind of action_fields.h. Every error is Corrupt
// "<file>:<line>: <field>: <what>".
namespace sluice::delta::internal {

// A field's name in errors: "<parent>.<name>", or "<name>" at the top.
struct FieldName {
  // Implicit: a whole name.
  constexpr FieldName(std::string_view n) : name(n) {}  // NOLINT(google-explicit-constructor)
  constexpr FieldName(const char* n) : name(n) {}       // NOLINT(google-explicit-constructor)
  constexpr FieldName(std::string_view p, std::string_view n) : parent(p), name(n) {}
  std::string ToString() const {
    std::string s;
    if (!parent.empty()) s.append(parent).push_back('.');
    return s.append(name);
  }
  std::string_view parent;
  std::string_view name;
};

struct LineContext {
  const std::string* file;
  int64_t line;
  // Returns Corrupt naming the file, the line and `field`.
  Status Error(const FieldName& field, std::string_view what, simdjson::error_code err = simdjson::SUCCESS) const;
};

using OdValue = simdjson::ondemand::value;

// Returns true iff `v` is JSON null (and consumes it).
inline bool IsNull(OdValue& v) {
  bool is_null = false;
  if (v.is_null().get(is_null)) return false;
  return is_null;
}

// Reads `v` into `out` as the kind of *out.
Status Get(OdValue v, const LineContext& ctx, const FieldName& field, std::string* out);
Status Get(OdValue v, const LineContext& ctx, const FieldName& field, int64_t* out);
// An integer that must fit in int32.
Status Get(OdValue v, const LineContext& ctx, const FieldName& field, int32_t* out);
Status Get(OdValue v, const LineContext& ctx, const FieldName& field, bool* out);
// An array of strings; null is an empty list.
Status Get(OdValue v, const LineContext& ctx, const FieldName& field, std::vector<std::string>* out);
// An object of string values; null values are skipped, null is an empty map.
Status Get(OdValue v, const LineContext& ctx, const FieldName& field, std::map<std::string, std::string>* out);
// An object of string-or-null values; null is an empty map.
Status Get(OdValue v, const LineContext& ctx, const FieldName& field, PartitionValues* out);

// Any of the above as std::optional: null, or an error, leaves `out` unset.
template <typename T>
Status Get(OdValue v, const LineContext& ctx, const FieldName& field, std::optional<T>* out) {
  if (IsNull(v)) return Status::OK();
  Status st = Get(v, ctx, field, &out->emplace());
  if (!st.ok()) out->reset();
  return st;
}

}  // namespace sluice::delta::internal
