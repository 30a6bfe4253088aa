// `sluice-test-jobs files-to-delta`: a file source (bounded, or
// watching directories) -> Delta sink, checkpointed into --checkpoint-dir;
// with --restore it resumes from the latest complete checkpoint there. The
// interop test tests/interop/test_stream_file_source.py writes the files with
// pyarrow and kills and restarts the job.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "jobs/jobs.h"
#include "sluice/connectors/delta/delta_sink.h"
#include "sluice/connectors/files/file_source.h"
#include "sluice/stream/api/environment.h"

namespace sluice::test_jobs {
namespace {

struct FilesArgs {
  std::vector<std::string> inputs;
  std::string pattern;
  std::string format;  // empty = by extension
  bool watch = false;
  int64_t poll_ms = 100;
  bool wait_stable = false;
  std::string stop_file;  // watch: end once this exists and nothing is left to read
  int64_t batch_rows = 1000;
  int64_t batch_delay_ms = 0;  // sleep per batch (so that kills land mid-file)
  std::string table;
  std::string checkpoint_dir;
  std::string app_id = "files-to-delta";
  int parallelism = 2;
  int64_t interval_ms = 200;
  bool restore = false;
};

Result<formats::DataFileFormat> FormatNamed(const std::string& name) {
  if (name == "csv") return formats::DataFileFormat::kCsv;
  if (name == "jsonl") return formats::DataFileFormat::kJsonLines;
  if (name == "parquet") return formats::DataFileFormat::kParquet;
  return Status::Invalid("--format: expected csv, jsonl or parquet, got '{}'", name);
}

Status RunFilesToDelta(const FilesArgs& a) {
  connectors::FileSourceOptions files;
  files.paths = a.inputs;
  files.name_pattern = a.pattern;
  if (!a.format.empty()) {
    SLUICE_ASSIGN_OR_RETURN(files.format, FormatNamed(a.format));
  }
  files.read.batch_rows = a.batch_rows;
  files.watch = a.watch;
  files.poll_interval_ms = a.poll_ms;
  files.wait_for_stable_files = a.wait_stable;
  if (!a.stop_file.empty()) {
    const std::string stop_file = a.stop_file;
    files.stop = [stop_file] { return std::filesystem::exists(stop_file); };
  }
  stream::StreamOptions o;
  o.parallelism = a.parallelism;
  o.checkpoint_dir = a.checkpoint_dir;
  o.checkpoint_interval_ms = a.interval_ms;
  o.restore_latest = a.restore;
  o.poll_interval_ms = 5;
  stream::StreamEnvironment env(o);
  connectors::DeltaSinkOptions s;
  s.table_root = a.table;
  s.app_id = a.app_id;
  SLUICE_ASSIGN_OR_RETURN(auto sink, connectors::DeltaSink::Make(std::move(s)));
  const int64_t delay = a.batch_delay_ms;
  env.FromSource(connectors::FileSource::Make(std::move(files)), stream::WatermarkStrategy::NoWatermarks(), "files")
      .MapBatches(nullptr,
                  [delay](const columnar::RecordBatch& b) -> Result<columnar::RecordBatch> {
                    if (delay > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay));
                    return b;
                  })
      .Name("pace")
      .SinkTo(sink, "delta-sink");
  return env.Execute("files-to-delta");
}

}  // namespace

void AddFilesJob(CLI::App& app, int* exit_code) {
  auto* c = app.add_subcommand("files-to-delta", "Checkpointed file source (bounded or watched) -> Delta sink");
  auto a = std::make_shared<FilesArgs>();
  c->add_option("--input", a->inputs, "Files and directories to read")->required();
  c->add_option("--pattern", a->pattern, "Glob over file names in directories, e.g. '*.csv'");
  c->add_option("--format", a->format, "csv, jsonl or parquet (default: by extension)");
  c->add_flag("--watch", a->watch, "Watch the directories for new files");
  c->add_option("--poll-ms", a->poll_ms, "How often watched directories are listed");
  c->add_flag("--wait-stable", a->wait_stable, "Read a file only once it holds still across two listings");
  c->add_option("--stop-file", a->stop_file, "Watching: end once this file exists and nothing is left to read");
  c->add_option("--batch-rows", a->batch_rows);
  c->add_option("--batch-delay-ms", a->batch_delay_ms, "Sleep this long per batch");
  c->add_option("--table", a->table, "Delta table the job writes")->required();
  c->add_option("--checkpoint-dir", a->checkpoint_dir)->required();
  c->add_option("--app-id", a->app_id, "txn appId of the Delta sink");
  c->add_option("--parallelism", a->parallelism);
  c->add_option("--interval-ms", a->interval_ms, "Checkpoint interval");
  c->add_flag("--restore", a->restore, "Restore from the latest checkpoint in --checkpoint-dir, if any");
  c->callback([=] { *exit_code = Report(RunFilesToDelta(*a)); });
}

}  // namespace sluice::test_jobs
