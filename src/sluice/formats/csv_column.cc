#include "sluice/formats/csv_column.h"

#include <simdjson.h>

#include <cstring>

#include "sluice/columnar/builder.h"
#include "sluice/formats/csv_string_builder.h"
#include "sluice/formats/value_parsers.h"

namespace sluice::formats {
namespace {

using columnar::DataType;
using columnar::TypeId;

Status RowError(const CsvColumnContext& ctx, size_t row, const Status& st) {
  return st.WithContext(fmt::format("{}:{}: column '{}'", *ctx.path, ctx.lines[row], ctx.field->name));
}

Status NullError(const CsvColumnContext& ctx, size_t row) {
  return Status::Invalid("{}:{}: column '{}': null in a non-nullable column", *ctx.path, ctx.lines[row],
                         ctx.field->name);
}

// The loop shared by every fixed-width type: `parse(text, &value)` -> bool,
// `append(value)` appends a valid value.
template <typename T, typename Builder, typename Parse>
Status AppendValues(std::span<const CsvField> fields, const CsvColumnContext& ctx, Builder* b, Parse parse) {
  const DataType& type = *ctx.field->type;
  const bool nullable = ctx.field->nullable;
  b->Reserve(static_cast<int64_t>(fields.size()));
  for (size_t r = 0; r < fields.size(); ++r) {
    const CsvField& f = fields[r];
    if (IsCsvNull(f, ctx.null_value, /*string_like=*/false)) {
      if (!nullable) return NullError(ctx, r);
      b->AppendNull();
      continue;
    }
    T v{};
    if (!parse(f.view(), &v)) [[unlikely]] {
      return RowError(ctx, r, CannotRead(f.view(), type));
    }
    if constexpr (std::is_same_v<Builder, columnar::FixedSizeBinaryBuilder>) {
      if constexpr (std::is_same_v<T, __int128>) {
        b->AppendDecimal(v);
      } else {
        b->AppendRaw(f.data);
      }
    } else {
      b->Append(v);
    }
  }
  return Status::OK();
}

template <typename T>
Status AppendIntegers(std::span<const CsvField> fields, const CsvColumnContext& ctx, columnar::ArrayBuilder* b) {
  return AppendValues<T>(fields, ctx, static_cast<columnar::NumericBuilder<T>*>(b),
                         [](std::string_view s, T* v) { return ParseInteger<T>(s, v); });
}

bool IsAscii(const char* p, size_t n) {
  uint64_t acc = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    acc |= w;
  }
  for (; i < n; ++i) acc |= static_cast<uint8_t>(p[i]);
  return (acc & 0x8080808080808080ULL) == 0;
}

}  // namespace

Result<std::unique_ptr<columnar::ArrayBuilder>> MakeCsvColumnBuilder(const columnar::DataTypePtr& type) {
  if (type->IsBinaryLike()) return std::unique_ptr<columnar::ArrayBuilder>(std::make_unique<CsvStringBuilder>(type));
  return columnar::MakeBuilder(type);
}

Status AppendCsvColumn(std::span<const CsvField> fields, const CsvColumnContext& ctx, columnar::ArrayBuilder* b) {
  const DataType& type = *ctx.field->type;
  switch (type.id) {
    case TypeId::kString:
    case TypeId::kBinary:
      return static_cast<CsvStringBuilder*>(b)->AppendFields(fields, ctx);
    case TypeId::kBool:
      return AppendValues<bool>(fields, ctx, static_cast<columnar::BoolBuilder*>(b), ParseBool);
    case TypeId::kInt8:
      return AppendIntegers<int8_t>(fields, ctx, b);
    case TypeId::kInt16:
      return AppendIntegers<int16_t>(fields, ctx, b);
    case TypeId::kInt32:
      return AppendIntegers<int32_t>(fields, ctx, b);
    case TypeId::kInt64:
      return AppendIntegers<int64_t>(fields, ctx, b);
    case TypeId::kUInt8:
      return AppendIntegers<uint8_t>(fields, ctx, b);
    case TypeId::kUInt16:
      return AppendIntegers<uint16_t>(fields, ctx, b);
    case TypeId::kUInt32:
      return AppendIntegers<uint32_t>(fields, ctx, b);
    case TypeId::kUInt64:
      return AppendIntegers<uint64_t>(fields, ctx, b);
    case TypeId::kFloat32:
      return AppendValues<float>(fields, ctx, static_cast<columnar::FloatBuilder*>(b), ParseFloat32);
    case TypeId::kFloat64:
      return AppendValues<double>(fields, ctx, static_cast<columnar::DoubleBuilder*>(b), ParseFloat64);
    case TypeId::kDate32:
      return AppendValues<int32_t>(fields, ctx, static_cast<columnar::Int32Builder*>(b), ParseDate32);
    case TypeId::kTimestamp:
      return AppendValues<int64_t>(fields, ctx, static_cast<columnar::Int64Builder*>(b),
                                   [&type](std::string_view s, int64_t* v) { return ParseTimestampFor(type, s, v); });
    case TypeId::kTime32:
      return AppendValues<int32_t>(fields, ctx, static_cast<columnar::Int32Builder*>(b),
                                   [&type](std::string_view s, int32_t* v) {
                                     int64_t t = 0;
                                     if (!ParseTimeOfDay(s, type.unit, &t)) return false;
                                     *v = static_cast<int32_t>(t);
                                     return true;
                                   });
    case TypeId::kTime64:
      return AppendValues<int64_t>(fields, ctx, static_cast<columnar::Int64Builder*>(b),
                                   [&type](std::string_view s, int64_t* v) { return ParseTimeOfDay(s, type.unit, v); });
    case TypeId::kDecimal128:
      return AppendValues<__int128>(
          fields, ctx, static_cast<columnar::FixedSizeBinaryBuilder*>(b),
          [&type](std::string_view s, __int128* v) { return ParseDecimal128(s, type.precision, type.scale, v); });
    case TypeId::kFixedSizeBinary:
      return AppendValues<bool>(fields, ctx, static_cast<columnar::FixedSizeBinaryBuilder*>(b),
                                [&type](std::string_view s, bool*) { return s.size() == size_t(type.byte_width); });
    default:
      return Status::NotSupported("{}: column '{}': cannot read {} values from CSV", *ctx.path, ctx.field->name,
                                  type.ToString());
  }
}

Status ValidateUtf8Column(const columnar::Array& array, const CsvColumnContext& ctx) {
  if (array.type->id != TypeId::kString || array.length == 0) return Status::OK();
  const int32_t* offsets = array.offsets();
  const char* bytes = reinterpret_cast<const char*>(array.buffers[2]->data());
  // ASCII is the common case and checks at memory speed; otherwise each value
  // is checked alone (the concatenation of two invalid values can be valid).
  if (IsAscii(bytes + offsets[0], static_cast<size_t>(offsets[array.length] - offsets[0]))) return Status::OK();
  for (int64_t i = 0; i < array.length; ++i) {
    std::string_view v = array.StringValue(i);
    if (!simdjson::validate_utf8(v.data(), v.size())) {
      return Status::Invalid("{}:{}: column '{}': value is not UTF-8; read the column as binary", *ctx.path,
                             ctx.lines[i], ctx.field->name);
    }
  }
  return Status::OK();
}

}  // namespace sluice::formats
