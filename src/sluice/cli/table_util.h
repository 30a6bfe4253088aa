#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sluice/common/status.h"

namespace sluice::cli {

// The table root as an absolute path without a trailing '/'.
std::string TableRoot(const std::string& table);

// Prefixes errors with the table unless the message already names it.
Status NameTable(const Status& st, const std::string& root);

// Parses a --timestamp argument: milliseconds since the epoch, or
// YYYY-MM-DD[ HH:MM:SS[.f]] (UTC). Invalid naming the text otherwise.
Result<int64_t> ParseTimestampArg(const std::string& text);

}  // namespace sluice::cli
