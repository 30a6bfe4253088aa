#include "sluice/columnar/take.h"

#include <cstring>
#include <vector>

namespace sluice::columnar {
namespace {

template <typename T>
BufferPtr GatherFixed(const uint8_t* src, const int32_t* idx, int64_t n) {
  auto out = std::make_shared<Buffer>();
  out->ResizeUninitialized(n * static_cast<int64_t>(sizeof(T)));
  const T* s = reinterpret_cast<const T*>(src);
  T* d = out->mutable_data_as<T>();
  for (int64_t i = 0; i < n; ++i) d[i] = s[idx[i]];
  return out;
}

// Gathers values of width `w` bytes (any width, e.g. decimals and fixed binary).
BufferPtr GatherBytes(const uint8_t* src, int32_t w, const int32_t* idx, int64_t n) {
  switch (w) {
    case 1:
      return GatherFixed<uint8_t>(src, idx, n);
    case 2:
      return GatherFixed<uint16_t>(src, idx, n);
    case 4:
      return GatherFixed<uint32_t>(src, idx, n);
    case 8:
      return GatherFixed<uint64_t>(src, idx, n);
    default: {
      auto out = std::make_shared<Buffer>();
      out->ResizeUninitialized(n * w);
      uint8_t* d = out->mutable_data();
      for (int64_t i = 0; i < n; ++i) std::memcpy(d + i * w, src + static_cast<int64_t>(idx[i]) * w, w);
      return out;
    }
  }
}

// `idx` are trusted to lie in [0, a.length).
Result<ArrayPtr> Take(const Array& a, const int32_t* idx, int64_t n) {
  auto out = std::make_shared<Array>();
  out->type = a.type;
  out->length = n;
  const TypeId id = a.type->id;
  if (id == TypeId::kNull) {
    out->null_count = n;
    return ArrayPtr(std::move(out));
  }
  BufferPtr validity;
  if (a.null_count > 0 && a.validity() != nullptr) {
    validity = std::make_shared<Buffer>(bit_util::BytesForBits(n));
    const uint8_t* src = a.validity();
    uint8_t* dst = validity->mutable_data();
    int64_t valid = 0;
    for (int64_t i = 0; i < n; ++i) {
      const bool v = bit_util::GetBit(src, a.offset + idx[i]);
      if (v) bit_util::SetBit(dst, i);
      valid += v;
    }
    out->null_count = n - valid;
    if (out->null_count == 0) validity = nullptr;
  }
  out->buffers.push_back(std::move(validity));
  if (id == TypeId::kBool) {
    auto bits = std::make_shared<Buffer>(bit_util::BytesForBits(n));
    const uint8_t* src = a.buffers[1]->data();
    for (int64_t i = 0; i < n; ++i) {
      if (bit_util::GetBit(src, a.offset + idx[i])) bit_util::SetBit(bits->mutable_data(), i);
    }
    out->buffers.push_back(std::move(bits));
  } else if (a.type->IsBinaryLike()) {
    const int32_t* o = a.offsets();
    int64_t total = 0;
    for (int64_t i = 0; i < n; ++i) total += o[idx[i] + 1] - o[idx[i]];
    if (total > INT32_MAX) return Status::Invalid("taken rows hold more than 2 GiB of {} data", a.type->ToString());
    auto offsets = std::make_shared<Buffer>();
    offsets->ResizeUninitialized((n + 1) * 4);
    auto data = std::make_shared<Buffer>();
    data->ResizeUninitialized(total);
    int32_t* no = offsets->mutable_data_as<int32_t>();
    const uint8_t* src = a.buffers[2]->data();
    uint8_t* dst = data->mutable_data();
    int32_t pos = 0;
    no[0] = 0;
    for (int64_t i = 0; i < n; ++i) {
      const int32_t start = o[idx[i]], len = o[idx[i] + 1] - start;
      if (len > 0) std::memcpy(dst + pos, src + start, static_cast<size_t>(len));  // empty data may be null
      pos += len;
      no[i + 1] = pos;
    }
    out->buffers.push_back(std::move(offsets));
    out->buffers.push_back(std::move(data));
  } else if (id == TypeId::kStruct) {
    for (const auto& child : a.children) {
      // A struct's offset applies to its children.
      ArrayPtr view = a.offset == 0 && child->length == a.length ? child : child->Slice(a.offset, a.length);
      SLUICE_ASSIGN_OR_RETURN(auto c, Take(*view, idx, n));
      out->children.push_back(std::move(c));
    }
  } else if (id == TypeId::kList || id == TypeId::kMap) {
    // Offsets index the child array; gather the child positions of each taken list.
    const int32_t* o = a.offsets();
    auto offsets = std::make_shared<Buffer>();
    offsets->ResizeUninitialized((n + 1) * 4);
    int32_t* no = offsets->mutable_data_as<int32_t>();
    std::vector<int32_t> child_idx;
    no[0] = 0;
    for (int64_t i = 0; i < n; ++i) {
      const int32_t start = o[idx[i]], end = o[idx[i] + 1];
      if (static_cast<int64_t>(child_idx.size()) + (end - start) > INT32_MAX) {
        return Status::Invalid("taken rows hold more than 2^31 {} elements", a.type->ToString());
      }
      for (int32_t k = start; k < end; ++k) child_idx.push_back(k);
      no[i + 1] = static_cast<int32_t>(child_idx.size());
    }
    SLUICE_ASSIGN_OR_RETURN(auto c, Take(*a.children[0], child_idx.data(), static_cast<int64_t>(child_idx.size())));
    out->buffers.push_back(std::move(offsets));
    out->children.push_back(std::move(c));
  } else {
    const int32_t w = a.type->FixedWidth();
    if (w <= 0) return Status::NotSupported("taking rows of {} arrays", a.type->ToString());
    out->buffers.push_back(GatherBytes(a.buffers[1]->data() + a.offset * w, w, idx, n));
  }
  return ArrayPtr(std::move(out));
}

Status CheckIndices(std::span<const int32_t> indices, int64_t length) {
  for (const int32_t i : indices) {
    if (i < 0 || i >= length) return Status::Invalid("row index {} outside [0, {})", i, length);
  }
  return Status::OK();
}

}  // namespace

Result<ArrayPtr> TakeArray(const Array& array, std::span<const int32_t> indices) {
  SLUICE_RETURN_NOT_OK(CheckIndices(indices, array.length));
  return Take(array, indices.data(), static_cast<int64_t>(indices.size()));
}

Result<RecordBatch> TakeRows(const RecordBatch& batch, std::span<const int32_t> indices) {
  SLUICE_RETURN_NOT_OK(CheckIndices(indices, batch.num_rows));
  RecordBatch out{batch.schema, static_cast<int64_t>(indices.size()), {}};
  out.columns.reserve(batch.columns.size());
  for (const auto& c : batch.columns) {
    SLUICE_ASSIGN_OR_RETURN(auto t, Take(*c, indices.data(), static_cast<int64_t>(indices.size())));
    out.columns.push_back(std::move(t));
  }
  return out;
}

Result<RecordBatch> FilterRows(const RecordBatch& batch, std::span<const uint8_t> keep) {
  if (static_cast<int64_t>(keep.size()) != batch.num_rows) {
    return Status::Invalid("selection of {} rows for a batch of {}", keep.size(), batch.num_rows);
  }
  std::vector<int32_t> indices;
  indices.reserve(keep.size());
  for (size_t i = 0; i < keep.size(); ++i) {
    if (keep[i]) indices.push_back(static_cast<int32_t>(i));
  }
  if (static_cast<int64_t>(indices.size()) == batch.num_rows) return batch;
  return TakeRows(batch, indices);
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

}  // namespace sluice::columnar
