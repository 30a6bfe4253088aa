// `sluice table create|append|overwrite|delete`: write Delta tables.
#include <memory>
#include <string>
#include <vector>

#include "sluice/cli/commands.h"
#include "sluice/cli/report.h"
#include "sluice/cli/table_util.h"
#include "sluice/common/clock.h"
#include "sluice/delta/schema/schema_ddl.h"
#include "sluice/delta/write/table_writer.h"
#include "sluice/expr/parse.h"
#include "sluice/formats/text_readers.h"
#include "sluice/io/filesystem.h"

namespace sluice::cli {
namespace {

struct WriteArgs {
  std::string table;
  std::vector<std::string> inputs;
  std::string schema;  // create: DDL
  std::string like;    // create: take the schema of this data file
  std::vector<std::string> partition_by;
  std::vector<std::string> properties;  // key=value
  std::string replace_where;
  std::string where;  // delete
  bool merge_schema = false;
  bool overwrite_schema = false;
  std::string codec;
  std::string app_id;
  int64_t txn_version = -1;
};

// Reads several data files one after the other, with the first file's schema.
class ConcatReader final : public columnar::RecordBatchReader {
 public:
  static Result<std::unique_ptr<ConcatReader>> Open(std::vector<std::string> paths) {
    if (paths.empty()) return Status::Invalid("no input files given");
    std::unique_ptr<ConcatReader> r(new ConcatReader());
    r->paths_ = std::move(paths);
    SLUICE_ASSIGN_OR_RETURN(r->current_, formats::OpenDataFile(r->paths_[0]));
    r->schema_ = r->current_->schema();
    return r;
  }
  const columnar::SchemaPtr& schema() const override { return schema_; }
  Result<std::optional<columnar::RecordBatch>> Next() override {
    while (current_) {
      SLUICE_ASSIGN_OR_RETURN(auto batch, current_->Next());
      if (batch) return batch;
      current_.reset();
      if (++index_ < paths_.size()) {
        SLUICE_ASSIGN_OR_RETURN(current_, formats::OpenDataFile(paths_[index_]));
      }
    }
    return std::optional<columnar::RecordBatch>();
  }

