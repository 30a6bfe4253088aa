#include "sluice/parquet/compression/crc32.h"

#include <zlib.h>

namespace sluice::parquet::compression {

uint32_t Crc32(std::span<const uint8_t> data) { return Crc32Extend(0, data); }

uint32_t Crc32Extend(uint32_t crc, std::span<const uint8_t> data) {
  if (data.empty()) return crc;
  // crc32_z takes a size_t length, so pages over 4 GiB need no chunking.
  return static_cast<uint32_t>(crc32_z(crc, data.data(), data.size()));
}

}  // namespace sluice::parquet::compression
