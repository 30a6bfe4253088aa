#include "sluice/parquet/encoding/delta_length_byte_array.h"

#include <algorithm>
#include <cassert>
#include <limits>

#include "sluice/common/bit_util.h"

namespace sluice::parquet::encoding {
namespace {

constexpr int64_t kMaxOffset = std::numeric_limits<int32_t>::max();
constexpr int64_t kChunk = 4096;

}  // namespace

Status DeltaLengthByteArrayDecoder::Init(const uint8_t* data, int64_t size, int64_t max_values) {
  begin_ = data;
  next_ = 0;
  lengths_.clear();
  DeltaBinaryPackedDecoder<int32_t> lengths;
  SLUICE_RETURN_NOT_OK(lengths.Init(data, size).WithContext("DELTA_LENGTH_BYTE_ARRAY lengths"));
  if (lengths.total_values() > max_values) {
    return Status::Corrupt("DELTA_LENGTH_BYTE_ARRAY holds {} values, more than the page's {}", lengths.total_values(),
                           max_values);
  }
  // Grow with what actually decodes, not with the count the header claims.
  int64_t total_bytes = 0;
  while (lengths.values_left() > 0) {
    const int64_t old = static_cast<int64_t>(lengths_.size());
    const int64_t k = std::min(kChunk, lengths.values_left());
    lengths_.resize(static_cast<size_t>(old + k));
    auto got = lengths.Decode(lengths_.data() + old, k);
    if (!got.ok()) return got.status().WithContext("DELTA_LENGTH_BYTE_ARRAY lengths");
    for (int64_t i = old; i < old + k; ++i) {
      if (lengths_[i] < 0) return Status::Corrupt("DELTA_LENGTH_BYTE_ARRAY value {} has length {}", i, lengths_[i]);
      total_bytes += lengths_[i];
    }
    if (total_bytes > size) break;  // reported below
  }
  const int64_t consumed = lengths.bytes_consumed();
  if (total_bytes > size - consumed) {
    return Status::Corrupt("DELTA_LENGTH_BYTE_ARRAY lengths sum to {} bytes but only {} follow them", total_bytes,
                           size - consumed);
  }
  data_ = data + consumed;
  data_end_ = data_ + total_bytes;
  return Status::OK();
}

Result<int64_t> DeltaLengthByteArrayDecoder::Decode(Buffer* offsets, Buffer* data, int64_t n) {
  n = std::min(n, values_left());
  if (n <= 0) return 0;
  const int64_t offsets_start = offsets->size();
  assert(offsets_start >= 4 && "caller appends the start offset first");
  const int64_t base = bit_util::LoadLE<int32_t>(offsets->data() + offsets_start - 4);
  offsets->Resize(offsets_start + 4 * n);
  int32_t* out = reinterpret_cast<int32_t*>(offsets->mutable_data() + offsets_start);
  const int32_t* len = lengths_.data() + next_;
  int64_t offset = base;
  for (int64_t i = 0; i < n; ++i) {
    offset += len[i];
    out[i] = static_cast<int32_t>(offset);
  }
  if (offset > kMaxOffset) {
    offsets->Resize(offsets_start);
    return Status::OutOfRange("BYTE_ARRAY data exceeds 2^31-1 bytes in one batch");
  }
  // Values are contiguous in the page: one copy for the whole batch.
  data->Append(data_, offset - base);
  data_ += offset - base;
  next_ += n;
  return n;
}

Result<int64_t> DeltaLengthByteArrayDecoder::Decode(std::string_view* out, int64_t n) {
  n = std::min(n, values_left());
  for (int64_t i = 0; i < n; ++i) {
    const int32_t len = lengths_[next_ + i];
    out[i] = std::string_view(reinterpret_cast<const char*>(data_), static_cast<size_t>(len));
    data_ += len;
  }
  next_ += std::max<int64_t>(n, 0);
  return std::max<int64_t>(n, 0);
}

Result<int64_t> DeltaLengthByteArrayDecoder::Skip(int64_t n) {
  n = std::max<int64_t>(std::min(n, values_left()), 0);
  for (int64_t i = 0; i < n; ++i) data_ += lengths_[next_ + i];
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
