// libFuzzer target: Delta checkpoint reading (Parquet footer, pages, nested
// action columns add/remove/metaData/protocol/txn/domainMetadata/sidecar...)
// on arbitrary bytes. Any crash, hang, sanitizer report or runaway allocation
// is a bug; errors are the expected outcome.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sluice/delta/checkpoint/checkpoint_reader.h"
#include "sluice/io/file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto bytes = sluice::Buffer::CopyOf({data, size});
  std::vector<sluice::delta::Action> actions;
  auto st = sluice::delta::ReadParquetCheckpoint(sluice::io::MemoryFile(bytes, "fuzz.checkpoint.parquet"), &actions);
  (void)st;
  return 0;
}
