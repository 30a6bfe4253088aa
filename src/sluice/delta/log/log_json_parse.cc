#include <simdjson.h>

#include <cstring>
#include <limits>

#include "sluice/delta/log/log_json.h"
#include "sluice/delta/log/log_json_fields.h"

namespace sluice::delta {
namespace {

namespace od = simdjson::ondemand;
using internal::LineContext;

// Required members, one bit each, checked once the action's object is read.
template <typename Mask>
Status CheckRequired(const LineContext& ctx, std::string_view action, Mask seen, Mask required,
                     std::initializer_list<std::string_view> names) {
  Mask missing = required & ~seen;
  if (missing == 0) return Status::OK();
  int bit = 0;
  for (auto name : names) {
    if (missing & (Mask{1} << bit)) return ctx.Error(action, fmt::format("missing required field '{}'", name));
    ++bit;
  }
  return ctx.Error(action, "missing required field");
}

// Iterates the members of `v` (which must be an object), calling
// `fn(key, value)` for each; stops at the first error.
template <typename Fn>
Status ForEachMember(od::value v, const LineContext& ctx, std::string_view where, Fn&& fn) {
  od::object obj;
  if (auto err = v.get_object().get(obj)) return ctx.Error(where, "expected an object", err);
  for (auto member : obj) {
    od::field f;
    if (auto err = std::move(member).get(f)) return ctx.Error(where, "malformed object", err);
    std::string_view key;
    if (auto err = f.unescaped_key().get(key)) return ctx.Error(where, "malformed key", err);
    SLUICE_RETURN_NOT_OK(fn(key, f.value()));
  }
  return Status::OK();
}

Status ParseDv(od::value v, const LineContext& ctx, std::optional<DeletionVectorDescriptor>* out) {
  if (internal::IsNull(v)) return Status::OK();
  DeletionVectorDescriptor dv;
  uint32_t seen = 0;
  SLUICE_RETURN_NOT_OK(ForEachMember(v, ctx, "deletionVector", [&](std::string_view k, od::value fv) -> Status {
    if (k == "storageType") {
      seen |= 1;
      return internal::GetString(fv, ctx, "deletionVector.storageType", &dv.storage_type);
    } else if (k == "pathOrInlineDv") {
      seen |= 2;
      return internal::GetString(fv, ctx, "deletionVector.pathOrInlineDv", &dv.path_or_inline_dv);
    } else if (k == "offset") {
      return internal::GetOptInt32(fv, ctx, "deletionVector.offset", &dv.offset);
    } else if (k == "sizeInBytes") {
      seen |= 4;
      return internal::GetInt32(fv, ctx, "deletionVector.sizeInBytes", &dv.size_in_bytes);
    } else if (k == "cardinality") {
      seen |= 8;
      return internal::GetInt64(fv, ctx, "deletionVector.cardinality", &dv.cardinality);
    }
    return Status::OK();
  }));
  SLUICE_RETURN_NOT_OK(CheckRequired<uint32_t>(ctx, "deletionVector", seen, 15,
                                               {"storageType", "pathOrInlineDv", "sizeInBytes", "cardinality"}));
  *out = std::move(dv);
  return Status::OK();
}

Status ParseProtocol(od::value v, const LineContext& ctx, Protocol* p) {
  uint32_t seen = 0;
  SLUICE_RETURN_NOT_OK(ForEachMember(v, ctx, "protocol", [&](std::string_view k, od::value fv) -> Status {
    if (k == "minReaderVersion") {
      seen |= 1;
      return internal::GetInt32(fv, ctx, "protocol.minReaderVersion", &p->min_reader_version);
    } else if (k == "minWriterVersion") {
      seen |= 2;
      return internal::GetInt32(fv, ctx, "protocol.minWriterVersion", &p->min_writer_version);
    } else if (k == "readerFeatures") {
      return internal::GetOptStringList(fv, ctx, "protocol.readerFeatures", &p->reader_features);
    } else if (k == "writerFeatures") {
      return internal::GetOptStringList(fv, ctx, "protocol.writerFeatures", &p->writer_features);
    }
    return Status::OK();
  }));
  return CheckRequired<uint32_t>(ctx, "protocol", seen, 3, {"minReaderVersion", "minWriterVersion"});
}

Status ParseFormat(od::value v, const LineContext& ctx, Format* f) {
  return ForEachMember(v, ctx, "metaData.format", [&](std::string_view k, od::value fv) -> Status {
    if (k == "provider") return internal::GetString(fv, ctx, "metaData.format.provider", &f->provider);
    if (k == "options") return internal::GetStringMap(fv, ctx, "metaData.format.options", &f->options);
    return Status::OK();
  });
}

Status ParseMetadata(od::value v, const LineContext& ctx, Metadata* m) {
  uint32_t seen = 0;
  SLUICE_RETURN_NOT_OK(ForEachMember(v, ctx, "metaData", [&](std::string_view k, od::value fv) -> Status {
    if (k == "id") {
      seen |= 1;
      return internal::GetString(fv, ctx, "metaData.id", &m->id);
    } else if (k == "name") {
      return internal::GetOptString(fv, ctx, "metaData.name", &m->name);
    } else if (k == "description") {
      return internal::GetOptString(fv, ctx, "metaData.description", &m->description);
    } else if (k == "format") {
      return ParseFormat(fv, ctx, &m->format);
    } else if (k == "schemaString") {
      seen |= 2;
      return internal::GetString(fv, ctx, "metaData.schemaString", &m->schema_string);
    } else if (k == "partitionColumns") {
      seen |= 4;
      return internal::GetStringList(fv, ctx, "metaData.partitionColumns", &m->partition_columns);
    } else if (k == "configuration") {
      return internal::GetStringMap(fv, ctx, "metaData.configuration", &m->configuration);
    } else if (k == "createdTime") {
      return internal::GetOptInt64(fv, ctx, "metaData.createdTime", &m->created_time);
    }
    return Status::OK();
  }));
  // schemaString is required by the protocol, but Spark leaves it out when
  // null (golden/canonicalized-paths-*, golden/deltalog-commit-info, and
  // delta-rs/delta-live-table version 0); it stays empty = no columns.
  return CheckRequired<uint32_t>(ctx, "metaData", seen, 5, {"id", "schemaString", "partitionColumns"});
}

Status ParseAdd(od::value v, const LineContext& ctx, Add* a) {
  uint32_t seen = 0;
  SLUICE_RETURN_NOT_OK(ForEachMember(v, ctx, "add", [&](std::string_view k, od::value fv) -> Status {
    if (k == "path") {
      seen |= 1;
      return internal::GetString(fv, ctx, "add.path", &a->path);
    } else if (k == "partitionValues") {
      seen |= 2;
      return internal::GetPartitionValues(fv, ctx, "add.partitionValues", &a->partition_values);
    } else if (k == "size") {
      seen |= 4;
      return internal::GetInt64(fv, ctx, "add.size", &a->size);
    } else if (k == "modificationTime") {
      seen |= 8;
      return internal::GetInt64(fv, ctx, "add.modificationTime", &a->modification_time);
    } else if (k == "dataChange") {
      seen |= 16;
      return internal::GetBool(fv, ctx, "add.dataChange", &a->data_change);
    } else if (k == "stats") {
      return internal::GetOptString(fv, ctx, "add.stats", &a->stats);
    } else if (k == "tags") {
      return internal::GetOptStringMap(fv, ctx, "add.tags", &a->tags);
    } else if (k == "deletionVector") {
      return ParseDv(fv, ctx, &a->deletion_vector);
    } else if (k == "baseRowId") {
      return internal::GetOptInt64(fv, ctx, "add.baseRowId", &a->base_row_id);
    } else if (k == "defaultRowCommitVersion") {
      return internal::GetOptInt64(fv, ctx, "add.defaultRowCommitVersion", &a->default_row_commit_version);
    } else if (k == "clusteringProvider") {
      return internal::GetOptString(fv, ctx, "add.clusteringProvider", &a->clustering_provider);
    }
    return Status::OK();
  }));
  return CheckRequired<uint32_t>(ctx, "add", seen, 31,
                                 {"path", "partitionValues", "size", "modificationTime", "dataChange"});
}

Status ParseRemove(od::value v, const LineContext& ctx, Remove* r) {
  uint32_t seen = 0;
  SLUICE_RETURN_NOT_OK(ForEachMember(v, ctx, "remove", [&](std::string_view k, od::value fv) -> Status {
    if (k == "path") {
      seen |= 1;
      return internal::GetString(fv, ctx, "remove.path", &r->path);
    } else if (k == "dataChange") {
      seen |= 2;
      return internal::GetBool(fv, ctx, "remove.dataChange", &r->data_change);
    } else if (k == "deletionTimestamp") {
      return internal::GetOptInt64(fv, ctx, "remove.deletionTimestamp", &r->deletion_timestamp);
    } else if (k == "extendedFileMetadata") {
      return internal::GetOptBool(fv, ctx, "remove.extendedFileMetadata", &r->extended_file_metadata);
    } else if (k == "partitionValues") {
      if (internal::IsNull(fv)) return Status::OK();
      r->partition_values.emplace();
      return internal::GetPartitionValues(fv, ctx, "remove.partitionValues", &*r->partition_values);
    } else if (k == "size") {
      return internal::GetOptInt64(fv, ctx, "remove.size", &r->size);
    } else if (k == "tags") {
      return internal::GetOptStringMap(fv, ctx, "remove.tags", &r->tags);
    } else if (k == "deletionVector") {
      return ParseDv(fv, ctx, &r->deletion_vector);
    } else if (k == "baseRowId") {
      return internal::GetOptInt64(fv, ctx, "remove.baseRowId", &r->base_row_id);
    } else if (k == "defaultRowCommitVersion") {
      return internal::GetOptInt64(fv, ctx, "remove.defaultRowCommitVersion", &r->default_row_commit_version);
    }
    return Status::OK();
  }));
  // dataChange is required by the protocol, but Delta 0.2-era writers
  // (delta-rs/delta-0.2.0) left it out of remove; the default (true) applies.
  return CheckRequired<uint32_t>(ctx, "remove", seen, 1, {"path"});
}

Status ParseCdc(od::value v, const LineContext& ctx, AddCdc* c) {
  uint32_t seen = 0;
  SLUICE_RETURN_NOT_OK(ForEachMember(v, ctx, "cdc", [&](std::string_view k, od::value fv) -> Status {
    if (k == "path") {
      seen |= 1;
      return internal::GetString(fv, ctx, "cdc.path", &c->path);
    } else if (k == "partitionValues") {
      seen |= 2;
      return internal::GetPartitionValues(fv, ctx, "cdc.partitionValues", &c->partition_values);
    } else if (k == "size") {
      seen |= 4;
      return internal::GetInt64(fv, ctx, "cdc.size", &c->size);
    } else if (k == "dataChange") {
      seen |= 8;
      return internal::GetBool(fv, ctx, "cdc.dataChange", &c->data_change);
    } else if (k == "tags") {
      return internal::GetOptStringMap(fv, ctx, "cdc.tags", &c->tags);
    }
    return Status::OK();
  }));
  return CheckRequired<uint32_t>(ctx, "cdc", seen, 15, {"path", "partitionValues", "size", "dataChange"});
}

Status ParseTxn(od::value v, const LineContext& ctx, Txn* t) {
  uint32_t seen = 0;
  SLUICE_RETURN_NOT_OK(ForEachMember(v, ctx, "txn", [&](std::string_view k, od::value fv) -> Status {
    if (k == "appId") {
      seen |= 1;
      return internal::GetString(fv, ctx, "txn.appId", &t->app_id);
    } else if (k == "version") {
      seen |= 2;
      return internal::GetInt64(fv, ctx, "txn.version", &t->version);
    } else if (k == "lastUpdated") {
      return internal::GetOptInt64(fv, ctx, "txn.lastUpdated", &t->last_updated);
    }
    return Status::OK();
  }));
  return CheckRequired<uint32_t>(ctx, "txn", seen, 3, {"appId", "version"});
}

Status ParseCommitInfo(od::value v, const LineContext& ctx, CommitInfo* c) {
  od::object obj;
  if (auto err = v.get_object().get(obj)) return ctx.Error("commitInfo", "expected an object", err);
  std::string_view raw;
  if (auto err = obj.raw_json().get(raw)) return ctx.Error("commitInfo", "malformed object", err);
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r' || raw.back() == '\n')) {
    raw.remove_suffix(1);
  }
  // On-Demand skips over the object without validating it; since the text
  // is kept and written back verbatim, check that it is well-formed JSON.
  // The line buffer has SIMDJSON_PADDING readable bytes past `raw`.
  thread_local simdjson::dom::parser validator;
  if (auto err = validator.parse(raw.data(), raw.size(), /*realloc_if_needed=*/false).error()) {
    return ctx.Error("commitInfo", "malformed object", err);
  }
  c->json.assign(raw);
  // A bare CR is whitespace in JSON but a line break to Hadoop's LineReader;
  // keep the text one line for every reader (the serializer does the same).
  for (char& ch : c->json) {
    if (ch == '\r') ch = ' ';
  }
  if (auto err = obj.reset().error()) return ctx.Error("commitInfo", "malformed object", err);
  for (auto member : obj) {
    od::field f;
    if (auto err = std::move(member).get(f)) return ctx.Error("commitInfo", "malformed object", err);
    std::string_view k;
    if (auto err = f.unescaped_key().get(k)) return ctx.Error("commitInfo", "malformed key", err);
    // commitInfo is free-form (PROTOCOL.md "Commit Provenance Information"):
    // a field of an unexpected type is ignored rather than refused.
    if (k == "timestamp") {
      (void)internal::GetOptInt64(f.value(), ctx, "", &c->timestamp);
    } else if (k == "inCommitTimestamp") {
      SLUICE_RETURN_NOT_OK(
          internal::GetOptInt64(f.value(), ctx, "commitInfo.inCommitTimestamp", &c->in_commit_timestamp));
    } else if (k == "operation") {
      (void)internal::GetOptString(f.value(), ctx, "", &c->operation);
    }
  }
  return Status::OK();
}

Status ParseDomainMetadata(od::value v, const LineContext& ctx, DomainMetadata* d) {
  uint32_t seen = 0;
  SLUICE_RETURN_NOT_OK(ForEachMember(v, ctx, "domainMetadata", [&](std::string_view k, od::value fv) -> Status {
    if (k == "domain") {
      seen |= 1;
      return internal::GetString(fv, ctx, "domainMetadata.domain", &d->domain);
    } else if (k == "configuration") {
      seen |= 2;
      return internal::GetString(fv, ctx, "domainMetadata.configuration", &d->configuration);
    } else if (k == "removed") {
      seen |= 4;
      return internal::GetBool(fv, ctx, "domainMetadata.removed", &d->removed);
    }
    return Status::OK();
  }));
  return CheckRequired<uint32_t>(ctx, "domainMetadata", seen, 7, {"domain", "configuration", "removed"});
}

Status ParseCheckpointMetadata(od::value v, const LineContext& ctx, CheckpointMetadata* c) {
  uint32_t seen = 0;
  SLUICE_RETURN_NOT_OK(ForEachMember(v, ctx, "checkpointMetadata", [&](std::string_view k, od::value fv) -> Status {
    if (k == "version") {
      seen |= 1;
      return internal::GetInt64(fv, ctx, "checkpointMetadata.version", &c->version);
    } else if (k == "tags") {
      return internal::GetOptStringMap(fv, ctx, "checkpointMetadata.tags", &c->tags);
    }
    return Status::OK();
  }));
  return CheckRequired<uint32_t>(ctx, "checkpointMetadata", seen, 1, {"version"});
}

Status ParseSidecar(od::value v, const LineContext& ctx, Sidecar* s) {
  uint32_t seen = 0;
  SLUICE_RETURN_NOT_OK(ForEachMember(v, ctx, "sidecar", [&](std::string_view k, od::value fv) -> Status {
    if (k == "path") {
      seen |= 1;
      return internal::GetString(fv, ctx, "sidecar.path", &s->path);
    } else if (k == "sizeInBytes") {
      seen |= 2;
      return internal::GetInt64(fv, ctx, "sidecar.sizeInBytes", &s->size_in_bytes);
    } else if (k == "modificationTime") {
      seen |= 4;
      return internal::GetInt64(fv, ctx, "sidecar.modificationTime", &s->modification_time);
    } else if (k == "tags") {
      return internal::GetOptStringMap(fv, ctx, "sidecar.tags", &s->tags);
    }
    return Status::OK();
  }));
  return CheckRequired<uint32_t>(ctx, "sidecar", seen, 7, {"path", "sizeInBytes", "modificationTime"});
}

template <typename T, typename ParseFn>
Status ParseInto(od::value v, const LineContext& ctx, std::vector<Action>* out, ParseFn fn) {
  T action;
  SLUICE_RETURN_NOT_OK(fn(v, ctx, &action));
  out->emplace_back(std::move(action));
  return Status::OK();
}

// Parses one action line: an object whose known keys are action kinds.
Status ParseLine(od::document& doc, const LineContext& ctx, std::vector<Action>* out) {
  od::object obj;
  if (auto err = doc.get_object().get(obj)) return ctx.Error("", "expected a JSON object", err);
  for (auto member : obj) {
    od::field f;
    if (auto err = std::move(member).get(f)) return ctx.Error("", "malformed object", err);
    std::string_view key;
    if (auto err = f.unescaped_key().get(key)) return ctx.Error("", "malformed key", err);
    od::value v = f.value();
    if (key == "add") {
      SLUICE_RETURN_NOT_OK(ParseInto<Add>(v, ctx, out, ParseAdd));
    } else if (key == "remove") {
      SLUICE_RETURN_NOT_OK(ParseInto<Remove>(v, ctx, out, ParseRemove));
    } else if (key == "metaData") {
      SLUICE_RETURN_NOT_OK(ParseInto<Metadata>(v, ctx, out, ParseMetadata));
    } else if (key == "protocol") {
      SLUICE_RETURN_NOT_OK(ParseInto<Protocol>(v, ctx, out, ParseProtocol));
    } else if (key == "commitInfo") {
      SLUICE_RETURN_NOT_OK(ParseInto<CommitInfo>(v, ctx, out, ParseCommitInfo));
    } else if (key == "txn") {
      SLUICE_RETURN_NOT_OK(ParseInto<Txn>(v, ctx, out, ParseTxn));
    } else if (key == "cdc") {
      SLUICE_RETURN_NOT_OK(ParseInto<AddCdc>(v, ctx, out, ParseCdc));
    } else if (key == "domainMetadata") {
      SLUICE_RETURN_NOT_OK(ParseInto<DomainMetadata>(v, ctx, out, ParseDomainMetadata));
    } else if (key == "checkpointMetadata") {
      SLUICE_RETURN_NOT_OK(ParseInto<CheckpointMetadata>(v, ctx, out, ParseCheckpointMetadata));
    } else if (key == "sidecar") {
      SLUICE_RETURN_NOT_OK(ParseInto<Sidecar>(v, ctx, out, ParseSidecar));
    }
  }
  // Anything after the object's closing brace is garbage.
  if (!doc.current_location().error()) return ctx.Error("", "trailing content after the JSON object");
  return Status::OK();
}

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

}  // namespace

