#include "sluice/parquet/encoding/rle_hybrid.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "sluice/common/bit_util.h"
#include "sluice/parquet/encoding/bit_packing.h"
#include "sluice/parquet/encoding/varint.h"

namespace sluice::parquet::encoding {

void RleBitPackedDecoder::Init(const uint8_t* data, int64_t size, int bit_width) {
  begin_ = pos_ = data;
  end_ = data + size;
  bit_width_ = bit_width;
  rle_left_ = bp_left_ = bp_missing_ = bp_index_ = 0;
}

Result<bool> RleBitPackedDecoder::NextRun() {
  if (pos_ >= end_) return false;
  const uint8_t* p = pos_;
  uint64_t header;
  if (!ReadUleb128(&p, end_, 5, &header) || header > 0xffffffffu) {
    return Status::Corrupt("RLE/bit-packed run header at offset {} is truncated or overlong", pos_ - begin_);
  }
  const int64_t len = static_cast<int64_t>(header >> 1);
  if (header & 1) {
    // Bit-packed run of `len` groups of 8 values. A truncated final run is
    // decoded as far as its bytes go; asking for more is Corrupt.
    const int64_t values = len * 8;
    const int64_t bytes = len * bit_width_;
    const int64_t avail = end_ - p;
    bp_data_ = p;
    bp_index_ = 0;
    if (bytes <= avail) {
      bp_left_ = values;
      bp_avail_bytes_ = bytes;
      bp_missing_ = 0;
      pos_ = p + bytes;
    } else {
      bp_left_ = avail * 8 / bit_width_;
      bp_avail_bytes_ = avail;
      bp_missing_ = values - bp_left_;
      pos_ = end_;
    }
  } else {
    const int value_bytes = (bit_width_ + 7) / 8;
    if (end_ - p < value_bytes) {
      return Status::Corrupt("RLE run at offset {} ends before its {}-byte value", pos_ - begin_, value_bytes);
    }
    uint32_t v = 0;
    std::memcpy(&v, p, static_cast<size_t>(value_bytes));
    if (bit_width_ < 32 && (v >> bit_width_) != 0) {
      return Status::Corrupt("RLE run at offset {} repeats {} which exceeds bit width {}", pos_ - begin_, v,
                             bit_width_);
    }
    rle_value_ = v;
    rle_left_ = len;
    pos_ = p + value_bytes;
  }
  return true;
}

template <typename T>
Result<int64_t> RleBitPackedDecoder::DecodeImpl(T* out, int64_t n) {
  if (bit_width_ == 0) {
    if (out != nullptr) std::fill(out, out + n, T{0});
    return n;
  }
  int64_t done = 0;
  while (done < n) {
    if (rle_left_ > 0) {
      const int64_t k = std::min(n - done, rle_left_);
      if (out != nullptr) std::fill(out + done, out + done + k, static_cast<T>(rle_value_));
      rle_left_ -= k;
      done += k;
      continue;
    }
    if (bp_left_ > 0) {
      const int64_t k = std::min(n - done, bp_left_);
      if (out != nullptr) {
        if constexpr (sizeof(T) == 2) {
          UnpackRange16(bp_data_, bp_avail_bytes_, bit_width_, bp_index_, k, reinterpret_cast<uint16_t*>(out + done));
        } else {
          UnpackRange32(bp_data_, bp_avail_bytes_, bit_width_, bp_index_, k, out + done);
        }
      }
      bp_index_ += k;
      bp_left_ -= k;
      done += k;
      continue;
    }
    if (bp_missing_ > 0) {
      return Status::Corrupt("bit-packed run at offset {} needs {} more values than the input holds", bp_data_ - begin_,
                             bp_missing_);
    }
    SLUICE_ASSIGN_OR_RETURN(bool more, NextRun());
    if (!more) break;
  }
  return done;
}

Result<int64_t> RleBitPackedDecoder::Decode(uint32_t* out, int64_t n) { return DecodeImpl(out, n); }

Result<int64_t> RleBitPackedDecoder::Decode(int16_t* out, int64_t n) {
  if (bit_width_ > 16) return Status::Invalid("cannot decode bit width {} into 16-bit levels", bit_width_);
  return DecodeImpl(out, n);
}

Result<int64_t> RleBitPackedDecoder::Skip(int64_t n) { return DecodeImpl(static_cast<uint32_t*>(nullptr), n); }

Result<int64_t> RleBitPackedDecoder::DecodeBounded(uint32_t* out, int64_t n, uint32_t bound) {
  SLUICE_ASSIGN_OR_RETURN(int64_t got, DecodeImpl(out, n));
  uint32_t max = 0;
  for (int64_t i = 0; i < got; ++i) max = std::max(max, out[i]);
  if (got > 0 && max >= bound) {
    return Status::Corrupt("RLE value {} is out of range (must be < {})", max, bound);
  }
  return got;
}

RleBitPackedEncoder::RleBitPackedEncoder(int bit_width) : bit_width_(bit_width), value_bytes_((bit_width + 7) / 8) {}

void RleBitPackedEncoder::Reset(int bit_width) {
  bit_width_ = bit_width;
  value_bytes_ = (bit_width + 7) / 8;
  encoded_.Clear();
  num_literals_ = 0;
  run_len_ = 0;
}

void RleBitPackedEncoder::PutRepeated(uint32_t v, int64_t n) {
  if (n <= 0) return;
  if (run_len_ > 0 && v == run_value_) {
    run_len_ += n;
  } else {
    EndRun();
    run_value_ = v;
    run_len_ = n;
  }
}

template <typename T>
void RleBitPackedEncoder::PutBatchImpl(const T* v, int64_t n) {
  // The run state lives in locals so the loop stays in registers.
  uint32_t rv = run_value_;
  int64_t rl = run_len_;
  int nl = num_literals_;
  using U = std::make_unsigned_t<T>;
  for (int64_t i = 0; i < n; ++i) {
    if (rl >= 8) {
      // Long runs (levels of columns without nulls): extend 16 values per
      // step with a branch-free, vectorizable check.
      const U r = static_cast<U>(rv);
      while (i + 16 <= n && static_cast<uint32_t>(r) == rv) {
        U diff = 0;
        for (int k = 0; k < 16; ++k) diff |= static_cast<U>(static_cast<U>(v[i + k]) ^ r);
        if (diff != 0) break;
        rl += 16;
        i += 16;
      }
      if (i == n) break;
    }
    // Literal blocks (high-cardinality data, e.g. dictionary indices): when
    // no two neighbours among the next 16 values are equal and the first
    // differs from the open short run, that run and the 15 single-value runs
    // after it all become literals, which is what the loop below would do
    // value by value (the room check is its check for each of them).
    if (rl < 8 && i + 16 <= n && nl + rl + 15 < kMaxLiterals) {
      const U* u = reinterpret_cast<const U*>(v + i);
      U same = rl > 0 && static_cast<uint32_t>(u[0]) == rv;
      for (int k = 0; k < 15; ++k) same |= static_cast<U>(u[k] == u[k + 1]);
      if (!same) {
        for (int64_t k = 0; k < rl; ++k) literals_[nl++] = rv;
        for (int k = 0; k < 15; ++k) literals_[nl + k] = u[k];
        nl += 15;
        rv = u[15];
        rl = 1;
        i += 15;
        continue;
      }
    }
    const auto x = static_cast<uint32_t>(static_cast<U>(v[i]));
    if (x == rv && rl > 0) {
      ++rl;
      continue;
    }
    // A short run ends: the common case for high-cardinality data, so it
    // goes straight into the literal buffer without EndRun's bookkeeping.
    if (rl < 8 && nl + rl < kMaxLiterals) {
      for (int64_t k = 0; k < rl; ++k) literals_[nl++] = rv;
    } else {
      run_value_ = rv;
      run_len_ = rl;
      num_literals_ = nl;
      EndRun();
      nl = num_literals_;
    }
    rv = x;
    rl = 1;
  }
  run_value_ = rv;
  run_len_ = rl;
  num_literals_ = nl;
}

void RleBitPackedEncoder::PutBatch(const uint32_t* v, int64_t n) { PutBatchImpl(v, n); }

void RleBitPackedEncoder::PutBatch(const int16_t* v, int64_t n) { PutBatchImpl(v, n); }

void RleBitPackedEncoder::AppendLiterals(uint32_t v, int64_t n) {
  for (int64_t i = 0; i < n; ++i) literals_[num_literals_++] = v;
  if (num_literals_ >= kMaxLiterals) {
    // Emit whole groups; keep the (< 8) rest for the next run.
    const int whole = num_literals_ / 8 * 8;
    const int rest = num_literals_ - whole;
    num_literals_ = whole;
    uint32_t keep[8];
    std::memcpy(keep, literals_ + whole, sizeof(uint32_t) * static_cast<size_t>(rest));
    FlushLiterals();
    std::memcpy(literals_, keep, sizeof(uint32_t) * static_cast<size_t>(rest));
    num_literals_ = rest;
  }
}

void RleBitPackedEncoder::EndRun() {
  if (run_len_ == 0) return;
  if (run_len_ >= 8) {
    // Literals must end on a group boundary before an RLE run; top them up
    // from the run when it stays long enough to be worth an RLE run.
    const int64_t pad = (8 - num_literals_ % 8) % 8;
    if (run_len_ - pad >= 8) {
      AppendLiterals(run_value_, pad);
      run_len_ -= pad;
      FlushLiterals();
      WriteRleRun(run_value_, run_len_);
      run_len_ = 0;
      return;
    }
  }
  while (run_len_ > 0) {
    const int64_t k = std::min<int64_t>(run_len_, 8);
    AppendLiterals(run_value_, k);
    run_len_ -= k;
  }
}

void RleBitPackedEncoder::FlushLiterals() {
  if (num_literals_ == 0) return;
  const int groups = (num_literals_ + 7) / 8;
  while (num_literals_ < groups * 8) literals_[num_literals_++] = 0;
  WriteUleb128((static_cast<uint64_t>(groups) << 1) | 1, &encoded_);
  PackBits32(literals_, num_literals_, bit_width_, &encoded_);
  num_literals_ = 0;
}

void RleBitPackedEncoder::WriteRleRun(uint32_t v, int64_t n) {
  constexpr int64_t kMaxRun = int64_t{1} << 30;  // keeps the header within 32 bits
  while (n > 0) {
    const int64_t k = std::min(n, kMaxRun);
    WriteUleb128(static_cast<uint64_t>(k) << 1, &encoded_);
    encoded_.Append(&v, value_bytes_);
    n -= k;
  }
}

void RleBitPackedEncoder::Flush(Buffer* out) {
  EndRun();
  FlushLiterals();
  out->Append(encoded_.data(), encoded_.size());
  encoded_.Clear();
}

int64_t RleBitPackedEncoder::EstimatedSize() const {
  const int64_t pending = num_literals_ + std::min<int64_t>(run_len_, 16) + 8;
  return encoded_.size() + 2 * (5 + value_bytes_) + bit_util::BytesForBits(pending * bit_width_);
}

}  // namespace sluice::parquet::encoding
