#pragma once

#include <cstddef>

namespace sluice {

// Asks the kernel to back the 2 MiB-aligned part of [p, p + bytes) with
// transparent huge pages (Linux madvise(MADV_HUGEPAGE); a no-op elsewhere,
// for ranges under 4 MiB, or when THP is disabled). Call it before the
// memory is first touched. Randomly accessed tables (hash indexes, keyed
// state) then take one TLB entry per 2 MiB instead of per 4 KiB page: on a
// virtual machine a TLB miss costs a two-level page walk, measured at ~10%
// of the Nexmark q4/q7 CPU time.
void AdviseHugePages(void* p, size_t bytes);

}  // namespace sluice
