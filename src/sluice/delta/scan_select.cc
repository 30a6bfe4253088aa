#include <cstring>

#include "sluice/delta/scan.h"

namespace sluice::delta {
namespace {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::TypeId;

// Returns the kept slots of `a` (keep[i] for i in [0, a.length)) as a new
// array with offset 0. `kept` = number of non-zero keep bytes.
Result<ArrayPtr> SelectArray(const Array& a, const uint8_t* keep, int64_t kept) {
  auto out = std::make_shared<Array>();
  out->type = a.type;
  out->length = kept;
  if (a.type->id == TypeId::kNull) {
    out->null_count = kept;
    return ArrayPtr(std::move(out));
  }
  BufferPtr validity;
  if (a.null_count > 0 && a.validity() != nullptr) {
    validity = std::make_shared<Buffer>(bit_util::BytesForBits(kept));
    int64_t j = 0, nulls = 0;
    for (int64_t i = 0; i < a.length; ++i) {
      if (!keep[i]) continue;
      if (a.IsValid(i)) {
        bit_util::SetBit(validity->mutable_data(), j);
      } else {
        ++nulls;
      }
      ++j;
    }
    out->null_count = nulls;
    if (nulls == 0) validity = nullptr;
  }
  out->buffers.push_back(validity);
  const TypeId id = a.type->id;
  if (id == TypeId::kBool) {
    auto bits = std::make_shared<Buffer>(bit_util::BytesForBits(kept));
    int64_t j = 0;
    for (int64_t i = 0; i < a.length; ++i) {
      if (keep[i]) bit_util::SetBitTo(bits->mutable_data(), j++, a.BoolValue(i));
    }
    out->buffers.push_back(std::move(bits));
  } else if (a.type->IsBinaryLike()) {
    auto offsets = std::make_shared<Buffer>((kept + 1) * 4);
    auto data = std::make_shared<Buffer>();
    int32_t* o = offsets->mutable_data_as<int32_t>();
    int64_t j = 0;
    o[0] = 0;
    for (int64_t i = 0; i < a.length; ++i) {
      if (!keep[i]) continue;
      const std::string_view v = a.StringValue(i);
      if (data->size() + static_cast<int64_t>(v.size()) > INT32_MAX) {
        return Status::Invalid("selected rows hold more than 2 GiB of {} data", a.type->ToString());
      }
      data->Append(v.data(), static_cast<int64_t>(v.size()));
      o[++j] = static_cast<int32_t>(data->size());
    }
    out->buffers.push_back(std::move(offsets));
    out->buffers.push_back(std::move(data));
  } else if (id == TypeId::kStruct) {
    for (const auto& child : a.children) {
      ArrayPtr view = child->Slice(a.offset, a.length);
      SLUICE_ASSIGN_OR_RETURN(auto c, SelectArray(*view, keep, kept));
      out->children.push_back(std::move(c));
    }
  } else if (id == TypeId::kList || id == TypeId::kMap) {
    const int32_t* o = a.offsets();
    const int32_t first = a.length > 0 ? o[0] : 0;
    const int32_t last = a.length > 0 ? o[a.length] : 0;
    ArrayPtr child = a.children[0]->Slice(first, last - first);
    std::vector<uint8_t> child_keep(static_cast<size_t>(last - first), 0);
    auto offsets = std::make_shared<Buffer>((kept + 1) * 4);
    int32_t* no = offsets->mutable_data_as<int32_t>();
    int64_t j = 0, child_kept = 0;
    no[0] = 0;
    for (int64_t i = 0; i < a.length; ++i) {
      if (!keep[i]) continue;
      const int32_t n = o[i + 1] - o[i];
      std::memset(child_keep.data() + (o[i] - first), 1, static_cast<size_t>(n));
      child_kept += n;
      no[j + 1] = no[j] + n;
      ++j;
    }
    SLUICE_ASSIGN_OR_RETURN(auto c, SelectArray(*child, child_keep.data(), child_kept));
    out->buffers.push_back(std::move(offsets));
    out->children.push_back(std::move(c));
  } else {
    const int32_t w = a.type->FixedWidth();
    if (w <= 0) return Status::NotSupported("selecting rows of {} arrays", a.type->ToString());
    auto values = std::make_shared<Buffer>(kept * w);
    const uint8_t* src = a.buffers[1]->data() + a.offset * w;
    uint8_t* dst = values->mutable_data();
    for (int64_t i = 0; i < a.length; ++i) {
      if (!keep[i]) continue;
      std::memcpy(dst, src + i * w, static_cast<size_t>(w));
      dst += w;
    }
    out->buffers.push_back(std::move(values));
  }
  return ArrayPtr(std::move(out));
}

}  // namespace

Result<columnar::RecordBatch> SelectRows(const columnar::RecordBatch& batch, std::span<const uint8_t> keep) {
  if (static_cast<int64_t>(keep.size()) != batch.num_rows) {
    return Status::Invalid("selection of {} rows for a batch of {}", keep.size(), batch.num_rows);
  }
  int64_t kept = 0;
  for (uint8_t k : keep) kept += k != 0;
  if (kept == batch.num_rows) return batch;
  columnar::RecordBatch out{batch.schema, kept, {}};
  for (const auto& c : batch.columns) {
    SLUICE_ASSIGN_OR_RETURN(auto s, SelectArray(*c, keep.data(), kept));
    out.columns.push_back(std::move(s));
  }
  return out;
}

}  // namespace sluice::delta
