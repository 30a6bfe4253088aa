#include "sluice/stream/api/row.h"

#include <cmath>

#include "sluice/columnar/builder.h"

namespace sluice::stream {

using columnar::Array;
using columnar::TypeId;

namespace {

int64_t IntAt(const Array& a, int64_t i) {
  switch (a.type->id) {
    case TypeId::kBool:
      return a.BoolValue(i) ? 1 : 0;
    case TypeId::kInt8:
      return a.values<int8_t>()[i];
    case TypeId::kInt16:
      return a.values<int16_t>()[i];
    case TypeId::kInt32:
    case TypeId::kDate32:
    case TypeId::kTime32:
      return a.values<int32_t>()[i];
    case TypeId::kInt64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
      return a.values<int64_t>()[i];
    case TypeId::kUInt8:
      return a.values<uint8_t>()[i];
    case TypeId::kUInt16:
      return a.values<uint16_t>()[i];
    case TypeId::kUInt32:
      return a.values<uint32_t>()[i];
    case TypeId::kUInt64:
      return static_cast<int64_t>(a.values<uint64_t>()[i]);
    case TypeId::kFloat32:
      return static_cast<int64_t>(a.values<float>()[i]);
    case TypeId::kFloat64:
      return static_cast<int64_t>(a.values<double>()[i]);
    default:
      return 0;
  }
}

}  // namespace

bool IsIntegerLike(TypeId id) {
  switch (id) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
    case TypeId::kDate32:
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
      return true;
    default:
      return false;
  }
}

Scalar ArrayValue(const Array& a, int64_t i) {
  if (a.IsNull(i)) return Scalar();
  TypeId id = a.type->id;
  if (id == TypeId::kBool) return Scalar(a.BoolValue(i));
  if (IsIntegerLike(id)) return Scalar(IntAt(a, i));
  if (id == TypeId::kFloat32) return Scalar(static_cast<double>(a.values<float>()[i]));
  if (id == TypeId::kFloat64) return Scalar(a.values<double>()[i]);
  if (a.type->IsBinaryLike()) return Scalar(a.StringValue(i));
  if (id == TypeId::kFixedSizeBinary || id == TypeId::kDecimal128) return Scalar(a.FixedValue(i));
  return Scalar();
}

int64_t Row::GetInt64(int col) const {
  const Array& a = *batch_->columns[col];
  return a.IsNull(index_) ? 0 : IntAt(a, index_);
}

double Row::GetDouble(int col) const {
  const Array& a = *batch_->columns[col];
  if (a.IsNull(index_)) return 0;
  if (a.type->id == TypeId::kFloat64) return a.values<double>()[index_];
  if (a.type->id == TypeId::kFloat32) return a.values<float>()[index_];
  return static_cast<double>(IntAt(a, index_));
}

std::string_view Row::GetString(int col) const {
  const Array& a = *batch_->columns[col];
  if (a.IsNull(index_) || !a.type->IsBinaryLike()) return {};
  return a.StringValue(index_);
}

bool Row::GetBool(int col) const {
  const Array& a = *batch_->columns[col];
  return !a.IsNull(index_) && IntAt(a, index_) != 0;
}

Scalar Row::Get(int col) const { return ArrayValue(*batch_->columns[col], index_); }

Scalar Row::Get(std::string_view name) const {
  int col = ColumnIndex(name);
  return col < 0 ? Scalar() : Get(col);
}

BatchBuilder::BatchBuilder(SchemaPtr schema) : schema_(std::move(schema)) {
  for (const auto& f : schema_->fields) {
    if (f->type->IsNested()) {
      init_status_ = Status::NotSupported("BatchBuilder: nested column '{}' ({})", f->name, f->type->ToString());
      builders_.clear();
      return;
    }
    auto b = columnar::MakeBuilder(f->type);
    if (!b.ok()) {
      init_status_ = b.status();
      builders_.clear();
      return;
    }
    builders_.push_back(std::move(b).value());
  }
}

