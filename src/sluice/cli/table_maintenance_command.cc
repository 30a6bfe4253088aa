// `sluice table ...`: checkpoint, restore, vacuum, optimize.
#include <cstdio>
#include <memory>
#include <string>

#include "sluice/cli/commands.h"
#include "sluice/cli/report.h"
#include "sluice/cli/table_util.h"
#include "sluice/delta/checkpoint_writer.h"
#include "sluice/delta/snapshot.h"
#include "sluice/io/filesystem.h"

namespace sluice::cli {
namespace {

struct MaintenanceArgs {
  std::string table;
};

// Writes a classic checkpoint of the latest version and prints that version.
Status RunCheckpoint(const MaintenanceArgs& a) {
  const std::string root = TableRoot(a.table);
  SLUICE_ASSIGN_OR_RETURN(auto snapshot, delta::LoadSnapshot(io::LocalFileSystem(), root));
  SLUICE_RETURN_NOT_OK(delta::WriteCheckpoint(*snapshot));
  const std::string text = std::to_string(snapshot->version()) + "\n";
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) return Status::IOError("cannot write to stdout");
  return Status::OK();
}

}  // namespace

void AddTableMaintenanceCommands(CLI::App* table, int* exit_code) {
  auto run = [exit_code](Status (*fn)(const MaintenanceArgs&), std::shared_ptr<MaintenanceArgs> args) {
    return [=] { *exit_code = Report(NameTable(fn(*args), TableRoot(args->table))); };
  };

  auto* checkpoint =
      table->add_subcommand("checkpoint", "Write a checkpoint of the latest version (prints the version)");
  auto checkpoint_args = std::make_shared<MaintenanceArgs>();
  checkpoint->add_option("TABLE", checkpoint_args->table, "Delta table directory")->required();
  checkpoint->callback(run(RunCheckpoint, checkpoint_args));
}

}  // namespace sluice::cli
