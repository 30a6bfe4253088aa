#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sluice/stream/api/data_stream.h"

namespace sluice::nexmark {

// The join queries (q3, q4, q8) bring two event kinds into one keyed process
// function: each side is mapped onto a shared schema whose first columns are
// "key" (int64, the join key) and "side" (int64: which input), the union of
// both is keyed by "key". Columns are shared, not copied; fields a side does
// not have are all null.

// A shared join schema: key, side, then `fields` (nullable), then dateTime.
columnar::SchemaPtr JoinSchema(std::vector<columnar::FieldPtr> fields);

// Maps `in` onto `schema`: key := column `key_column`, side := `side`, each
// later field := the input column named in `sources` (same order as the
// fields after side), or nulls for an empty name.
stream::DataStream ToJoinInput(const stream::DataStream& in, columnar::SchemaPtr schema, std::string key_column,
                               int64_t side, std::vector<std::string> sources);

}  // namespace sluice::nexmark
