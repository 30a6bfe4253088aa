// libFuzzer target: arbitrary bytes into the Thrift metadata readers. Any
// input must give a value or a Status, never a crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <span>

#include "sluice/common/buffer.h"
#include "sluice/parquet/format/metadata_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace format = sluice::parquet::format;
  const std::span<const uint8_t> bytes(data, size);

  auto md = format::DeserializeFileMetaData(bytes);
  if (md.ok()) {
    // Whatever we accept must survive our own writer and reader.
    sluice::Buffer buf;
    format::Serialize(*md, &buf);
    auto again = format::DeserializeFileMetaData(buf.span());
    if (!again.ok()) __builtin_trap();
  }

  int64_t header_size = 0;
  auto ph = format::DeserializePageHeader(bytes, &header_size);
  if (ph.ok() && (header_size <= 0 || static_cast<size_t>(header_size) > size)) __builtin_trap();

  (void)format::DeserializeColumnIndex(bytes).ok();
  (void)format::DeserializeOffsetIndex(bytes).ok();
  return 0;
}
