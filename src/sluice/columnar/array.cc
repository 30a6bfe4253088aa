#include "sluice/columnar/array.h"

#include <fmt/format.h>

#include <cmath>
#include <cstring>

namespace sluice::columnar {

ArrayPtr Array::Slice(int64_t start, int64_t len) const {
  auto out = std::make_shared<Array>(*this);
  out->offset = offset + start;
  out->length = len;
  if (type->id == TypeId::kNull) {
    out->null_count = len;
  } else if (null_count == 0 || validity() == nullptr) {
    out->null_count = 0;
  } else {
    out->null_count = len - bit_util::CountSetBits(validity(), out->offset, len);
  }
  return out;
}

namespace {

Status Expect(bool cond, const char* what, const Array& a) {
  if (!cond) return Status::Invalid("invalid {} array: {}", a.type->ToString(), what);
  return Status::OK();
}

int64_t BufferSize(const Array& a, size_t i) {
  return i < a.buffers.size() && a.buffers[i] ? a.buffers[i]->size() : -1;
}

}  // namespace

Status ValidateArray(const Array& a) {
  SLUICE_RETURN_NOT_OK(Expect(a.type != nullptr, "no type", a));
  SLUICE_RETURN_NOT_OK(Expect(a.length >= 0 && a.offset >= 0, "negative length or offset", a));
  const TypeId id = a.type->id;
  if (id == TypeId::kNull) return Status::OK();
  const int64_t end = a.offset + a.length;
  if (a.null_count > 0) {
    SLUICE_RETURN_NOT_OK(Expect(BufferSize(a, 0) >= bit_util::BytesForBits(end), "validity bitmap too short", a));
    const int64_t nulls = a.length - bit_util::CountSetBits(a.validity(), a.offset, a.length);
    SLUICE_RETURN_NOT_OK(Expect(nulls == a.null_count, "null_count disagrees with the validity bitmap", a));
  }
  if (id == TypeId::kBool) {
    return Expect(BufferSize(a, 1) >= bit_util::BytesForBits(end), "values bitmap too short", a);
  }
  if (int32_t w = a.type->FixedWidth(); w > 0) {
    return Expect(BufferSize(a, 1) >= end * w, "values buffer too short", a);
  }
  if (id == TypeId::kStruct) {
    SLUICE_RETURN_NOT_OK(Expect(a.children.size() == a.type->children.size(), "wrong number of children", a));
    for (const auto& c : a.children) {
      SLUICE_RETURN_NOT_OK(Expect(c->length >= end, "child shorter than parent", a));
      SLUICE_RETURN_NOT_OK(ValidateArray(*c));
    }
    return Status::OK();
  }
  // Offsets-based layouts.
  SLUICE_RETURN_NOT_OK(Expect(BufferSize(a, 1) >= (end + 1) * 4, "offsets buffer too short", a));
  const int32_t* o = a.offsets();
  // One branch-free pass (vectorised), not a Status per offset.
  int decreasing = o[0] < 0;
  for (int64_t i = 0; i < a.length; ++i) decreasing |= o[i] > o[i + 1];
  SLUICE_RETURN_NOT_OK(Expect(!decreasing, "offsets not monotonic", a));
  const int64_t last = a.length == 0 ? 0 : o[a.length];
  if (a.type->IsBinaryLike()) {
    return Expect(a.length == 0 || BufferSize(a, 2) >= last, "data buffer shorter than last offset", a);
  }
  SLUICE_RETURN_NOT_OK(Expect(a.children.size() == 1, "list/map needs one child", a));
  SLUICE_RETURN_NOT_OK(Expect(a.children[0]->length >= last, "child shorter than last offset", a));
  return ValidateArray(*a.children[0]);
}

namespace {

bool ValuesEqual(const Array& a, int64_t i, const Array& b, int64_t j);

bool RangeEqual(const Array& a, int64_t ai, const Array& b, int64_t bi, int64_t n) {
  for (int64_t k = 0; k < n; ++k) {
    const bool va = a.IsValid(ai + k);
    if (va != b.IsValid(bi + k)) return false;
    if (va && !ValuesEqual(a, ai + k, b, bi + k)) return false;
  }
  return true;
}

template <typename T>
bool FloatEqual(T x, T y) {
  return x == y ? std::signbit(x) == std::signbit(y) : (std::isnan(x) && std::isnan(y));
}

bool ValuesEqual(const Array& a, int64_t i, const Array& b, int64_t j) {
  switch (a.type->id) {
    case TypeId::kNull:
      return true;
    case TypeId::kBool:
      return a.BoolValue(i) == b.BoolValue(j);
    case TypeId::kFloat32:
      return FloatEqual(a.values<float>()[i], b.values<float>()[j]);
    case TypeId::kFloat64:
      return FloatEqual(a.values<double>()[i], b.values<double>()[j]);
    case TypeId::kString:
    case TypeId::kBinary:
      return a.StringValue(i) == b.StringValue(j);
    case TypeId::kStruct:
      for (size_t c = 0; c < a.children.size(); ++c) {
        if (!RangeEqual(*a.children[c], a.offset + i, *b.children[c], b.offset + j, 1)) return false;
      }
      return true;
    case TypeId::kList:
    case TypeId::kMap: {
      const int32_t* oa = a.offsets();
      const int32_t* ob = b.offsets();
      const int64_t n = oa[i + 1] - oa[i];
      return n == ob[j + 1] - ob[j] && RangeEqual(*a.children[0], oa[i], *b.children[0], ob[j], n);
    }
    default:
      return a.FixedValue(i) == b.FixedValue(j);
  }
}

}  // namespace

bool ArraysEqual(const Array& a, const Array& b) {
  if (!a.type->Equals(*b.type) || a.length != b.length) return false;
  return RangeEqual(a, 0, b, 0, a.length);
}

int Schema::FieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i]->name == name) return static_cast<int>(i);
  }
  return -1;
}

bool Schema::Equals(const Schema& other) const {
  if (fields.size() != other.fields.size()) return false;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!fields[i]->Equals(*other.fields[i])) return false;
  }
  return true;
}

std::string Schema::ToString() const {
  std::string s;
  for (const auto& f : fields) s += f->ToString() + "\n";
  return s;
}

Status RecordBatch::Validate() const {
  if (schema == nullptr) return Status::Invalid("record batch without schema");
  if (columns.size() != schema->fields.size()) {
    return Status::Invalid("record batch has {} columns, schema has {}", columns.size(), schema->fields.size());
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    const Field& f = *schema->fields[i];
    if (!columns[i]->type->Equals(*f.type)) {
      return Status::Invalid("column '{}' has type {}, schema says {}", f.name, columns[i]->type->ToString(),
                             f.type->ToString());
    }
    if (columns[i]->length != num_rows) {
      return Status::Invalid("column '{}' has {} rows, batch has {}", f.name, columns[i]->length, num_rows);
    }
    if (!f.nullable && columns[i]->null_count > 0) {
      return Status::Invalid("column '{}' is not nullable but holds {} nulls", f.name, columns[i]->null_count);
    }
    SLUICE_RETURN_NOT_OK(ValidateArray(*columns[i]).WithContext(fmt::format("column '{}'", f.name)));
  }
  return Status::OK();
}

RecordBatch RecordBatch::Slice(int64_t start, int64_t len) const {
  RecordBatch out{schema, len, {}};
  out.columns.reserve(columns.size());
  for (const auto& c : columns) out.columns.push_back(c->Slice(start, len));
  return out;
}

}  // namespace sluice::columnar
