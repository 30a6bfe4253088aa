#include "sluice/parquet/encoding/delta_binary_packed.h"

#include <algorithm>
#include <cstring>

#include "sluice/common/bit_util.h"
#include "sluice/parquet/encoding/bit_packing.h"
#include "sluice/parquet/encoding/varint.h"

namespace sluice::parquet::encoding {
namespace {

constexpr int64_t kMaxBlockSize = int64_t{1} << 24;
constexpr int64_t kMaxMiniblocks = 256;
constexpr int64_t kSkipChunk = 1024;

}  // namespace

template <typename T>
Status DeltaBinaryPackedDecoder<T>::Init(const uint8_t* data, int64_t size) {
  begin_ = pos_ = data;
  end_ = data + size;
  uint64_t block_size, miniblocks, total, first;
  if (!ReadUleb128(&pos_, end_, 10, &block_size) || !ReadUleb128(&pos_, end_, 10, &miniblocks) ||
      !ReadUleb128(&pos_, end_, 10, &total) || !ReadUleb128(&pos_, end_, 10, &first)) {
    return Status::Corrupt("DELTA_BINARY_PACKED header is truncated or malformed ({} bytes)", size);
  }
  if (block_size == 0 || block_size % 128 != 0 || block_size > kMaxBlockSize) {
    return Status::Corrupt("DELTA_BINARY_PACKED block size {} is not a positive multiple of 128", block_size);
  }
  if (miniblocks == 0 || miniblocks > kMaxMiniblocks || block_size % miniblocks != 0 ||
      (block_size / miniblocks) % 32 != 0) {
    return Status::Corrupt("DELTA_BINARY_PACKED has {} miniblocks per block of {} values", miniblocks, block_size);
  }
  if (total > static_cast<uint64_t>(INT64_MAX)) {
    return Status::Corrupt("DELTA_BINARY_PACKED value count {} is too large", total);
  }
  block_size_ = static_cast<int64_t>(block_size);
  miniblocks_ = static_cast<int64_t>(miniblocks);
  mb_values_ = block_size_ / miniblocks_;
  total_ = left_ = static_cast<int64_t>(total);
  deltas_unassigned_ = total_ > 0 ? total_ - 1 : 0;
  first_pending_ = total_ > 0;
  last_ = static_cast<U>(ZigZagDecode(first));
  mb_next_ = miniblocks_;
  mb_left_ = 0;
  consumed_end_ = pos_;
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::NextBlock() {
  uint64_t min_delta;
  const uint8_t* header = pos_;
  if (!ReadUleb128(&pos_, end_, 10, &min_delta)) {
    return Status::Corrupt("DELTA_BINARY_PACKED block header at offset {} is truncated", header - begin_);
  }
  min_delta_ = static_cast<U>(ZigZagDecode(min_delta));
  if (end_ - pos_ < miniblocks_) {
    return Status::Corrupt("DELTA_BINARY_PACKED miniblock bit widths at offset {} are truncated", pos_ - begin_);
  }
  std::memcpy(widths_, pos_, static_cast<size_t>(miniblocks_));
  pos_ += miniblocks_;
  mb_next_ = 0;
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::NextMiniblock() {
  if (mb_next_ >= miniblocks_) SLUICE_RETURN_NOT_OK(NextBlock());
  mb_width_ = widths_[mb_next_++];
  if (mb_width_ > static_cast<int>(sizeof(T) * 8)) {
    return Status::Corrupt("DELTA_BINARY_PACKED miniblock bit width {} at offset {} exceeds {}", mb_width_,
                           pos_ - begin_, sizeof(T) * 8);
  }
  mb_left_ = std::min(mb_values_, deltas_unassigned_);
  deltas_unassigned_ -= mb_left_;
  const int64_t full = mb_values_ * mb_width_ / 8;
  const int64_t need = bit_util::BytesForBits(mb_left_ * mb_width_);
  const int64_t avail = end_ - pos_;
  if (avail < need) {
    return Status::Corrupt("DELTA_BINARY_PACKED miniblock at offset {} needs {} bytes, {} left", pos_ - begin_, need,
                           avail);
  }
  // The last miniblock is normally padded to full size; tolerate writers that do not.
  mb_avail_bytes_ = std::min(full, avail);
  mb_data_ = pos_;
  mb_index_ = 0;
  pos_ += mb_avail_bytes_;
  consumed_end_ = pos_;
  return Status::OK();
}

template <typename T>
Result<int64_t> DeltaBinaryPackedDecoder<T>::Decode(T* out, int64_t n) {
  n = std::min(n, left_);
  if (n <= 0) return 0;
  int64_t done = 0;
  U* o = reinterpret_cast<U*>(out);
  if (first_pending_) {
    o[0] = last_;
    first_pending_ = false;
    done = 1;
  }
  while (done < n) {
    if (mb_left_ == 0) {
      Status st = NextMiniblock();
      if (!st.ok()) {
        left_ -= done;
        return st;
      }
    }
    const int64_t k = std::min(n - done, mb_left_);
    U* d = o + done;
    U acc = last_;
    if (mb_width_ == 0) {
      for (int64_t i = 0; i < k; ++i) d[i] = acc += min_delta_;
    } else {
      if constexpr (sizeof(T) == 4) {
        UnpackRange32(mb_data_, mb_avail_bytes_, mb_width_, mb_index_, k, d);
      } else {
        UnpackRange64(mb_data_, mb_avail_bytes_, mb_width_, mb_index_, k, d);
      }
      // Unsigned arithmetic: deltas wrap modulo 2^32 / 2^64 by design.
      const U min_delta = min_delta_;
      for (int64_t i = 0; i < k; ++i) d[i] = acc += d[i] + min_delta;
    }
    last_ = acc;
    mb_index_ += k;
    mb_left_ -= k;
    done += k;
  }
  left_ -= n;
  return n;
}

template <typename T>
Result<int64_t> DeltaBinaryPackedDecoder<T>::Skip(int64_t n) {
  // Later values depend on every delta, so skipping decodes into scratch.
  n = std::min(n, left_);
  if (scratch_.empty()) scratch_.resize(kSkipChunk);
  int64_t done = 0;
  while (done < n) {
    const int64_t k = std::min(n - done, kSkipChunk);
    SLUICE_ASSIGN_OR_RETURN(int64_t got, Decode(reinterpret_cast<T*>(scratch_.data()), k));
    done += got;
    if (got < k) break;
  }
  return done;
}

template <typename T>
void DeltaBinaryPackedEncoder<T>::Put(const T* values, int64_t n) {
  int64_t i = 0;
  if (n > 0 && total_ == 0) {
    first_ = last_ = static_cast<U>(values[0]);
    i = 1;
  }
  for (; i < n; ++i) {
    const U v = static_cast<U>(values[i]);
    deltas_[block_len_++] = v - last_;
    last_ = v;
    if (block_len_ == kBlockSize) FlushBlock();
  }
  total_ += n;
}

template <typename T>
void DeltaBinaryPackedEncoder<T>::FlushBlock() {
  if (block_len_ == 0) return;
  T min = static_cast<T>(deltas_[0]);
  for (int i = 1; i < block_len_; ++i) min = std::min(min, static_cast<T>(deltas_[i]));
  const U umin = static_cast<U>(min);
  for (int i = 0; i < block_len_; ++i) deltas_[i] -= umin;
  for (int i = block_len_; i < kBlockSize; ++i) deltas_[i] = 0;  // pad the last miniblock
  WriteUleb128(ZigZagEncode(static_cast<int64_t>(min)), &blocks_);
  constexpr int kMbValues = kBlockSize / kMiniblocks;
  const int used = (block_len_ + kMbValues - 1) / kMbValues;
  uint8_t widths[kMiniblocks] = {};
  for (int m = 0; m < used; ++m) {
    U bits = 0;
    for (int i = 0; i < kMbValues; ++i) bits |= deltas_[m * kMbValues + i];
    widths[m] = static_cast<uint8_t>(bit_util::BitWidth(bits));
  }
  blocks_.Append(widths, kMiniblocks);
  for (int m = 0; m < used; ++m) {
    if constexpr (sizeof(T) == 4) {
      PackBits32(deltas_ + m * kMbValues, kMbValues, widths[m], &blocks_);
    } else {
      PackBits64(deltas_ + m * kMbValues, kMbValues, widths[m], &blocks_);
    }
  }
  block_len_ = 0;
}

template <typename T>
void DeltaBinaryPackedEncoder<T>::Flush(Buffer* out) {
  FlushBlock();
  WriteUleb128(kBlockSize, out);
  WriteUleb128(kMiniblocks, out);
  WriteUleb128(static_cast<uint64_t>(total_), out);
  WriteUleb128(ZigZagEncode(static_cast<int64_t>(static_cast<T>(first_))), out);
  out->Append(blocks_.data(), blocks_.size());
  blocks_.Clear();
  total_ = 0;
  first_ = last_ = 0;
}

template <typename T>
int64_t DeltaBinaryPackedEncoder<T>::EstimatedSize() const {
  return 4 * 10 + blocks_.size() + 10 + kMiniblocks + (block_len_ + 32) * static_cast<int64_t>(sizeof(T));
}

template class DeltaBinaryPackedDecoder<int32_t>;
template class DeltaBinaryPackedDecoder<int64_t>;
template class DeltaBinaryPackedEncoder<int32_t>;
template class DeltaBinaryPackedEncoder<int64_t>;

}  // namespace sluice::parquet::encoding
