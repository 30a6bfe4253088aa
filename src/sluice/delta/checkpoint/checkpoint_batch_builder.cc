#include "sluice/delta/checkpoint/checkpoint_batch_builder.h"

#include "sluice/columnar/builder.h"

namespace sluice::delta {

using columnar::ArrayBuilder;
using columnar::FieldPtr;
using columnar::MakeField;
using columnar::StructBuilder;

namespace {

// Column positions in CheckpointSchema.
enum Column { kTxn, kAdd, kRemove, kMetaData, kProtocol, kDomainMetadata };

// Field positions inside each action struct (the order of the schema below).
enum TxnField { kTxnAppId, kTxnVersion, kTxnLastUpdated };
enum AddField {
  kAddPath,
  kAddPartitionValues,
  kAddSize,
  kAddModificationTime,
  kAddDataChange,
  kAddStats,
  kAddTags,
  kAddDv,
  kAddBaseRowId,
  kAddDefaultRowCommitVersion,
  kAddClusteringProvider
};
enum RemoveField {
  kRemovePath,
  kRemoveDeletionTimestamp,
  kRemoveDataChange,
  kRemoveExtendedFileMetadata,
  kRemovePartitionValues,
  kRemoveSize,
  kRemoveTags,
  kRemoveDv,
  kRemoveBaseRowId,
  kRemoveDefaultRowCommitVersion
};
enum MetadataField {
  kMetaId,
  kMetaName,
  kMetaDescription,
  kMetaFormat,
  kMetaSchemaString,
  kMetaPartitionColumns,
  kMetaConfiguration,
  kMetaCreatedTime
};
enum ProtocolField { kMinReader, kMinWriter, kReaderFeatures, kWriterFeatures };
enum DomainField { kDomain, kDomainConfiguration, kDomainRemoved };

FieldPtr F(std::string name, columnar::DataTypePtr type) { return MakeField(std::move(name), std::move(type)); }

columnar::DataTypePtr StringMap() {
  return columnar::Map(MakeField("key", columnar::String(), /*nullable=*/false), F("value", columnar::String()));
}
columnar::DataTypePtr StringList() { return columnar::List(F("element", columnar::String())); }

columnar::DataTypePtr DvType() {
  using namespace columnar;
  return Struct({F("storageType", String()), F("pathOrInlineDv", String()), F("offset", Int32()),
                 F("sizeInBytes", Int32()), F("cardinality", Int64())});
}

// Typed appends into the child builders of an action struct. The builders
// come from MakeBuilder(CheckpointSchema()), so each cast matches the field
// type declared above.
template <typename T>
void PutNum(ArrayBuilder* b, T v) {
  static_cast<columnar::NumericBuilder<T>*>(b)->Append(v);
}
template <typename T, typename U>
void PutOptNum(ArrayBuilder* b, const std::optional<U>& v) {
  if (v) {
    PutNum<T>(b, static_cast<T>(*v));
  } else {
    b->AppendNull();
  }
}
void PutBool(ArrayBuilder* b, bool v) { static_cast<columnar::BoolBuilder*>(b)->Append(v); }
void PutOptBool(ArrayBuilder* b, const std::optional<bool>& v) {
  if (v) {
    PutBool(b, *v);
  } else {
    b->AppendNull();
  }
}
Status PutStr(ArrayBuilder* b, std::string_view v) { return static_cast<columnar::BinaryBuilder*>(b)->Append(v); }
Status PutOptStr(ArrayBuilder* b, const std::optional<std::string>& v) {
  if (v) return PutStr(b, *v);
  b->AppendNull();
  return Status::OK();
}
Status PutStrMap(ArrayBuilder* b, const std::map<std::string, std::string>& m) {
  auto* mb = static_cast<columnar::MapBuilder*>(b);
  SLUICE_RETURN_NOT_OK(mb->Append());
  for (const auto& [k, v] : m) {
    SLUICE_RETURN_NOT_OK(PutStr(mb->key_builder(), k));
    SLUICE_RETURN_NOT_OK(PutStr(mb->item_builder(), v));
  }
  return Status::OK();
}
Status PutOptStrMap(ArrayBuilder* b, const std::optional<std::map<std::string, std::string>>& m) {
  if (m) return PutStrMap(b, *m);
  b->AppendNull();
  return Status::OK();
}
Status PutPartitionValues(ArrayBuilder* b, const PartitionValues& m) {
  auto* mb = static_cast<columnar::MapBuilder*>(b);
  SLUICE_RETURN_NOT_OK(mb->Append());
  for (const auto& [k, v] : m) {
    SLUICE_RETURN_NOT_OK(PutStr(mb->key_builder(), k));
    SLUICE_RETURN_NOT_OK(PutOptStr(mb->item_builder(), v));
  }
  return Status::OK();
}
Status PutStrList(ArrayBuilder* b, const std::vector<std::string>& list) {
  auto* lb = static_cast<columnar::ListBuilder*>(b);
  SLUICE_RETURN_NOT_OK(lb->Append());
  for (const std::string& s : list) SLUICE_RETURN_NOT_OK(PutStr(lb->value_builder(), s));
  return Status::OK();
}
Status PutOptStrList(ArrayBuilder* b, const std::optional<std::vector<std::string>>& list) {
  if (list) return PutStrList(b, *list);
  b->AppendNull();
  return Status::OK();
}
Status PutDv(ArrayBuilder* b, const std::optional<DeletionVectorDescriptor>& dv) {
  auto* s = static_cast<StructBuilder*>(b);
  if (!dv) {
    s->AppendNull();
    return Status::OK();
  }
  s->Append();
  SLUICE_RETURN_NOT_OK(PutStr(s->field_builder(0), dv->storage_type));
  SLUICE_RETURN_NOT_OK(PutStr(s->field_builder(1), dv->path_or_inline_dv));
  PutOptNum<int32_t>(s->field_builder(2), dv->offset);
  PutNum<int32_t>(s->field_builder(3), dv->size_in_bytes);
  PutNum<int64_t>(s->field_builder(4), dv->cardinality);
  return Status::OK();
}

}  // namespace

columnar::SchemaPtr CheckpointSchema(bool with_domain_metadata) {
  using namespace columnar;
  auto txn = Struct({F("appId", String()), F("version", Int64()), F("lastUpdated", Int64())});
  auto add = Struct({F("path", String()), F("partitionValues", StringMap()), F("size", Int64()),
                     F("modificationTime", Int64()), F("dataChange", Bool()), F("stats", String()),
                     F("tags", StringMap()), F("deletionVector", DvType()), F("baseRowId", Int64()),
                     F("defaultRowCommitVersion", Int64()), F("clusteringProvider", String())});
  auto remove = Struct({F("path", String()), F("deletionTimestamp", Int64()), F("dataChange", Bool()),
                        F("extendedFileMetadata", Bool()), F("partitionValues", StringMap()), F("size", Int64()),
                        F("tags", StringMap()), F("deletionVector", DvType()), F("baseRowId", Int64()),
                        F("defaultRowCommitVersion", Int64())});
  auto format = Struct({F("provider", String()), F("options", StringMap())});
  auto metadata = Struct({F("id", String()), F("name", String()), F("description", String()), F("format", format),
                          F("schemaString", String()), F("partitionColumns", StringList()),
                          F("configuration", StringMap()), F("createdTime", Int64())});
  auto protocol = Struct({F("minReaderVersion", Int32()), F("minWriterVersion", Int32()),
                          F("readerFeatures", StringList()), F("writerFeatures", StringList())});
  auto schema = std::make_shared<Schema>();
  schema->fields = {F("txn", txn), F("add", add), F("remove", remove), F("metaData", metadata),
                    F("protocol", protocol)};
  if (with_domain_metadata) {
    schema->fields.push_back(
        F("domainMetadata", Struct({F("domain", String()), F("configuration", String()), F("removed", Bool())})));
  }
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

Status CheckpointBatchBuilder::Append(const Protocol& p) {
  StructBuilder* s = StartRow(kProtocol);
  PutNum<int32_t>(s->field_builder(kMinReader), p.min_reader_version);
  PutNum<int32_t>(s->field_builder(kMinWriter), p.min_writer_version);
  SLUICE_RETURN_NOT_OK(PutOptStrList(s->field_builder(kReaderFeatures), p.reader_features));
  return PutOptStrList(s->field_builder(kWriterFeatures), p.writer_features);
}

Status CheckpointBatchBuilder::Append(const Metadata& m) {
  StructBuilder* s = StartRow(kMetaData);
  SLUICE_RETURN_NOT_OK(PutStr(s->field_builder(kMetaId), m.id));
  SLUICE_RETURN_NOT_OK(PutOptStr(s->field_builder(kMetaName), m.name));
  SLUICE_RETURN_NOT_OK(PutOptStr(s->field_builder(kMetaDescription), m.description));
  auto* format = static_cast<StructBuilder*>(s->field_builder(kMetaFormat));
  format->Append();
  SLUICE_RETURN_NOT_OK(PutStr(format->field_builder(0), m.format.provider));
  SLUICE_RETURN_NOT_OK(PutStrMap(format->field_builder(1), m.format.options));
  SLUICE_RETURN_NOT_OK(PutStr(s->field_builder(kMetaSchemaString), m.schema_string));
  SLUICE_RETURN_NOT_OK(PutStrList(s->field_builder(kMetaPartitionColumns), m.partition_columns));
  SLUICE_RETURN_NOT_OK(PutStrMap(s->field_builder(kMetaConfiguration), m.configuration));
  PutOptNum<int64_t>(s->field_builder(kMetaCreatedTime), m.created_time);
  return Status::OK();
}

Status CheckpointBatchBuilder::Append(const Txn& t) {
  StructBuilder* s = StartRow(kTxn);
  SLUICE_RETURN_NOT_OK(PutStr(s->field_builder(kTxnAppId), t.app_id));
  PutNum<int64_t>(s->field_builder(kTxnVersion), t.version);
  PutOptNum<int64_t>(s->field_builder(kTxnLastUpdated), t.last_updated);
  return Status::OK();
}

Status CheckpointBatchBuilder::Append(const DomainMetadata& d) {
  if (columns_.size() <= kDomainMetadata) {
    return Status::Invalid("checkpoint batch built without a domainMetadata column");
  }
  StructBuilder* s = StartRow(kDomainMetadata);
  SLUICE_RETURN_NOT_OK(PutStr(s->field_builder(kDomain), d.domain));
  SLUICE_RETURN_NOT_OK(PutStr(s->field_builder(kDomainConfiguration), d.configuration));
  PutBool(s->field_builder(kDomainRemoved), d.removed);
  return Status::OK();
}

Status CheckpointBatchBuilder::Append(const Add& a) {
  StructBuilder* s = StartRow(kAdd);
  SLUICE_RETURN_NOT_OK(PutStr(s->field_builder(kAddPath), a.path));
  SLUICE_RETURN_NOT_OK(PutPartitionValues(s->field_builder(kAddPartitionValues), a.partition_values));
  PutNum<int64_t>(s->field_builder(kAddSize), a.size);
  PutNum<int64_t>(s->field_builder(kAddModificationTime), a.modification_time);
  PutBool(s->field_builder(kAddDataChange), false);
  SLUICE_RETURN_NOT_OK(PutOptStr(s->field_builder(kAddStats), a.stats));
  SLUICE_RETURN_NOT_OK(PutOptStrMap(s->field_builder(kAddTags), a.tags));
  SLUICE_RETURN_NOT_OK(PutDv(s->field_builder(kAddDv), a.deletion_vector));
  PutOptNum<int64_t>(s->field_builder(kAddBaseRowId), a.base_row_id);
  PutOptNum<int64_t>(s->field_builder(kAddDefaultRowCommitVersion), a.default_row_commit_version);
  return PutOptStr(s->field_builder(kAddClusteringProvider), a.clustering_provider);
}

Status CheckpointBatchBuilder::Append(const Remove& r) {
  StructBuilder* s = StartRow(kRemove);
  SLUICE_RETURN_NOT_OK(PutStr(s->field_builder(kRemovePath), r.path));
  PutOptNum<int64_t>(s->field_builder(kRemoveDeletionTimestamp), r.deletion_timestamp);
  PutBool(s->field_builder(kRemoveDataChange), false);
  PutOptBool(s->field_builder(kRemoveExtendedFileMetadata), r.extended_file_metadata);
  if (r.partition_values) {
    SLUICE_RETURN_NOT_OK(PutPartitionValues(s->field_builder(kRemovePartitionValues), *r.partition_values));
  } else {
    s->field_builder(kRemovePartitionValues)->AppendNull();
  }
  PutOptNum<int64_t>(s->field_builder(kRemoveSize), r.size);
  SLUICE_RETURN_NOT_OK(PutOptStrMap(s->field_builder(kRemoveTags), r.tags));
  SLUICE_RETURN_NOT_OK(PutDv(s->field_builder(kRemoveDv), r.deletion_vector));
  PutOptNum<int64_t>(s->field_builder(kRemoveBaseRowId), r.base_row_id);
  PutOptNum<int64_t>(s->field_builder(kRemoveDefaultRowCommitVersion), r.default_row_commit_version);
  return Status::OK();
}

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
