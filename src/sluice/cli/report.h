#pragma once

#include <cstdio>

#include "sluice/common/status.h"

namespace sluice::cli {

// Prints `st` as "sluice: <message>" to stderr and returns the exit code for it.
inline int Report(const Status& st) {
  if (st.ok()) return 0;
  std::fprintf(stderr, "sluice: %s\n", st.ToString().c_str());
  return 1;
}

}  // namespace sluice::cli
