// Times sluice loading the latest snapshot of a Delta table (log listing,
// checkpoint, commits, replay: delta::LoadSnapshot), single thread. Driven by
// bench/delta/run_snapshot_bench.py, which times deltalake on the same table in
// the same run and prints the ratios.
//
// Usage: snapshot_bench TABLE_DIR REPEAT
// Prints one JSON object: the milliseconds of each load, their median, the
// number of live files and the total bytes of their stats strings (so the
// driver can check both sides saw the same files), the median time of each
// phase of a load, and when the snapshot starts from a Parquet checkpoint the
// median time of just decoding its action columns with our Parquet reader
// (the floor under the checkpoint phase).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "sluice/delta/checkpoint/checkpoint_reader.h"
#include "sluice/delta/log/last_checkpoint.h"
#include "sluice/delta/log/log_json.h"
#include "sluice/delta/log/log_segment.h"
#include "sluice/delta/snapshot/log_replay.h"
#include "sluice/delta/snapshot/snapshot.h"
#include "sluice/io/filesystem.h"
#include "sluice/parquet/file_reader.h"

namespace {

using Clock = std::chrono::steady_clock;

void Die(const sluice::Status& st) {
  std::fprintf(stderr, "snapshot_bench: %s\n", st.ToString().c_str());
  std::exit(1);
}

double Min(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Times `run` `repeat` times; `reset` runs untimed before each (to free the
// previous result, as the Python driver drops its DeltaTable untimed). Wall
// milliseconds; with `cpu_ms`, also the process CPU milliseconds of each run
// (steadier than wall time on a loaded machine).
template <typename F, typename R>
std::vector<double> TimeRuns(int repeat, F&& run, R&& reset, std::vector<double>* cpu_ms = nullptr) {
  std::vector<double> ms;
  for (int i = 0; i < repeat; ++i) {
    reset();
    const double c0 = CpuMs();
    const auto t0 = Clock::now();
    run();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (cpu_ms) cpu_ms->push_back(CpuMs() - c0);
  }
  return ms;
}

// The log segment LoadSnapshot uses for the latest version: listed from the
// _last_checkpoint version when there is one.
sluice::delta::LogSegment LatestSegment(const sluice::io::FileSystem& fs, const std::string& root) {
  using namespace sluice::delta;
  std::optional<int64_t> from;
  if (auto bytes = fs.ReadAll(root + "/_delta_log/_last_checkpoint"); bytes.ok()) {
    std::string_view text(reinterpret_cast<const char*>((*bytes)->data()), (*bytes)->size());
    if (auto hint = ParseLastCheckpoint(text, "_last_checkpoint"); hint.ok()) from = hint->version;
  }
  auto listing = ListLog(fs, root, from);
  if (!listing.ok()) Die(listing.status());
  auto seg = BuildLogSegment(*listing, std::nullopt);
  if (!seg.ok()) Die(seg.status());
  return std::move(*seg);
}

// Times the phases of a load separately (median of `repeat`), as JSON
// fields: listing and segment, reading the later commits, reading the
// checkpoint into actions, replaying all of it into a snapshot (the order of
// LoadSnapshot).
std::string Phases(const std::shared_ptr<sluice::io::FileSystem>& fs, const std::string& root, int repeat) {
  using namespace sluice::delta;
  std::vector<double> list_ms, read_ms, commits_ms, replay_ms;
  auto ms = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  for (int i = 0; i < repeat; ++i) {
    const auto t0 = Clock::now();
    const LogSegment seg = LatestSegment(*fs, root);
    const auto t1 = Clock::now();
    std::vector<std::vector<Action>> commits;
    CheckpointActions actions;
    for (const LogFile& c : seg.commits) {
      auto bytes = fs->ReadAll(c.path);
      if (!bytes.ok()) Die(bytes.status());
      auto parsed =
          ParseLogJson(std::string_view(reinterpret_cast<const char*>((*bytes)->data()), (*bytes)->size()), c.path);
      if (!parsed.ok()) Die(parsed.status());
      for (const Action& a : *parsed) actions.extra_adds += std::holds_alternative<Add>(a);
      commits.push_back(std::move(*parsed));
    }
    const auto t2 = Clock::now();
    if (seg.checkpoint) {
      if (auto st = ReadCheckpoint(*fs, seg.log_dir, *seg.checkpoint, &actions); !st.ok()) Die(st);
    }
    const auto t3 = Clock::now();
    LogReplay replay(root);
    replay.ApplyCheckpoint(std::move(actions));
    for (auto& c : commits) replay.Apply(std::move(c));
    auto snap = std::move(replay).Finish(fs, seg.version, 0);
    const auto t4 = Clock::now();
    if (!snap.ok()) Die(snap.status());
    list_ms.push_back(ms(t0, t1));
    commits_ms.push_back(ms(t1, t2));
    read_ms.push_back(ms(t2, t3));
    replay_ms.push_back(ms(t3, t4));
  }
  return ",\"phases_ms\":{\"list\":" + std::to_string(Median(list_ms)) +
         ",\"checkpoint_read\":" + std::to_string(Median(read_ms)) +
         ",\"commits_read\":" + std::to_string(Median(commits_ms)) +
         ",\"replay\":" + std::to_string(Median(replay_ms)) + "}";
}

// Reads the action columns of a checkpoint (what ReadParquetCheckpoint asks
// the Parquet reader for), discarding the batches.
void ReadCheckpointColumns(const std::string& path) {
  sluice::parquet::ReadOptions options;
  options.batch_rows = 8192;
  auto reader = sluice::parquet::FileReader::Open(path, options);
  if (!reader.ok()) Die(reader.status());
  std::vector<int> fields;
  for (const char* name : {"protocol", "metaData", "txn", "domainMetadata", "add", "remove", "sidecar"}) {
    const int i = (*reader)->schema()->FieldIndex(name);
    if (i >= 0) fields.push_back(i);
  }
  auto batches = (*reader)->NewBatchReader(fields);
  if (!batches.ok()) Die(batches.status());
  while (true) {
    auto batch = (*batches)->Next();
    if (!batch.ok()) Die(batch.status());
    if (!*batch) break;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s TABLE_DIR REPEAT\n", argv[0]);
    return 2;
  }
  const std::string root = argv[1];
  const int repeat = std::max(1, std::atoi(argv[2]));
  auto fs = sluice::io::LocalFileSystem();

  sluice::delta::SnapshotPtr snap;
  std::vector<double> cpu_ms;
  const std::vector<double> load_ms = TimeRuns(
      repeat,
      [&] {
        auto loaded = sluice::delta::LoadSnapshot(fs, root);
        if (!loaded.ok()) Die(loaded.status());
        snap = std::move(*loaded);
      },
      [&] { snap.reset(); }, &cpu_ms);
  const size_t num_files = snap->files().size();
  size_t stats_bytes = 0;
  for (const auto& add : snap->files()) stats_bytes += add.stats ? add.stats->size() : 0;
  const int64_t version = snap->version();
  snap.reset();

  std::string extra = Phases(fs, root, repeat);
  const sluice::delta::LogSegment seg = LatestSegment(*fs, root);
  if (seg.checkpoint && seg.checkpoint->files.size() == 1 && seg.checkpoint->files[0].path.ends_with(".parquet")) {
    const std::string& checkpoint = seg.checkpoint->files[0].path;
    const double ms = Median(TimeRuns(
        repeat, [&] { ReadCheckpointColumns(checkpoint); }, [] {}));
    extra += ",\"checkpoint_parquet_decode_ms\":" + std::to_string(ms);
  }

  std::string runs;
  for (double ms : load_ms) {
    if (!runs.empty()) runs.push_back(',');
    runs.append(std::to_string(ms));
  }
  std::printf(
      "{\"version\":%lld,\"num_files\":%zu,\"stats_bytes\":%zu,\"median_ms\":%f,\"min_ms\":%f,\"cpu_median_ms\":%f,"
      "\"runs_ms\":[%s]%s}\n",
      static_cast<long long>(version), num_files, stats_bytes, Median(load_ms), Min(load_ms), Median(cpu_ms),
      runs.c_str(), extra.c_str());
  return 0;
}
