#pragma once

#include <string>

#include "sluice/common/status.h"

namespace sluice::cli {

// Prints the footer of the Parquet file at `path` to stdout: file facts, then
// per row group and column chunk the codec, encodings, sizes, statistics and
// whether a page index is present.
Status PrintParquetStats(const std::string& path);

}  // namespace sluice::cli
