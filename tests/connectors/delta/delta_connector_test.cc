#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "sluice/connectors/delta/delta_sink.h"
#include "sluice/connectors/delta/delta_source.h"
#include "sluice/delta/log/log_json.h"
#include "sluice/delta/log/log_segment.h"
#include "sluice/delta/read/scan.h"
#include "sluice/delta/write/table_writer.h"
#include "sluice/expr/parse.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/sinks/collect_sink.h"
#include "sluice/stream/sources/generator_source.h"
#include "stream/stream_test_util.h"

namespace sluice::connectors {
namespace {

namespace stdfs = std::filesystem;
using columnar::Scalars;

class DeltaConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = stdfs::temp_directory_path() / ("sluice_conn_" + std::to_string(::getpid()) + "_" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    stdfs::remove_all(dir_);
    stdfs::create_directories(dir_);
  }
  void TearDown() override { stdfs::remove_all(dir_); }

  std::string Table(const std::string& name = "table") const { return (dir_ / name).string(); }

  static stream::StreamOptions Options(int parallelism) {
    stream::StreamOptions o;
    o.parallelism = parallelism;
    o.batch_size = 100;
    o.poll_interval_ms = 1;
    return o;
  }

  // Writes `count` generated rows (id, key, value, ts) into `table` through
  // the Delta sink, with checkpoints when `checkpoint_dir` is set.
  Status WriteGenerated(const std::string& table, int64_t count, int parallelism, const std::string& checkpoint_dir) {
    stream::StreamOptions o = Options(parallelism);
    if (!checkpoint_dir.empty()) {
      o.checkpoint_dir = checkpoint_dir;
      o.checkpoint_interval_ms = 20;
    }
    stream::StreamEnvironment env(o);
    stream::GeneratorOptions g;
    g.count = count;
    g.num_splits = 4;
    DeltaSinkOptions so;
    so.table_root = table;
    so.app_id = "test-job";
    so.partition_columns = {"key"};
    SLUICE_ASSIGN_OR_RETURN(auto sink, DeltaSink::Make(so));
    env.FromSource(std::make_shared<stream::GeneratorSource>(g), stream::WatermarkStrategy::NoWatermarks())
        .SinkTo(sink);
    return env.Execute("write");
  }

  Result<std::vector<Scalars>> ReadAll(DeltaSourceOptions o, int parallelism) {
    SLUICE_ASSIGN_OR_RETURN(auto source, DeltaSource::Make(std::move(o)));
    stream::StreamEnvironment env(Options(parallelism));
    auto sink = std::make_shared<stream::CollectSink>();
    env.FromSource(source, stream::WatermarkStrategy::NoWatermarks()).SinkTo(sink);
    SLUICE_RETURN_NOT_OK(env.Execute("read"));
    return sink->SortedRows();
  }

