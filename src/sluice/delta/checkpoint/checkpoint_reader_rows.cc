#include "sluice/delta/checkpoint/checkpoint_reader_rows.h"

#include <array>
#include <optional>

#include "sluice/delta/snapshot/file_key_index.h"

namespace sluice::delta {
namespace {

using columnar::Array;
using columnar::TypeId;

// The fields read of each action struct (PROTOCOL.md "Checkpoint Schema"),
// indexed by the F* constants below.
constexpr std::array<std::string_view, 4> kProtocolFields = {"minReaderVersion", "minWriterVersion", "readerFeatures",
                                                             "writerFeatures"};
constexpr std::array<std::string_view, 8> kMetadataFields = {
    "id", "name", "description", "format", "schemaString", "partitionColumns", "configuration", "createdTime"};
constexpr std::array<std::string_view, 3> kTxnFields = {"appId", "version", "lastUpdated"};
constexpr std::array<std::string_view, 3> kDomainFields = {"domain", "configuration", "removed"};
constexpr std::array<std::string_view, 11> kAddFields = {
    "path", "partitionValues", "size",      "modificationTime",        "dataChange",        "stats",
    "tags", "deletionVector",  "baseRowId", "defaultRowCommitVersion", "clusteringProvider"};
constexpr std::array<std::string_view, 10> kRemoveFields = {
    "path", "deletionTimestamp", "dataChange", "extendedFileMetadata",   "partitionValues", "size",
    "tags", "deletionVector",    "baseRowId",  "defaultRowCommitVersion"};
constexpr std::array<std::string_view, 4> kSidecarFields = {"path", "sizeInBytes", "modificationTime", "tags"};
constexpr std::array<std::string_view, 2> kCheckpointMetadataFields = {"version", "tags"};
constexpr std::array<std::string_view, 5> kDvFields = {"storageType", "pathOrInlineDv", "offset", "sizeInBytes",
                                                       "cardinality"};

std::span<const std::string_view> FieldNames(CheckpointColumn kind) {
  switch (kind) {
    case CheckpointColumn::kProtocol:
      return kProtocolFields;
    case CheckpointColumn::kMetaData:
      return kMetadataFields;
    case CheckpointColumn::kTxn:
      return kTxnFields;
    case CheckpointColumn::kDomainMetadata:
      return kDomainFields;
    case CheckpointColumn::kAdd:
      return kAddFields;
    case CheckpointColumn::kRemove:
      return kRemoveFields;
    case CheckpointColumn::kSidecar:
      return kSidecarFields;
    case CheckpointColumn::kCheckpointMetadata:
      return kCheckpointMetadataFields;
  }
  return {};
}

// Returns the child of struct `s` named `name`, or nullptr.
const Array* Child(const Array& s, std::string_view name) {
  const auto& kids = s.type->children;
  for (size_t i = 0; i < kids.size() && i < s.children.size(); ++i) {
    if (kids[i]->name == name) return s.children[i].get();
  }
  return nullptr;
}

// Reads typed values of one row, remembering the first type error. Indices
// passed to getters are logical positions inside the given array (its own
// offset is applied by Array's accessors).
class Getter {
 public:
  Getter(const std::string& file, int64_t file_row, std::string_view action)
      : file_(file), file_row_(file_row), action_(action) {}

