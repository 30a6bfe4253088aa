#include "sluice/delta/log/log_json.h"
#include "sluice/delta/log/log_json_text.h"

namespace sluice::delta {
namespace {

// Member order follows what Spark writes (PROTOCOL.md "Actions"); unset
// optionals are omitted rather than written as null.

void WritePartitionValues(JsonObjectWriter* w, const PartitionValues& values) {
  std::string* out = w->Key("partitionValues");
  JsonObjectWriter obj(out);
  for (const auto& [k, v] : values) {
    if (v.has_value()) {
      obj.String(k, *v);
    } else {
      obj.Key(k)->append("null");
    }
  }
  obj.End();
}

void WriteDv(JsonObjectWriter* w, const std::optional<DeletionVectorDescriptor>& dv) {
  if (!dv.has_value()) return;
  JsonObjectWriter obj(w->Key("deletionVector"));
  obj.String("storageType", dv->storage_type);
  obj.String("pathOrInlineDv", dv->path_or_inline_dv);
  if (dv->offset.has_value()) obj.Int("offset", *dv->offset);
  obj.Int("sizeInBytes", dv->size_in_bytes);
  obj.Int("cardinality", dv->cardinality);
  obj.End();
}

// Writes `json` with raw line breaks (only possible as whitespace in valid
// JSON) turned into spaces, so that the action stays on one line.
void AppendOneLine(std::string* out, std::string_view json) {
  size_t start = out->size();
  out->append(json);
  for (size_t i = start; i < out->size(); ++i) {
    if ((*out)[i] == '\n' || (*out)[i] == '\r') (*out)[i] = ' ';
  }
}

struct ActionWriter {
  std::string* out;

  void operator()(const Protocol& p) const {
    JsonObjectWriter w(out);
    w.Int("minReaderVersion", p.min_reader_version);
    w.Int("minWriterVersion", p.min_writer_version);
    if (p.reader_features) w.StringList("readerFeatures", *p.reader_features);
    if (p.writer_features) w.StringList("writerFeatures", *p.writer_features);
    w.End();
  }
  void operator()(const Metadata& m) const {
    JsonObjectWriter w(out);
    w.String("id", m.id);
    w.OptString("name", m.name);
    w.OptString("description", m.description);
    {
      JsonObjectWriter f(w.Key("format"));
      f.String("provider", m.format.provider);
      f.StringMap("options", m.format.options);
      f.End();
    }
    w.String("schemaString", m.schema_string);
    w.StringList("partitionColumns", m.partition_columns);
    w.StringMap("configuration", m.configuration);
    w.OptInt("createdTime", m.created_time);
    w.End();
  }
  void operator()(const Add& a) const {
    JsonObjectWriter w(out);
    w.String("path", a.path);
    WritePartitionValues(&w, a.partition_values);
    w.Int("size", a.size);
    w.Int("modificationTime", a.modification_time);
    w.Bool("dataChange", a.data_change);
    w.OptString("stats", a.stats);
    w.OptStringMap("tags", a.tags);
    WriteDv(&w, a.deletion_vector);
    w.OptInt("baseRowId", a.base_row_id);
    w.OptInt("defaultRowCommitVersion", a.default_row_commit_version);
    w.OptString("clusteringProvider", a.clustering_provider);
    w.End();
  }
  void operator()(const Remove& r) const {
    JsonObjectWriter w(out);
    w.String("path", r.path);
    w.OptInt("deletionTimestamp", r.deletion_timestamp);
    w.Bool("dataChange", r.data_change);
    if (r.extended_file_metadata) w.Bool("extendedFileMetadata", *r.extended_file_metadata);
    if (r.partition_values) WritePartitionValues(&w, *r.partition_values);
    w.OptInt("size", r.size);
    w.OptStringMap("tags", r.tags);
    WriteDv(&w, r.deletion_vector);
    w.OptInt("baseRowId", r.base_row_id);
    w.OptInt("defaultRowCommitVersion", r.default_row_commit_version);
    w.End();
  }
  void operator()(const AddCdc& c) const {
    JsonObjectWriter w(out);
    w.String("path", c.path);
    WritePartitionValues(&w, c.partition_values);
    w.Int("size", c.size);
    w.Bool("dataChange", c.data_change);
    w.OptStringMap("tags", c.tags);
    w.End();
  }
  void operator()(const Txn& t) const {
    JsonObjectWriter w(out);
    w.String("appId", t.app_id);
    w.Int("version", t.version);
    w.OptInt("lastUpdated", t.last_updated);
    w.End();
  }
  void operator()(const CommitInfo& c) const {
    if (!c.json.empty()) {
      AppendOneLine(out, c.json);
      return;
    }
    JsonObjectWriter w(out);
    w.OptInt("timestamp", c.timestamp);
    w.OptInt("inCommitTimestamp", c.in_commit_timestamp);
    w.OptString("operation", c.operation);
    w.End();
  }
  void operator()(const DomainMetadata& d) const {
    JsonObjectWriter w(out);
    w.String("domain", d.domain);
    w.String("configuration", d.configuration);
    w.Bool("removed", d.removed);
    w.End();
  }
  void operator()(const CheckpointMetadata& c) const {
    JsonObjectWriter w(out);
    w.Int("version", c.version);
    w.OptStringMap("tags", c.tags);
    w.End();
  }
  void operator()(const Sidecar& s) const {
    JsonObjectWriter w(out);
    w.String("path", s.path);
    w.Int("sizeInBytes", s.size_in_bytes);
    w.Int("modificationTime", s.modification_time);
    w.OptStringMap("tags", s.tags);
    w.End();
  }
};

// The JSON key of each action kind, in Action's variant order.
constexpr std::string_view kActionKeys[] = {
    "protocol",       "metaData",           "add",    "remove", "cdc", "txn", "commitInfo",
    "domainMetadata", "checkpointMetadata", "sidecar"};
static_assert(std::size(kActionKeys) == std::variant_size_v<Action>);

void AppendAction(std::string* out, const Action& action) {
  out->append("{\"");
  out->append(kActionKeys[action.index()]);
  out->append("\":");
  std::visit(ActionWriter{out}, action);
  out->push_back('}');
}

}  // namespace

std::string DeletionVectorDescriptor::UniqueId() const {
  // PROTOCOL.md "Deletion Vector Descriptor Schema": storageType +
  // pathOrInlineDv, then "@" + offset when an offset is present.
  std::string id = storage_type + path_or_inline_dv;
  if (offset.has_value()) {
    id.push_back('@');
    AppendJsonInt(&id, *offset);
  }
  return id;
}

std::string SerializeAction(const Action& action) {
  std::string out;
  AppendAction(&out, action);
  return out;
}

std::string SerializeCommit(const std::vector<Action>& actions) {
  std::string out;
  for (const Action& a : actions) {
    AppendAction(&out, a);
    out.push_back('\n');
  }
  return out;
}

}  // namespace sluice::delta
