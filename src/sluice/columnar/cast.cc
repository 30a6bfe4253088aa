#include "sluice/columnar/cast.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "sluice/columnar/builder.h"
#include "sluice/common/bit_util.h"

namespace sluice::columnar {
namespace {

bool IsSignedInt(TypeId id) {
  return id == TypeId::kInt8 || id == TypeId::kInt16 || id == TypeId::kInt32 || id == TypeId::kInt64;
}
bool IsUnsignedInt(TypeId id) {
  return id == TypeId::kUInt8 || id == TypeId::kUInt16 || id == TypeId::kUInt32 || id == TypeId::kUInt64;
}

int64_t UnitsPerSecond(TimeUnit u) {
  switch (u) {
    case TimeUnit::kSecond:
      return 1;
    case TimeUnit::kMilli:
      return 1000;
    case TimeUnit::kMicro:
      return 1000000;
    case TimeUnit::kNano:
      return 1000000000;
  }
  return 1;
}

// The validity of `a` as a new bitmap starting at bit 0 (null when no nulls).
BufferPtr CopyValidity(const Array& a) {
  if (a.null_count == 0 || a.validity() == nullptr) return nullptr;
  auto buf = std::make_shared<Buffer>(bit_util::BytesForBits(a.length));
  bit_util::CopyBitmap(a.validity(), a.offset, a.length, buf->mutable_data(), 0);
  return buf;
}

template <typename From, typename To>
void ConvertValues(const Array& a, To* out) {
  const From* in = a.values<From>();
  for (int64_t i = 0; i < a.length; ++i) out[i] = static_cast<To>(in[i]);
}

// Half float (IEEE binary16) to float.
float HalfToFloat(uint16_t h) {
  const int sign = (h >> 15) & 1;
  const int exp = (h >> 10) & 0x1f;
  const int mant = h & 0x3ff;
  float v;
  if (exp == 0) {
    v = std::ldexp(static_cast<float>(mant), -24);
  } else if (exp == 31) {
    v = mant == 0 ? std::numeric_limits<float>::infinity() : std::numeric_limits<float>::quiet_NaN();
  } else {
    v = std::ldexp(static_cast<float>(mant + 1024), exp - 25);
  }
  return sign ? -v : v;
}

template <typename To>
Status ConvertNumeric(const Array& a, To* out) {
  switch (a.type->id) {
    case TypeId::kInt8:
      ConvertValues<int8_t>(a, out);
      break;
    case TypeId::kInt16:
      ConvertValues<int16_t>(a, out);
      break;
    case TypeId::kInt32:
      ConvertValues<int32_t>(a, out);
      break;
    case TypeId::kInt64:
      ConvertValues<int64_t>(a, out);
      break;
    case TypeId::kUInt8:
      ConvertValues<uint8_t>(a, out);
      break;
    case TypeId::kUInt16:
      ConvertValues<uint16_t>(a, out);
      break;
    case TypeId::kUInt32:
      ConvertValues<uint32_t>(a, out);
      break;
    case TypeId::kFloat32:
      ConvertValues<float>(a, out);
      break;
    case TypeId::kFloat64:
      ConvertValues<double>(a, out);
      break;
    case TypeId::kFloat16: {
      const uint16_t* in = a.values<uint16_t>();
      for (int64_t i = 0; i < a.length; ++i) out[i] = static_cast<To>(HalfToFloat(in[i]));
      break;
    }
    default:
      return Status::NotSupported("cannot cast {} values", a.type->ToString());
  }
  return Status::OK();
}

template <typename To>
Result<ArrayPtr> CastNumeric(const Array& a, const DataTypePtr& to) {
  auto values = std::make_shared<Buffer>();
  values->ResizeUninitialized(a.length * static_cast<int64_t>(sizeof(To)));
  SLUICE_RETURN_NOT_OK(ConvertNumeric<To>(a, values->mutable_data_as<To>()));
  auto out = std::make_shared<Array>();
  out->type = to;
  out->length = a.length;
  out->null_count = a.null_count;
  out->buffers = {CopyValidity(a), std::move(values)};
  return ArrayPtr(out);
}

Result<ArrayPtr> CastTimestamp(const Array& a, const DataTypePtr& to) {
  const int64_t from_units = UnitsPerSecond(a.type->unit);
  const int64_t to_units = UnitsPerSecond(to->unit);
  auto values = std::make_shared<Buffer>();
  values->ResizeUninitialized(a.length * 8);
  int64_t* out = values->mutable_data_as<int64_t>();
  const int64_t* in = a.values<int64_t>();
  if (to_units >= from_units) {
    const int64_t mul = to_units / from_units;
    const int64_t limit = std::numeric_limits<int64_t>::max() / mul;
    for (int64_t i = 0; i < a.length; ++i) {
      if (a.IsValid(i) && (in[i] > limit || in[i] < -limit)) {
        return Status::Invalid("timestamp value {} out of range for {}", in[i], to->ToString());
      }
      out[i] = in[i] * mul;
    }
  } else {
    const int64_t div = from_units / to_units;
    for (int64_t i = 0; i < a.length; ++i) {
      int64_t q = in[i] / div;
      if (in[i] % div != 0 && in[i] < 0) --q;  // floor
      out[i] = q;
    }
  }
  auto arr = std::make_shared<Array>();
  arr->type = to;
  arr->length = a.length;
  arr->null_count = a.null_count;
  arr->buffers = {CopyValidity(a), std::move(values)};
  return ArrayPtr(arr);
}

// Same layout: only the type (child names, nullability) changes.
Result<ArrayPtr> Retype(const ArrayPtr& array, const DataTypePtr& to) {
  const Array& a = *array;
  if (!to->IsNested()) {
    auto out = std::make_shared<Array>(a);
    out->type = to;
    return ArrayPtr(out);
  }
  auto out = std::make_shared<Array>(a);
  out->type = to;
  out->children.clear();
  for (size_t c = 0; c < a.children.size(); ++c) {
    SLUICE_ASSIGN_OR_RETURN(auto child, CastArray(a.children[c], to->children[c]->type));
    out->children.push_back(std::move(child));
  }
  return ArrayPtr(out);
}

}  // namespace

bool CanCastLosslessly(const DataType& from, const DataType& to) {
  if (from.id == TypeId::kNull) return true;
  if (from.IsNested() || to.IsNested()) {
    if (from.id != to.id || from.children.size() != to.children.size()) return false;
    for (size_t i = 0; i < from.children.size(); ++i) {
      if (from.id == TypeId::kStruct && from.children[i]->name != to.children[i]->name) return false;
      if (!CanCastLosslessly(*from.children[i]->type, *to.children[i]->type)) return false;
    }
    return true;
  }
  if (from.Equals(to)) return true;
  const int fw = from.FixedWidth();
  const int tw = to.FixedWidth();
  if (IsSignedInt(from.id) && IsSignedInt(to.id)) return tw >= fw;
  if (IsUnsignedInt(from.id) && IsSignedInt(to.id)) return tw > fw;
  if (to.id == TypeId::kFloat64) {
    return from.id == TypeId::kFloat32 || from.id == TypeId::kFloat16 ||
           ((IsSignedInt(from.id) || IsUnsignedInt(from.id)) && fw <= 4);
  }
  if (to.id == TypeId::kFloat32) return from.id == TypeId::kFloat16;
  if (from.id == TypeId::kTimestamp && to.id == TypeId::kTimestamp) return from.utc == to.utc;
  return false;
}

Result<ArrayPtr> CastArray(const ArrayPtr& array, const DataTypePtr& to) {
  const Array& a = *array;
  if (!CanCastLosslessly(*a.type, *to)) {
    return Status::NotSupported("cannot cast {} to {}", a.type->ToString(), to->ToString());
  }
  if (a.type->id == TypeId::kNull) {
    SLUICE_ASSIGN_OR_RETURN(auto builder, MakeBuilder(to));
    builder->AppendNulls(a.length);
    return builder->Finish();
  }
  if (a.type->id == to->id && (to->IsNested() || a.type->Equals(*to))) return Retype(array, to);
  if (to->id == TypeId::kTimestamp) return CastTimestamp(a, to);
  switch (to->id) {
    case TypeId::kInt16:
      return CastNumeric<int16_t>(a, to);
    case TypeId::kInt32:
      return CastNumeric<int32_t>(a, to);
    case TypeId::kInt64:
      return CastNumeric<int64_t>(a, to);
    case TypeId::kFloat32:
      return CastNumeric<float>(a, to);
    case TypeId::kFloat64:
      return CastNumeric<double>(a, to);
    default:
      return Status::NotSupported("cannot cast {} to {}", a.type->ToString(), to->ToString());
  }
}

}  // namespace sluice::columnar
