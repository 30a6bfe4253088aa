// `sluice-test-jobs ingest`: the sluice side of bench/ingest. A
// generator of rows (id, key, value, ts, tag) -> the exactly-once Delta sink
// with a checkpoint (= one Delta commit) every --checkpoint-ms. Row i is
//   key   = GeneratorRandom(seed, i, 1) % 1000
//   value = GeneratorRandom(seed, i, 2) % 1000000
//   ts    = 2026-01-01 + i ms (or, with --wallclock-ts, the time it was made)
//   tag   = "tag-" + (key % 100)
// and bench/ingest/run_bench.py builds the same rows for deltalake and Flink.
// Prints one JSON line: rows, seconds and CPU seconds of the job, commits.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "jobs/jobs.h"
#include "sluice/common/clock.h"
#include "sluice/connectors/delta/delta_sink.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/metrics/progress_reporter.h"
#include "sluice/stream/sources/generator_source.h"

namespace sluice::test_jobs {
namespace {

namespace col = sluice::columnar;
using stream::SourceSplit;

double ProcessCpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

constexpr int64_t kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

struct IngestArgs {
  std::string table;
  std::string checkpoint_dir;
  int64_t rows = 10'000'000;
  uint64_t seed = 1;
  int parallelism = 2;
  int64_t checkpoint_ms = 1000;
  int64_t batch_rows = 8192;
  double rate = 0;  // rows per second per subtask; 0 = unlimited
  bool wallclock_ts = false;
  bool discard = false;  // --sink none: generation only (a baseline)
  int64_t progress_ms = 0;
};

col::SchemaPtr IngestSchema() {
  auto s = std::make_shared<col::Schema>();
  s->fields = {col::MakeField("id", col::Int64(), false), col::MakeField("key", col::Int64(), false),
               col::MakeField("value", col::Int64(), false),
               col::MakeField("ts", col::Timestamp(col::TimeUnit::kMilli, true), false),
               col::MakeField("tag", col::String(), false)};
  return s;
}

// Builds the rows column by column (no per-row dispatch).
class IngestReader final : public stream::SourceReader {
 public:
  IngestReader(const IngestArgs* a, col::SchemaPtr schema, std::vector<SourceSplit> splits)
      : a_(a), schema_(std::move(schema)), splits_(std::move(splits)), start_(std::chrono::steady_clock::now()) {
    for (int t = 0; t < 100; ++t) {
      tags_[t] = "tag-" + std::to_string(t);
      std::memcpy(tag_words_[t], tags_[t].data(), tags_[t].size());  // <= 6 bytes
    }
  }

  Result<stream::ReadResult> Read(int64_t max_rows) override {
    while (current_ < splits_.size() && Next(current_) >= End(current_)) ++current_;
    if (current_ >= splits_.size()) return stream::ReadResult{};  // kEnd
    const int64_t first = Next(current_);
    const int64_t n = std::min({max_rows, a_->batch_rows, End(current_) - first});
    if (a_->rate > 0) {
      std::this_thread::sleep_until(start_ + std::chrono::duration<double>((emitted_ + n) / a_->rate));
    }
    const int64_t now = a_->wallclock_ts ? WallMillis() : 0;
    // Column by column straight into the value buffers (no per-value builder call).
    auto fixed = [n] {
      auto b = std::make_shared<Buffer>();
      b->ResizeUninitialized(n * 8);
      return b;
    };
    BufferPtr id = fixed(), key = fixed(), value = fixed(), ts = fixed();
    auto offsets = std::make_shared<Buffer>();
    offsets->ResizeUninitialized((n + 1) * 4);
    int64_t* ids = id->mutable_data_as<int64_t>();
    int64_t* keys = key->mutable_data_as<int64_t>();
    int64_t* values = value->mutable_data_as<int64_t>();
    int64_t* tss = ts->mutable_data_as<int64_t>();
    int32_t* offs = offsets->mutable_data_as<int32_t>();
    int32_t tag_bytes = 0;
    offs[0] = 0;
    for (int64_t r = 0; r < n; ++r) {
      const int64_t i = first + r;
      ids[r] = i;
      keys[r] = static_cast<int64_t>(stream::GeneratorRandom(a_->seed, i, 1) % 1000);
      values[r] = static_cast<int64_t>(stream::GeneratorRandom(a_->seed, i, 2) % 1000000);
      tss[r] = a_->wallclock_ts ? now : kT0 + i;
      tag_bytes += static_cast<int32_t>(tags_[keys[r] % 100].size());
      offs[r + 1] = tag_bytes;
    }
    auto tag_data = std::make_shared<Buffer>();
    tag_data->Reserve(tag_bytes + 8);  // room for the last fixed 8-byte copy
    tag_data->ResizeUninitialized(tag_bytes);
    for (int64_t r = 0; r < n; ++r) std::memcpy(tag_data->mutable_data() + offs[r], tag_words_[keys[r] % 100], 8);
    col::RecordBatch batch{schema_, n, {}};
    for (const auto& [type, buffer] : {std::pair{col::Int64(), id}, std::pair{col::Int64(), key},
                                       std::pair{col::Int64(), value}, std::pair{schema_->fields[3]->type, ts}}) {
      batch.columns.push_back(std::make_shared<col::Array>(col::Array{type, n, 0, 0, {nullptr, buffer}, {}}));
    }
    batch.columns.push_back(
        std::make_shared<col::Array>(col::Array{col::String(), n, 0, 0, {nullptr, offsets, tag_data}, {}}));
    splits_[current_].position = std::to_string(first + n) + "/" + std::to_string(End(current_));
    emitted_ += n;
    return stream::ReadResult{stream::ReadResult::Kind::kBatch, std::move(batch)};
  }

