// `sluice table ...`: checkpoint, restore, vacuum, optimize.
#include "sluice/cli/commands.h"

namespace sluice::cli {

void AddTableMaintenanceCommands(CLI::App* table, int* exit_code) {
  (void)table;
  (void)exit_code;
}

}  // namespace sluice::cli
