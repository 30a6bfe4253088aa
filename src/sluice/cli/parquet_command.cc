// `sluice parquet schema|cat|copy|stats`: inspect and rewrite Parquet files
// with sluice's own reader and writer.
#include <cstdio>
#include <string>
#include <vector>

#include "sluice/cli/commands.h"
#include "sluice/cli/parquet_stats_printer.h"
#include "sluice/cli/print_batches.h"
#include "sluice/cli/report.h"
#include "sluice/columnar/json_format.h"
#include "sluice/parquet/file_reader.h"
#include "sluice/parquet/file_writer.h"

namespace sluice::cli {
namespace {

struct CatArgs {
  std::string file;
  std::vector<std::string> columns;
  int64_t limit = -1;
  std::string format = "jsonl";
};

struct CopyArgs {
  std::string in, out;
  std::string codec = "snappy";
  int level = 0;  // 0 = codec default
  int64_t row_group_rows = 1024 * 1024;
  int page_version = 1;
  bool no_dictionary = false;
  bool checksums = false;
};

Status RunSchema(const std::string& path) {
  SLUICE_ASSIGN_OR_RETURN(auto reader, parquet::FileReader::Open(path));
  std::printf("%s", reader->schema()->ToString().c_str());
  return Status::OK();
}

Status RunCat(const CatArgs& a) {
  SLUICE_ASSIGN_OR_RETURN(auto reader, parquet::FileReader::Open(a.file));
  std::vector<int> fields;
  if (!a.columns.empty()) {
    SLUICE_ASSIGN_OR_RETURN(fields, reader->ResolveColumns(a.columns));
  }
  SLUICE_ASSIGN_OR_RETURN(auto batches, reader->NewBatchReader(fields));
  return PrintBatches([&] { return batches->Next(); }, a.format, a.limit, stdout, "stdout");
}

Status RunCopy(const CopyArgs& a) {
  SLUICE_ASSIGN_OR_RETURN(auto reader, parquet::FileReader::Open(a.in));
  parquet::WriterOptions opts;
  SLUICE_ASSIGN_OR_RETURN(opts.codec, parquet::compression::ParseCodecName(a.codec));
  if (a.level != 0) opts.compression_level = a.level;
  opts.row_group_rows = a.row_group_rows;
  opts.data_page_version = a.page_version;
  opts.dictionary = !a.no_dictionary;
  opts.write_page_checksum = a.checksums;
  // Key-value metadata is carried over except pyarrow's ARROW:schema, which
  // describes pyarrow's in-memory types rather than the file's content.
  if (reader->metadata().key_value_metadata) {
    for (const auto& kv : *reader->metadata().key_value_metadata) {
      if (kv.key != "ARROW:schema") opts.key_value_metadata.emplace_back(kv.key, kv.value.value_or(""));
    }
  }
  SLUICE_ASSIGN_OR_RETURN(auto batches, reader->NewBatchReader());
  SLUICE_ASSIGN_OR_RETURN(auto writer, parquet::FileWriter::Open(a.out, reader->schema(), opts));
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(auto batch, batches->Next());
    if (!batch) break;
    SLUICE_RETURN_NOT_OK(writer->Write(*batch));
  }
  return writer->Close();
}

}  // namespace

void AddParquetCommands(CLI::App& app, int* exit_code) {
  auto* pq = app.add_subcommand("parquet", "Inspect, print and rewrite Parquet files");
  pq->require_subcommand(1);

  auto* schema = pq->add_subcommand("schema", "Print the schema of a Parquet file");
  auto schema_file = std::make_shared<std::string>();
  schema->add_option("FILE", *schema_file, "Parquet file")->required();
  schema->callback([=] { *exit_code = Report(RunSchema(*schema_file)); });

  auto* cat = pq->add_subcommand("cat", "Print the rows of a Parquet file");
  auto cat_args = std::make_shared<CatArgs>();
  cat->add_option("FILE", cat_args->file, "Parquet file")->required();
  cat->add_option("--columns", cat_args->columns, "Top-level columns to print (comma separated)")->delimiter(',');
  cat->add_option("--limit", cat_args->limit, "Print at most N rows");
  cat->add_option("--format", cat_args->format, "jsonl (default) or table");
  cat->callback([=] { *exit_code = Report(RunCat(*cat_args)); });

  auto* copy = pq->add_subcommand("copy", "Read a Parquet file with sluice and write it again with sluice");
  auto copy_args = std::make_shared<CopyArgs>();
  copy->add_option("IN", copy_args->in, "Parquet file to read")->required();
  copy->add_option("OUT", copy_args->out, "Parquet file to write")->required();
  copy->add_option("--codec", copy_args->codec, "none|snappy|gzip|zstd|lz4_raw|brotli (default snappy)");
  copy->add_option("--level", copy_args->level, "Compression level (zstd, gzip, brotli)");
  copy->add_option("--row-group-rows", copy_args->row_group_rows, "Rows per row group");
  copy->add_option("--page-version", copy_args->page_version, "Data page version, 1 or 2")
      ->check(CLI::IsMember({1, 2}));
  copy->add_flag("--no-dictionary", copy_args->no_dictionary, "Do not dictionary-encode");
  copy->add_flag("--checksums", copy_args->checksums, "Write page CRCs");
  copy->callback([=] { *exit_code = Report(RunCopy(*copy_args)); });

  auto* stats = pq->add_subcommand("stats", "Print row groups, column chunks, encodings and statistics");
  auto stats_file = std::make_shared<std::string>();
  stats->add_option("FILE", *stats_file, "Parquet file")->required();
  stats->callback([=] { *exit_code = Report(PrintParquetStats(*stats_file)); });
}

}  // namespace sluice::cli
