#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"

namespace sluice::cli {

// Writes `text` to `out`; IOError naming `out_name` when it cannot.
Status WriteText(std::FILE* out, const std::string& text, const std::string& out_name);

// The next batch of a read (a Parquet file, a Delta scan); nullopt at the end.
using NextBatch = std::function<Result<std::optional<columnar::RecordBatch>>()>;

// Writes at most `limit` rows (-1 = all) of the batches `next` returns to
// `out` (called `out_name` in errors): "jsonl" streams one JSON object per
// row; "table" prints one aligned table over every row read, with one header
// and one footer for the whole result (not one per batch).
Status PrintBatches(const NextBatch& next, const std::string& format, int64_t limit, std::FILE* out,
                    const std::string& out_name);

}  // namespace sluice::cli
