// Times sluice loading the latest snapshot of a Delta table (log listing,
// checkpoint, commits, replay: delta::LoadSnapshot), single thread. Driven by
// bench/delta/run_snapshot_bench.py, which times deltalake on the same table in
// the same run and prints the ratios.
//
// Usage: snapshot_bench TABLE_DIR REPEAT
// Prints one JSON object: the milliseconds of each load, their median, the
// number of live files and the total bytes of their stats strings (so the
// driver can check both sides saw the same files). When the snapshot starts
// from a Parquet checkpoint, also the median milliseconds of just reading its
// action columns with our Parquet reader (the decode floor of a load).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sluice/delta/checkpoint_reader.h"
#include "sluice/delta/log_replay.h"
#include "sluice/delta/log_segment.h"
#include "sluice/delta/snapshot.h"
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

// Times `run` `repeat` times; `reset` runs untimed before each (to free the
// previous result, as the Python driver drops its DeltaTable untimed).
template <typename F, typename R>
std::vector<double> TimeRuns(int repeat, F&& run, R&& reset) {
  std::vector<double> ms;
  for (int i = 0; i < repeat; ++i) {
    reset();
    const auto t0 = Clock::now();
    run();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return ms;
}

// The newest *.checkpoint.parquet named by _last_checkpoint's version, or "".
std::string CheckpointPath(const sluice::io::FileSystem& fs, const std::string& log_dir, int64_t version) {
  char name[64];
  std::snprintf(name, sizeof(name), "/%020lld.checkpoint.parquet", static_cast<long long>(version));
  auto exists = fs.Exists(log_dir + name);
  return exists.ok() && *exists ? log_dir + name : "";
}

// Times the phases of a load separately (median of `repeat`): listing and
// segment, reading the checkpoint into actions, replaying them; as JSON fields.
std::string Phases(const std::shared_ptr<sluice::io::FileSystem>& fs, const std::string& root, int repeat) {
  using namespace sluice::delta;
  std::vector<double> list_ms, read_ms, replay_ms;
  for (int i = 0; i < repeat; ++i) {
    auto t0 = Clock::now();
    auto listing = ListLog(*fs, root);
    if (!listing.ok()) Die(listing.status());
    auto seg = BuildLogSegment(*listing, std::nullopt);
    if (!seg.ok()) Die(seg.status());
    auto t1 = Clock::now();
    CheckpointActions actions;
    if (seg->checkpoint) {
      auto st = ReadCheckpoint(*fs, seg->log_dir, *seg->checkpoint, &actions);
      if (!st.ok()) Die(st);
    }
    auto t2 = Clock::now();
    LogReplay replay(root);
    replay.ApplyCheckpoint(std::move(actions));
    auto snap = std::move(replay).Finish(fs, seg->version, 0);
    auto t3 = Clock::now();
    if (!snap.ok()) Die(snap.status());
    list_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    read_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
    replay_ms.push_back(std::chrono::duration<double, std::milli>(t3 - t2).count());
  }
  return ",\"list_ms\":" + std::to_string(Median(list_ms)) +
         ",\"checkpoint_read_ms\":" + std::to_string(Median(read_ms)) +
         ",\"checkpoint_replay_ms\":" + std::to_string(Median(replay_ms));
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
  const std::vector<double> load_ms = TimeRuns(
      repeat,
      [&] {
        auto loaded = sluice::delta::LoadSnapshot(fs, root);
        if (!loaded.ok()) Die(loaded.status());
        snap = std::move(*loaded);
      },
      [&] { snap.reset(); });
  const size_t num_files = snap->files().size();
  size_t stats_bytes = 0;
  for (const auto& add : snap->files()) stats_bytes += add.stats ? add.stats->size() : 0;
  const int64_t version = snap->version();
  snap.reset();

  std::string parquet_part;
  const std::string checkpoint = CheckpointPath(*fs, root + "/_delta_log", version);
  if (!checkpoint.empty()) {
    const double ms = Median(TimeRuns(
        repeat, [&] { ReadCheckpointColumns(checkpoint); }, [] {}));
    parquet_part = ",\"checkpoint_parquet_read_ms\":" + std::to_string(ms) + Phases(fs, root, repeat);
  }

  std::string runs;
  for (double ms : load_ms) {
    if (!runs.empty()) runs.push_back(',');
    runs.append(std::to_string(ms));
  }
  std::printf(
      "{\"version\":%lld,\"num_files\":%zu,\"stats_bytes\":%zu,\"median_ms\":%f,\"min_ms\":%f,\"runs_ms\":[%s]%s}\n",
      static_cast<long long>(version), num_files, stats_bytes, Median(load_ms), Min(load_ms), runs.c_str(),
      parquet_part.c_str());
  return 0;
}
