// `sluice table cat|files|schema|history|version`: read Delta tables.
#include <simdjson.h>

#include <cstdio>
#include <string>
#include <vector>

#include "sluice/cli/commands.h"
#include "sluice/cli/print_batches.h"
#include "sluice/cli/report.h"
#include "sluice/cli/table_util.h"
#include "sluice/columnar/builder.h"
#include "sluice/columnar/json_format.h"
#include "sluice/delta/log/log_json.h"
#include "sluice/delta/log/log_segment.h"
#include "sluice/delta/read/partition_values.h"
#include "sluice/delta/read/scan.h"
#include "sluice/delta/snapshot/snapshot.h"
#include "sluice/expr/parse.h"
#include "sluice/io/filesystem.h"
#include "sluice/parquet/file_writer.h"

namespace sluice::cli {
namespace {

struct TableArgs {
  std::string table;
  std::optional<int64_t> version;
  std::string timestamp;
  std::vector<std::string> columns;
  std::string where;
  std::string format = "jsonl";
  std::string output;
  int64_t limit = -1;
};

Result<delta::SnapshotPtr> Load(const TableArgs& a, const std::string& root) {
  delta::VersionSpec spec;
  spec.version = a.version;
  if (!a.timestamp.empty()) {
    if (a.version) return Status::Invalid("give --version or --timestamp, not both");
    SLUICE_ASSIGN_OR_RETURN(spec.timestamp_ms, ParseTimestampArg(a.timestamp));
  }
  return delta::LoadSnapshot(io::LocalFileSystem(), root, spec);
}

Status RunCat(const TableArgs& a) {
  const std::string root = TableRoot(a.table);
  if (a.format != "jsonl" && a.format != "table" && a.format != "parquet") {
    return Status::Invalid("unknown --format '{}' (expected jsonl, table or parquet)", a.format);
  }
  if (a.format == "parquet" && a.output.empty()) return Status::Invalid("--format parquet needs --output FILE");
  SLUICE_ASSIGN_OR_RETURN(auto snapshot, Load(a, root));
  delta::ScanOptions options;
  options.columns = a.columns;
  if (!a.where.empty()) {
    SLUICE_ASSIGN_OR_RETURN(options.filter, expr::ParseExpr(a.where));
  }
  SLUICE_ASSIGN_OR_RETURN(auto scan, delta::Scan::Make(snapshot, options));
  if (a.format == "parquet") {
    SLUICE_ASSIGN_OR_RETURN(auto writer, parquet::FileWriter::Open(a.output, scan->schema()));
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(auto batch, scan->Next());
      if (!batch) break;
      SLUICE_RETURN_NOT_OK(writer->Write(*batch));
    }
    return writer->Close();
  }
  std::FILE* out = stdout;
  if (!a.output.empty()) {
    out = std::fopen(a.output.c_str(), "wb");
    if (out == nullptr) return Status::IOError("cannot create {}", a.output);
  }
  Status st =
      PrintBatches([&] { return scan->Next(); }, a.format, a.limit, out, a.output.empty() ? "stdout" : a.output);
  if (out != stdout && std::fclose(out) != 0 && st.ok()) st = Status::IOError("cannot write {}", a.output);
  return st;
}

Status RunFiles(const TableArgs& a) {
  const std::string root = TableRoot(a.table);
  SLUICE_ASSIGN_OR_RETURN(auto snapshot, Load(a, root));
  simdjson::dom::parser parser;
  std::string text;
  for (const delta::Add& add : snapshot->files()) {
    std::string records = "-";
    int64_t n = 0;
    simdjson::dom::element doc;
    if (add.stats && parser.parse(*add.stats).get(doc) == simdjson::SUCCESS &&
        doc["numRecords"].get_int64().get(n) == simdjson::SUCCESS) {
      records = std::to_string(n);
    }
    text += fmt::format("{}\t{}\t{}\n", add.path, add.size, records);
  }
  return WriteText(stdout, text, "stdout");
}

Status RunSchema(const TableArgs& a) {
  const std::string root = TableRoot(a.table);
  SLUICE_ASSIGN_OR_RETURN(auto snapshot, Load(a, root));
  std::string text = snapshot->schema()->ToString();
  if (!text.empty() && text.back() != '\n') text.push_back('\n');
  const auto& parts = snapshot->metadata().partition_columns;
  if (!parts.empty()) text += "partitioned by: " + fmt::format("{}", fmt::join(parts, ", ")) + "\n";
  return WriteText(stdout, text, "stdout");
}

Status RunVersion(const TableArgs& a) {
  const std::string root = TableRoot(a.table);
  SLUICE_ASSIGN_OR_RETURN(auto snapshot, Load(a, root));
  return WriteText(stdout, std::to_string(snapshot->version()) + "\n", "stdout");
}

// One JSON line per commit still in the log, newest first: version,
// timestamp (commitInfo's, else the file time, in ms), operation.
Status RunHistory(const TableArgs& a) {
  const std::string root = TableRoot(a.table);
  auto fs = io::LocalFileSystem();
  SLUICE_ASSIGN_OR_RETURN(auto listing, delta::ListLog(*fs, root));
  std::string text;
  for (auto it = listing.commits.rbegin(); it != listing.commits.rend(); ++it) {
    SLUICE_ASSIGN_OR_RETURN(auto bytes, fs->ReadAll(it->path));
    SLUICE_ASSIGN_OR_RETURN(auto actions, delta::ParseLogJson(bytes->view(), it->path));
    int64_t ts = it->modification_time_ms;
    std::string operation;
    for (const auto& action : actions) {
      if (const auto* ci = std::get_if<delta::CommitInfo>(&action)) {
        if (ci->in_commit_timestamp) {
          ts = *ci->in_commit_timestamp;
        } else if (ci->timestamp) {
          ts = *ci->timestamp;
        }
        if (ci->operation) operation = *ci->operation;
      }
    }
    std::string op_json;
    columnar::BinaryBuilder b(columnar::String());
    SLUICE_RETURN_NOT_OK(b.Append(operation));
    SLUICE_ASSIGN_OR_RETURN(auto arr, b.Finish());
    columnar::AppendJsonValue(*arr, 0, &op_json);
    text += fmt::format("{{\"version\":{},\"timestamp\":{},\"operation\":{}}}\n", it->version, ts, op_json);
  }
  return WriteText(stdout, text, "stdout");
}

void AddVersionOptions(CLI::App* cmd, TableArgs* args, bool with_timestamp) {
  cmd->add_option("TABLE", args->table, "Delta table directory")->required();
  cmd->add_option("--version", args->version, "Read the table at this version");
  if (with_timestamp) {
    cmd->add_option("--timestamp", args->timestamp,
                    "Read the latest version committed at or before T (ms since the epoch or YYYY-MM-DD[ HH:MM:SS])");
  }
}

}  // namespace

