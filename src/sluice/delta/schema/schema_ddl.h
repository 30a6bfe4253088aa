#pragma once

#include <string_view>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"

namespace sluice::delta {

// Parses a column list the way Spark SQL DDL writes it:
//   "id BIGINT NOT NULL, name STRING, price DECIMAL(10,2), tags ARRAY<STRING>,
//    attrs MAP<STRING, INT>, point STRUCT<x: DOUBLE, y: DOUBLE>"
// Types (case-insensitive): string, long/bigint, int/integer, short/smallint,
// byte/tinyint, float/real, double, boolean, binary, date, timestamp,
// timestamp_ntz, decimal(p, s), array<t>, map<k, v>, struct<name: t, ...>.
// Names may be `back-quoted`. Invalid naming the position otherwise.
Result<columnar::SchemaPtr> ParseSchemaDdl(std::string_view text);

}  // namespace sluice::delta
