#include "sluice/delta/write/table_writer.h"

#include <algorithm>
#include <chrono>

#include "sluice/common/clock.h"
#include "sluice/common/failpoint.h"
#include "sluice/common/uuid.h"
#include "sluice/delta/log/log_json_text.h"
#include "sluice/delta/log/log_segment.h"
#include "sluice/delta/protocol/path_uri.h"
#include "sluice/delta/read/data_skipping.h"
#include "sluice/delta/schema/schema_enforcement.h"
#include "sluice/delta/schema/schema_json.h"
#include "sluice/delta/txn/new_table.h"
#include "sluice/expr/binder.h"
#include "sluice/expr/evaluate.h"

namespace sluice::delta {
namespace {

// The table's snapshot, or null when there is no table yet (no log, or a log
// folder without any commit or checkpoint, as a crashed creation leaves).
Result<SnapshotPtr> LoadIfExists(const std::shared_ptr<io::FileSystem>& fs, const std::string& root) {
  auto listing = ListLog(*fs, root);
  if (!listing.ok()) {
    if (listing.status().code() == StatusCode::kNotFound) return SnapshotPtr();
    return listing.status();
  }
  if (listing->commits.empty() && listing->checkpoints.empty()) return SnapshotPtr();
  return LoadSnapshot(fs, root);
}

std::string JsonString(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

std::string JsonStringList(const std::vector<std::string>& list) {
  std::string out = "[";
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(&out, list[i]);
  }
  return out + "]";
}

Status CheckPartitionColumns(const columnar::Schema& schema, const std::vector<std::string>& cols) {
  for (const auto& c : cols) {
    const int i = schema.FieldIndex(c);
    if (i < 0) return Status::Invalid("partition column '{}' is not a column of the data", c);
    if (schema.fields[i]->type->IsNested()) {
      return Status::Invalid("partition column '{}' has nested type {}", c, schema.fields[i]->type->ToString());
    }
    if (std::count(cols.begin(), cols.end(), c) > 1) return Status::Invalid("partition column '{}' given twice", c);
  }
  if (!cols.empty() && cols.size() == schema.fields.size()) {
    return Status::Invalid("every column is a partition column; at least one must hold data");
  }
  return Status::OK();
}

Metadata NewMetadata(const std::string& schema_json, const WriteOptions& options) {
  Metadata m;
  m.id = RandomUuid();
  m.name = options.name;
  m.description = options.description;
  m.schema_string = schema_json;
  m.partition_columns = options.partition_columns;
  m.configuration = options.configuration;
  m.created_time = WallMillis();
  return m;
}

// Writes every input batch into data files; the adds and the row count.
struct Written {
  std::vector<Add> adds;
  int64_t rows = 0;
  int64_t bytes = 0;
};

Result<Written> WriteFiles(const std::shared_ptr<io::FileSystem>& fs, const std::string& root, const Metadata& metadata,
                           const columnar::SchemaPtr& schema, columnar::RecordBatchReader& input,
                           const WriteOptions& options) {
  SLUICE_ASSIGN_OR_RETURN(auto writer, DataWriter::Make(fs, root, metadata, options.data));
  Written w;
  std::optional<expr::BoundExpr> replace_where;
  if (options.replace_where) {
    SLUICE_ASSIGN_OR_RETURN(auto bound, expr::BindPredicate(*options.replace_where, *schema));
    replace_where = std::move(bound);
  }
  auto write_all = [&]() -> Status {
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(auto batch, input.Next());
      if (!batch) return Status::OK();
      if (batch->num_rows == 0) continue;
      SLUICE_ASSIGN_OR_RETURN(auto conformed, ConformBatch(*batch, schema));
      if (replace_where) {
        SLUICE_ASSIGN_OR_RETURN(auto kept, expr::FilterBatch(*replace_where, conformed));
        if (kept.num_rows != conformed.num_rows) {
          return Status::Invalid("replaceWhere: {} written row(s) do not match '{}'",
                                 conformed.num_rows - kept.num_rows, PredicateToString(*options.replace_where));
        }
      }
      SLUICE_RETURN_NOT_OK(writer->Write(conformed));
      w.rows += conformed.num_rows;
    }
  };
  Status st = write_all();
  if (!st.ok()) {
    writer->Abort();
    return st;
  }
  auto adds = writer->Finish();
  if (!adds.ok()) {
    writer->Abort();
    return adds.status();
  }
  w.adds = std::move(*adds);
  for (const Add& a : w.adds) w.bytes += a.size;
  return w;
}

}  // namespace

