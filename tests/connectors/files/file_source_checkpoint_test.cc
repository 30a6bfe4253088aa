// File sources through the real executor's checkpoints: stop with a
// savepoint part-way, restore (at another parallelism), and every row is
// committed exactly once.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "connectors/files/file_source_test_util.h"
#include "sluice/connectors/files/transactional_file_sink.h"
#include "sluice/stream/api/environment.h"

namespace sluice::stream {
namespace {

using testing::FileRows;

class FileSourceCheckpointTest : public testing::FileSourceTest {
 protected:
  // files -> a map that takes 2 ms per batch (so checkpoints fall mid-read)
  // -> transactional file sink at `out`.
  Status Run(connectors::FileSourceOptions files, StreamOptions o, const std::string& out) {
    StreamEnvironment env(o);
    env.FromSource(connectors::FileSource::Make(std::move(files)), WatermarkStrategy::NoWatermarks(), "files")
        .MapBatches(nullptr,
                    [](const RecordBatch& b) -> Result<RecordBatch> {
                      std::this_thread::sleep_for(std::chrono::milliseconds(2));
                      return b;
                    })
        .Name("slow")
        .SinkTo(std::make_shared<connectors::TransactionalFileSink>(out), "out");
    return env.Execute("files-checkpointed");
  }

  static std::vector<std::string> Lines(const std::string& path) {
    std::vector<std::string> rows;
    auto last = connectors::TransactionalFileSink::Recover(path, &rows);
    EXPECT_TRUE(last.ok()) << last.status().ToString();
    std::sort(rows.begin(), rows.end());
    return rows;
  }

  // Writes `files` CSV/JSONL/Parquet files of 300 rows into `dir`: file i has
  // ids from (first_id + i) * 1000.
  void WriteFiles(const std::string& dir, int files, int64_t first_id) {
    const char* formats[] = {"csv", "jsonl", "parquet"};
    for (int i = 0; i < files; ++i) {
      const std::string format = formats[i % 3];
      testing::FileSourceTest::WriteRowsByRename(dir, fmt::format("f{}.{}", first_id + i, format), format,
                                                 FileRows((first_id + i) * 1000, 300));
    }
  }

  StreamOptions SavepointOptions(int parallelism) {
    StreamOptions o;
    o.parallelism = parallelism;
    o.poll_interval_ms = 1;
    o.checkpoint_dir = Path("chk");
    o.checkpoint_interval_ms = 30;
    o.savepoint_dir = Path("savepoint");
    o.savepoint_after_checkpoints = 2;
    o.stop_after_savepoint = true;
    return o;
  }

  static StreamOptions Restored(StreamOptions o, int parallelism, const std::string& from) {
    o.parallelism = parallelism;
    o.savepoint_dir.clear();
    o.stop_after_savepoint = false;
    o.restore_from = from;
    return o;
  }
};

TEST_F(FileSourceCheckpointTest, BoundedFilesRestoredFromASavepointAtAnotherParallelism) {
  std::filesystem::create_directories(Path("in"));
  WriteFiles("in", 12, 0);  // 3600 rows, 10-row batches: 360 batches, 720 ms of map at parallelism 1
  connectors::FileSourceOptions files;
  files.paths = {Path("in")};
  files.read.batch_rows = 10;
  StreamOptions plain;
  plain.parallelism = 2;
  ASSERT_TRUE(Run(files, plain, Path("ref.txt")).ok());
  const std::vector<std::string> expected = Lines(Path("ref.txt"));
  ASSERT_EQ(expected.size(), 3600u);

  Status st = Run(files, SavepointOptions(2), Path("out.txt"));
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(std::filesystem::exists(Path("savepoint/_metadata")));
  const size_t partial = Lines(Path("out.txt")).size();
  EXPECT_GT(partial, 0u);
  EXPECT_LT(partial, expected.size());
  // A file added now is not read by the restored bounded job (its files are
  // the checkpoint's splits).
  WriteFiles("in", 1, 50);
  st = Run(files, Restored(SavepointOptions(2), 3, Path("savepoint")), Path("out.txt"));
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(Lines(Path("out.txt")), expected);
}

TEST_F(FileSourceCheckpointTest, WatchedDirectoryRestoredFromASavepointReadsNothingTwice) {
  std::filesystem::create_directories(Path("in"));
  WriteFiles("in", 12, 0);
  connectors::FileSourceOptions files;
  files.paths = {Path("in")};
  files.read.batch_rows = 10;
  files.read.schema = testing::FileRowSchema();
  files.watch = true;
  files.poll_interval_ms = 5;
  files.wait_for_stable_files = false;
  Status st = Run(files, SavepointOptions(1), Path("out.txt"));  // runs until the savepoint
  ASSERT_TRUE(st.ok()) << st.ToString();
  const size_t partial = Lines(Path("out.txt")).size();
  EXPECT_GT(partial, 0u);
  EXPECT_LT(partial, 3600u);
  // More files land while the job is down; the restored job drains the
  // directory, then ends.
  WriteFiles("in", 3, 100);
  files.stop = [] { return true; };
  st = Run(files, Restored(SavepointOptions(1), 2, Path("savepoint")), Path("out.txt"));
  ASSERT_TRUE(st.ok()) << st.ToString();

  // The same files read by a bounded job, uninterrupted.
  connectors::FileSourceOptions bounded = files;
  bounded.watch = false;
  bounded.stop = nullptr;
  StreamOptions plain;
  ASSERT_TRUE(Run(bounded, plain, Path("ref.txt")).ok());
  const std::vector<std::string> expected = Lines(Path("ref.txt"));
  ASSERT_EQ(expected.size(), 4500u);
  EXPECT_EQ(Lines(Path("out.txt")), expected);
}

}  // namespace
}  // namespace sluice::stream
