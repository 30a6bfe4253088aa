// `sluice nexmark generate|run`: the Nexmark benchmark on the stream engine.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "nexmark/lib/event_batches.h"
#include "nexmark/lib/event_file.h"
#include "nexmark/lib/queries.h"
#include "nexmark/lib/result_checksum.h"
#include "sluice/cli/commands.h"
#include "sluice/cli/report.h"

namespace sluice::cli {
namespace {

using nexmark::EventKind;
using nexmark::NexmarkConfig;

struct NexmarkArgs {
  NexmarkConfig config;
  std::string output;
  std::string query;
  int parallelism = 1;
  // Rows per source batch: 1024 keeps a batch of bids (~140 KB of strings)
  // in the L2 cache from the generator to the operators that read it (4096
  // measured up to ~20% more CPU on q0-q2, the same on keyed queries).
  int64_t batch_size = 1024;
};

// User + system CPU seconds of this process so far.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Status Generate(const NexmarkArgs& a) {
  const NexmarkConfig& c = a.config;
  if (c.events < 0 || c.events_per_second <= 0) return Status::Invalid("--events >= 0 and --rate > 0 required");
  auto start = std::chrono::steady_clock::now();
  if (!a.output.empty()) {
    SLUICE_RETURN_NOT_OK(nexmark::WriteEventFile(c, a.output));
  } else {
    // Generation only: every kind into column batches, as the sources do.
    auto channels = std::make_shared<nexmark::ChannelTable>(c.seed);
    for (EventKind k : {EventKind::kPerson, EventKind::kAuction, EventKind::kBid}) {
      nexmark::EventBatchBuilder b(c, k, channels);
      int64_t next = 0;
      while (next < c.events) {
        SLUICE_RETURN_NOT_OK(b.Append(&next, c.events, a.batch_size).status());
        SLUICE_RETURN_NOT_OK(b.Finish().status());
      }
    }
  }
  double s = SecondsSince(start);
  std::printf("events: %lld (persons %lld, auctions %lld, bids %lld)\n", static_cast<long long>(c.events),
              static_cast<long long>(nexmark::CountOfKind(c.events, EventKind::kPerson)),
              static_cast<long long>(nexmark::CountOfKind(c.events, EventKind::kAuction)),
              static_cast<long long>(nexmark::CountOfKind(c.events, EventKind::kBid)));
  std::printf("elapsed_s: %.3f\nevents_per_s: %.0f\n", s, s > 0 ? c.events / s : 0.0);
  if (!a.output.empty()) std::printf("output: %s\n", a.output.c_str());
  return Status::OK();
}

Status Run(const NexmarkArgs& a) {
  SLUICE_ASSIGN_OR_RETURN(nexmark::QueryInfo q, nexmark::FindQuery(a.query));
  if (a.parallelism <= 0) return Status::Invalid("--parallelism {} <= 0", a.parallelism);
  stream::StreamOptions o;
  o.parallelism = a.parallelism;
  o.batch_size = a.batch_size;
  stream::StreamEnvironment env(o);
  auto sink = std::make_shared<nexmark::ChecksumSink>();
  q.build(&env, a.config).SinkTo(sink, "checksum");
  auto start = std::chrono::steady_clock::now();
  const double cpu0 = CpuSeconds();
  SLUICE_RETURN_NOT_OK(env.Execute(std::string("nexmark ") + q.name));
  double s = SecondsSince(start);
  const double cpu = CpuSeconds() - cpu0;
  nexmark::ResultSummary r = sink->summary();
  std::printf("query: %s (%s)\nevents: %lld\nparallelism: %d\n", q.name, q.description,
              static_cast<long long>(a.config.events), a.parallelism);
  std::printf("elapsed_s: %.3f\nevents_per_s: %.0f\ncpu_s: %.3f\n", s, s > 0 ? a.config.events / s : 0.0, cpu);
  std::printf("result_rows: %lld\nchecksum: %016llx\n", static_cast<long long>(r.rows),
              static_cast<unsigned long long>(r.checksum));
  return Status::OK();
}

void AddConfigOptions(CLI::App* cmd, NexmarkArgs* a) {
  cmd->add_option("--events", a->config.events, "Events of all kinds (persons:auctions:bids = 1:3:46)")->required();
  cmd->add_option("--seed", a->config.seed, "Random seed");
  cmd->add_option("--rate", a->config.events_per_second, "Event-time rate, events per second");
  cmd->add_option("--batch-size", a->batch_size, "Rows per generated batch");
}

}  // namespace

void AddNexmarkCommands(CLI::App& app, int* exit_code) {
  auto* nx = app.add_subcommand("nexmark", "The Nexmark benchmark (generator and queries)");
  nx->require_subcommand(1);
  auto a = std::make_shared<NexmarkArgs>();

  auto* gen = nx->add_subcommand("generate", "Generate events (to a .parquet or .jsonl file, or just time it)");
  AddConfigOptions(gen, a.get());
  gen->add_option("--output", a->output, "Output file: *.parquet or *.jsonl (all kinds, one row per event)");
  gen->callback([a, exit_code] { *exit_code = Report(Generate(*a)); });

  auto* run =
      nx->add_subcommand("run", "Run a query; prints elapsed time, events/s, CPU seconds, result rows and checksum");
  AddConfigOptions(run, a.get());
  run->add_option("--query", a->query, "q0, q1, q2, q3, q4, q5, q7 or q8")->required();
  run->add_option("--parallelism", a->parallelism, "Parallelism of every operator");
  run->add_option("--window-ms", a->config.window_ms, "q5/q7/q8 window size in milliseconds");
  run->add_option("--slide-ms", a->config.slide_ms, "q5 window slide in milliseconds");
  run->callback([a, exit_code] { *exit_code = Report(Run(*a)); });
}

}  // namespace sluice::cli
