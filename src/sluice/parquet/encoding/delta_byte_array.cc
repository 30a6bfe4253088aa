#include "sluice/parquet/encoding/delta_byte_array.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>

#include "sluice/common/bit_util.h"

namespace sluice::parquet::encoding {
namespace {

constexpr int64_t kMaxOffset = std::numeric_limits<int32_t>::max();
constexpr int64_t kEncodeChunk = 256;

// Length of the common prefix of a and b.
size_t CommonPrefix(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const uint64_t x = bit_util::LoadLE<uint64_t>(a.data() + i) ^ bit_util::LoadLE<uint64_t>(b.data() + i);
    if (x != 0) return i + static_cast<size_t>(std::countr_zero(x) / 8);
  }
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

}  // namespace

Status DeltaByteArrayDecoder::Init(const uint8_t* data, int64_t size, int64_t max_values) {
  next_ = 0;
  last_.clear();
  // First pass over the prefix lengths finds where the suffixes start; the
  // second (prefixes_) streams them, so memory stays constant.
  DeltaBinaryPackedDecoder<int32_t> prefixes;
  SLUICE_RETURN_NOT_OK(prefixes.Init(data, size).WithContext("DELTA_BYTE_ARRAY prefix lengths"));
  if (prefixes.total_values() > max_values) {
    return Status::Corrupt("DELTA_BYTE_ARRAY holds {} values, more than the page's {}", prefixes.total_values(),
                           max_values);
  }
  while (prefixes.values_left() > 0) {
    auto got = prefixes.Decode(prefix_batch_, kChunk);
    if (!got.ok()) return got.status().WithContext("DELTA_BYTE_ARRAY prefix lengths");
  }
  const int64_t consumed = prefixes.bytes_consumed();
  SLUICE_RETURN_NOT_OK(
      suffixes_.Init(data + consumed, size - consumed, max_values).WithContext("DELTA_BYTE_ARRAY suffixes"));
  total_ = prefixes.total_values();
  if (suffixes_.values_left() != total_) {
    return Status::Corrupt("DELTA_BYTE_ARRAY has {} prefix lengths but {} suffixes", total_, suffixes_.values_left());
  }
  return prefixes_.Init(data, size);
}

Status DeltaByteArrayDecoder::NextChunk(int64_t k) {
  SLUICE_ASSIGN_OR_RETURN(int64_t got_prefixes, prefixes_.Decode(prefix_batch_, k));
  SLUICE_ASSIGN_OR_RETURN(int64_t got_suffixes, suffixes_.Decode(suffix_batch_, k));
  if (got_prefixes != k || got_suffixes != k) return Status::Corrupt("DELTA_BYTE_ARRAY sections ended early");
  return Status::OK();
}

Result<int64_t> DeltaByteArrayDecoder::Decode(Buffer* offsets, Buffer* data, int64_t n) {
  n = std::min(n, values_left());
  if (n <= 0) return 0;
  const int64_t offsets_start = offsets->size();
  assert(offsets_start >= 4 && "caller appends the start offset first");
  int64_t offset = bit_util::LoadLE<int32_t>(offsets->data() + offsets_start - 4);
  offsets->ResizeUninitialized(offsets_start + 4 * n);
  int64_t done = 0;
  while (done < n) {
    const int64_t k = std::min<int64_t>(kChunk, n - done);
    SLUICE_RETURN_NOT_OK(NextChunk(k));
    int64_t bytes = 0;
    for (int64_t i = 0; i < k; ++i) bytes += prefix_batch_[i] + static_cast<int64_t>(suffix_batch_[i].size());
    if (offset + bytes > kMaxOffset) {
      offsets->Resize(offsets_start);
      return Status::OutOfRange("BYTE_ARRAY data exceeds 2^31-1 bytes in one batch");
    }
    data->Reserve(data->size() + bytes);
    for (int64_t i = 0; i < k; ++i) {
      const int32_t p = prefix_batch_[i];
      if (p < 0 || static_cast<size_t>(p) > last_.size()) {
        offsets->Resize(offsets_start);
        return Status::Corrupt("DELTA_BYTE_ARRAY value {} has prefix length {} but the previous value has {} bytes",
                               next_ + i, p, last_.size());
      }
      // Keep the shared prefix in place and append the new suffix.
      last_.resize(static_cast<size_t>(p));
      last_.append(suffix_batch_[i]);
      data->Append(last_.data(), static_cast<int64_t>(last_.size()));
      offset += static_cast<int64_t>(last_.size());
      bit_util::StoreLE<int32_t>(offsets->mutable_data() + offsets_start + 4 * (done + i),
                                 static_cast<int32_t>(offset));
    }
    next_ += k;
    done += k;
  }
  return n;
}

Result<int64_t> DeltaByteArrayDecoder::Skip(int64_t n) {
  n = std::max<int64_t>(std::min(n, values_left()), 0);
  int64_t done = 0;
  while (done < n) {
    const int64_t k = std::min<int64_t>(kChunk, n - done);
    SLUICE_RETURN_NOT_OK(NextChunk(k));
    for (int64_t i = 0; i < k; ++i) {
      const int32_t p = prefix_batch_[i];
      if (p < 0 || static_cast<size_t>(p) > last_.size()) {
        return Status::Corrupt("DELTA_BYTE_ARRAY value {} has prefix length {} but the previous value has {} bytes",
                               next_ + i, p, last_.size());
      }
      last_.resize(static_cast<size_t>(p));
      last_.append(suffix_batch_[i]);
    }
    next_ += k;
    done += k;
  }
  return n;
}

void DeltaByteArrayEncoder::Put(std::span<const std::string_view> values) {
  int32_t prefixes[kEncodeChunk];
  std::string_view suffixes[kEncodeChunk];
  size_t i = 0;
  while (i < values.size()) {
    const size_t k = std::min<size_t>(kEncodeChunk, values.size() - i);
    // Suffix views point into `values`, which outlive this call; last_ is
    // updated only after the prefix is measured.
    for (size_t j = 0; j < k; ++j) {
      const std::string_view v = values[i + j];
      const size_t p = CommonPrefix(last_, v);
      prefixes[j] = static_cast<int32_t>(p);
      suffixes[j] = v.substr(p);
      last_.assign(v);
    }
    prefixes_.Put(prefixes, static_cast<int64_t>(k));
    suffixes_.Put(std::span<const std::string_view>(suffixes, k));
    i += k;
  }
}

void DeltaByteArrayEncoder::Put(const int32_t* offsets, const uint8_t* data, int64_t n) {
  std::string_view views[kEncodeChunk];
  int64_t i = 0;
  while (i < n) {
    const int64_t k = std::min(kEncodeChunk, n - i);
    for (int64_t j = 0; j < k; ++j) {
      views[j] = std::string_view(reinterpret_cast<const char*>(data) + offsets[i + j],
                                  static_cast<size_t>(offsets[i + j + 1] - offsets[i + j]));
    }
    Put(std::span<const std::string_view>(views, static_cast<size_t>(k)));
    i += k;
  }
}

void DeltaByteArrayEncoder::Flush(Buffer* out) {
  prefixes_.Flush(out);
  suffixes_.Flush(out);
  last_.clear();
}

}  // namespace sluice::parquet::encoding
