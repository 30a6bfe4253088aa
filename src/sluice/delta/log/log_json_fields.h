#pragma once

#include <simdjson.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"

// Typed readers of log JSON members (simdjson On-Demand values), shared by the
// action parsers. Every error is Corrupt "<file>:<line>: <field>: <what>".
namespace sluice::delta::internal {

struct LineContext {
  const std::string* file;
  int64_t line;
  // Returns Corrupt naming the file, the line and `field`.
  Status Error(std::string_view field, std::string_view what, simdjson::error_code err = simdjson::SUCCESS) const;
};

using OdValue = simdjson::ondemand::value;

// Returns true iff `v` is JSON null (and consumes it).
bool IsNull(OdValue& v);

Status GetString(OdValue v, const LineContext& ctx, std::string_view field, std::string* out);
// Null leaves `out` unset.
Status GetOptString(OdValue v, const LineContext& ctx, std::string_view field, std::optional<std::string>* out);
Status GetInt64(OdValue v, const LineContext& ctx, std::string_view field, int64_t* out);
Status GetOptInt64(OdValue v, const LineContext& ctx, std::string_view field, std::optional<int64_t>* out);
// An integer that must fit in int32.
Status GetInt32(OdValue v, const LineContext& ctx, std::string_view field, int32_t* out);
Status GetOptInt32(OdValue v, const LineContext& ctx, std::string_view field, std::optional<int32_t>* out);
Status GetBool(OdValue v, const LineContext& ctx, std::string_view field, bool* out);
Status GetOptBool(OdValue v, const LineContext& ctx, std::string_view field, std::optional<bool>* out);
// An array of strings; null is an empty list.
Status GetStringList(OdValue v, const LineContext& ctx, std::string_view field, std::vector<std::string>* out);
Status GetOptStringList(OdValue v, const LineContext& ctx, std::string_view field,
                        std::optional<std::vector<std::string>>* out);
// An object of string values; null values are skipped, null is an empty map.
Status GetStringMap(OdValue v, const LineContext& ctx, std::string_view field, std::map<std::string, std::string>* out);
Status GetOptStringMap(OdValue v, const LineContext& ctx, std::string_view field,
                       std::optional<std::map<std::string, std::string>>* out);
// An object of string-or-null values.
Status GetPartitionValues(OdValue v, const LineContext& ctx, std::string_view field, PartitionValues* out);

}  // namespace sluice::delta::internal
