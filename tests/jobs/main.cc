#include <CLI/CLI.hpp>

#include "jobs/jobs.h"

int main(int argc, char** argv) {
  CLI::App app{"sluice-test-jobs: the crash-loop jobs of tests/interop and the sluice side of bench/ingest"};
  app.require_subcommand(1);
  int exit_code = 0;
  sluice::test_jobs::AddKeyedCountJob(app, &exit_code);
  sluice::test_jobs::AddDeltaJobs(app, &exit_code);
  sluice::test_jobs::AddFilesJob(app, &exit_code);
  sluice::test_jobs::AddIngestJob(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