  stdfs::path dir_;
};

TEST_F(DeltaConnectorTest, SinkCommitsPerCheckpointWithTxnAndSourceReadsItBack) {
  const std::string table = Table();
  ASSERT_TRUE(WriteGenerated(table, 5000, 2, (dir_ / "chk").string()).ok());
  auto snap = *delta::LoadSnapshot(io::LocalFileSystem(), table);
  ASSERT_TRUE(snap->TxnVersion("test-job").has_value());
  EXPECT_GE(*snap->TxnVersion("test-job"), 1);
  EXPECT_EQ(snap->metadata().partition_columns, std::vector<std::string>{"key"});

  // The same rows as the generator produces, read at parallelism 1 and 3.
  stream::StreamEnvironment env(Options(1));
  auto direct = std::make_shared<stream::CollectSink>();
  stream::GeneratorOptions g;
  g.count = 5000;
  g.num_splits = 4;
  env.FromSource(std::make_shared<stream::GeneratorSource>(g), stream::WatermarkStrategy::NoWatermarks())
      .SinkTo(direct);
  ASSERT_TRUE(env.Execute().ok());
  DeltaSourceOptions so;
  so.table_root = table;
  so.columns = {"id", "key", "value", "ts"};
  for (int p : {1, 3}) {
    auto rows = ReadAll(so, p);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    // The generator's ts is timestamp[ms]; Delta stores microseconds.
    for (auto& row : *rows) row[3] = columnar::Scalar(row[3].int_value() / 1000);
    EXPECT_EQ(*rows, direct->SortedRows()) << "parallelism " << p;
  }
}

TEST_F(DeltaConnectorTest, CommitOfAnAlreadyCommittedCheckpointIsSkipped) {
  const std::string table = Table();
  DeltaSinkOptions so;
  so.table_root = table;
  so.app_id = "job";
  auto sink = *DeltaSink::Make(so);
  auto writer = *sink->CreateWriter(0, 1);
  auto schema = stream::testing::MakeSchema({{"k", columnar::String()}, {"v", columnar::Int64()}});
  ASSERT_TRUE(
      writer->Write(stream::testing::MakeBatch(schema, {{columnar::Scalar("a"), columnar::Scalar(int64_t{1})}})).ok());
  auto c = *writer->PrepareCommit(1);
  ASSERT_EQ(c.size(), 1u);
  ASSERT_TRUE(sink->Commit(1, c).ok());
  ASSERT_TRUE(sink->Commit(1, c).ok());  // retried after a restart: no second commit
  auto snap = *delta::LoadSnapshot(io::LocalFileSystem(), table);
  EXPECT_EQ(snap->version(), 1);
  EXPECT_EQ(snap->files().size(), 1u);
  EXPECT_EQ(snap->TxnVersion("job"), 1);
  EXPECT_EQ(sink->commits(), 1);
  // No app id: refused.
  so.app_id.clear();
  EXPECT_EQ(DeltaSink::Make(so).status().code(), StatusCode::kInvalid);
}

TEST_F(DeltaConnectorTest, ContinuousSourceFollowsNewVersions) {
  const std::string table = Table();
  ASSERT_TRUE(WriteGenerated(table, 100, 1, "").ok());
  const int64_t start = (*delta::LoadSnapshot(io::LocalFileSystem(), table))->version();
  DeltaSourceOptions so;
  so.table_root = table;
  so.continuous = true;
  so.poll_interval_ms = 10;
  so.end_version = start + 3;
  std::atomic<bool> failed{false};
  std::thread appender([&] {
    for (int i = 0; i < 3; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      if (!WriteGenerated(table, 100, 1, "").ok()) failed = true;
    }
  });
  auto rows = ReadAll(so, 2);
  appender.join();
  ASSERT_FALSE(failed);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->size(), 400u);  // the snapshot, then three appends
}

TEST_F(DeltaConnectorTest, FilterAfterTheSourceIsPushedIntoTheScan) {
  const std::string table = Table();
  ASSERT_TRUE(WriteGenerated(table, 1000, 2, "").ok());  // partitioned by key
  // The oracle: every row, filtered here.
  DeltaSourceOptions all;
  all.table_root = table;
  auto every = ReadAll(all, 1);
  ASSERT_TRUE(every.ok()) << every.status().ToString();
  const stream::Expr pred =
      (stream::Col("key") == stream::Lit(3)) && (stream::Col("value") % stream::Lit(2) == stream::Lit(0));
  std::vector<Scalars> want;
  for (const Scalars& r : *every) {
    if (r[1].int_value() == 3 && r[2].int_value() % 2 == 0) want.push_back(r);
  }
  ASSERT_FALSE(want.empty());

  DeltaSourceOptions so;
  so.table_root = table;
  auto source = DeltaSource::Make(so);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  stream::StreamEnvironment env(Options(2));
  auto sink = std::make_shared<stream::CollectSink>();
  env.FromSource(*source, stream::WatermarkStrategy::NoWatermarks()).Filter(pred).SinkTo(sink);
  ASSERT_TRUE(env.Execute("filtered").ok());
  EXPECT_EQ(sink->SortedRows(), want);
  // The source took the predicate and the Filter became a pass-through.
  ASSERT_TRUE((*source)->options().filter.has_value());
  EXPECT_EQ((*source)->options().filter->ToString(), pred.ToString());
  EXPECT_EQ(env.graph().nodes[1].name, "Filter (in source)");
  // Only files of partition key=3 are read.
  delta::ScanOptions pruned;
  pruned.filter = (*source)->options().filter;
  auto scan = delta::Scan::Make((*source)->snapshot(), pruned);
  ASSERT_TRUE(scan.ok());
  for (const delta::Add& f : (*scan)->files()) EXPECT_EQ(f.partition_values.at("key"), "3") << f.path;

  // A source with a second consumer keeps its Filter (the other branch needs every row).
  auto shared = DeltaSource::Make(so);
  ASSERT_TRUE(shared.ok());
  stream::StreamEnvironment env2(Options(1));
  auto filtered = std::make_shared<stream::CollectSink>();
  auto unfiltered = std::make_shared<stream::CollectSink>();
  stream::DataStream s = env2.FromSource(*shared, stream::WatermarkStrategy::NoWatermarks());
  s.Filter(pred).SinkTo(filtered);
  s.SinkTo(unfiltered);
  ASSERT_TRUE(env2.Execute("two branches").ok());
  EXPECT_FALSE((*shared)->options().filter.has_value());
  EXPECT_EQ(filtered->SortedRows(), want);
  EXPECT_EQ(unfiltered->SortedRows().size(), every->size());
}

