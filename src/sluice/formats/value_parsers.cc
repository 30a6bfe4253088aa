#include "sluice/formats/value_parsers.h"

#include "sluice/columnar/builder.h"
#include "sluice/common/civil_time.h"

namespace sluice::formats {
namespace {

using columnar::DataType;
using columnar::TimeUnit;
using columnar::TypeId;


}  // namespace

bool ParseFloat64Slow(std::string_view text, double* out) { return FromCharsWithPlus(text, out); }

bool ParseFloat32(std::string_view text, float* out) { return FromCharsWithPlus(text, out); }

bool IsTextParsable(const DataType& type) {
  switch (type.id) {
    case TypeId::kNull:
    case TypeId::kFloat16:
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap:
      return false;
    case TypeId::kDecimal128:
      return type.precision >= 1 && type.precision <= 38;
    default:
      return true;
  }
}

Status CannotRead(std::string_view text, const DataType& type) {
  constexpr size_t kMaxShown = 80;
  if (text.size() > kMaxShown) {
    return Status::Invalid("cannot read '{}...' ({} bytes) as {}", text.substr(0, kMaxShown), text.size(),
                           type.ToString());
  }
  return Status::Invalid("cannot read '{}' as {}", text, type.ToString());
}

namespace {

template <typename T>
Status AppendInteger(const DataType& type, columnar::ArrayBuilder* b, std::string_view text) {
  T v{};
  if (!ParseInteger<T>(text, &v)) return CannotRead(text, type);
  static_cast<columnar::NumericBuilder<T>*>(b)->Append(v);
  return Status::OK();
}

}  // namespace

Status AppendParsed(const DataType& type, columnar::ArrayBuilder* b, std::string_view text) {
  switch (type.id) {
    case TypeId::kString:
    case TypeId::kBinary:
      return static_cast<columnar::BinaryBuilder*>(b)->Append(text);
    case TypeId::kBool: {
      bool v = false;
      if (!ParseBool(text, &v)) return CannotRead(text, type);
      static_cast<columnar::BoolBuilder*>(b)->Append(v);
      return Status::OK();
    }
    case TypeId::kInt8:
      return AppendInteger<int8_t>(type, b, text);
    case TypeId::kInt16:
      return AppendInteger<int16_t>(type, b, text);
    case TypeId::kInt32:
      return AppendInteger<int32_t>(type, b, text);
    case TypeId::kInt64:
      return AppendInteger<int64_t>(type, b, text);
    case TypeId::kUInt8:
      return AppendInteger<uint8_t>(type, b, text);
    case TypeId::kUInt16:
      return AppendInteger<uint16_t>(type, b, text);
    case TypeId::kUInt32:
      return AppendInteger<uint32_t>(type, b, text);
    case TypeId::kUInt64:
      return AppendInteger<uint64_t>(type, b, text);
    case TypeId::kFloat32: {
      float v = 0;
      if (!ParseFloat32(text, &v)) return CannotRead(text, type);
      static_cast<columnar::FloatBuilder*>(b)->Append(v);
      return Status::OK();
    }
    case TypeId::kFloat64: {
      double v = 0;
      if (!ParseFloat64(text, &v)) return CannotRead(text, type);
      static_cast<columnar::DoubleBuilder*>(b)->Append(v);
      return Status::OK();
    }
    case TypeId::kDate32: {
      int32_t v = 0;
      if (!ParseDate32(text, &v)) return CannotRead(text, type);
      static_cast<columnar::Int32Builder*>(b)->Append(v);
      return Status::OK();
    }
    case TypeId::kTimestamp: {
      int64_t v = 0;
      if (!ParseTimestampFor(type, text, &v)) return CannotRead(text, type);
      static_cast<columnar::Int64Builder*>(b)->Append(v);
      return Status::OK();
    }
    case TypeId::kTime32: {
      int64_t v = 0;
      if (!ParseTimeOfDay(text, type.unit, &v)) return CannotRead(text, type);
      static_cast<columnar::Int32Builder*>(b)->Append(static_cast<int32_t>(v));
      return Status::OK();
    }
    case TypeId::kTime64: {
      int64_t v = 0;
      if (!ParseTimeOfDay(text, type.unit, &v)) return CannotRead(text, type);
      static_cast<columnar::Int64Builder*>(b)->Append(v);
      return Status::OK();
    }
    case TypeId::kDecimal128: {
      __int128 v = 0;
      if (!ParseDecimal128(text, type.precision, type.scale, &v)) return CannotRead(text, type);
      static_cast<columnar::FixedSizeBinaryBuilder*>(b)->AppendDecimal(v);
      return Status::OK();
    }
    case TypeId::kFixedSizeBinary: {
      if (static_cast<int32_t>(text.size()) != type.byte_width) return CannotRead(text, type);
      static_cast<columnar::FixedSizeBinaryBuilder*>(b)->AppendRaw(text.data());
      return Status::OK();
    }
    default:
      return Status::NotSupported("cannot read {} values from text", type.ToString());
  }
}

}  // namespace sluice::formats
