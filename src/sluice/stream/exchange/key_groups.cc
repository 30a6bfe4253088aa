#include "sluice/stream/exchange/key_groups.h"

#include <xxhash.h>

#include <cstring>

#include "sluice/stream/api/row.h"

namespace sluice::stream {

using columnar::Array;
using columnar::TypeId;

namespace {

constexpr uint64_t kNullHash = 0x9e3779b97f4a7c15ULL;

inline uint64_t Mix(uint64_t x) {
  // The murmur3 64-bit finalizer: a cheap, well-spread integer hash.
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline void Combine(uint64_t* h, uint64_t v) { *h = Mix(*h * 31 + v); }

template <typename T>
void HashInts(const Array& a, uint64_t* out, int64_t n) {
  const T* v = a.values<T>();
  if (a.null_count == 0) {
    for (int64_t i = 0; i < n; ++i) Combine(&out[i], Mix(static_cast<uint64_t>(static_cast<int64_t>(v[i]))));
  } else {
    for (int64_t i = 0; i < n; ++i) {
      Combine(&out[i], a.IsValid(i) ? Mix(static_cast<uint64_t>(static_cast<int64_t>(v[i]))) : kNullHash);
    }
  }
}

template <typename T>
void HashFloats(const Array& a, uint64_t* out, int64_t n) {
  const T* v = a.values<T>();
  for (int64_t i = 0; i < n; ++i) {
    double d = static_cast<double>(v[i]);
    if (d == 0) d = 0;  // -0.0 == 0.0
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    Combine(&out[i], a.IsValid(i) ? Mix(bits) : kNullHash);
  }
}

}  // namespace

KeyGroupRange KeyGroupRangeFor(int subtask, int max_parallelism, int parallelism) {
  // Inverse of SubtaskForKeyGroup: the groups kg with kg * p / max == subtask.
  int start = static_cast<int>((static_cast<int64_t>(subtask) * max_parallelism + parallelism - 1) / parallelism);
  int end = static_cast<int>((static_cast<int64_t>(subtask + 1) * max_parallelism + parallelism - 1) / parallelism);
  return {start, end};
}

Status HashKeyColumns(const columnar::RecordBatch& batch, std::span<const int> key_columns,
                      std::vector<uint64_t>* out) {
  const int64_t n = batch.num_rows;
  out->assign(static_cast<size_t>(n), 0);
  uint64_t* h = out->data();
  for (int col : key_columns) {
    const Array& a = *batch.columns[col];
    switch (a.type->id) {
      case TypeId::kBool:
        for (int64_t i = 0; i < n; ++i) Combine(&h[i], a.IsValid(i) ? Mix(a.BoolValue(i)) : kNullHash);
        break;
      case TypeId::kInt8:
        HashInts<int8_t>(a, h, n);
        break;
      case TypeId::kInt16:
        HashInts<int16_t>(a, h, n);
        break;
      case TypeId::kInt32:
      case TypeId::kDate32:
      case TypeId::kTime32:
        HashInts<int32_t>(a, h, n);
        break;
      case TypeId::kInt64:
      case TypeId::kTime64:
      case TypeId::kTimestamp:
        HashInts<int64_t>(a, h, n);
        break;
      case TypeId::kUInt8:
        HashInts<uint8_t>(a, h, n);
        break;
      case TypeId::kUInt16:
        HashInts<uint16_t>(a, h, n);
        break;
      case TypeId::kUInt32:
        HashInts<uint32_t>(a, h, n);
        break;
      case TypeId::kUInt64:
        HashInts<uint64_t>(a, h, n);
        break;
      case TypeId::kFloat32:
        HashFloats<float>(a, h, n);
        break;
      case TypeId::kFloat64:
        HashFloats<double>(a, h, n);
        break;
      case TypeId::kString:
      case TypeId::kBinary:
        for (int64_t i = 0; i < n; ++i) {
          if (a.IsValid(i)) {
            std::string_view s = a.StringValue(i);
            Combine(&h[i], XXH3_64bits(s.data(), s.size()));
          } else {
            Combine(&h[i], kNullHash);
          }
        }
        break;
      case TypeId::kFixedSizeBinary:
      case TypeId::kDecimal128:
        for (int64_t i = 0; i < n; ++i) {
          std::string_view s = a.FixedValue(i);
          Combine(&h[i], a.IsValid(i) ? XXH3_64bits(s.data(), s.size()) : kNullHash);
        }
        break;
      default:
        return Status::NotSupported("key column '{}' of type {}", batch.schema->fields[col]->name, a.type->ToString());
    }
  }
  return Status::OK();
}

void EncodeKey(const columnar::RecordBatch& batch, std::span<const int> key_columns, int64_t row, std::string* out) {
  out->clear();
  for (int col : key_columns) {
    const Array& a = *batch.columns[col];
    if (a.type->IsBinaryLike() && a.IsValid(row)) {
      std::string_view s = a.StringValue(row);
      uint32_t len = static_cast<uint32_t>(s.size());
      out->push_back('s');
      out->append(reinterpret_cast<const char*>(&len), 4);
      out->append(s);
    } else if (a.type->id == TypeId::kInt64 && a.IsValid(row)) {
      out->push_back('i');
      out->append(reinterpret_cast<const char*>(a.values<int64_t>() + row), 8);
    } else {
      ArrayValue(a, row).EncodeTo(out);
    }
  }
}

Result<Scalars> DecodeKey(std::string_view key) {
  Scalars out;
  SLUICE_RETURN_NOT_OK(DecodeKeyTo(key, &out));
  return out;
}

Status DecodeKeyTo(std::string_view key, Scalars* out) {
  size_t pos = 0;
  while (pos < key.size()) {
    Scalar v;
    if (!Scalar::DecodeFrom(key, &pos, &v)) return Status::Corrupt("bad key encoding at byte {}", pos);
    out->push_back(std::move(v));
  }
  return Status::OK();
}

}  // namespace sluice::stream