  std::vector<SourceSplit> SnapshotSplits() const override { return splits_; }

 private:
  // Position "<next>/<end>" (written by this reader or CreateSplits).
  int64_t Next(size_t s) const { return std::stoll(splits_[s].position); }
  int64_t End(size_t s) const { return std::stoll(splits_[s].position.substr(splits_[s].position.find('/') + 1)); }

  const IngestArgs* a_;
  col::SchemaPtr schema_;
  std::vector<SourceSplit> splits_;
  size_t current_ = 0;
  int64_t emitted_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::string tags_[100];
  char tag_words_[100][8] = {};  // each tag zero-padded to 8 bytes
};

class IngestSource final : public stream::Source {
 public:
  explicit IngestSource(const IngestArgs* a) : a_(a), schema_(IngestSchema()) {}
  col::SchemaPtr schema() const override { return schema_; }
  Result<std::vector<SourceSplit>> CreateSplits(int parallelism) override {
    std::vector<SourceSplit> out;
    for (int s = 0; s < parallelism; ++s) {
      out.push_back({"range-" + std::to_string(s), std::to_string(a_->rows * s / parallelism) + "/" +
                                                       std::to_string(a_->rows * (s + 1) / parallelism)});
    }
    return out;
  }
  Result<std::unique_ptr<stream::SourceReader>> CreateReader(int, std::vector<SourceSplit> splits) override {
    for (const auto& s : splits) {
      if (s.position.find('/') == std::string::npos) return Status::Corrupt("ingest: bad split '{}'", s.position);
    }
    return std::unique_ptr<stream::SourceReader>(new IngestReader(a_, schema_, std::move(splits)));
  }

 private:
  const IngestArgs* a_;
  col::SchemaPtr schema_;
};

// Drops every row (the generation-only baseline).
class DiscardSink final : public stream::Sink {
  class Writer final : public stream::SinkWriter {
    Status Write(const col::RecordBatch&) override { return Status::OK(); }
  };

 public:
  Result<std::unique_ptr<stream::SinkWriter>> CreateWriter(int, int) override {
    return std::unique_ptr<stream::SinkWriter>(new Writer());
  }
};

Status RunIngest(const IngestArgs& a) {
  if (a.rows < 0 || a.batch_rows <= 0) return Status::Invalid("ingest: --rows >= 0 and --batch-rows > 0");
  stream::StreamOptions o;
  o.parallelism = a.parallelism;
  o.batch_size = a.batch_rows;
  o.checkpoint_dir = a.checkpoint_dir;
  o.checkpoint_interval_ms = a.checkpoint_ms;
  o.metrics = std::make_shared<stream::MetricsRegistry>();
  stream::StreamEnvironment env(o);
  std::shared_ptr<connectors::DeltaSink> delta;
  std::shared_ptr<stream::Sink> sink;
  if (a.discard) {
    sink = std::make_shared<DiscardSink>();
  } else {
    connectors::DeltaSinkOptions so;
    so.table_root = a.table;
    so.app_id = "sluice-ingest-bench";
    SLUICE_ASSIGN_OR_RETURN(delta, connectors::DeltaSink::Make(so));
    sink = delta;
  }
  env.FromSource(std::make_shared<IngestSource>(&a), stream::WatermarkStrategy::NoWatermarks(), "generator")
      .SinkTo(sink, "sink");
  std::unique_ptr<stream::ProgressReporter> progress;
  if (a.progress_ms > 0) {
    progress = std::make_unique<stream::ProgressReporter>(o.metrics, a.progress_ms);
    progress->Start();
  }
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = ProcessCpuSeconds();
  Status st = env.Execute("ingest");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = ProcessCpuSeconds() - cpu_start;
  if (progress) progress->Stop();
  SLUICE_RETURN_NOT_OK(st);
  const auto m = o.metrics->Snapshot(WallMillis());
  std::printf(
      "{\"rows\": %lld, \"seconds\": %.4f, \"cpu_seconds\": %.4f, \"commits\": %lld, \"latency_p50_ms\": %lld, "
      "\"latency_p99_ms\": %lld}\n",
      static_cast<long long>(m.sink_rows), seconds, cpu, static_cast<long long>(delta ? delta->commits() : 0),
      static_cast<long long>(m.latency_p50_ms), static_cast<long long>(m.latency_p99_ms));
  return Status::OK();
}

}  // namespace

void AddIngestJob(CLI::App& app, int* exit_code) {
  auto* c = app.add_subcommand("ingest", "Generator -> Delta sink (bench/ingest)");
  auto a = std::make_shared<IngestArgs>();
  c->add_option("--table", a->table);
  c->add_option("--checkpoint-dir", a->checkpoint_dir)->required();
  c->add_option("--rows", a->rows);
  c->add_option("--seed", a->seed);
  c->add_option("--parallelism", a->parallelism);
  c->add_option("--checkpoint-ms", a->checkpoint_ms);
  c->add_option("--batch-rows", a->batch_rows);
  c->add_option("--rate", a->rate, "Rows per second per subtask (0 = unlimited)");
  c->add_flag("--wallclock-ts", a->wallclock_ts, "ts = when the row was made (for end-to-end latency)");
  c->add_flag("--discard", a->discard, "Drop the rows instead of writing them (generation-only baseline)");
  c->add_option("--progress-ms", a->progress_ms);
  c->callback([=] {
    if (!a->discard && a->table.empty()) {
      *exit_code = Report(Status::Invalid("ingest: --table is required unless --discard"));
      return;
    }
    *exit_code = Report(RunIngest(*a));
  });
}

}  // namespace sluice::test_jobs
