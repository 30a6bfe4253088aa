#include "sluice/parquet/column/column_chunk_writer_values.h"

#include <cstring>
#include <string>

#include "sluice/common/bit_util.h"

namespace sluice::parquet {
namespace {

using columnar::TypeId;
using format::Type;

std::string PathOf(const LeafColumn& leaf) {
  std::string s;
  for (const auto& p : leaf.path) {
    if (!s.empty()) s += '.';
    s += p;
  }
  return s;
}

template <typename From, typename To>
void Widen(const uint8_t* src, int64_t n, Buffer* scratch) {
  scratch->ResizeUninitialized(n * static_cast<int64_t>(sizeof(To)));
  const From* in = reinterpret_cast<const From*>(src);
  To* out = scratch->mutable_data_as<To>();
  for (int64_t i = 0; i < n; ++i) out[i] = static_cast<To>(in[i]);
}

template <typename T>
void Scale1000(const uint8_t* src, int64_t n, Buffer* scratch) {
  scratch->ResizeUninitialized(n * static_cast<int64_t>(sizeof(T)));
  const T* in = reinterpret_cast<const T*>(src);
  T* out = scratch->mutable_data_as<T>();
  // Wrapping multiply: values beyond the millisecond range wrap like pyarrow's unchecked cast.
  for (int64_t i = 0; i < n; ++i) out[i] = static_cast<T>(static_cast<std::make_unsigned_t<T>>(in[i]) * 1000u);
}

// Decimal128 values are 16-byte little-endian two's complement; Parquet FLBA
// decimals are big-endian, `w` bytes (the low bytes; the schema's precision
// guarantees the value fits).
void DecimalToBigEndian(const uint8_t* src, int64_t n, int w, Buffer* scratch) {
  scratch->ResizeUninitialized(n * w);
  uint8_t* out = scratch->mutable_data();
  for (int64_t i = 0; i < n; ++i) {
    const uint8_t* v = src + i * 16;
    for (int j = 0; j < w; ++j) out[j] = v[w - 1 - j];
    out += w;
  }
}

}  // namespace

Result<ValueConversion> ChooseValueConversion(const LeafColumn& leaf) {
  if (!leaf.type) return Status::Invalid("column '{}': no columnar type", PathOf(leaf));
  const Type pt = leaf.physical_type;
  const auto& t = *leaf.type;
  bool ok = false;
  ValueConversion c = ValueConversion::kNone;
  switch (t.id) {
    case TypeId::kNull:
      ok = true;
      c = ValueConversion::kNullType;
      break;
    case TypeId::kBool:
      ok = pt == Type::BOOLEAN;
      break;
    case TypeId::kInt8:
      ok = pt == Type::INT32;
      c = ValueConversion::kInt8ToInt32;
      break;
    case TypeId::kUInt8:
      ok = pt == Type::INT32;
      c = ValueConversion::kUInt8ToInt32;
      break;
    case TypeId::kInt16:
      ok = pt == Type::INT32;
      c = ValueConversion::kInt16ToInt32;
      break;
    case TypeId::kUInt16:
      ok = pt == Type::INT32;
      c = ValueConversion::kUInt16ToInt32;
      break;
    case TypeId::kInt32:
    case TypeId::kUInt32:
    case TypeId::kDate32:
      ok = pt == Type::INT32;
      break;
    case TypeId::kTime32:
      ok = pt == Type::INT32;
      if (t.unit == columnar::TimeUnit::kSecond) c = ValueConversion::kSecondsToMillis32;
      break;
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kTime64:
      ok = pt == Type::INT64;
      break;
    case TypeId::kTimestamp:
      ok = pt == Type::INT64;
      if (t.unit == columnar::TimeUnit::kSecond) c = ValueConversion::kSecondsToMillis64;
      break;
    case TypeId::kFloat16:
      ok = pt == Type::FIXED_LEN_BYTE_ARRAY && leaf.type_length == 2;
      break;
    case TypeId::kFloat32:
      ok = pt == Type::FLOAT;
      break;
    case TypeId::kFloat64:
      ok = pt == Type::DOUBLE;
      break;
    case TypeId::kString:
    case TypeId::kBinary:
      ok = pt == Type::BYTE_ARRAY;
      break;
    case TypeId::kFixedSizeBinary:
      ok = pt == Type::FIXED_LEN_BYTE_ARRAY && leaf.type_length == t.byte_width && t.byte_width > 0;
      break;
    case TypeId::kDecimal128:
      if (pt == Type::FIXED_LEN_BYTE_ARRAY) {
        ok = leaf.type_length >= 1 && leaf.type_length <= 16;
        c = ValueConversion::kDecimalToFlba;
      } else if (pt == Type::INT32) {
        ok = true;
        c = ValueConversion::kDecimalToInt32;
      } else if (pt == Type::INT64) {
        ok = true;
        c = ValueConversion::kDecimalToInt64;
      }
      break;
    default:
      break;
  }
  if (!ok) {
    return Status::NotSupported("column '{}': cannot write {} as physical type {} (length {})", PathOf(leaf),
                                t.ToString(), static_cast<int>(pt), leaf.type_length);
  }
  return c;
}

Result<PhysicalValues> ToPhysicalValues(const LeafColumn& leaf, ValueConversion conversion, const LeafData& in,
                                        Buffer* scratch) {
  PhysicalValues pv;
  const int64_t n = in.num_values;
  pv.num_values = n;
  if (conversion == ValueConversion::kNullType) {
    if (n != 0) return Status::Invalid("column '{}': null-type column given {} values", PathOf(leaf), n);
    return pv;
  }
  // The shredder leaves buffers empty when no value reaches a leaf (e.g. a
  // map that is always empty): nothing to convert.
  if (n == 0) {
    static const int32_t kNoOffsets[1] = {0};
    pv.offsets = kNoOffsets;
    pv.width = leaf.type_length;
    return pv;
  }
  const int64_t have = in.values->size();
  auto need = [&](int64_t bytes) -> Status {
    if (have < bytes) {
      return Status::Invalid("column '{}': values buffer has {} bytes, {} values need {}", PathOf(leaf), have, n,
                             bytes);
    }
    return Status::OK();
  };
  const uint8_t* src = in.values->data();
  switch (leaf.physical_type) {
    case Type::BOOLEAN:
      SLUICE_RETURN_NOT_OK(need(bit_util::BytesForBits(n)));
      pv.bits = src;
      return pv;
    case Type::BYTE_ARRAY: {
      SLUICE_RETURN_NOT_OK(need((n + 1) * 4));
      pv.offsets = in.values->data_as<int32_t>();
      if (pv.offsets[n] < pv.offsets[0] || in.data->size() < pv.offsets[n]) {
        return Status::Invalid("column '{}': offsets end at {} but data has {} bytes", PathOf(leaf), pv.offsets[n],
                               in.data->size());
      }
      pv.data = in.data->data();
      return pv;
    }
    default:
      break;
  }
  const int src_width = leaf.type->id == columnar::TypeId::kDecimal128     ? 16
                        : leaf.physical_type == Type::FIXED_LEN_BYTE_ARRAY ? leaf.type_length
                                                                           : std::max<int>(1, leaf.type->FixedWidth());
  SLUICE_RETURN_NOT_OK(need(n * src_width));
  pv.width = leaf.physical_type == Type::FIXED_LEN_BYTE_ARRAY ? leaf.type_length : 0;
  switch (conversion) {
    case ValueConversion::kNone:
      pv.fixed = src;
      return pv;
    case ValueConversion::kInt8ToInt32:
      Widen<int8_t, int32_t>(src, n, scratch);
      break;
    case ValueConversion::kUInt8ToInt32:
      Widen<uint8_t, int32_t>(src, n, scratch);
      break;
    case ValueConversion::kInt16ToInt32:
      Widen<int16_t, int32_t>(src, n, scratch);
      break;
    case ValueConversion::kUInt16ToInt32:
      Widen<uint16_t, int32_t>(src, n, scratch);
      break;
    case ValueConversion::kSecondsToMillis32:
      Scale1000<int32_t>(src, n, scratch);
      break;
    case ValueConversion::kSecondsToMillis64:
      Scale1000<int64_t>(src, n, scratch);
      break;
    case ValueConversion::kDecimalToFlba:
      DecimalToBigEndian(src, n, leaf.type_length, scratch);
      break;
    case ValueConversion::kDecimalToInt32: {
      // The low 4 bytes of the little-endian value are the INT32.
      scratch->ResizeUninitialized(n * 4);
      for (int64_t i = 0; i < n; ++i) std::memcpy(scratch->mutable_data() + i * 4, src + i * 16, 4);
      break;
    }
    case ValueConversion::kDecimalToInt64: {
      scratch->ResizeUninitialized(n * 8);
      for (int64_t i = 0; i < n; ++i) std::memcpy(scratch->mutable_data() + i * 8, src + i * 16, 8);
      break;
    }
    case ValueConversion::kNullType:
      break;
  }
  pv.fixed = scratch->data();
  return pv;
}

}  // namespace sluice::parquet
