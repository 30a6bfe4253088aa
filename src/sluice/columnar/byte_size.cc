#include "sluice/columnar/byte_size.h"

namespace sluice::columnar {
namespace {

int64_t SliceBytes(const Array& a, int64_t offset, int64_t length);

int64_t ChildBytes(const Array& a, int64_t offset, int64_t length) {
  int64_t n = 0;
  for (const auto& c : a.children) n += SliceBytes(*c, c->offset + offset, length);
  return n;
}

int64_t SliceBytes(const Array& a, int64_t offset, int64_t length) {
  if (length <= 0) return 0;
  int64_t n = !a.buffers.empty() && a.buffers[0] ? (length + 7) / 8 : 0;
  const DataType& t = *a.type;
  switch (t.id) {
    case TypeId::kNull:
      return 0;
    case TypeId::kBool:
      return n + (length + 7) / 8;
    case TypeId::kStruct:
      // A struct's offset applies to its children too.
      return n + ChildBytes(a, offset, length);
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kList:
    case TypeId::kMap: {
      if (a.buffers.size() < 2 || !a.buffers[1]) return n;
      const int32_t* o = a.buffers[1]->data_as<int32_t>() + offset;
      n += 4 * (length + 1);
      if (t.IsBinaryLike()) return n + (o[length] - o[0]);
      const Array& child = *a.children[0];
      return n + SliceBytes(child, child.offset + o[0], o[length] - o[0]);
    }
    default:
      return n + static_cast<int64_t>(t.FixedWidth()) * length;
  }
}

}  // namespace

int64_t DataBytes(const Array& array) { return SliceBytes(array, array.offset, array.length); }

int64_t DataBytes(const RecordBatch& batch) {
  int64_t n = 0;
  for (const auto& c : batch.columns) n += DataBytes(*c);
  return n;
}

}  // namespace sluice::columnar