  std::optional<std::string> Str(const Array* a, int64_t i, std::string_view field) {
    if (!a || a->IsNull(i)) return std::nullopt;
    if (!a->type->IsBinaryLike()) return Mistyped(field, "a string");
    return std::string(a->StringValue(i));
  }
  // Assigns string value i to *out; false when null, absent or mistyped.
  bool StrInto(const Array* a, int64_t i, std::string_view field, std::string* out) {
    if (!a || a->IsNull(i)) return false;
    if (!a->type->IsBinaryLike()) {
      Mistyped(field, "a string");
      return false;
    }
    out->assign(a->StringValue(i));
    return true;
  }
  std::optional<int64_t> Int(const Array* a, int64_t i, std::string_view field) {
    if (!a || a->IsNull(i)) return std::nullopt;
    switch (a->type->id) {
      case TypeId::kInt64:
        return a->values<int64_t>()[i];
      case TypeId::kInt32:
        return a->values<int32_t>()[i];
      case TypeId::kInt16:
        return a->values<int16_t>()[i];
      case TypeId::kInt8:
        return a->values<int8_t>()[i];
      default:
        return Mistyped(field, "an integer");
    }
  }
  std::optional<bool> Bool(const Array* a, int64_t i, std::string_view field) {
    if (!a || a->IsNull(i)) return std::nullopt;
    if (a->type->id != TypeId::kBool) return Mistyped(field, "a boolean");
    return a->BoolValue(i);
  }
  // Visits the (key, value) pairs of map value i; value is nullptr for null.
  template <typename F>
  void Map(const Array* a, int64_t i, std::string_view field, F&& visit) {
    if (!a || a->IsNull(i)) return;
    if (a->type->id != TypeId::kMap || a->children.size() != 1 || a->children[0]->children.size() != 2) {
      Mistyped(field, "a map");
      return;
    }
    const Array& entries = *a->children[0];
    const Array& keys = *entries.children[0];
    const Array& values = *entries.children[1];
    if (!keys.type->IsBinaryLike() || !values.type->IsBinaryLike()) {
      Mistyped(field, "a map<string,string>");
      return;
    }
    const int32_t* o = a->offsets();
    for (int64_t k = entries.offset + o[i]; k < entries.offset + o[i + 1]; ++k) {
      if (keys.IsNull(k)) continue;
      if (values.IsNull(k)) {
        visit(keys.StringValue(k), nullptr);
      } else {
        const std::string_view v = values.StringValue(k);
        visit(keys.StringValue(k), &v);
      }
    }
  }
  std::optional<std::map<std::string, std::string>> StrMap(const Array* a, int64_t i, std::string_view field) {
    if (!a || a->IsNull(i)) return std::nullopt;
    std::map<std::string, std::string> m;
    Map(a, i, field, [&](std::string_view k, const std::string_view* v) { m.emplace(k, v ? *v : ""); });
    return m;
  }
  PartitionValues Partitions(const Array* a, int64_t i, std::string_view field) {
    PartitionValues m;
    Map(a, i, field, [&](std::string_view k, const std::string_view* v) {
      m.emplace(k, v ? std::optional<std::string>(*v) : std::nullopt);
    });
    return m;
  }
  std::optional<std::vector<std::string>> StrList(const Array* a, int64_t i, std::string_view field) {
    if (!a || a->IsNull(i)) return std::nullopt;
    if (a->type->id != TypeId::kList || a->children.size() != 1 || !a->children[0]->type->IsBinaryLike()) {
      return Mistyped(field, "a list<string>");
    }
    const Array& e = *a->children[0];
    const int32_t* o = a->offsets();
    std::vector<std::string> out;
    for (int64_t k = o[i]; k < o[i + 1]; ++k) {
      if (!e.IsNull(k)) out.emplace_back(e.StringValue(k));
    }
    return out;
  }
  std::optional<DeletionVectorDescriptor> Dv(const Array* a, int64_t i) {
    if (!a || a->IsNull(i)) return std::nullopt;
    if (a->type->id != TypeId::kStruct) return Mistyped("deletionVector", "a struct");
    const int64_t j = a->offset + i;
    DeletionVectorDescriptor dv;
    dv.storage_type = Str(Child(*a, kDvFields[0]), j, "deletionVector.storageType").value_or("");
    dv.path_or_inline_dv = Str(Child(*a, kDvFields[1]), j, "deletionVector.pathOrInlineDv").value_or("");
    if (auto v = Int(Child(*a, kDvFields[2]), j, "deletionVector.offset")) dv.offset = static_cast<int32_t>(*v);
    dv.size_in_bytes = static_cast<int32_t>(Int(Child(*a, kDvFields[3]), j, "deletionVector.sizeInBytes").value_or(0));
    dv.cardinality = Int(Child(*a, kDvFields[4]), j, "deletionVector.cardinality").value_or(0);
    return dv;
  }
  // Records that a required field is null.
  void Required(std::string_view field) {
    if (error_.ok()) {
      error_ = Status::Corrupt("{}: checkpoint row {}: {}.{} is null", file_, file_row_, action_, field);
    }
  }
  const Status& error() const { return error_; }