TEST_F(DeltaConnectorTest, ContinuousSourceFailsOnDeletesUnlessIgnored) {
  const std::string table = Table();
  ASSERT_TRUE(WriteGenerated(table, 100, 1, "").ok());
  auto pred = *expr::ParseExpr("key = 3");
  auto del = delta::DeletePartitions(io::LocalFileSystem(), table, pred);
  ASSERT_TRUE(del.ok()) << del.status().ToString();
  DeltaSourceOptions so;
  so.table_root = table;
  so.continuous = true;
  so.version = 0;
  so.end_version = del->version;
  auto refused = ReadAll(so, 1);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("ignore_deletes"), std::string::npos) << refused.status().ToString();
  so.ignore_deletes = true;
  auto rows = ReadAll(so, 1);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->size(), 100u);  // version 0's rows; the delete is skipped
}

}  // namespace
}  // namespace sluice::connectors

namespace sluice::connectors {
namespace {

TEST_F(DeltaConnectorTest, BackgroundCompactionShrinksTheTableWhileTheJobAppends) {
  const std::string table = Table();
  stream::StreamOptions o = Options(2);
  o.checkpoint_dir = (dir_ / "chk").string();
  o.checkpoint_interval_ms = 20;
  stream::StreamEnvironment env(o);
  stream::GeneratorOptions g;
  g.count = 20000;
  g.num_splits = 2;
  g.num_keys = 3;
  g.rows_per_second = 20000;  // per reader: ~0.5 s, a few dozen checkpoints
  DeltaSinkOptions so;
  so.table_root = table;
  so.app_id = "compacting-job";
  so.partition_columns = {"key"};
  so.compact_every_commits = 4;
  auto sink = *DeltaSink::Make(so);
  env.FromSource(std::make_shared<stream::GeneratorSource>(g), stream::WatermarkStrategy::NoWatermarks()).SinkTo(sink);
  Status st = env.Execute("write");
  ASSERT_TRUE(st.ok()) << st.ToString();
  sink->WaitForCompaction();
  BackgroundCompactor::Stats stats = sink->compaction_stats();
  EXPECT_TRUE(stats.last_error.ok()) << stats.last_error.ToString();
  ASSERT_GE(stats.commits, 1);
  EXPECT_GT(stats.files_removed, stats.files_added);

  auto snap = *delta::LoadSnapshot(io::LocalFileSystem(), table);
  int64_t optimize_commits = 0, appended_files = 0;
  auto fs = io::LocalFileSystem();
  auto listing = *delta::ListLog(*fs, table);
  for (const auto& commit : listing.commits) {
    auto bytes = *fs->ReadAll(commit.path);
    auto actions = *delta::ParseLogJson(bytes->view(), commit.path);
    for (const auto& a : actions) {
      if (const auto* ci = std::get_if<delta::CommitInfo>(&a); ci && ci->operation == "OPTIMIZE") ++optimize_commits;
      if (const auto* add = std::get_if<delta::Add>(&a); add && add->data_change) ++appended_files;
    }
  }
  EXPECT_EQ(optimize_commits, stats.commits);
  EXPECT_LT(static_cast<int64_t>(snap->files().size()), appended_files);
  EXPECT_GE(*snap->TxnVersion("compacting-job"), 1);

  // Every generated row is there exactly once.
  DeltaSourceOptions src;
  src.table_root = table;
  src.columns = {"id"};
  auto rows = ReadAll(src, 2);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 20000u);
  for (size_t i = 0; i < rows->size(); ++i) ASSERT_EQ((*rows)[i][0].int_value(), static_cast<int64_t>(i));
}

}  // namespace
}  // namespace sluice::connectors
