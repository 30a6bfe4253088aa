#include "sluice/delta/checkpoint/checkpoint_batch_builder.h"

#include <optional>
#include <type_traits>

#include "sluice/columnar/builder.h"
#include "sluice/delta/protocol/action_fields.h"

namespace sluice::delta {

using columnar::ArrayBuilder;
using columnar::FieldPtr;
using columnar::MakeField;
using columnar::StructBuilder;

namespace {

// Column positions in CheckpointSchema.
enum Column { kTxn, kAdd, kRemove, kMetaData, kProtocol, kDomainMetadata };

template <typename T>
constexpr bool kIsOptional = false;
template <typename T>
constexpr bool kIsOptional<std::optional<T>> = true;

FieldPtr F(std::string name, columnar::DataTypePtr type) { return MakeField(std::move(name), std::move(type)); }

columnar::DataTypePtr StringMap() {
  return columnar::Map(MakeField("key", columnar::String(), /*nullable=*/false), F("value", columnar::String()));
}
columnar::DataTypePtr StringList() { return columnar::List(F("element", columnar::String())); }

template <typename S>
columnar::DataTypePtr StructType();

// The checkpoint type of a field of C++ type M: versions and the deletion
// vector's offset/sizeInBytes are int32 (int32_t members), every other
// integer int64.
template <typename M>
columnar::DataTypePtr TypeOf() {
  if constexpr (kIsOptional<M>) {
    return TypeOf<typename M::value_type>();
  } else if constexpr (std::is_same_v<M, std::string>) {
    return columnar::String();
  } else if constexpr (std::is_same_v<M, int32_t>) {
    return columnar::Int32();
  } else if constexpr (std::is_same_v<M, int64_t>) {
    return columnar::Int64();
  } else if constexpr (std::is_same_v<M, bool>) {
    return columnar::Bool();
  } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
    return StringList();
  } else if constexpr (std::is_same_v<M, std::map<std::string, std::string>> || std::is_same_v<M, PartitionValues>) {
    return StringMap();
  } else {
    return StructType<M>();
  }
}

// The struct of FieldTable<S>'s fields, in table order.
template <typename S>
columnar::DataTypePtr StructType() {
  std::vector<FieldPtr> fields;
  ForEachField<S>([&](auto i) {
    constexpr size_t kI = decltype(i)::value;
    fields.push_back(F(std::string(kField<S, kI>.name), TypeOf<FieldType<S, kI>>()));
  });
  return columnar::Struct(std::move(fields));
}

template <typename S>
FieldPtr ColumnField() {
  return F(std::string(FieldTable<S>::kName), StructType<S>());
}

// Typed appends into the child builders of an action struct, one overload
// per field kind. The builders come from MakeBuilder(CheckpointSchema()), so
// each cast matches the field type TypeOf gave.
Status Put(ArrayBuilder* b, const Format& v);
Status Put(ArrayBuilder* b, const DeletionVectorDescriptor& v);
template <typename T>
Status Put(ArrayBuilder* b, const std::optional<T>& v);

template <typename T>
Status Put(ArrayBuilder* b, T v) requires std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t> {
  static_cast<columnar::NumericBuilder<T>*>(b)->Append(v);
  return Status::OK();
}
Status Put(ArrayBuilder* b, bool v) {
  static_cast<columnar::BoolBuilder*>(b)->Append(v);
  return Status::OK();
}
Status Put(ArrayBuilder* b, std::string_view v) { return static_cast<columnar::BinaryBuilder*>(b)->Append(v); }
Status Put(ArrayBuilder* b, const std::string& v) { return Put(b, std::string_view(v)); }
Status Put(ArrayBuilder* b, const std::vector<std::string>& list) {
  auto* lb = static_cast<columnar::ListBuilder*>(b);
  SLUICE_RETURN_NOT_OK(lb->Append());
  for (const std::string& s : list) SLUICE_RETURN_NOT_OK(Put(lb->value_builder(), s));
  return Status::OK();
}
// A string map, or PartitionValues (whose null values stay null).
template <typename V>
Status Put(ArrayBuilder* b, const std::map<std::string, V>& m) {
  auto* mb = static_cast<columnar::MapBuilder*>(b);
  SLUICE_RETURN_NOT_OK(mb->Append());
  for (const auto& [k, v] : m) {
    SLUICE_RETURN_NOT_OK(Put(mb->key_builder(), k));
    SLUICE_RETURN_NOT_OK(Put(mb->item_builder(), v));
  }
  return Status::OK();
}
// Unset is null.
template <typename T>
Status Put(ArrayBuilder* b, const std::optional<T>& v) {
  if (v) return Put(b, *v);
  b->AppendNull();
  return Status::OK();
}

// Appends the fields of `v` to the field builders of `s` (built from
// StructType<S>()), one per table entry.
template <typename S>
Status PutFields(StructBuilder* s, const S& v) {
  Status st;
  AnyField<S>([&](auto i) {
    constexpr size_t kI = decltype(i)::value;
    ArrayBuilder* b = s->field_builder(kI);
    if constexpr ((kField<S, kI>.flags & kFalseInCheckpoint) != 0) {
      static_assert(std::is_same_v<FieldType<S, kI>, bool>);
      st = Put(b, false);
    } else {
      st = Put(b, v.*kMember<S, kI>);
    }
    return !st.ok();
  });
  return st;
}

Status Put(ArrayBuilder* b, const Format& v) {
  auto* s = static_cast<StructBuilder*>(b);
  s->Append();
  return PutFields(s, v);
}

Status Put(ArrayBuilder* b, const DeletionVectorDescriptor& v) {
  auto* s = static_cast<StructBuilder*>(b);
  s->Append();
  return PutFields(s, v);
}

}  // namespace

