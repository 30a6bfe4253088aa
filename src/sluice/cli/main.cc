#include <CLI/CLI.hpp>

#include "sluice/cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"sluice: a native stream processor built around Delta Lake"};
  app.require_subcommand(1);
  int exit_code = 0;
  sluice::cli::AddParquetCommands(app, &exit_code);
  sluice::cli::AddDemoCommand(app, &exit_code);
  sluice::cli::AddTableCommands(app, &exit_code);
  sluice::cli::AddNexmarkCommands(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
