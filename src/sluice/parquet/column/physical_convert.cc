#include "sluice/parquet/column/physical_convert.h"

namespace sluice::parquet {

Status FixedBigEndianToDecimal128(const uint8_t* in, int width, int64_t n, uint8_t* out) {
  if (width > 16) return Status::NotSupported("decimal stored in {} bytes (at most 16 are supported)", width);
  for (int64_t i = 0; i < n; ++i) BigEndianToDecimal128(in + i * width, width, out + 16 * i);
  return Status::OK();
}

Status BinaryBigEndianToDecimal128(const std::string_view* in, int64_t n, uint8_t* out) {
  for (int64_t i = 0; i < n; ++i) {
    if (in[i].size() > 16) {
      return Status::NotSupported("decimal value of {} bytes (at most 16 are supported)", in[i].size());
    }
    BigEndianToDecimal128(reinterpret_cast<const uint8_t*>(in[i].data()), static_cast<int64_t>(in[i].size()),
                          out + 16 * i);
  }
  return Status::OK();
}

}  // namespace sluice::parquet
