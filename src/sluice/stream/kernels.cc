#include "sluice/stream/kernels.h"

#include <cstring>
#include <memory>

#include "sluice/common/bit_util.h"

namespace sluice::stream {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::RecordBatch;
using columnar::TypeId;

namespace {

// Builds the validity bitmap of the taken values (nullptr when none is null).
BufferPtr TakeValidity(const Array& a, std::span<const int32_t> idx, int64_t* null_count) {
  *null_count = 0;
  if (a.null_count == 0 || a.validity() == nullptr) return nullptr;
  auto bits = std::make_shared<Buffer>(bit_util::BytesForBits(static_cast<int64_t>(idx.size())));
  for (size_t i = 0; i < idx.size(); ++i) {
    if (a.IsValid(idx[i])) {
      bit_util::SetBit(bits->mutable_data(), static_cast<int64_t>(i));
    } else {
      ++*null_count;
    }
  }
  return *null_count == 0 ? nullptr : bits;
}

template <int kWidth>
void TakeFixed(const uint8_t* src, std::span<const int32_t> idx, uint8_t* dst) {
  for (size_t i = 0; i < idx.size(); ++i)
    std::memcpy(dst + i * kWidth, src + static_cast<int64_t>(idx[i]) * kWidth, kWidth);
}

}  // namespace

Result<ArrayPtr> TakeArray(const Array& a, std::span<const int32_t> idx) {
  const int64_t n = static_cast<int64_t>(idx.size());
  auto out = std::make_shared<Array>();
  out->type = a.type;
  out->length = n;
  if (a.type->id == TypeId::kNull) {
    out->null_count = n;
    return ArrayPtr(out);
  }
  if (a.type->IsNested()) return Status::NotSupported("take of nested type {}", a.type->ToString());
  int64_t nulls = 0;
  out->buffers.push_back(TakeValidity(a, idx, &nulls));
  out->null_count = nulls;
  if (a.type->id == TypeId::kBool) {
    auto bits = std::make_shared<Buffer>(bit_util::BytesForBits(n));
    for (int64_t i = 0; i < n; ++i) {
      if (a.BoolValue(idx[i])) bit_util::SetBit(bits->mutable_data(), i);
    }
    out->buffers.push_back(std::move(bits));
  } else if (a.type->IsBinaryLike()) {
    auto offsets = std::make_shared<Buffer>();
    offsets->ResizeUninitialized((n + 1) * 4);
    int32_t* o = offsets->mutable_data_as<int32_t>();
    const int32_t* src_o = a.offsets();
    int64_t total = 0;
    o[0] = 0;
    for (int64_t i = 0; i < n; ++i) {
      total += src_o[idx[i] + 1] - src_o[idx[i]];
      if (total > INT32_MAX) return Status::Invalid("take: string data exceeds 2^31-1 bytes");
      o[i + 1] = static_cast<int32_t>(total);
    }
    auto data = std::make_shared<Buffer>();
    data->ResizeUninitialized(total);
    const uint8_t* src = a.buffers[2]->data();
    for (int64_t i = 0; i < n && total > 0; ++i) {  // no copy (and no null pointers) when every value is empty
      const int32_t len = o[i + 1] - o[i];
      if (len > 0) std::memcpy(data->mutable_data() + o[i], src + src_o[idx[i]], static_cast<size_t>(len));
    }
    out->buffers.push_back(std::move(offsets));
    out->buffers.push_back(std::move(data));
  } else {
    const int w = a.type->FixedWidth();
    auto values = std::make_shared<Buffer>();
    values->ResizeUninitialized(n * w);
    const uint8_t* src = a.buffers[1]->data() + a.offset * w;
    uint8_t* dst = values->mutable_data();
    switch (w) {
      case 1:
        TakeFixed<1>(src, idx, dst);
        break;
      case 2:
        TakeFixed<2>(src, idx, dst);
        break;
      case 4:
        TakeFixed<4>(src, idx, dst);
        break;
      case 8:
        TakeFixed<8>(src, idx, dst);
        break;
      default:
        for (int64_t i = 0; i < n; ++i) std::memcpy(dst + i * w, src + static_cast<int64_t>(idx[i]) * w, w);
    }
    out->buffers.push_back(std::move(values));
  }
  return ArrayPtr(out);
}

Result<RecordBatch> TakeRows(const RecordBatch& batch, std::span<const int32_t> idx) {
  RecordBatch out;
  out.schema = batch.schema;
  out.num_rows = static_cast<int64_t>(idx.size());
  out.columns.reserve(batch.columns.size());
  for (const auto& c : batch.columns) {
    SLUICE_ASSIGN_OR_RETURN(ArrayPtr a, TakeArray(*c, idx));
    out.columns.push_back(std::move(a));
  }
  return out;
}

Result<RecordBatch> FilterRows(const RecordBatch& batch, std::span<const uint8_t> keep) {
  std::vector<int32_t> idx;
  idx.reserve(keep.size());
  for (size_t i = 0; i < keep.size(); ++i) {
    if (keep[i]) idx.push_back(static_cast<int32_t>(i));
  }
  if (static_cast<int64_t>(idx.size()) == batch.num_rows) return batch;
  return TakeRows(batch, idx);
}

Result<RecordBatch> FilterRows(const RecordBatch& batch, const Array& mask) {
  if (mask.type->id != TypeId::kBool || mask.length != batch.num_rows) {
    return Status::Invalid("filter mask must be bool with {} rows, got {} with {}", batch.num_rows,
                           mask.type->ToString(), mask.length);
  }
  std::vector<uint8_t> keep(static_cast<size_t>(batch.num_rows));
  for (int64_t i = 0; i < batch.num_rows; ++i) keep[i] = mask.IsValid(i) && mask.BoolValue(i);
  return FilterRows(batch, keep);
}

}  // namespace sluice::stream
