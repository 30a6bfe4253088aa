#include "sluice/parquet/encoding/byte_stream_split.h"

#include <algorithm>

namespace sluice::parquet::encoding {
namespace {

// Gathers values [start, start+n) from `width` streams of `stride` bytes.
// Widths known at compile time let the compiler unroll the inner loop.
template <int W>
void Gather(const uint8_t* streams, int64_t stride, int64_t start, int64_t n, uint8_t* out) {
  for (int64_t i = 0; i < n; ++i) {
    for (int j = 0; j < W; ++j) out[i * W + j] = streams[j * stride + start + i];
  }
}

void GatherAny(const uint8_t* streams, int width, int64_t stride, int64_t start, int64_t n, uint8_t* out) {
  for (int j = 0; j < width; ++j) {
    const uint8_t* s = streams + j * stride + start;
    for (int64_t i = 0; i < n; ++i) out[i * width + j] = s[i];
  }
}

template <int W>
void Scatter(const uint8_t* values, int64_t n, uint8_t* out) {
  for (int64_t i = 0; i < n; ++i) {
    for (int j = 0; j < W; ++j) out[j * n + i] = values[i * W + j];
  }
}

void ScatterAny(const uint8_t* values, int64_t n, int width, uint8_t* out) {
  for (int j = 0; j < width; ++j) {
    uint8_t* s = out + j * n;
    for (int64_t i = 0; i < n; ++i) s[i] = values[i * width + j];
  }
}

}  // namespace

Status ByteStreamSplitDecoder::Init(const uint8_t* data, int64_t size, int width) {
  if (width <= 0) return Status::Invalid("BYTE_STREAM_SPLIT width {} must be positive", width);
  if (size % width != 0) {
    return Status::Corrupt("BYTE_STREAM_SPLIT data of {} bytes is not a multiple of the value width {}", size, width);
  }
  data_ = data;
  width_ = width;
  num_values_ = size / width;
  next_ = 0;
  return Status::OK();
}

Result<int64_t> ByteStreamSplitDecoder::Decode(uint8_t* out, int64_t n) {
  n = std::max<int64_t>(std::min(n, values_left()), 0);
  switch (width_) {
    case 2:
      Gather<2>(data_, num_values_, next_, n, out);
      break;
    case 4:
      Gather<4>(data_, num_values_, next_, n, out);
      break;
    case 8:
      Gather<8>(data_, num_values_, next_, n, out);
      break;
    default:
      GatherAny(data_, width_, num_values_, next_, n, out);
  }
  next_ += n;
  return n;
}

Result<int64_t> ByteStreamSplitDecoder::Skip(int64_t n) {
  n = std::max<int64_t>(std::min(n, values_left()), 0);
  next_ += n;
  return n;
}

void ByteStreamSplitEncode(const uint8_t* values, int64_t n, int width, Buffer* out) {
  const int64_t start = out->size();
  out->ResizeUninitialized(start + n * width);
  uint8_t* dst = out->mutable_data() + start;
  switch (width) {
    case 2:
      Scatter<2>(values, n, dst);
      break;
    case 4:
      Scatter<4>(values, n, dst);
      break;
    case 8:
      Scatter<8>(values, n, dst);
      break;
    default:
      ScatterAny(values, n, width, dst);
  }
}

}  // namespace sluice::parquet::encoding
