// End-to-end checkpoint/restore: savepoint at one parallelism, restore at
// another (key groups redistributed), results identical to an uninterrupted run.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>

#include "sluice/connectors/files/transactional_file_sink.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/sources/generator_source.h"
#include "stream/count_job_util.h"

namespace sluice::stream {
namespace {

namespace fs = std::filesystem;

std::string TempDir(const std::string& name) { return testing::FreshTempDir("restore-" + name); }

Status RunCount(StreamOptions o, const std::string& out, int64_t events, double rate) {
  StreamEnvironment env(o);
  testing::BuildCountJob(&env, out, events, rate);
  return env.Execute();
}

std::vector<std::string> SortedRows(const std::string& path) { return testing::SortedCommittedRows(path); }

void SavepointThenRescale(StateBackendKind backend, int from_p, int to_p) {
  std::string dir = TempDir("rescale" + std::to_string(from_p) + std::to_string(to_p));
  const int64_t events = 30000;
  StreamOptions ref;
  ref.parallelism = 2;
  ref.batch_size = 500;
  ASSERT_TRUE(RunCount(ref, dir + "/ref.txt", events, 0).ok());
  std::vector<std::string> expected = SortedRows(dir + "/ref.txt");
  ASSERT_EQ(expected.size(), static_cast<size_t>(events));

  StreamOptions first = ref;
  first.parallelism = from_p;
  first.state_backend = backend;
  first.checkpoint_dir = dir + "/chk";
  first.checkpoint_interval_ms = 30;
  first.savepoint_dir = dir + "/savepoint";
  first.savepoint_after_checkpoints = 2;
  first.stop_after_savepoint = true;
  Status st = RunCount(first, dir + "/out.txt", events, 10000);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(fs::exists(dir + "/savepoint/_metadata"));
  size_t partial = SortedRows(dir + "/out.txt").size();
  EXPECT_GT(partial, 0u);
  EXPECT_LT(partial, static_cast<size_t>(events));

  StreamOptions second = first;
  second.parallelism = to_p;
  second.savepoint_dir.clear();
  second.stop_after_savepoint = false;
  second.restore_from = dir + "/savepoint";
  st = RunCount(second, dir + "/out.txt", events, 0);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(SortedRows(dir + "/out.txt"), expected);
}

// Records which splits each reader was given, in order.
class RecordingSource final : public Source {
 public:
  explicit RecordingSource(std::shared_ptr<Source> inner) : inner_(std::move(inner)) {}
  columnar::SchemaPtr schema() const override { return inner_->schema(); }
  Result<std::vector<SourceSplit>> CreateSplits(int p) override { return inner_->CreateSplits(p); }
  Result<std::unique_ptr<SourceReader>> CreateReader(int subtask, std::vector<SourceSplit> splits) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& s : splits) given[subtask].push_back(s.id);
    return inner_->CreateReader(subtask, std::move(splits));
  }
  std::map<int, std::vector<std::string>> given;

 private:
  std::shared_ptr<Source> inner_;
  std::mutex mu_;
};

TEST(RestoreTest, SameParallelismGivesEachSourceSubtaskItsOwnSplitsInOrder) {
  std::string dir = TempDir("splitorder");
  GeneratorOptions g;
  g.count = 60000;
  g.num_splits = 6;
  g.rows_per_second = 10000;  // per reader: the savepoint comes long before the end
  auto run = [&](StreamOptions o) -> Result<std::map<int, std::vector<std::string>>> {
    StreamEnvironment env(o);
    auto source = std::make_shared<RecordingSource>(std::make_shared<GeneratorSource>(g));
    env.FromSource(source, WatermarkStrategy::NoWatermarks(), "gen")
        .SinkTo(std::make_shared<connectors::TransactionalFileSink>(dir + "/out.txt"), "out");
    SLUICE_RETURN_NOT_OK(env.Execute());
    return source->given;
  };
  StreamOptions first;
  first.parallelism = 2;
  first.batch_size = 500;
  first.checkpoint_dir = dir + "/chk";
  first.checkpoint_interval_ms = 30;
  first.savepoint_dir = dir + "/savepoint";
  first.savepoint_after_checkpoints = 2;
  first.stop_after_savepoint = true;
  auto fresh = run(first);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  const std::map<int, std::vector<std::string>> expected = {{0, {"range-0", "range-2", "range-4"}},
                                                            {1, {"range-1", "range-3", "range-5"}}};
  EXPECT_EQ(*fresh, expected);
  StreamOptions second = first;
  second.savepoint_dir.clear();
  second.stop_after_savepoint = false;
  second.restore_from = dir + "/savepoint";
  second.checkpoint_dir = dir + "/chk2";
  auto restored = run(second);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(*restored, expected);  // not re-dealt round robin ({0, 4, 3} and {2, 1, 5})
  fs::remove_all(dir);
}

TEST(RestoreTest, SavepointRestoredAtHigherParallelism) { SavepointThenRescale(StateBackendKind::kMemory, 2, 3); }
TEST(RestoreTest, SavepointRestoredAtLowerParallelism) { SavepointThenRescale(StateBackendKind::kMemory, 3, 1); }
TEST(RestoreTest, RocksDbSavepointRestoredAtOtherParallelism) {
  SavepointThenRescale(StateBackendKind::kRocksDb, 2, 4);
}

TEST(RestoreTest, CheckpointedBoundedJobCommitsEverythingOnce) {
  std::string dir = TempDir("bounded");
  StreamOptions o;
  o.parallelism = 2;
  o.batch_size = 500;
  o.checkpoint_dir = dir + "/chk";
  o.checkpoint_interval_ms = 20;
  ASSERT_TRUE(RunCount(o, dir + "/out.txt", 20000, 20000).ok());
  EXPECT_EQ(SortedRows(dir + "/out.txt").size(), 20000u);
  // Restoring the final checkpoint re-commits nothing and adds nothing.
  o.restore_latest = true;
  ASSERT_TRUE(RunCount(o, dir + "/out.txt", 20000, 0).ok());
  EXPECT_EQ(SortedRows(dir + "/out.txt").size(), 20000u);
  size_t kept = 0;
  for (const auto& e : fs::directory_iterator(dir + "/chk")) kept += e.path().filename().string().rfind("chk-", 0) == 0;
  EXPECT_LE(kept, 3u);  // retention
}

}  // namespace
}  // namespace sluice::stream
