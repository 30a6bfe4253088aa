#pragma once

#include <cstdint>
#include <span>

namespace sluice::parquet::compression {

// Returns the standard CRC-32 (polynomial 0x04C11DB7, reflected; zlib's crc32)
// of `data`, as stored in PageHeader.crc. Crc32("123456789") == 0xCBF43926.
uint32_t Crc32(std::span<const uint8_t> data);

// Returns the CRC-32 of `data` continuing from a previous result `crc`, so a
// page whose bytes live in several pieces can be checked without copying:
// Crc32(a ++ b) == Crc32Extend(Crc32(a), b).
uint32_t Crc32Extend(uint32_t crc, std::span<const uint8_t> data);

}  // namespace sluice::parquet::compression
