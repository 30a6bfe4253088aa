#pragma once

#include <CLI/CLI.hpp>

namespace sluice::cli {

// Each Add*Commands registers a group of subcommands on `app`. A subcommand's
// callback stores its exit code in *exit_code (0 success, 1 failure) after
// printing any error to stderr as "sluice: <message>".
void AddParquetCommands(CLI::App& app, int* exit_code);
void AddDemoCommand(CLI::App& app, int* exit_code);
void AddTableCommands(CLI::App& app, int* exit_code);
void AddNexmarkCommands(CLI::App& app, int* exit_code);

// Subcommands of `sluice table` (registered by AddTableCommands).
void AddTableWriteCommands(CLI::App* table, int* exit_code);        // create, append, overwrite, delete
void AddTableMaintenanceCommands(CLI::App* table, int* exit_code);  // checkpoint, restore, vacuum, optimize

}  // namespace sluice::cli
