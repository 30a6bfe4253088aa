// `sluice demo`, part 3: a streaming job into a Delta table, tailed live by a
// second job reading the same table with the continuous Delta source.
//
//   job 1: events (event time = wall clock) -> KeyBy(user_id) -> 1-s tumbling
//          event-time window count/sum -> Delta sink, checkpoint every 1 s
//   job 2: continuous Delta source on that table -> prints what each new
//          version adds
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "sluice/cli/demo_delta.h"
#include "sluice/common/clock.h"
#include "sluice/connectors/delta/delta_sink.h"
#include "sluice/connectors/delta/delta_source.h"
#include "sluice/delta/write/table_writer.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/metrics/progress_reporter.h"
#include "sluice/stream/sources/generator_source.h"

namespace sluice::cli {
namespace {

namespace col = sluice::columnar;
using columnar::Scalar;
using stream::ProgressReporter;

constexpr int64_t kDisorderMs = 100;  // events arrive up to 100 ms out of order

// Events id, user_id, amount, ts. Each of the two splits is read at rate/2
// rows per second and its j-th row happens at t0 + j / (rate/2) s, so event
// time follows the wall clock.
stream::GeneratorOptions DemoEvents(const StreamingDemoOptions& o, int64_t t0) {
  stream::GeneratorOptions g;
  g.count = static_cast<int64_t>(o.rate * o.seconds);
  g.num_splits = 2;
  g.rows_per_second = o.rate / 2;
  auto schema = std::make_shared<col::Schema>();
  schema->fields = {col::MakeField("id", col::Int64(), false), col::MakeField("user_id", col::Int64(), false),
                    col::MakeField("amount", col::Int64(), false),
                    col::MakeField("ts", col::Timestamp(col::TimeUnit::kMilli, true), false)};
  g.schema = schema;
  const int64_t count = g.count, users = o.users;
  const double ms_per_row = 2000.0 / o.rate;
  g.generate = [=](int64_t first, int64_t n, uint64_t seed, stream::BatchBuilder* out) -> Status {
    const int64_t begin = first >= count / 2 ? count / 2 : 0;  // the split holding `first`
    for (int64_t i = first; i < first + n; ++i) {
      const auto user = static_cast<int64_t>(stream::GeneratorRandom(seed, i, 1) % static_cast<uint64_t>(users));
      const auto amount = static_cast<int64_t>(stream::GeneratorRandom(seed, i, 2) % 100);
      const auto jitter = static_cast<int64_t>(stream::GeneratorRandom(seed, i, 3) % (kDisorderMs + 1));
      const auto ts = t0 + static_cast<int64_t>(static_cast<double>(i - begin) * ms_per_row) - jitter;
      SLUICE_RETURN_NOT_OK(out->Append({Scalar(i), Scalar(user), Scalar(amount), Scalar(ts)}));
    }
    return Status::OK();
  };
  return g;
}

// Prints one line per batch the tail reads (one batch = one version: the
// writer's sink runs as one subtask, so each commit adds one file).
class TailPrinter final : public stream::Sink {
 public:
  TailPrinter(ProgressReporter* out, std::shared_ptr<connectors::DeltaSink> writer, std::atomic<int64_t>* rows)
      : out_(out), writer_(std::move(writer)), rows_(rows) {}

  Result<std::unique_ptr<stream::SinkWriter>> CreateWriter(int, int) override {
    return std::unique_ptr<stream::SinkWriter>(new Writer(this));
  }

 private:
  class Writer final : public stream::SinkWriter {
   public:
    explicit Writer(TailPrinter* p) : p_(p) {}
    // Columns: user_id, window_start, window_end (timestamps in us), events, amount.
    Status Write(const col::RecordBatch& b) override {
      int64_t events = 0, busiest = -1, busiest_events = -1, first = INT64_MAX, last = INT64_MIN;
      for (int64_t i = 0; i < b.num_rows; ++i) {
        stream::Row r(&b, i);
        const int64_t n = r.GetInt64(3);
        events += n;
        if (n > busiest_events) busiest_events = n, busiest = r.GetInt64(0);
        first = std::min(first, r.GetInt64(1) / 1000);
        last = std::max(last, r.GetInt64(2) / 1000);
      }
      p_->rows_->fetch_add(b.num_rows);
      if (b.num_rows == 0) return Status::OK();
      p_->out_->Println(fmt::format("  tail: table v{} +{} rows | windows {}..{} | {} events | busiest user {} ({})",
                                    p_->writer_->last_version(), b.num_rows, ProgressReporter::FormatWatermark(first),
                                    ProgressReporter::FormatWatermark(last), ProgressReporter::Thousands(events),
                                    busiest, busiest_events));
      return Status::OK();
    }

   private:
    TailPrinter* p_;
  };

  ProgressReporter* out_;
  std::shared_ptr<connectors::DeltaSink> writer_;
  std::atomic<int64_t>* rows_;
};

// A source that ends when its inner (unbounded) source has nothing new and
// `done()` says so.
class UntilDone final : public stream::Source {
 public:
  UntilDone(std::shared_ptr<stream::Source> inner, std::function<bool()> done)
      : inner_(std::move(inner)), done_(std::move(done)) {}
  columnar::SchemaPtr schema() const override { return inner_->schema(); }
  Result<std::vector<stream::SourceSplit>> CreateSplits(int p) override { return inner_->CreateSplits(p); }
  Result<std::unique_ptr<stream::SourceReader>> CreateReader(int subtask,
                                                             std::vector<stream::SourceSplit> splits) override {
    SLUICE_ASSIGN_OR_RETURN(auto reader, inner_->CreateReader(subtask, std::move(splits)));
    return std::unique_ptr<stream::SourceReader>(new Reader(std::move(reader), &done_));
  }

