#pragma once

// The jobs that interop tests kill and restart, and the sluice side of
// bench/ingest: one `sluice-test-jobs` executable built with the tests, kept
// out of the `sluice` command. Each Add*Job registers its subcommands on
// `app`; a callback stores its exit code in *exit_code (0 success, 1 failure)
// after printing any error to stderr.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "sluice/common/status.h"

namespace sluice::test_jobs {

void AddKeyedCountJob(CLI::App& app, int* exit_code);  // keyed-count
void AddDeltaJobs(CLI::App& app, int* exit_code);      // window-to-delta, delta-to-delta, delta-tail
void AddFilesJob(CLI::App& app, int* exit_code);       // files-to-delta
void AddIngestJob(CLI::App& app, int* exit_code);      // ingest (bench/ingest)

// Prints `st` as "sluice-test-jobs: <message>" to stderr; the exit code for it.
inline int Report(const Status& st) {
  if (st.ok()) return 0;
  std::fprintf(stderr, "sluice-test-jobs: %s\n", st.ToString().c_str());
  return 1;
}

}  // namespace sluice::test_jobs
