#include "sluice/parquet/encoding/levels.h"

#include <algorithm>

#include "sluice/common/bit_util.h"
#include "sluice/parquet/encoding/bit_packing.h"

namespace sluice::parquet::encoding {
namespace {

Status CheckMaxLevel(int max_level) {
  if (max_level < 0 || max_level > 0x7fff) return Status::Invalid("max level {} out of range", max_level);
  return Status::OK();
}

}  // namespace

Result<int64_t> LevelDecoder::InitV1(LevelEncoding encoding, int max_level, const uint8_t* data, int64_t size,
                                     int64_t num_values) {
  SLUICE_RETURN_NOT_OK(CheckMaxLevel(max_level));
  max_level_ = max_level;
  bit_width_ = bit_util::BitWidth(static_cast<uint64_t>(max_level));
  left_ = std::max<int64_t>(num_values, 0);
  bit_packed_ = false;
  if (bit_width_ == 0) {
    rle_.Init(data, 0, 0);
    return 0;
  }
  switch (encoding) {
    case LevelEncoding::kRle: {
      if (size < 4) return Status::Corrupt("level section of {} bytes is too short for its length prefix", size);
      const int64_t len = bit_util::LoadLE<uint32_t>(data);
      if (len > size - 4) {
        return Status::Corrupt("level length prefix {} exceeds the {} bytes left in the page", len, size - 4);
      }
      rle_.Init(data + 4, len, bit_width_);
      return 4 + len;
    }
    case LevelEncoding::kBitPacked: {
      // Deprecated BIT_PACKED (Encodings.md "Bit-packed (Deprecated)"): MSB-first, no header.
      const int64_t need = bit_util::BytesForBits(left_ * bit_width_);
      if (need > size) {
        return Status::Corrupt("BIT_PACKED levels need {} bytes for {} values, page has {}", need, left_, size);
      }
      bit_packed_ = true;
      msb_data_ = data;
      msb_size_ = need;
      msb_index_ = 0;
      return need;
    }
  }
  return Status::NotSupported("level encoding {}", static_cast<int>(encoding));
}

Status LevelDecoder::InitV2(int max_level, const uint8_t* data, int64_t size, int64_t num_values) {
  SLUICE_RETURN_NOT_OK(CheckMaxLevel(max_level));
  max_level_ = max_level;
  bit_width_ = bit_util::BitWidth(static_cast<uint64_t>(max_level));
  left_ = std::max<int64_t>(num_values, 0);
  bit_packed_ = false;
  rle_.Init(data, bit_width_ == 0 ? 0 : size, bit_width_);
  return Status::OK();
}

int64_t CountLevels(const int16_t* levels, int64_t n, int16_t value) {
  int64_t total = 0;
  for (int64_t start = 0; start < n; start += 32768) {
    const int64_t end = std::min(n, start + 32768);
    uint16_t count = 0;  // at most 32768 per block: no wrap
    for (int64_t i = start; i < end; ++i) count = static_cast<uint16_t>(count + (levels[i] == value));
    total += count;
  }
  return total;
}

uint16_t MaxLevelUnsigned(const int16_t* levels, int64_t n) {
  uint16_t max = 0;
  for (int64_t i = 0; i < n; ++i) max = std::max(max, static_cast<uint16_t>(levels[i]));
  return max;
}

Status LevelDecoder::CheckMax(const int16_t* out, int64_t n) const {
  const uint16_t max = MaxLevelUnsigned(out, n);
  if (max > max_level_) return Status::Corrupt("level {} exceeds the column's max level {}", max, max_level_);
  return Status::OK();
}

Result<int64_t> LevelDecoder::Decode(int16_t* out, int64_t n) {
  n = std::min(n, left_);
  if (n <= 0) return 0;
  if (bit_packed_) {
    UnpackBitsMsb16(msb_data_, msb_size_, bit_width_, msb_index_, n, reinterpret_cast<uint16_t*>(out));
    msb_index_ += n;
  } else {
    SLUICE_ASSIGN_OR_RETURN(int64_t got, rle_.Decode(out, n));
    if (got < n) return Status::Corrupt("level data ends after {} of {} levels", got, n);
  }
  left_ -= n;
  SLUICE_RETURN_NOT_OK(CheckMax(out, n));
  return n;
}

Result<int64_t> LevelDecoder::Skip(int64_t n) {
  n = std::min(n, left_);
  if (n <= 0) return 0;
  if (bit_packed_) {
    msb_index_ += n;
  } else {
    SLUICE_ASSIGN_OR_RETURN(int64_t got, rle_.Skip(n));
    if (got < n) return Status::Corrupt("level data ends after {} of {} levels", got, n);
  }
  left_ -= n;
  return n;
}

Result<int64_t> DecodeLevelsV1(LevelEncoding encoding, int max_level, const uint8_t* data, int64_t size,
                               int64_t num_values, int16_t* out) {
  LevelDecoder dec;
  SLUICE_ASSIGN_OR_RETURN(int64_t consumed, dec.InitV1(encoding, max_level, data, size, num_values));
  SLUICE_RETURN_NOT_OK(dec.Decode(out, num_values));
  return consumed;
}

Status DecodeLevelsV2(int max_level, const uint8_t* data, int64_t size, int64_t num_values, int16_t* out) {
  LevelDecoder dec;
  SLUICE_RETURN_NOT_OK(dec.InitV2(max_level, data, size, num_values));
  return dec.Decode(out, num_values).status();
}

int64_t EncodeLevelsV1(const int16_t* levels, int64_t n, int max_level, Buffer* out) {
  if (max_level == 0) return 0;
  const int64_t start = out->size();
  out->Resize(start + 4);
  const int64_t len = EncodeLevelsV2(levels, n, max_level, out);
  bit_util::StoreLE<uint32_t>(out->mutable_data() + start, static_cast<uint32_t>(len));
  return 4 + len;
}

int64_t EncodeLevelsV2(const int16_t* levels, int64_t n, int max_level, Buffer* out) {
  if (max_level == 0) return 0;
  const int64_t start = out->size();
  RleBitPackedEncoder enc(bit_util::BitWidth(static_cast<uint64_t>(max_level)));
  enc.PutBatch(levels, n);
  enc.Flush(out);
  return out->size() - start;
}

}  // namespace sluice::parquet::encoding
