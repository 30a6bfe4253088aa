#include "sluice/parquet/encoding/delta_length_byte_array.h"

#include <algorithm>
#include <cassert>
#include <limits>

#include "sluice/common/bit_util.h"

namespace sluice::parquet::encoding {
namespace {

constexpr int64_t kMaxOffset = std::numeric_limits<int32_t>::max();

}  // namespace

Status DeltaLengthByteArrayDecoder::Init(const uint8_t* data, int64_t size, int64_t max_values) {
  begin_ = data;
  next_ = 0;
  chunk_pos_ = chunk_len_ = 0;
  // First pass: validate the lengths and find where the bytes start.
  DeltaBinaryPackedDecoder<int32_t> lengths;
  SLUICE_RETURN_NOT_OK(lengths.Init(data, size).WithContext("DELTA_LENGTH_BYTE_ARRAY lengths"));
  if (lengths.total_values() > max_values) {
    return Status::Corrupt("DELTA_LENGTH_BYTE_ARRAY holds {} values, more than the page's {}", lengths.total_values(),
                           max_values);
  }
  int64_t total_bytes = 0;
  int64_t index = 0;
  while (lengths.values_left() > 0) {
    auto got = lengths.Decode(chunk_, kChunk);
    if (!got.ok()) return got.status().WithContext("DELTA_LENGTH_BYTE_ARRAY lengths");
    for (int64_t i = 0; i < *got; ++i, ++index) {
      if (chunk_[i] < 0) return Status::Corrupt("DELTA_LENGTH_BYTE_ARRAY value {} has length {}", index, chunk_[i]);
      total_bytes += chunk_[i];
    }
    if (total_bytes > size) break;  // reported below
  }
  const int64_t consumed = lengths.bytes_consumed();
  if (total_bytes > size - consumed) {
    return Status::Corrupt("DELTA_LENGTH_BYTE_ARRAY lengths sum to {} bytes but only {} follow them", total_bytes,
                           size - consumed);
  }
  total_ = lengths.total_values();
  data_ = data + consumed;
  data_end_ = data_ + total_bytes;
  // Second pass streams the lengths as values are decoded.
  return lengths_.Init(data, size);
}

Result<int64_t> DeltaLengthByteArrayDecoder::NextLengths(int64_t n, const int32_t** out) {
  if (chunk_pos_ == chunk_len_) {
    SLUICE_ASSIGN_OR_RETURN(int64_t got, lengths_.Decode(chunk_, kChunk));
    chunk_pos_ = 0;
    chunk_len_ = static_cast<int>(got);
  }
  const int64_t k = std::min<int64_t>(n, chunk_len_ - chunk_pos_);
  *out = chunk_ + chunk_pos_;
  chunk_pos_ += static_cast<int>(k);
  return k;
}

Result<int64_t> DeltaLengthByteArrayDecoder::Decode(Buffer* offsets, Buffer* data, int64_t n) {
  n = std::min(n, values_left());
  if (n <= 0) return 0;
  const int64_t offsets_start = offsets->size();
  assert(offsets_start >= 4 && "caller appends the start offset first");
  const int64_t base = bit_util::LoadLE<int32_t>(offsets->data() + offsets_start - 4);
  offsets->ResizeUninitialized(offsets_start + 4 * n);
  int32_t* out = reinterpret_cast<int32_t*>(offsets->mutable_data() + offsets_start);
  int64_t offset = base;
  for (int64_t done = 0; done < n;) {
    const int32_t* len = nullptr;
    SLUICE_ASSIGN_OR_RETURN(int64_t k, NextLengths(n - done, &len));
    if (k == 0) return Status::Corrupt("DELTA_LENGTH_BYTE_ARRAY lengths ended early");
    for (int64_t i = 0; i < k; ++i) {
      offset += len[i];
      out[done + i] = static_cast<int32_t>(offset);
    }
    done += k;
    if (offset > kMaxOffset) {
      offsets->Resize(offsets_start);
      return Status::OutOfRange("BYTE_ARRAY data exceeds 2^31-1 bytes in one batch");
    }
  }
  // Values are contiguous in the page: one copy for the whole batch.
  data->Append(data_, offset - base);
  data_ += offset - base;
  next_ += n;
  return n;
}

Result<int64_t> DeltaLengthByteArrayDecoder::Decode(std::string_view* out, int64_t n) {
  n = std::max<int64_t>(std::min(n, values_left()), 0);
  for (int64_t done = 0; done < n;) {
    const int32_t* len = nullptr;
    SLUICE_ASSIGN_OR_RETURN(int64_t k, NextLengths(n - done, &len));
    if (k == 0) return Status::Corrupt("DELTA_LENGTH_BYTE_ARRAY lengths ended early");
    for (int64_t i = 0; i < k; ++i) {
      out[done + i] = std::string_view(reinterpret_cast<const char*>(data_), static_cast<size_t>(len[i]));
      data_ += len[i];
    }
    done += k;
  }
  next_ += n;
  return n;
}

Result<int64_t> DeltaLengthByteArrayDecoder::Skip(int64_t n) {
  n = std::max<int64_t>(std::min(n, values_left()), 0);
  for (int64_t done = 0; done < n;) {
    const int32_t* len = nullptr;
    SLUICE_ASSIGN_OR_RETURN(int64_t k, NextLengths(n - done, &len));
    if (k == 0) return Status::Corrupt("DELTA_LENGTH_BYTE_ARRAY lengths ended early");
    for (int64_t i = 0; i < k; ++i) data_ += len[i];
    done += k;
  }
  next_ += n;
  return n;
}

void DeltaLengthByteArrayEncoder::Put(std::span<const std::string_view> values) {
  int32_t lens[256];
  size_t i = 0;
  while (i < values.size()) {
    const size_t k = std::min<size_t>(256, values.size() - i);
    for (size_t j = 0; j < k; ++j) {
      const std::string_view v = values[i + j];
      lens[j] = static_cast<int32_t>(v.size());
      bytes_.Append(v.data(), static_cast<int64_t>(v.size()));
    }
    lengths_.Put(lens, static_cast<int64_t>(k));
    i += k;
  }
}

void DeltaLengthByteArrayEncoder::Put(const int32_t* offsets, const uint8_t* data, int64_t n) {
  int32_t lens[256];
  int64_t i = 0;
  while (i < n) {
    const int64_t k = std::min<int64_t>(256, n - i);
    for (int64_t j = 0; j < k; ++j) lens[j] = offsets[i + j + 1] - offsets[i + j];
    lengths_.Put(lens, k);
    i += k;
  }
  if (n > 0) bytes_.Append(data + offsets[0], offsets[n] - offsets[0]);
}

void DeltaLengthByteArrayEncoder::Flush(Buffer* out) {
  lengths_.Flush(out);
  out->Append(bytes_.data(), bytes_.size());
  bytes_.Clear();
}

}  // namespace sluice::parquet::encoding
