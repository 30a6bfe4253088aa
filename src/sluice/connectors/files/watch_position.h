#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "sluice/common/status.h"

namespace sluice::connectors {

// The checkpointed position of a watched file source: the files read to
// the end, and the file being read with the rows emitted from it.
struct WatchPosition {
  std::set<std::string> done;
  std::string current;  // empty: between files
  int64_t rows = 0;
};

// Encodes `p` as "w1 <done count> <rows> <len>:<current>" followed by each
// done path in order as "<shared> <len>:<rest>": the length of the prefix it
// shares with the previous path, then the rest (front coding: paths in one
// directory cost little more than their names).
std::string EncodeWatchPosition(const WatchPosition& p);

// Decodes an encoded position; Corrupt naming what is wrong for bytes that
// are not one (truncated, unsorted, lengths out of range).
Result<WatchPosition> DecodeWatchPosition(std::string_view text);

}  // namespace sluice::connectors
