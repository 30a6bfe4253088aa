#include "sluice/stream/checkpoint/checkpoint_coordinator.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "sluice/stream/checkpoint/checkpoint_storage.h"
#include "sluice/stream/runtime/barrier_aligner.h"

namespace sluice::stream::checkpoint {
namespace {

namespace fs = std::filesystem;

std::string TempDir(const std::string& name) {
  std::string d = (fs::temp_directory_path() / ("sluice-ckpt-" + name + "-" + std::to_string(::getpid()))).string();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

StreamElement Batch(int input) {
  StreamElement e;
  e.input = input;
  e.value = 7;
  return e;
}

TEST(BarrierAlignerTest, BlocksAnInputUntilEveryInputDeliveredTheBarrier) {
  runtime::BarrierAligner a(2);
  EXPECT_FALSE(a.Aligned());
  ASSERT_TRUE(a.OnBarrier(0, 1).ok());
  EXPECT_TRUE(a.IsBlocked(0));
  EXPECT_FALSE(a.IsBlocked(1));
  EXPECT_FALSE(a.Aligned());
  a.Hold(Batch(0));
  a.Hold(Batch(0));
  EXPECT_FALSE(a.OnBarrier(1, 2).ok());  // another checkpoint while aligning 1
  ASSERT_TRUE(a.OnBarrier(1, 1).ok());
  EXPECT_TRUE(a.Aligned());
  std::deque<StreamElement> replay;
  replay.push_back(Batch(1));
  a.Release(&replay);
  ASSERT_EQ(replay.size(), 3u);
  EXPECT_EQ(replay[0].input, 0);  // held elements come first
  EXPECT_EQ(replay[2].input, 1);
  EXPECT_FALSE(a.IsBlocked(0));
  EXPECT_EQ(a.last_aligned(), 1);
  EXPECT_EQ(a.aligning(), 0);
}

TEST(BarrierAlignerTest, EndedInputCountsAsAligned) {
  runtime::BarrierAligner a(3);
  a.OnEnd(2);
  ASSERT_TRUE(a.OnBarrier(0, 5).ok());
  EXPECT_FALSE(a.Aligned());
  ASSERT_TRUE(a.OnBarrier(1, 5).ok());
  EXPECT_TRUE(a.Aligned());
}

TEST(CheckpointCoordinatorTest, CompletesWhenEveryInstanceAckedAndWritesMetadataBeforeCommit) {
  std::string dir = TempDir("acks");
  std::vector<int64_t> commits;
  std::vector<SinkCommittables> committed;
  CheckpointCoordinator::Stats last_stats;
  CheckpointCoordinator c(
      dir, 3, 3, 1, [&](int64_t id, const std::vector<SinkCommittables>& s, const CheckpointCoordinator::Stats& stats) {
        EXPECT_TRUE(fs::exists(CheckpointDirFor(dir, id) + "/_metadata")) << "metadata must be written before commit";
        commits.push_back(id);
        committed = s;
        last_stats = stats;
        return Status::OK();
      });
  EXPECT_EQ(c.Trigger(), 1);
  EXPECT_EQ(c.Trigger(), 0);  // one in flight
  EXPECT_EQ(c.triggered(), 1);
  ASSERT_TRUE(WriteFileAtomic(c.DirFor(1) + "/0-src-0", "0123456789").ok());
  ASSERT_TRUE(c.Acknowledge(1, 0, {"0-src", 0, 1, "0-src-0"}, "", {}).ok());
  ASSERT_TRUE(c.Acknowledge(1, 1, {}, "2-sink", {"a", "b"}).ok());
  EXPECT_FALSE(c.Acknowledge(1, 1, {}, "", {}).ok());  // twice
  EXPECT_FALSE(fs::exists(CheckpointDirFor(dir, 1) + "/_metadata"));
  EXPECT_TRUE(commits.empty());
  EXPECT_EQ(c.completed(), 0);
  ASSERT_TRUE(c.Acknowledge(1, 2, {}, "", {}).ok());
  EXPECT_EQ(c.completed(), 1);
  ASSERT_EQ(commits, std::vector<int64_t>{1});
  ASSERT_EQ(committed.size(), 1u);
  EXPECT_EQ(committed[0].committables, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(last_stats.bytes, 10);  // the state files, not _metadata
  EXPECT_GE(last_stats.duration_ms, 0);
  auto m = LoadMetadata(CheckpointDirFor(dir, 1));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->checkpoint_id, 1);
  ASSERT_EQ(m->files.size(), 1u);
  EXPECT_EQ(m->files[0].file, "0-src-0");
  ASSERT_EQ(m->sinks.size(), 1u);
  EXPECT_FALSE(c.Acknowledge(7, 0, {}, "", {}).ok());  // not in flight
}

TEST(CheckpointCoordinatorTest, FinishedInstancesCountAndTheirCommittablesGoWithTheNextCheckpoint) {
  std::string dir = TempDir("finished");
  std::vector<std::string> got;
  CheckpointCoordinator c(dir, 3, 2, 1,
                          [&](int64_t, const std::vector<SinkCommittables>& s, const CheckpointCoordinator::Stats&) {
                            for (const auto& x : s) got.insert(got.end(), x.committables.begin(), x.committables.end());
                            return Status::OK();
                          });
  ASSERT_TRUE(c.Finished(1, "3-sink", {"last"}).ok());
  EXPECT_EQ(c.Trigger(), 1);
  ASSERT_TRUE(c.Acknowledge(1, 0, {}, "", {}).ok());
  EXPECT_EQ(c.completed(), 1);
  EXPECT_EQ(got, std::vector<std::string>{"last"});
  ASSERT_TRUE(c.Finished(0, "", {}).ok());
  EXPECT_EQ(c.Trigger(), 0);  // everything finished
  auto final_id = c.CompleteFinal();
  ASSERT_TRUE(final_id.ok());
  EXPECT_EQ(*final_id, 2);
  EXPECT_TRUE(fs::exists(CheckpointDirFor(dir, 2) + "/_metadata"));
}

TEST(CheckpointCoordinatorTest, KeepsTheLastNCheckpointsAndWritesSavepointsElsewhere) {
  std::string dir = TempDir("retain");
  CheckpointCoordinator c(dir, 2, 1, 1, nullptr);
  for (int i = 1; i <= 4; ++i) {
    ASSERT_EQ(c.Trigger(), i);
    ASSERT_TRUE(c.Acknowledge(i, 0, {}, "", {}).ok());
  }
  auto ids = ListCheckpointDirs(dir);
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<int64_t>{3, 4}));
  std::string sp = dir + "-savepoint";
  fs::remove_all(sp);
  c.RequestSavepoint(sp);
  ASSERT_EQ(c.Trigger(), 5);
  ASSERT_TRUE(c.Acknowledge(5, 0, {}, "", {}).ok());
  EXPECT_EQ(c.completed_savepoint(), 5);
  auto m = LoadMetadata(sp);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->savepoint);
  auto restored = ResolveRestorePath(dir);
  ASSERT_TRUE(restored.ok());
  EXPECT_EQ(*restored, CheckpointDirFor(dir, 4));
  EXPECT_FALSE(ResolveRestorePath(dir + "-missing").ok());
}

