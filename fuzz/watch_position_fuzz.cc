// libFuzzer target: the watched file source's checkpointed position (read
// back from checkpoint files) on arbitrary bytes. A decoded position must
// survive encoding and decoding again; any crash, hang or sanitizer report is
// a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sluice/connectors/files/watch_position.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto p = sluice::connectors::DecodeWatchPosition(text);
  if (!p.ok()) return 0;
  auto again = sluice::connectors::DecodeWatchPosition(sluice::connectors::EncodeWatchPosition(*p));
  if (!again.ok() || again->done != p->done || again->current != p->current || again->rows != p->rows) std::abort();
  return 0;
}
