// libFuzzer target: the whole Parquet read path (footer, schema, pages,
// decoders, record assembly) on arbitrary bytes. Any crash, hang, sanitizer
// report or runaway allocation is a bug; errors are the expected outcome.
#include <cstddef>
#include <cstdint>

#include "sluice/io/file.h"
#include "sluice/parquet/file_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto bytes = sluice::Buffer::CopyOf({data, size});
  sluice::parquet::ReadOptions options;
  options.batch_rows = 1024;
  auto reader = sluice::parquet::FileReader::Open(sluice::io::MemoryFile(bytes, "fuzz.parquet"), options);
  if (!reader.ok()) return 0;
  auto batches = (*reader)->NewBatchReader();
  if (!batches.ok()) return 0;
  for (int i = 0; i < 64; ++i) {
    auto batch = (*batches)->Next();
    if (!batch.ok() || !batch->has_value()) break;
  }
  return 0;
}