void DeleteDataFiles(const io::FileSystem& fs, const std::string& table_root, const std::vector<Add>& adds) {
  for (const Add& a : adds) {
    auto path = ResolveDataPath(table_root, a.path);
    if (path.ok()) (void)fs.Delete(*path);
  }
}

Remove RemoveFor(const Add& add, int64_t now_ms, bool data_change) {
  Remove r;
  r.path = add.path;
  r.deletion_timestamp = now_ms;
  r.data_change = data_change;
  r.extended_file_metadata = true;
  r.partition_values = add.partition_values;
  r.size = add.size;
  r.tags = add.tags;
  r.deletion_vector = add.deletion_vector;
  r.base_row_id = add.base_row_id;
  r.default_row_commit_version = add.default_row_commit_version;
  return r;
}

Result<CommitResult> CreateTable(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                 const columnar::Schema& schema, const WriteOptions& options) {
  SLUICE_ASSIGN_OR_RETURN(auto delta_schema, DeltaSchemaFor(schema));
  SLUICE_RETURN_NOT_OK(CheckPartitionColumns(*delta_schema, options.partition_columns));
  SLUICE_ASSIGN_OR_RETURN(auto json, ToDeltaSchemaJson(*delta_schema));
  Metadata metadata = NewMetadata(json, options);
  auto txn = Transaction::BeginCreate(std::move(fs), table_root);
  txn->SetProtocol(ProtocolForNewTable(metadata));
  txn->SetMetadata(metadata);
  CommitOptions co;
  co.operation = "CREATE TABLE";
  co.operation_parameters["partitionBy"] = JsonStringList(options.partition_columns);
  co.operation_parameters["description"] = options.description ? JsonString(*options.description) : "null";
  co.operation_parameters["isManaged"] = "false";
  co.operation_parameters["properties"] = [&] {
    std::string out;
    JsonObjectWriter w(&out);
    for (const auto& [k, v] : options.configuration) w.String(k, v);
    w.End();
    return out;
  }();
  co.checkpoint = options.checkpoint;
  return txn->Commit(co);
}

