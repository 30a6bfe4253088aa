#include "sluice/parquet/encoding/rle_boolean.h"

#include <algorithm>

#include "sluice/common/bit_util.h"

namespace sluice::parquet::encoding {

Status RleBooleanDecoder::Init(const uint8_t* data, int64_t size) {
  if (size < 4) return Status::Corrupt("RLE BOOLEAN data of {} bytes lacks its 4-byte length", size);
  const int64_t len = bit_util::LoadLE<uint32_t>(data);
  if (len > size - 4) {
    return Status::Corrupt("RLE BOOLEAN length {} exceeds the {} bytes left in the page", len, size - 4);
  }
  rle_.Init(data + 4, len, 1);
  return Status::OK();
}

Result<int64_t> RleBooleanDecoder::Decode(bool* out, int64_t n) {
  uint32_t chunk[1024];
  int64_t done = 0;
  while (done < n) {
    const int64_t k = std::min<int64_t>(n - done, 1024);
    SLUICE_ASSIGN_OR_RETURN(int64_t got, rle_.Decode(chunk, k));
    for (int64_t i = 0; i < got; ++i) out[done + i] = chunk[i] != 0;
    done += got;
    if (got < k) break;
  }
  return done;
}

void RleBooleanEncode(const bool* values, int64_t n, Buffer* out) {
  const int64_t start = out->size();
  out->Resize(start + 4);
  RleBitPackedEncoder enc(1);
  for (int64_t i = 0; i < n; ++i) enc.Put(values[i] ? 1 : 0);
  enc.Flush(out);
  bit_util::StoreLE<uint32_t>(out->mutable_data() + start, static_cast<uint32_t>(out->size() - start - 4));
}

}  // namespace sluice::parquet::encoding
