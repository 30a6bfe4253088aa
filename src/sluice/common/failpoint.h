#pragma once

#include <string_view>

namespace sluice {

// Crash-safety tests set SLUICE_FAILPOINT=<name> to kill the process with
// SIGKILL at the named point (e.g. "delta.after_data_files" between writing
// a commit's data files and the commit itself). Without the variable this is
// one getenv per call, at points that are not hot.
void Failpoint(std::string_view name);

}  // namespace sluice