TEST(SnapshotFormatTest, RoundTripsAndRejectsCorruptBytes) {
  SubtaskSnapshot s;
  s.operator_state = "op";
  s.splits = {{"split-0", "10/20"}};
  s.key_groups = {{3, "state", "timers"}, {4, "", "t"}};
  std::string bytes = EncodeSubtaskSnapshot(s);
  auto back = DecodeSubtaskSnapshot(bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->operator_state, "op");
  ASSERT_EQ(back->splits.size(), 1u);
  EXPECT_EQ(back->splits[0].position, "10/20");
  ASSERT_EQ(back->key_groups.size(), 2u);
  EXPECT_EQ(back->key_groups[1].key_group, 4);
  EXPECT_EQ(back->key_groups[1].timers, "t");
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(DecodeSubtaskSnapshot(std::string_view(bytes).substr(0, n)).ok()) << n;
  }
  std::string huge = bytes;
  huge[4] = '\xff';  // operator state length far past the end
  huge[7] = '\x7f';
  EXPECT_EQ(DecodeSubtaskSnapshot(huge).status().code(), StatusCode::kCorrupt);

  CheckpointMetadata m;
  m.checkpoint_id = 9;
  m.files = {{"1-count", 1, 2, "1-count-1"}};
  m.sinks = {{"2-out", {"x"}}};
  std::string mb = EncodeMetadata(m);
  auto mback = DecodeMetadata(mb);
  ASSERT_TRUE(mback.ok());
  EXPECT_EQ(mback->checkpoint_id, 9);
  EXPECT_EQ(mback->files[0].parallelism, 2);
  for (size_t n = 0; n < mb.size(); ++n) EXPECT_FALSE(DecodeMetadata(std::string_view(mb).substr(0, n)).ok()) << n;
  m.files[0].file = "../escape";
  EXPECT_FALSE(DecodeMetadata(EncodeMetadata(m)).ok());
}

}  // namespace
}  // namespace sluice::stream::checkpoint
