#include "sluice/parquet/schema/type_mapping.h"

#include <cmath>

namespace sluice::parquet {
namespace {

using columnar::DataTypePtr;
using columnar::TypeId;
using format::ConvertedType;
using format::LogicalType;
using format::Type;
using Kind = format::LogicalType::Kind;

columnar::TimeUnit ToColumnarUnit(format::TimeUnit u) {
  switch (u) {
    case format::TimeUnit::MILLIS:
      return columnar::TimeUnit::kMilli;
    case format::TimeUnit::MICROS:
      return columnar::TimeUnit::kMicro;
    default:
      return columnar::TimeUnit::kNano;
  }
}

Result<DataTypePtr> MakeDecimal(const format::SchemaElement& e, int32_t precision, int32_t scale) {
  if (precision > 38) {
    return Status::NotSupported("column '{}': DECIMAL precision {} > 38", e.name, precision);
  }
  if (precision <= 0 || scale < 0 || scale > precision) {
    return Status::Corrupt("column '{}': invalid DECIMAL({}, {})", e.name, precision, scale);
  }
  if (e.type == Type::INT32 && precision > 9) {
    return Status::Corrupt("column '{}': DECIMAL({}) does not fit INT32", e.name, precision);
  }
  if (e.type == Type::INT64 && precision > 18) {
    return Status::Corrupt("column '{}': DECIMAL({}) does not fit INT64", e.name, precision);
  }
  if (e.type == Type::BOOLEAN || e.type == Type::FLOAT || e.type == Type::DOUBLE || e.type == Type::INT96) {
    return Status::Corrupt("column '{}': DECIMAL on a non-integer physical type", e.name);
  }
  return columnar::Decimal128(precision, scale);
}

// Type from the logical annotation; nullptr when it does not apply (absent,
// a future member, or not meaningful for the physical type): the caller then
// falls back to the converted type (LogicalTypes.md, "Backward compatibility").
Result<DataTypePtr> FromLogical(const format::SchemaElement& e, Type t) {
  if (!e.logical_type) return DataTypePtr();
  const LogicalType& l = *e.logical_type;
  switch (l.kind) {
    case Kind::kString:
    case Kind::kEnum:
    case Kind::kJson:
      return t == Type::BYTE_ARRAY ? columnar::String() : nullptr;
    case Kind::kBson:
    case Kind::kGeometry:
    case Kind::kGeography:
      return t == Type::BYTE_ARRAY ? columnar::Binary() : nullptr;
    case Kind::kDecimal:
      return MakeDecimal(e, l.decimal.precision, l.decimal.scale);
    case Kind::kDate:
      return t == Type::INT32 ? columnar::Date32() : nullptr;
    case Kind::kTime:
      if (!format::IsKnown(l.time.unit)) return Status::Corrupt("column '{}': invalid TIME unit", e.name);
      if (t == Type::INT32 && l.time.unit == format::TimeUnit::MILLIS) {
        return columnar::Time32(columnar::TimeUnit::kMilli);
      }
      if (t == Type::INT64 && l.time.unit != format::TimeUnit::MILLIS) {
        return columnar::Time64(ToColumnarUnit(l.time.unit));
      }
      return DataTypePtr();
    case Kind::kTimestamp:
      if (!format::IsKnown(l.timestamp.unit)) return Status::Corrupt("column '{}': invalid TIMESTAMP unit", e.name);
      if (t != Type::INT64) return DataTypePtr();
      return columnar::Timestamp(ToColumnarUnit(l.timestamp.unit), l.timestamp.is_adjusted_to_utc);
    case Kind::kInteger: {
      const int bw = l.integer.bit_width;
      const bool s = l.integer.is_signed;
      if (t == Type::INT32) {
        if (bw == 8) return s ? columnar::Int8() : columnar::UInt8();
        if (bw == 16) return s ? columnar::Int16() : columnar::UInt16();
        if (bw == 32) return s ? columnar::Int32() : columnar::UInt32();
      } else if (t == Type::INT64 && bw == 64) {
        return s ? columnar::Int64() : columnar::UInt64();
      }
      return Status::Corrupt("column '{}': INT({}, {}) on physical type {}", e.name, bw, s, static_cast<int>(t));
    }
    case Kind::kUnknown:
      return columnar::Null();
    case Kind::kUuid:
      return t == Type::FIXED_LEN_BYTE_ARRAY && e.type_length == 16 ? columnar::FixedSizeBinary(16) : nullptr;
    case Kind::kFloat16:
      return t == Type::FIXED_LEN_BYTE_ARRAY && e.type_length == 2 ? columnar::Float16() : nullptr;
    default:
      return DataTypePtr();
  }
}

Result<DataTypePtr> FromConverted(const format::SchemaElement& e, Type t) {
  if (!e.converted_type) return DataTypePtr();
  switch (*e.converted_type) {
    case ConvertedType::UTF8:
    case ConvertedType::ENUM:
    case ConvertedType::JSON:
      return t == Type::BYTE_ARRAY ? columnar::String() : nullptr;
    case ConvertedType::DECIMAL:
      return MakeDecimal(e, e.precision.value_or(0), e.scale.value_or(0));
    case ConvertedType::DATE:
      return t == Type::INT32 ? columnar::Date32() : nullptr;
    case ConvertedType::TIME_MILLIS:
      return t == Type::INT32 ? columnar::Time32(columnar::TimeUnit::kMilli) : nullptr;
    case ConvertedType::TIME_MICROS:
      return t == Type::INT64 ? columnar::Time64(columnar::TimeUnit::kMicro) : nullptr;
    // Converted timestamps are UTC-adjusted (LogicalTypes.md, "TIMESTAMP" compatibility).
    case ConvertedType::TIMESTAMP_MILLIS:
      return t == Type::INT64 ? columnar::Timestamp(columnar::TimeUnit::kMilli, true) : nullptr;
    case ConvertedType::TIMESTAMP_MICROS:
      return t == Type::INT64 ? columnar::Timestamp(columnar::TimeUnit::kMicro, true) : nullptr;
    case ConvertedType::UINT_8:
      return t == Type::INT32 ? columnar::UInt8() : nullptr;
    case ConvertedType::UINT_16:
      return t == Type::INT32 ? columnar::UInt16() : nullptr;
    case ConvertedType::UINT_32:
      return t == Type::INT32 ? columnar::UInt32() : nullptr;
    case ConvertedType::UINT_64:
      return t == Type::INT64 ? columnar::UInt64() : nullptr;
    case ConvertedType::INT_8:
      return t == Type::INT32 ? columnar::Int8() : nullptr;
    case ConvertedType::INT_16:
      return t == Type::INT32 ? columnar::Int16() : nullptr;
    default:
      return DataTypePtr();
  }
}

DataTypePtr FromPhysical(Type t, int32_t width) {
  switch (t) {
    case Type::BOOLEAN:
      return columnar::Bool();
    case Type::INT32:
      return columnar::Int32();
    case Type::INT64:
      return columnar::Int64();
    case Type::INT96:  // Impala/Spark timestamps: read as NTZ microseconds.
      return columnar::Timestamp(columnar::TimeUnit::kMicro, false);
    case Type::FLOAT:
      return columnar::Float32();
    case Type::DOUBLE:
      return columnar::Float64();
    case Type::BYTE_ARRAY:
      return columnar::Binary();
    default:
      return columnar::FixedSizeBinary(width);
  }
}

LogicalType MakeLogical(Kind kind) {
  LogicalType l;
  l.kind = kind;
  return l;
}

format::TimeUnit ToFormatUnit(columnar::TimeUnit u) {
  switch (u) {
    case columnar::TimeUnit::kSecond:
    case columnar::TimeUnit::kMilli:
      return format::TimeUnit::MILLIS;
    case columnar::TimeUnit::kMicro:
      return format::TimeUnit::MICROS;
    default:
      return format::TimeUnit::NANOS;
  }
}

void SetInt(format::SchemaElement* e, Type t, int bw, bool is_signed, ConvertedType c) {
  e->type = t;
  LogicalType l = MakeLogical(Kind::kInteger);
  l.integer.bit_width = static_cast<int8_t>(bw);
  l.integer.is_signed = is_signed;
  e->logical_type = l;
  e->converted_type = c;
}

}  // namespace

Result<DataTypePtr> ReadLeafType(const format::SchemaElement& e) {
  if (!e.type) return Status::Corrupt("schema element '{}': leaf without a physical type", e.name);
  const Type t = *e.type;
  if (!format::IsKnown(t)) {
    return Status::Corrupt("schema element '{}': invalid physical type {}", e.name, static_cast<int32_t>(t));
  }
  int32_t width = 0;
  if (t == Type::FIXED_LEN_BYTE_ARRAY) {
    width = e.type_length.value_or(0);
    if (width <= 0)
      return Status::Corrupt("schema element '{}': FIXED_LEN_BYTE_ARRAY without a valid type_length", e.name);
  }
  SLUICE_ASSIGN_OR_RETURN(DataTypePtr logical, FromLogical(e, t));
  if (logical) return logical;
  SLUICE_ASSIGN_OR_RETURN(DataTypePtr converted, FromConverted(e, t));
  if (converted) return converted;
  return FromPhysical(t, width);
}

int32_t DecimalByteWidth(int32_t precision) {
  // Smallest n with 10^p - 1 <= 2^(8n-1) - 1, i.e. p <= (8n-1)*log10(2).
  for (int32_t n = 1; n < 16; ++n) {
    if (precision <= static_cast<int32_t>(std::floor((8 * n - 1) * 0.30102999566398120))) return n;
  }
  return 16;
}

Status WriteLeafType(const columnar::DataType& type, format::SchemaElement* e) {
  switch (type.id) {
    case TypeId::kNull:
      e->type = Type::INT32;
      e->logical_type = MakeLogical(Kind::kUnknown);
      return Status::OK();
    case TypeId::kBool:
      e->type = Type::BOOLEAN;
      return Status::OK();
    case TypeId::kInt8:
      SetInt(e, Type::INT32, 8, true, ConvertedType::INT_8);
      return Status::OK();
    case TypeId::kInt16:
      SetInt(e, Type::INT32, 16, true, ConvertedType::INT_16);
      return Status::OK();
    case TypeId::kInt32:
      SetInt(e, Type::INT32, 32, true, ConvertedType::INT_32);
      return Status::OK();
    case TypeId::kInt64:
      SetInt(e, Type::INT64, 64, true, ConvertedType::INT_64);
      return Status::OK();
    case TypeId::kUInt8:
      SetInt(e, Type::INT32, 8, false, ConvertedType::UINT_8);
      return Status::OK();
    case TypeId::kUInt16:
      SetInt(e, Type::INT32, 16, false, ConvertedType::UINT_16);
      return Status::OK();
    case TypeId::kUInt32:
      SetInt(e, Type::INT32, 32, false, ConvertedType::UINT_32);
      return Status::OK();
    case TypeId::kUInt64:
      SetInt(e, Type::INT64, 64, false, ConvertedType::UINT_64);
      return Status::OK();
    case TypeId::kFloat16:
      e->type = Type::FIXED_LEN_BYTE_ARRAY;
      e->type_length = 2;
      e->logical_type = MakeLogical(Kind::kFloat16);
      return Status::OK();
    case TypeId::kFloat32:
      e->type = Type::FLOAT;
      return Status::OK();
    case TypeId::kFloat64:
      e->type = Type::DOUBLE;
      return Status::OK();
    case TypeId::kString:
      e->type = Type::BYTE_ARRAY;
      e->logical_type = MakeLogical(Kind::kString);
      e->converted_type = ConvertedType::UTF8;
      return Status::OK();
    case TypeId::kBinary:
      e->type = Type::BYTE_ARRAY;
      return Status::OK();
    case TypeId::kFixedSizeBinary:
      if (type.byte_width <= 0) return Status::Invalid("fixed_size_binary width {} for '{}'", type.byte_width, e->name);
      e->type = Type::FIXED_LEN_BYTE_ARRAY;
      e->type_length = type.byte_width;
      return Status::OK();
    case TypeId::kDate32:
      e->type = Type::INT32;
      e->logical_type = MakeLogical(Kind::kDate);
      e->converted_type = ConvertedType::DATE;
      return Status::OK();
    case TypeId::kTime32:
    case TypeId::kTime64: {
      if (type.unit == columnar::TimeUnit::kSecond) return Status::NotSupported("time32[s] column '{}'", e->name);
      const bool millis = type.unit == columnar::TimeUnit::kMilli;
      e->type = millis ? Type::INT32 : Type::INT64;
      LogicalType l = MakeLogical(Kind::kTime);
      l.time.is_adjusted_to_utc = true;
      l.time.unit = ToFormatUnit(type.unit);
      e->logical_type = l;
      if (millis) e->converted_type = ConvertedType::TIME_MILLIS;
      if (type.unit == columnar::TimeUnit::kMicro) e->converted_type = ConvertedType::TIME_MICROS;
      return Status::OK();
    }
    case TypeId::kTimestamp: {
      // timestamp[s] has no Parquet unit: written as MILLIS, values x1000 (ShredField).
      e->type = Type::INT64;
      LogicalType l = MakeLogical(Kind::kTimestamp);
      l.timestamp.is_adjusted_to_utc = type.utc;
      l.timestamp.unit = ToFormatUnit(type.unit);
      e->logical_type = l;
      if (type.utc && l.timestamp.unit == format::TimeUnit::MILLIS) e->converted_type = ConvertedType::TIMESTAMP_MILLIS;
      if (type.utc && l.timestamp.unit == format::TimeUnit::MICROS) e->converted_type = ConvertedType::TIMESTAMP_MICROS;
      return Status::OK();
    }
    case TypeId::kDecimal128: {
      if (type.precision <= 0 || type.precision > 38 || type.scale < 0 || type.scale > type.precision) {
        return Status::Invalid("decimal128({}, {}) for '{}'", type.precision, type.scale, e->name);
      }
      e->type = Type::FIXED_LEN_BYTE_ARRAY;
      e->type_length = DecimalByteWidth(type.precision);
      LogicalType l = MakeLogical(Kind::kDecimal);
      l.decimal.precision = type.precision;
      l.decimal.scale = type.scale;
      e->logical_type = l;
      e->converted_type = ConvertedType::DECIMAL;
      e->precision = type.precision;
      e->scale = type.scale;
      return Status::OK();
    }
    default:
      return Status::Invalid("'{}': nested type {} is not a leaf", e->name, type.ToString());
  }
}

}  // namespace sluice::parquet
