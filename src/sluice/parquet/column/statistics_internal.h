#pragma once

#include <cstdint>
#include <string_view>

// Helpers shared by the statistics files.
namespace sluice::parquet {

// Converts an IEEE half float (binary16 bits) to float.
float HalfToFloat(uint16_t h);
// Compares big-endian two's complement integers of any lengths: <0, 0, >0.
int CompareDecimalBigEndian(std::string_view a, std::string_view b);

}  // namespace sluice::parquet
