#include "sluice/common/failpoint.h"

#include <csignal>
#include <cstdlib>

namespace sluice {

void Failpoint(std::string_view name) {
  const char* want = std::getenv("SLUICE_FAILPOINT");
  if (want != nullptr && name == want) std::raise(SIGKILL);
}

}  // namespace sluice