 private:
  std::nullopt_t Mistyped(std::string_view field, std::string_view expected) {
    if (error_.ok()) {
      error_ = Status::Corrupt("{}: checkpoint row {}: {}.{} is not {}", file_, file_row_, action_, field, expected);
    }
    return std::nullopt;
  }
  const std::string& file_;
  int64_t file_row_;
  std::string_view action_;
  Status error_;
};

}  // namespace

std::string_view CheckpointColumnName(CheckpointColumn kind) {
  constexpr std::string_view kNames[] = {"protocol", "metaData", "txn",     "domainMetadata",
                                         "add",      "remove",   "sidecar", "checkpointMetadata"};
  return kNames[static_cast<int>(kind)];
}

CheckpointColumnReader::CheckpointColumnReader(CheckpointColumn kind, const Array& column, const std::string& file)
    : kind_(kind), column_(column), file_(file) {
  for (std::string_view name : FieldNames(kind)) {
    // A field null in every row reads like an absent one (every getter checks
    // for null before the type), and then costs nothing per row: most add
    // fields (tags, deletionVector, baseRowId...) are unused in most tables.
    const Array* child = Child(column, name);
    fields_.push_back(child && child->null_count == child->length ? nullptr : child);
  }
}

Status CheckpointColumnReader::Read(int64_t r, int64_t file_row, CheckpointActions* out) const {
  if (column_.IsNull(r)) return Status::OK();
  Getter g(file_, file_row, CheckpointColumnName(kind_));
  const int64_t j = column_.offset + r;  // index into the struct's children
  const auto& f = fields_;
  switch (kind_) {
    case CheckpointColumn::kAdd: {
      // Built in place: an Add is large, and there may be millions.
      Add& a = out->adds.emplace_back();
      if (!g.StrInto(f[0], j, "path", &a.path)) g.Required("path");
      a.partition_values = g.Partitions(f[1], j, "partitionValues");
      a.size = g.Int(f[2], j, "size").value_or(0);
      a.modification_time = g.Int(f[3], j, "modificationTime").value_or(0);
      a.data_change = g.Bool(f[4], j, "dataChange").value_or(true);
      // stats_parsed is not read: the JSON stats column is what the scan prunes with.
      if (std::string stats; g.StrInto(f[5], j, "stats", &stats)) a.stats = std::move(stats);
      if (f[6]) a.tags = g.StrMap(f[6], j, "tags");
      if (f[7]) a.deletion_vector = g.Dv(f[7], j);
      if (f[8]) a.base_row_id = g.Int(f[8], j, "baseRowId");
      if (f[9]) a.default_row_commit_version = g.Int(f[9], j, "defaultRowCommitVersion");
      if (f[10]) a.clustering_provider = g.Str(f[10], j, "clusteringProvider");
      if (!g.error().ok()) {
        out->adds.pop_back();
        return g.error();
      }
      out->add_key_hashes.push_back(FileKeyIndex::PathKeyHash(a.path, a.deletion_vector.has_value()));
      break;
    }
    case CheckpointColumn::kRemove: {
      Remove& m = out->removes.emplace_back();
      if (auto p = g.Str(f[0], j, "path"))
        m.path = std::move(*p);
      else
        g.Required("path");
      m.deletion_timestamp = g.Int(f[1], j, "deletionTimestamp");
      m.data_change = g.Bool(f[2], j, "dataChange").value_or(true);
      m.extended_file_metadata = g.Bool(f[3], j, "extendedFileMetadata");
      if (f[4] && f[4]->IsValid(j)) m.partition_values = g.Partitions(f[4], j, "partitionValues");
      m.size = g.Int(f[5], j, "size");
      m.tags = g.StrMap(f[6], j, "tags");
      m.deletion_vector = g.Dv(f[7], j);
      m.base_row_id = g.Int(f[8], j, "baseRowId");
      m.default_row_commit_version = g.Int(f[9], j, "defaultRowCommitVersion");
      if (!g.error().ok()) {
        out->removes.pop_back();
        return g.error();
      }
      out->remove_key_hashes.push_back(FileKeyIndex::PathKeyHash(m.path, m.deletion_vector.has_value()));
      break;
    }
    case CheckpointColumn::kProtocol: {
      Protocol p;
      auto rv = g.Int(f[0], j, "minReaderVersion");
      auto wv = g.Int(f[1], j, "minWriterVersion");
      if (!rv) g.Required("minReaderVersion");
      if (!wv) g.Required("minWriterVersion");
      p.min_reader_version = static_cast<int32_t>(rv.value_or(0));
      p.min_writer_version = static_cast<int32_t>(wv.value_or(0));
      p.reader_features = g.StrList(f[2], j, "readerFeatures");
      p.writer_features = g.StrList(f[3], j, "writerFeatures");
      SLUICE_RETURN_NOT_OK(g.error());
      out->others.emplace_back(std::move(p));
      break;
    }
    case CheckpointColumn::kMetaData: {
      Metadata m;
      if (auto id = g.Str(f[0], j, "id"))
        m.id = std::move(*id);
      else
        g.Required("id");
      m.name = g.Str(f[1], j, "name");
      m.description = g.Str(f[2], j, "description");
      if (f[3] && f[3]->IsValid(j) && f[3]->type->id == TypeId::kStruct) {
        const int64_t k = f[3]->offset + j;
        m.format.provider = g.Str(Child(*f[3], "provider"), k, "format.provider").value_or("parquet");
        m.format.options = g.StrMap(Child(*f[3], "options"), k, "format.options").value_or(m.format.options);
      }
      m.schema_string = g.Str(f[4], j, "schemaString").value_or("");
      m.partition_columns = g.StrList(f[5], j, "partitionColumns").value_or(std::vector<std::string>{});
      m.configuration = g.StrMap(f[6], j, "configuration").value_or(m.configuration);
      m.created_time = g.Int(f[7], j, "createdTime");
      SLUICE_RETURN_NOT_OK(g.error());
      out->others.emplace_back(std::move(m));
      break;
    }
    case CheckpointColumn::kTxn: {
      Txn t;
      if (auto id = g.Str(f[0], j, "appId"))
        t.app_id = std::move(*id);
      else
        g.Required("appId");
      if (auto v = g.Int(f[1], j, "version"))
        t.version = *v;
      else
        g.Required("version");
      t.last_updated = g.Int(f[2], j, "lastUpdated");
      SLUICE_RETURN_NOT_OK(g.error());
      out->others.emplace_back(std::move(t));
      break;
    }
    case CheckpointColumn::kDomainMetadata: {
      DomainMetadata d;
      if (auto s = g.Str(f[0], j, "domain"))
        d.domain = std::move(*s);
      else
        g.Required("domain");
      d.configuration = g.Str(f[1], j, "configuration").value_or("");
      d.removed = g.Bool(f[2], j, "removed").value_or(false);
      SLUICE_RETURN_NOT_OK(g.error());
      out->others.emplace_back(std::move(d));
      break;
    }
    case CheckpointColumn::kSidecar: {
      Sidecar s;
      if (auto p = g.Str(f[0], j, "path"))
        s.path = std::move(*p);
      else
        g.Required("path");
      s.size_in_bytes = g.Int(f[1], j, "sizeInBytes").value_or(0);
      s.modification_time = g.Int(f[2], j, "modificationTime").value_or(0);
      s.tags = g.StrMap(f[3], j, "tags");
      SLUICE_RETURN_NOT_OK(g.error());
      out->others.emplace_back(std::move(s));
      break;
    }
    case CheckpointColumn::kCheckpointMetadata: {
      CheckpointMetadata c;
      c.version = g.Int(f[0], j, "version").value_or(0);
      c.tags = g.StrMap(f[1], j, "tags");
      SLUICE_RETURN_NOT_OK(g.error());
      out->others.emplace_back(std::move(c));
      break;
    }
  }
  return Status::OK();
}

}  // namespace sluice::delta
