#pragma once

#include <string>

#include "nexmark/lib/config.h"
#include "sluice/columnar/array.h"
#include "sluice/common/status.h"

namespace sluice::nexmark {

// All three kinds in one table, one row per event in index order:
// event_type ("person", "auction", "bid"), then every person column as
// person_<name>, every auction column as auction_<name> and every bid column
// as bid_<name>; the columns of the other kinds are null.
columnar::SchemaPtr AllEventsSchema();
// The events with index in [begin, end) as one batch of AllEventsSchema().
Result<columnar::RecordBatch> GenerateAllEvents(const NexmarkConfig& config, int64_t begin, int64_t end);
// Writes every event of `config` to `path`: Parquet for *.parquet, JSON lines
// for *.jsonl / *.json; other extensions are refused.
Status WriteEventFile(const NexmarkConfig& config, const std::string& path);

}  // namespace sluice::nexmark