Result<std::vector<Action>> ParseLogJson(std::string_view content, const std::string& file_name) {
  // One parser per thread, reused: its buffers grow to the longest line once.
  thread_local od::parser parser;
  thread_local std::string scratch;
  std::vector<Action> actions;
  actions.reserve(content.size() / 256 + 1);
  LineContext ctx{&file_name, 0};
  size_t pos = 0;
  while (pos < content.size()) {
    const char* nl = static_cast<const char*>(std::memchr(content.data() + pos, '\n', content.size() - pos));
    size_t end = nl == nullptr ? content.size() : static_cast<size_t>(nl - content.data());
    std::string_view line = content.substr(pos, end - pos);
    size_t after = content.size() - end;  // readable bytes past the line
    pos = end + 1;
    ++ctx.line;
    if (IsBlank(line)) continue;
    const char* data = line.data();
    size_t capacity = line.size() + after;
    // simdjson reads up to SIMDJSON_PADDING bytes past the end; the next lines
    // serve as padding, the last line is copied into a padded scratch buffer.
    if (after < simdjson::SIMDJSON_PADDING) {
      scratch.assign(line);
      scratch.append(simdjson::SIMDJSON_PADDING, ' ');
      data = scratch.data();
      capacity = scratch.size();
    }
    od::document doc;
    if (auto err = parser.iterate(data, line.size(), capacity).get(doc)) {
      return ctx.Error("", "not valid JSON", err);
    }
    SLUICE_RETURN_NOT_OK(ParseLine(doc, ctx, &actions));
  }
  return actions;
}

}  // namespace sluice::delta
