// `sluice table ...`: create, append, overwrite, delete.
#include "sluice/cli/commands.h"

namespace sluice::cli {

void AddTableWriteCommands(CLI::App* table, int* exit_code) {
  (void)table;
  (void)exit_code;
}

}  // namespace sluice::cli