Result<CommitResult> WriteTable(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                columnar::RecordBatchReader& input, const WriteOptions& options) {
  const bool overwrite = options.mode == SaveMode::kOverwrite;
  if (options.replace_where && !overwrite) return Status::Invalid("replaceWhere needs overwrite mode");
  if (options.overwrite_schema && (!overwrite || options.replace_where)) {
    return Status::Invalid("overwriteSchema needs an overwrite of the whole table");
  }
  SLUICE_ASSIGN_OR_RETURN(SnapshotPtr snap, LoadIfExists(fs, table_root));

  std::unique_ptr<Transaction> txn;
  Metadata metadata;
  columnar::SchemaPtr schema;
  bool metadata_changed = false;
  auto set_schema = [&](columnar::SchemaPtr s) -> Status {
    SLUICE_ASSIGN_OR_RETURN(metadata.schema_string, ToDeltaSchemaJson(*s));
    schema = std::move(s);
    metadata_changed = true;
    return Status::OK();
  };
  if (!snap) {
    SLUICE_ASSIGN_OR_RETURN(auto s, DeltaSchemaFor(*input.schema()));
    SLUICE_RETURN_NOT_OK(CheckPartitionColumns(*s, options.partition_columns));
    metadata = NewMetadata("", options);
    SLUICE_RETURN_NOT_OK(set_schema(std::move(s)));
    txn = Transaction::BeginCreate(fs, table_root);
    txn->SetProtocol(ProtocolForNewTable(metadata));
  } else {
    SLUICE_ASSIGN_OR_RETURN(txn, Transaction::Begin(snap));
    metadata = snap->metadata();
    schema = snap->schema();
    if (!options.partition_columns.empty() && options.partition_columns != metadata.partition_columns &&
        !options.overwrite_schema) {
      return Status::Invalid("partition columns [{}] differ from the table's [{}]",
                             fmt::join(options.partition_columns, ", "), fmt::join(metadata.partition_columns, ", "));
    }
    if (options.overwrite_schema) {
      SLUICE_ASSIGN_OR_RETURN(auto s, DeltaSchemaFor(*input.schema()));
      if (!options.partition_columns.empty()) metadata.partition_columns = options.partition_columns;
      SLUICE_RETURN_NOT_OK(CheckPartitionColumns(*s, metadata.partition_columns));
      SLUICE_RETURN_NOT_OK(set_schema(std::move(s)));
    } else if (options.merge_schema) {
      SLUICE_ASSIGN_OR_RETURN(auto merged, MergeSchema(schema, *input.schema()));
      if (merged != schema) SLUICE_RETURN_NOT_OK(set_schema(std::move(merged)));
    }
  }
  if (metadata_changed) txn->SetMetadata(metadata);

  std::vector<Add> removed;
  if (overwrite && snap) {
    if (options.replace_where) {
      SLUICE_ASSIGN_OR_RETURN(removed, FilesMatchingPartitions(*snap, *options.replace_where));
    } else {
      removed = snap->files();
    }
    txn->ReadFiles(options.replace_where);
  }

  SLUICE_ASSIGN_OR_RETURN(Written w, WriteFiles(fs, table_root, metadata, schema, input, options));
  Failpoint("delta.after_data_files");
  const int64_t now = WallMillis();
  for (const Add& a : removed) txn->RemoveFile(RemoveFor(a, now));
  for (const Add& a : w.adds) txn->AddFile(a);
  if (options.txn) txn->SetTxn(options.txn->app_id, options.txn->version);

  CommitOptions co;
  co.operation = "WRITE";
  co.operation_parameters["mode"] = overwrite ? "\"Overwrite\"" : "\"Append\"";
  co.operation_parameters["partitionBy"] = JsonStringList(metadata.partition_columns);
  if (options.replace_where)
    co.operation_parameters["predicate"] = JsonString(PredicateToString(*options.replace_where));
  co.operation_metrics["numFiles"] = std::to_string(w.adds.size());
  co.operation_metrics["numOutputRows"] = std::to_string(w.rows);
  co.operation_metrics["numOutputBytes"] = std::to_string(w.bytes);
  if (overwrite) co.operation_metrics["numRemovedFiles"] = std::to_string(removed.size());
  co.checkpoint = options.checkpoint;
  auto result = txn->Commit(co);
  if (!result.ok() && result.status().code() != StatusCode::kIOError) DeleteDataFiles(*fs, table_root, w.adds);
  return result;
}

Result<CommitResult> DeletePartitions(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                      const expr::Expr& predicate) {
  SLUICE_ASSIGN_OR_RETURN(SnapshotPtr snap, LoadSnapshot(fs, table_root));
  SLUICE_ASSIGN_OR_RETURN(auto files, FilesMatchingPartitions(*snap, predicate));
  SLUICE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(snap));
  txn->ReadFiles(predicate);
  const int64_t now = WallMillis();
  for (const Add& a : files) txn->RemoveFile(RemoveFor(a, now));
  CommitOptions co;
  co.operation = "DELETE";
  co.operation_parameters["predicate"] = JsonStringList({PredicateToString(predicate)});
  co.operation_metrics["numRemovedFiles"] = std::to_string(files.size());
  co.operation_metrics["numAddedFiles"] = "0";
  return txn->Commit(co);
}

}  // namespace sluice::delta
