// The watched file source: files landing while a job runs, the stability
// rule, and restoring the follower split.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "connectors/files/file_source_test_util.h"
#include "sluice/connectors/files/file_source.h"
#include "sluice/connectors/files/watch_position.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/sinks/collect_sink.h"

namespace sluice::stream {
namespace {

using testing::FileRows;
using testing::FileRowSchema;
using testing::Sorted;

class WatchedFileSourceTest : public testing::FileSourceTest {
 protected:
  connectors::FileSourceOptions Watching(const std::string& dir) {
    std::filesystem::create_directories(Path(dir));
    connectors::FileSourceOptions o;
    o.paths = {Path(dir)};
    o.read.schema = FileRowSchema();
    o.watch = true;
    o.poll_interval_ms = 0;
    return o;
  }

  // The follower of a fresh source over `o` (stop: end at the first empty listing).
  std::unique_ptr<SourceReader> Follower(std::shared_ptr<connectors::FileSource>* src,
                                         const std::vector<SourceSplit>& splits) {
    auto reader = (*src)->CreateReader(0, splits);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    return reader.ok() ? std::move(*reader) : nullptr;
  }

  static connectors::WatchPosition PositionOf(const SourceReader& r) {
    auto splits = r.SnapshotSplits();
    EXPECT_EQ(splits.size(), 1u);
    auto p = connectors::DecodeWatchPosition(splits.at(0).position);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : connectors::WatchPosition{};
  }
};

TEST_F(WatchedFileSourceTest, JobReadsFilesRenamedIntoPlaceWhileItRuns) {
  connectors::FileSourceOptions o = Watching("in");
  o.poll_interval_ms = 10;
  o.wait_for_stable_files = false;  // the writer renames into place
  std::atomic<bool> stop{false};
  o.stop = [&stop] { return stop.load(); };
  // A file present at the start, and a writer's temporary file never renamed.
  std::vector<Scalars> expected = FileRows(0, 40);
  WriteRows("in/start.csv", "csv", expected);
  WriteRows("in/.pending.csv.tmp", "csv", FileRows(90000, 5));

  StreamOptions so;
  so.parallelism = 2;  // the second source subtask has no split and ends at once
  so.poll_interval_ms = 1;
  StreamEnvironment env(so);
  auto sink = std::make_shared<CollectSink>();
  env.FromSource(connectors::FileSource::Make(o), WatermarkStrategy::NoWatermarks(), "watched").SinkTo(sink);
  Status job_status;
  std::thread job([&] { job_status = env.Execute("watch"); });

  const char* formats[] = {"csv", "jsonl", "parquet"};
  int64_t id = 1000;
  for (int i = 0; i < 9; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    const std::string format = formats[i % 3];
    auto rows = FileRows(id, 10 + i * 7);
    WriteRowsByRename("in", fmt::format("f{}.{}", i, format), format, rows);
    expected.insert(expected.end(), rows.begin(), rows.end());
    id += 1000;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (sink->num_rows() < static_cast<int64_t>(expected.size()) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  stop = true;
  job.join();
  ASSERT_TRUE(job_status.ok()) << job_status.ToString();
  EXPECT_EQ(sink->SortedRows(), Sorted(expected));
}

TEST_F(WatchedFileSourceTest, FilesWrittenInPlaceAreReadOnceTheyHoldStill) {
  connectors::FileSourceOptions o = Watching("w");
  o.stop = [] { return false; };
  auto src = *connectors::FileSource::Make(o);
  auto reader = Follower(&src, *src->CreateSplits(1));
  const std::string path = WriteText("w/a.csv", testing::CsvText(FileRows(0, 5)));
  // First listing: seen, not yet known to be still.
  auto r = reader->Read(100);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, ReadResult::Kind::kNothingYet);
  // The writer appends: changed since the last listing, still not read.
  {
    std::ofstream out(path, std::ios::app);
    out << testing::CsvText(FileRows(5, 5)).substr(std::string("id,name,score\n").size());
  }
  r = reader->Read(100);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, ReadResult::Kind::kNothingYet);
  // Unchanged across two listings: read whole.
  auto rows = testing::Drain(reader.get(), src->schema(), 3);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(Sorted(*rows), FileRows(0, 10));
  EXPECT_EQ(PositionOf(*reader).done, std::set<std::string>{path});

  // Without waiting, a file is read from the first listing that shows it.
  o.wait_for_stable_files = false;
  auto eager = *connectors::FileSource::Make(o);
  auto eager_reader = Follower(&eager, *eager->CreateSplits(1));
  r = eager_reader->Read(100);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->kind, ReadResult::Kind::kBatch);
  EXPECT_EQ(r->batch.num_rows, 10);
}

TEST_F(WatchedFileSourceTest, RestoredFollowerSkipsCompletedFilesAndResumesMidFile) {
  connectors::FileSourceOptions o = Watching("d");
  o.read.batch_rows = 5;
  o.wait_for_stable_files = false;
  o.stop = [] { return true; };  // end at the first listing with nothing new
  std::vector<Scalars> all;
  std::vector<std::string> paths;
  const char* formats[] = {"csv", "parquet", "jsonl", "csv"};
  for (int i = 0; i < 4; ++i) {
    auto rows = FileRows(i * 100, 12);
    paths.push_back(WriteRows(fmt::format("d/f{}.{}", i, formats[i]), formats[i], rows));
    all.insert(all.end(), rows.begin(), rows.end());
  }
  auto src = *connectors::FileSource::Make(o);
  // Each file is 3 batches (5, 5, 2): after 7 batches, two files are done
  // and the third is one batch (5 rows) in.
  auto reader = Follower(&src, *src->CreateSplits(1));
  auto before = testing::Drain(reader.get(), src->schema(), 7);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_EQ(before->size(), 29u);
  const std::vector<SourceSplit> snap = reader->SnapshotSplits();
  connectors::WatchPosition pos = PositionOf(*reader);
  EXPECT_EQ(pos.done.size(), 2u);
  EXPECT_FALSE(pos.current.empty());
  EXPECT_EQ(pos.rows, 5);

  // A file lands after the checkpoint, and a completed file is moved away.
  auto later = FileRows(900, 4);
  WriteRowsByRename("d", "later.csv", "csv", later);
  const std::string moved = *pos.done.begin();
  std::vector<Scalars> moved_rows;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (paths[i] == moved) moved_rows = FileRows(static_cast<int64_t>(i) * 100, 12);
  }
  std::filesystem::rename(moved, Path("elsewhere"));