columnar::SchemaPtr CheckpointSchema(bool with_domain_metadata) {
  auto schema = std::make_shared<columnar::Schema>();
  schema->fields = {ColumnField<Txn>(), ColumnField<Add>(), ColumnField<Remove>(), ColumnField<Metadata>(),
                    ColumnField<Protocol>()};
  if (with_domain_metadata) schema->fields.push_back(ColumnField<DomainMetadata>());
  return schema;
}

Result<std::unique_ptr<CheckpointBatchBuilder>> CheckpointBatchBuilder::Make(bool with_domain_metadata) {
  std::unique_ptr<CheckpointBatchBuilder> b(new CheckpointBatchBuilder());
  b->schema_ = CheckpointSchema(with_domain_metadata);
  for (const FieldPtr& f : b->schema_->fields) {
    SLUICE_ASSIGN_OR_RETURN(auto builder, columnar::MakeBuilder(f->type));
    b->columns_.emplace_back(static_cast<StructBuilder*>(builder.release()));
  }
  return b;
}

StructBuilder* CheckpointBatchBuilder::StartRow(int column) {
  for (int c = 0; c < static_cast<int>(columns_.size()); ++c) {
    if (c != column) columns_[c]->AppendNull();
  }
  ++rows_;
  columns_[column]->Append();
  return columns_[column].get();
}

Status CheckpointBatchBuilder::Append(const Protocol& p) { return PutFields(StartRow(kProtocol), p); }

Status CheckpointBatchBuilder::Append(const Metadata& m) { return PutFields(StartRow(kMetaData), m); }

Status CheckpointBatchBuilder::Append(const Txn& t) { return PutFields(StartRow(kTxn), t); }

Status CheckpointBatchBuilder::Append(const DomainMetadata& d) {
  if (columns_.size() <= kDomainMetadata) {
    return Status::Invalid("checkpoint batch built without a domainMetadata column");
  }
  return PutFields(StartRow(kDomainMetadata), d);
}

Status CheckpointBatchBuilder::Append(const Add& a) { return PutFields(StartRow(kAdd), a); }

Status CheckpointBatchBuilder::Append(const Remove& r) { return PutFields(StartRow(kRemove), r); }

Result<columnar::RecordBatch> CheckpointBatchBuilder::Finish() {
  columnar::RecordBatch batch;
  batch.schema = schema_;
  batch.num_rows = rows_;
  for (auto& c : columns_) {
    SLUICE_ASSIGN_OR_RETURN(auto array, c->Finish());
    batch.columns.push_back(std::move(array));
  }
  rows_ = 0;
  return batch;
}

}  // namespace sluice::delta