void AddTableCommands(CLI::App& app, int* exit_code) {
  auto* table = app.add_subcommand("table", "Create, write, read and maintain Delta tables");
  table->require_subcommand(1);

  auto run = [exit_code](Status (*fn)(const TableArgs&), std::shared_ptr<TableArgs> args) {
    return [=] { *exit_code = Report(NameTable(fn(*args), TableRoot(args->table))); };
  };

  auto* cat = table->add_subcommand("cat", "Print the rows of a table version");
  auto cat_args = std::make_shared<TableArgs>();
  AddVersionOptions(cat, cat_args.get(), true);
  cat->add_option("--columns", cat_args->columns, "Columns to print (comma separated)")->delimiter(',');
  cat->add_option("--where", cat_args->where, "Row filter, e.g. \"a = 1 AND b IS NOT NULL\"");
  cat->add_option("--limit", cat_args->limit, "Print at most N rows");
  cat->add_option("--format", cat_args->format, "jsonl (default), table or parquet");
  cat->add_option("--output", cat_args->output, "Write to FILE instead of stdout");
  cat->callback(run(RunCat, cat_args));

  auto* files = table->add_subcommand("files", "List the live data files: path, size, numRecords");
  auto files_args = std::make_shared<TableArgs>();
  AddVersionOptions(files, files_args.get(), true);
  files->callback(run(RunFiles, files_args));

  auto* schema = table->add_subcommand("schema", "Print the table schema");
  auto schema_args = std::make_shared<TableArgs>();
  AddVersionOptions(schema, schema_args.get(), true);
  schema->callback(run(RunSchema, schema_args));

  auto* history = table->add_subcommand("history", "Print the commits: version, timestamp, operation (JSON lines)");
  auto history_args = std::make_shared<TableArgs>();
  history->add_option("TABLE", history_args->table, "Delta table directory")->required();
  history->callback(run(RunHistory, history_args));

  auto* version = table->add_subcommand("version", "Print the latest version (or the one at --timestamp)");
  auto version_args = std::make_shared<TableArgs>();
  AddVersionOptions(version, version_args.get(), true);
  version->callback(run(RunVersion, version_args));

  AddTableWriteCommands(table, exit_code);
  AddTableMaintenanceCommands(table, exit_code);
}

}  // namespace sluice::cli