 private:
  class Reader final : public stream::SourceReader {
   public:
    Reader(std::unique_ptr<stream::SourceReader> inner, const std::function<bool()>* done)
        : inner_(std::move(inner)), done_(done) {}
    Result<stream::ReadResult> Read(int64_t max_rows) override {
      SLUICE_ASSIGN_OR_RETURN(auto r, inner_->Read(max_rows));
      if (r.kind == stream::ReadResult::Kind::kNothingYet && (*done_)()) return stream::ReadResult{};  // kEnd
      return r;
    }
    std::vector<stream::SourceSplit> SnapshotSplits() const override { return inner_->SnapshotSplits(); }

   private:
    std::unique_ptr<stream::SourceReader> inner_;
    const std::function<bool()>* done_;
  };
  std::shared_ptr<stream::Source> inner_;
  std::function<bool()> done_;
};

}  // namespace

Status RunStreamingDemo(const StreamingDemoOptions& o) {
  if (o.seconds <= 0 || o.rate <= 0 || o.users <= 0) return Status::Invalid("demo: seconds, rate and users > 0");
  const std::string table = std::filesystem::absolute(o.dir + "/event_counts").string();
  const std::string checkpoints = std::filesystem::absolute(o.dir + "/checkpoints").string();
  std::error_code ec;
  std::filesystem::remove_all(table, ec);
  std::filesystem::remove_all(checkpoints, ec);

  // Job 1: events -> 1-s windows per user -> Delta, one checkpoint (= one
  // Delta commit) per second.
  stream::StreamOptions wo;
  wo.parallelism = 2;
  wo.checkpoint_dir = checkpoints;
  wo.checkpoint_interval_ms = 1000;
  wo.batch_size = 1000;
  wo.metrics = std::make_shared<stream::MetricsRegistry>();
  stream::StreamEnvironment writer(wo);
  connectors::DeltaSinkOptions so;
  so.table_root = table;
  so.app_id = "sluice-demo-event-counts";
  SLUICE_ASSIGN_OR_RETURN(auto sink, connectors::DeltaSink::Make(so));
  auto counts = writer
                    .FromSource(std::make_shared<stream::GeneratorSource>(DemoEvents(o, WallMillis())),
                                stream::WatermarkStrategy::ForBoundedOutOfOrderness("ts", kDisorderMs), "events")
                    .KeyBy({"user_id"})
                    .Window(stream::windows::TumblingEventTime(1000))
                    .Aggregate({stream::agg::Count("events"), stream::agg::Sum("amount", "amount")})
                    .Name("count per user per second");
  counts.SinkTo(sink, "delta");
  writer.graph().nodes.back().parallelism = 1;  // one file per commit
  // The table exists before job 2 starts following it.
  SLUICE_RETURN_NOT_OK(delta::CreateTable(io::LocalFileSystem(), table, *counts.schema()).status());

  std::printf("events (%s/s, event time = wall clock) -> KeyBy(user_id) -> 1-s tumbling window count/sum\n",
              ProgressReporter::Thousands(static_cast<int64_t>(o.rate)).c_str());
  std::printf("  -> Delta table %s, one exactly-once commit per 1-s checkpoint;\n", table.c_str());
  std::printf("a second job tails the table with the continuous Delta source (poll 200 ms):\n");
  std::fflush(stdout);

  ProgressReporter progress(wo.metrics, 1000, stdout);
  std::atomic<int64_t> tail_rows{0};
  std::atomic<bool> writer_done{false};
  std::atomic<int64_t> committed_rows{-1};  // set when job 1 ended (-1: failed or running)

  // Job 2: the tail.
  connectors::DeltaSourceOptions to;
  to.table_root = table;
  to.continuous = true;
  to.version = 0;
  to.poll_interval_ms = 200;
  SLUICE_ASSIGN_OR_RETURN(auto source, connectors::DeltaSource::Make(to));
  auto until = std::make_shared<UntilDone>(source, [&] {
    return writer_done.load() && (committed_rows.load() < 0 || tail_rows.load() >= committed_rows.load());
  });
  stream::StreamOptions tail_options;
  tail_options.poll_interval_ms = 10;
  stream::StreamEnvironment tail(tail_options);
  tail.FromSource(until, stream::WatermarkStrategy::NoWatermarks(), "delta tail")
      .SinkTo(std::make_shared<TailPrinter>(&progress, sink, &tail_rows), "print");
  Status tail_status;
  std::thread tail_thread([&] { tail_status = tail.Execute("tail"); });

  progress.Start();
  Status st = writer.Execute("event counts");
  if (st.ok()) committed_rows = wo.metrics->Snapshot(WallMillis()).sink_rows;
  writer_done = true;
  tail_thread.join();
  progress.Stop();
  SLUICE_RETURN_NOT_OK(st);
  SLUICE_RETURN_NOT_OK(tail_status.WithContext("the tail job"));

  std::printf("\nthe tail saw all %s rows of the %lld commits.\n",
              ProgressReporter::Thousands(tail_rows.load()).c_str(), static_cast<long long>(sink->commits()));
  std::printf("The table is at %s (version %lld). Query it:\n", table.c_str(),
              static_cast<long long>(sink->last_version()));
  std::printf("  build/bin/sluice table cat %s --where \"user_id = 3\"\n", table.c_str());
  std::printf("  build/bin/sluice table history %s\n", table.c_str());
  std::printf(
      "  build/venv/bin/python -c \"import deltalake; t = deltalake.DeltaTable('%s'); print(t.version(), "
      "t.to_pyarrow_table().sort_by('window_start').slice(0, 5).to_pylist())\"\n",
      table.c_str());
  return Status::OK();
}

}  // namespace sluice::cli