 private:
  ConcatReader() = default;
  std::vector<std::string> paths_;
  size_t index_ = 0;
  std::unique_ptr<columnar::RecordBatchReader> current_;
  columnar::SchemaPtr schema_;
};

Result<delta::WriteOptions> Options(const WriteArgs& a) {
  delta::WriteOptions o;
  o.partition_columns = a.partition_by;
  for (const auto& kv : a.properties) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) return Status::Invalid("--property '{}': expected KEY=VALUE", kv);
    o.configuration[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  o.merge_schema = a.merge_schema;
  o.overwrite_schema = a.overwrite_schema;
  if (!a.replace_where.empty()) {
    SLUICE_ASSIGN_OR_RETURN(o.replace_where, expr::ParseExpr(a.replace_where));
  }
  if (!a.codec.empty()) {
    SLUICE_ASSIGN_OR_RETURN(o.data.parquet.codec, parquet::compression::ParseCodecName(a.codec));
  }
  if (!a.app_id.empty() || a.txn_version >= 0) {
    if (a.app_id.empty() || a.txn_version < 0) return Status::Invalid("give both --app-id and --txn-version");
    o.txn = delta::Txn{a.app_id, a.txn_version, WallMillis()};
  }
  return o;
}

Status PrintCommit(const delta::CommitResult& r) {
  std::printf("{\"version\":%lld,\"attempts\":%d,\"checkpoint\":%s}\n", static_cast<long long>(r.version), r.attempts,
              r.checkpoint_written ? "true" : "false");
  return Status::OK();
}

Status RunCreate(const WriteArgs& a) {
  SLUICE_ASSIGN_OR_RETURN(auto options, Options(a));
  columnar::SchemaPtr schema;
  if (!a.schema.empty() == !a.like.empty()) return Status::Invalid("give exactly one of --schema and --like");
  if (!a.schema.empty()) {
    SLUICE_ASSIGN_OR_RETURN(schema, delta::ParseSchemaDdl(a.schema));
  } else {
    SLUICE_ASSIGN_OR_RETURN(auto reader, formats::OpenDataFile(a.like));
    schema = reader->schema();
  }
  SLUICE_ASSIGN_OR_RETURN(auto r, delta::CreateTable(io::LocalFileSystem(), TableRoot(a.table), *schema, options));
  return PrintCommit(r);
}

Status RunWrite(const WriteArgs& a, delta::SaveMode mode) {
  SLUICE_ASSIGN_OR_RETURN(auto options, Options(a));
  options.mode = mode;
  SLUICE_ASSIGN_OR_RETURN(auto input, ConcatReader::Open(a.inputs));
  SLUICE_ASSIGN_OR_RETURN(auto r, delta::WriteTable(io::LocalFileSystem(), TableRoot(a.table), *input, options));
  return PrintCommit(r);
}

Status RunDelete(const WriteArgs& a) {
  if (a.where.empty()) return Status::Invalid("--where is required (a predicate on partition columns)");
  SLUICE_ASSIGN_OR_RETURN(auto pred, expr::ParseExpr(a.where));
  SLUICE_ASSIGN_OR_RETURN(auto r, delta::DeletePartitions(io::LocalFileSystem(), TableRoot(a.table), pred));
  return PrintCommit(r);
}

void AddWriteOptions(CLI::App* cmd, WriteArgs* a) {
  cmd->add_option("--partition-by", a->partition_by, "Partition columns of a new table (comma separated)")
      ->delimiter(',');
  cmd->add_option("--property", a->properties, "Table property KEY=VALUE for a new table (repeatable)");
  cmd->add_option("--codec", a->codec, "Parquet codec: snappy (default), zstd, gzip, lz4_raw, brotli, none");
}

}  // namespace

void AddTableWriteCommands(CLI::App* table, int* exit_code) {
  auto run = [exit_code](std::shared_ptr<WriteArgs> args, auto fn) {
    return [=] { *exit_code = Report(NameTable(fn(*args), TableRoot(args->table))); };
  };

  auto* create = table->add_subcommand("create", "Create an empty table");
  auto create_args = std::make_shared<WriteArgs>();
  create->add_option("TABLE", create_args->table, "Table directory")->required();
  create->add_option("--schema", create_args->schema, "Columns, e.g. \"key STRING, value BIGINT NOT NULL\"");
  create->add_option("--like", create_args->like, "Take the schema of this Parquet, CSV or JSON-lines file");
  AddWriteOptions(create, create_args.get());
  create->callback(run(create_args, RunCreate));

  for (const char* name : {"append", "overwrite"}) {
    const bool overwrite = std::string(name) == "overwrite";
    auto* cmd = table->add_subcommand(
        name, overwrite ? "Replace the table's rows (or some partitions, --replace-where) with files' rows"
                        : "Append the rows of Parquet, CSV or JSON-lines files (creates the table when missing)");
    auto args = std::make_shared<WriteArgs>();
    cmd->add_option("TABLE", args->table, "Table directory")->required();
    cmd->add_option("FILES", args->inputs, "Input files (.parquet, .csv, .json/.jsonl)")->required();
    AddWriteOptions(cmd, args.get());
    cmd->add_flag("--merge-schema", args->merge_schema, "Add the input's new columns to the table");
    cmd->add_option("--app-id", args->app_id, "Record an application transaction id (with --txn-version)");
    cmd->add_option("--txn-version", args->txn_version, "Application transaction version to record");
    if (overwrite) {
      cmd->add_option("--replace-where", args->replace_where,
                      "Replace only the partitions matching this predicate (partition columns)");
      cmd->add_flag("--overwrite-schema", args->overwrite_schema, "Replace the table schema with the input's");
    }
    const delta::SaveMode mode = overwrite ? delta::SaveMode::kOverwrite : delta::SaveMode::kAppend;
    cmd->callback(run(args, [mode](const WriteArgs& a) { return RunWrite(a, mode); }));
  }

  auto* del = table->add_subcommand("delete", "Delete the partitions matching a predicate");
  auto del_args = std::make_shared<WriteArgs>();
  del->add_option("TABLE", del_args->table, "Table directory")->required();
  del->add_option("--where", del_args->where, "Predicate on partition columns, e.g. \"day = '2024-01-01'\"")
      ->required();
  del->callback(run(del_args, RunDelete));
}

}  // namespace sluice::cli