Status BatchBuilder::AppendValue(int col, const Scalar& v) {
  SLUICE_RETURN_NOT_OK(init_status_);
  columnar::ArrayBuilder* b = builders_[col].get();
  if (v.is_null()) {
    b->AppendNull();
    return Status::OK();
  }
  TypeId id = b->type()->id;
  auto mismatch = [&]() {
    return Status::Invalid("column '{}' of type {} cannot hold value {}", schema_->fields[col]->name,
                           b->type()->ToString(), v.ToString());
  };
  auto as_int = [&](int64_t* out) {
    if (v.is_int()) {
      *out = v.int_value();
    } else if (v.is_bool()) {
      *out = v.bool_value();
    } else if (v.is_double() && std::isfinite(v.double_value())) {
      *out = static_cast<int64_t>(v.double_value());
    } else {
      return false;
    }
    return true;
  };
  int64_t iv = 0;
  switch (id) {
    case TypeId::kNull:
      b->AppendNull();
      return Status::OK();
    case TypeId::kBool:
      if (!v.is_bool() && !v.is_int()) return mismatch();
      static_cast<columnar::BoolBuilder*>(b)->Append(v.is_bool() ? v.bool_value() : v.int_value() != 0);
      return Status::OK();
#define SLUICE_INT_CASE(ID, T)                                                \
  case TypeId::ID:                                                            \
    if (!as_int(&iv)) return mismatch();                                      \
    static_cast<columnar::NumericBuilder<T>*>(b)->Append(static_cast<T>(iv)); \
    return Status::OK();
      SLUICE_INT_CASE(kInt8, int8_t)
      SLUICE_INT_CASE(kInt16, int16_t)
      SLUICE_INT_CASE(kInt32, int32_t)
      SLUICE_INT_CASE(kDate32, int32_t)
      SLUICE_INT_CASE(kTime32, int32_t)
      SLUICE_INT_CASE(kInt64, int64_t)
      SLUICE_INT_CASE(kTime64, int64_t)
      SLUICE_INT_CASE(kTimestamp, int64_t)
      SLUICE_INT_CASE(kUInt8, uint8_t)
      SLUICE_INT_CASE(kUInt16, uint16_t)
      SLUICE_INT_CASE(kUInt32, uint32_t)
      SLUICE_INT_CASE(kUInt64, uint64_t)
#undef SLUICE_INT_CASE
    case TypeId::kFloat32:
      if (!v.is_number()) return mismatch();
      static_cast<columnar::FloatBuilder*>(b)->Append(static_cast<float>(v.double_value()));
      return Status::OK();
    case TypeId::kFloat64:
      if (!v.is_number()) return mismatch();
      static_cast<columnar::DoubleBuilder*>(b)->Append(v.double_value());
      return Status::OK();
    case TypeId::kString:
    case TypeId::kBinary:
      if (!v.is_string()) return mismatch();
      return static_cast<columnar::BinaryBuilder*>(b)->Append(v.string_value());
    case TypeId::kFixedSizeBinary:
    case TypeId::kDecimal128:
      if (!v.is_string()) return mismatch();
      return static_cast<columnar::FixedSizeBinaryBuilder*>(b)->Append(v.string_value());
    default:
      return mismatch();
  }
}

Status BatchBuilder::Append(std::span<const Scalar> row) {
  SLUICE_RETURN_NOT_OK(init_status_);
  if (row.size() != builders_.size()) {
    return Status::Invalid("row has {} values, schema has {} columns", row.size(), builders_.size());
  }
  for (size_t c = 0; c < row.size(); ++c) SLUICE_RETURN_NOT_OK(AppendValue(static_cast<int>(c), row[c]));
  ++num_rows_;
  return Status::OK();
}

Result<RecordBatch> BatchBuilder::Finish() {
  SLUICE_RETURN_NOT_OK(init_status_);
  RecordBatch out;
  out.schema = schema_;
  out.num_rows = num_rows_;
  for (auto& b : builders_) {
    SLUICE_ASSIGN_OR_RETURN(ArrayPtr a, b->Finish());
    if (a->length != num_rows_) {
      return Status::Invalid("BatchBuilder: column '{}' has {} values for {} rows", a->type->ToString(), a->length,
                             num_rows_);
    }
    out.columns.push_back(std::move(a));
  }
  num_rows_ = 0;
  return out;
}

}  // namespace sluice::stream