  auto restored = Follower(&src, snap);
  auto after = testing::Drain(restored.get(), src->schema());
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  std::vector<Scalars> seen = *before;
  seen.insert(seen.end(), after->begin(), after->end());
  all.insert(all.end(), later.begin(), later.end());
  EXPECT_EQ(Sorted(seen), Sorted(all));  // each row once, the moved file's before the checkpoint
  connectors::WatchPosition end = PositionOf(*restored);
  EXPECT_EQ(end.done.size(), 4u);  // the moved file is forgotten
  EXPECT_EQ(end.done.count(moved), 0u);
  EXPECT_TRUE(end.current.empty());

  // Put back, the moved file is a new file and is read again.
  std::filesystem::rename(Path("elsewhere"), moved);
  auto again = Follower(&src, restored->SnapshotSplits());
  auto back = testing::Drain(again.get(), src->schema());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(Sorted(*back), Sorted(moved_rows));
}

TEST_F(WatchedFileSourceTest, RestoreFailsWhenTheCurrentFileIsGoneOrTheSplitIsForeign) {
  connectors::FileSourceOptions o = Watching("g");
  auto src = *connectors::FileSource::Make(o);
  connectors::WatchPosition p;
  p.current = Path("g/gone.csv");
  p.rows = 3;
  auto reader = Follower(&src, {SourceSplit{"watch", connectors::EncodeWatchPosition(p)}});
  auto r = testing::Drain(reader.get(), src->schema(), 2);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(p.current), std::string::npos) << r.status().ToString();
  EXPECT_EQ(src->CreateReader(0, {SourceSplit{"watch", "w1 x"}}).status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(src->CreateReader(0, {SourceSplit{"file:/a.csv", "0"}}).status().code(), StatusCode::kInvalid);
  // Other subtasks get no split and end at once.
  auto idle = src->CreateReader(1, {});
  ASSERT_TRUE(idle.ok());
  EXPECT_EQ((*idle)->Read(10)->kind, ReadResult::Kind::kEnd);
}

}  // namespace
}  // namespace sluice::stream
