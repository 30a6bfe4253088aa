#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"

namespace sluice::delta {

// Parses newline-delimited JSON actions (a commit file or a JSON checkpoint).
// Unknown action kinds and unknown fields are ignored; blank lines skipped. A
// malformed line is Corrupt "<file_name>:<line>: <what is wrong>".
Result<std::vector<Action>> ParseLogJson(std::string_view content, const std::string& file_name);

// Returns one action as a single-line JSON object ({"add":{...}}), in the
// form Spark and delta-rs write.
std::string SerializeAction(const Action& action);

// Returns the actions as a commit file's content: one JSON line each.
std::string SerializeCommit(const std::vector<Action>& actions);

}  // namespace sluice::delta
