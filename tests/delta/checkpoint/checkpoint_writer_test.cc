#include "sluice/delta/checkpoint/checkpoint_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "delta/txn/txn_test_util.h"
#include "sluice/common/clock.h"
#include "sluice/delta/checkpoint/checkpoint_reader.h"
#include "sluice/delta/log/last_checkpoint.h"
#include "sluice/delta/log/log_segment.h"
#include "sluice/delta/txn/transaction.h"
#include "sluice/expr/parse.h"
#include "sluice/parquet/file_reader.h"

namespace sluice::delta {
namespace {

namespace stdfs = std::filesystem;
using testing::CreateTestTable;
using testing::LoadLatest;
using testing::SnapshotOf;
using testing::TempDir;
using testing::TestAdd;
using testing::TestMetadata;
using testing::TestRemove;

std::string CheckpointPath(const std::string& root, int64_t v) {
  return root + "/_delta_log/" + fmt::format("{:020}.checkpoint.parquet", v);
}

template <typename T>
std::vector<T> NoDataChange(std::vector<T> v) {
  for (T& x : v) x.data_change = false;
  return v;
}

// Two snapshots hold the same table state (checkpoints write dataChange=false).
void ExpectSameState(const Snapshot& a, const Snapshot& b) {
  EXPECT_EQ(a.version(), b.version());
  EXPECT_EQ(a.protocol(), b.protocol());
  EXPECT_EQ(a.metadata(), b.metadata());
  EXPECT_EQ(a.txns(), b.txns());
  EXPECT_EQ(a.domains(), b.domains());
  auto by_path = [](auto v) {
    std::sort(v.begin(), v.end(), [](const auto& x, const auto& y) { return x.path < y.path; });
    return v;
  };
  EXPECT_EQ(by_path(NoDataChange(a.files())), by_path(NoDataChange(b.files())));
  EXPECT_EQ(by_path(NoDataChange(a.tombstones())), by_path(NoDataChange(b.tombstones())));
}

// A table built by transactions: partitioned appends, a delete, txns, a
// metadata change. Returns its root.
std::string BuildTable(const TempDir& dir) {
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(true), {TestAdd("p=x/a.parquet", "x", 3), TestAdd("p=y/b.parquet", "y", 4)});
  for (int i = 0; i < 3; ++i) {
    auto txn = *Transaction::Begin(LoadLatest(root));
    txn->AddFile(TestAdd(fmt::format("p=z/c{}.parquet", i), "z", i + 1));
    txn->SetTxn("app-" + std::to_string(i % 2), i);
    CommitOptions options;
    options.checkpoint = false;
    EXPECT_TRUE(txn->Commit(options).ok());
  }
  auto del = *Transaction::Begin(LoadLatest(root));
  del->ReadFiles(*expr::ParseExpr("p = 'x'"));
  del->RemoveFile(TestRemove("p=x/a.parquet", "x"));
  Add null_part = TestAdd("p=__HIVE_DEFAULT_PARTITION__/n.parquet");
  null_part.partition_values["p"] = std::nullopt;
  null_part.tags = std::map<std::string, std::string>{{"INSERTION_TIME", "1"}};
  del->AddFile(null_part);
  EXPECT_TRUE(del->Commit().ok());
  auto meta = *Transaction::Begin(LoadLatest(root));
  meta->SetMetadata(TestMetadata(true, {{"delta.checkpointInterval", "100"}}));
  EXPECT_TRUE(meta->Commit().ok());
  return root;
}

TEST(CheckpointWriterTest, LoadFromCheckpointEqualsReplay) {
  TempDir dir;
  const std::string root = BuildTable(dir);
  SnapshotPtr replayed = LoadLatest(root);
  ASSERT_EQ(replayed->version(), 5);
  ASSERT_TRUE(WriteCheckpoint(*replayed).ok());
  ASSERT_TRUE(stdfs::exists(CheckpointPath(root, 5)));
  SnapshotPtr from_checkpoint = LoadLatest(root);
  ExpectSameState(*replayed, *from_checkpoint);
  // The checkpoint alone rebuilds the table: drop every commit it covers.
  const std::string copy = dir.path() + "/copy";
  stdfs::copy(root, copy, stdfs::copy_options::recursive);
  for (int v = 0; v <= 5; ++v) stdfs::remove(copy + "/_delta_log/" + CommitFileName(v));
  auto alone = LoadSnapshot(io::LocalFileSystem(), copy);
  ASSERT_TRUE(alone.ok()) << alone.status().ToString();
  EXPECT_EQ((*alone)->files().size(), 5u);
  EXPECT_EQ((*alone)->tombstones().size(), 1u);
  EXPECT_EQ((*alone)->TxnVersion("app-0"), 2);
  EXPECT_EQ((*alone)->TxnVersion("app-1"), 1);
  // Equal up to the table root.
  EXPECT_EQ((*alone)->metadata(), replayed->metadata());
  EXPECT_EQ(NoDataChange((*alone)->files()), NoDataChange(from_checkpoint->files()));
}

TEST(CheckpointWriterTest, LastCheckpointDescribesTheFile) {
  TempDir dir;
  const std::string root = BuildTable(dir);
  SnapshotPtr snap = LoadLatest(root);
  ASSERT_TRUE(WriteCheckpoint(*snap).ok());
  auto bytes = io::LocalFileSystem()->ReadAll(root + "/_delta_log/_last_checkpoint");
  ASSERT_TRUE(bytes.ok());
  auto last = ParseLastCheckpoint((*bytes)->view(), "_last_checkpoint");
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  EXPECT_EQ(last->version, 5);
  // protocol + metaData + 2 txns + 5 files + 1 tombstone
  EXPECT_EQ(last->size, 10);
  EXPECT_EQ(last->num_of_add_files, 5);
  EXPECT_EQ(last->size_in_bytes, static_cast<int64_t>(stdfs::file_size(CheckpointPath(root, 5))));
  auto reader = parquet::FileReader::Open(CheckpointPath(root, 5));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->num_rows(), 10);
  // No domain metadata in this table: no such column.
  EXPECT_EQ((*reader)->schema()->FieldIndex("domainMetadata"), -1);
  EXPECT_EQ((*reader)->schema()->FieldIndex("add"), 1);
}

// Every field of every action kind survives the checkpoint, read back by
// sluice's checkpoint reader.
TEST(CheckpointWriterTest, EveryFieldRoundTrips) {
  TempDir dir;
  const std::string root = dir.path() + "/rich";
  const int64_t now = WallMillis();
  Protocol protocol{3, 7, std::vector<std::string>{"deletionVectors"},
                    std::vector<std::string>{"deletionVectors", "domainMetadata", "appendOnly"}};
  Metadata metadata = TestMetadata(true, {{"delta.enableDeletionVectors", "true"}, {"k", "v \"quoted\""}});
  metadata.name = "rich";
  metadata.description = "every field";
  metadata.format.options = {{"opt", "1"}};
  metadata.created_time = 123;
  Add dv_add = TestAdd("p=x/dv.parquet", "x", 10);
  dv_add.deletion_vector = DeletionVectorDescriptor{"u", "ab^-aqEH.-t@S}K{vb[*k^", 1, 36, 2};
  dv_add.base_row_id = 40;
  dv_add.default_row_commit_version = 2;
  dv_add.clustering_provider = "liquid";
  dv_add.tags = std::map<std::string, std::string>{{"a", "b"}, {"c", ""}};
  Add inline_dv = TestAdd("p=y/inline.parquet", "y");
  inline_dv.deletion_vector =
      DeletionVectorDescriptor{"i", "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L", {}, 40, 6};
  inline_dv.stats.reset();
  Add null_part = TestAdd("p=__HIVE_DEFAULT_PARTITION__/n.parquet");
  null_part.partition_values["p"] = std::nullopt;
  Remove rich_remove = TestRemove("p=x/old.parquet", "x");
  rich_remove.deletion_timestamp = now - 1000;
  rich_remove.extended_file_metadata = true;
  rich_remove.size = 77;
  rich_remove.tags = std::map<std::string, std::string>{{"t", "1"}};
  rich_remove.deletion_vector = DeletionVectorDescriptor{"p", "s3://b/dv.bin", 4, 10, 1};
  rich_remove.base_row_id = 5;
  rich_remove.default_row_commit_version = 1;
  Remove bare_remove;
  bare_remove.path = "bare.parquet";
  bare_remove.deletion_timestamp = now;
  Txn txn{"app", 9, 456};
  Txn txn_no_time{"app2", 1, {}};
  DomainMetadata domain{"delta.rowTracking", R"({"rowIdHighWaterMark":49})", false};
  SnapshotPtr snap = SnapshotOf(
      {protocol, metadata, dv_add, inline_dv, null_part, rich_remove, bare_remove, txn, txn_no_time, domain}, 7, root);
  ASSERT_TRUE(WriteCheckpoint(*snap).ok());

  auto file = io::OpenLocalFile(CheckpointPath(root, 7));
  ASSERT_TRUE(file.ok());
  std::vector<Action> actions;
  Status st = ReadParquetCheckpoint(std::move(*file), &actions);
  ASSERT_TRUE(st.ok()) << st.ToString();
  std::vector<Action> expected = {protocol, metadata, txn, txn_no_time, domain};
  for (const Add& a : NoDataChange(std::vector<Add>{dv_add, inline_dv, null_part})) expected.emplace_back(a);
  for (const Remove& r : NoDataChange(std::vector<Remove>{rich_remove, bare_remove})) expected.emplace_back(r);
  ASSERT_EQ(actions.size(), expected.size());
  for (size_t i = 0; i < actions.size(); ++i) EXPECT_TRUE(actions[i] == expected[i]) << "action " << i;

  // And LoadSnapshot from the checkpoint alone (no commits at all).
  auto loaded = LoadSnapshot(io::LocalFileSystem(), root);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ExpectSameState(*snap, **loaded);
}

TEST(CheckpointWriterTest, ExpiredTombstonesAreDropped) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  const int64_t now = WallMillis();
  auto remove_at = [](std::string path, std::optional<int64_t> ts) {
    Remove r = TestRemove(std::move(path));
    r.deletion_timestamp = ts;
    return r;
  };
  SnapshotPtr snap =
      SnapshotOf({Protocol{}, TestMetadata(false, {{"delta.deletedFileRetentionDuration", "interval 1 hour"}}),
                  remove_at("fresh", now - 30 * 60 * 1000), remove_at("old", now - 2 * 3600 * 1000),
                  remove_at("ancient", 1000), remove_at("undated", std::nullopt), TestAdd("live")},
                 1, root);
  ASSERT_TRUE(WriteCheckpoint(*snap).ok());
  auto loaded = LoadLatest(root);
  ASSERT_EQ(loaded->tombstones().size(), 1u);
  EXPECT_EQ(loaded->tombstones()[0].path, "fresh");
  EXPECT_EQ(loaded->files().size(), 1u);
  // The default retention (1 week) keeps the 2-hour-old one.
  const std::string root2 = dir.path() + "/t2";
  SnapshotPtr snap2 = SnapshotOf(
      {Protocol{}, TestMetadata(false), remove_at("old", now - 2 * 3600 * 1000), remove_at("ancient", 1000)}, 1, root2);
  ASSERT_TRUE(WriteCheckpoint(*snap2).ok());
  ASSERT_EQ(LoadLatest(root2)->tombstones().size(), 1u);
  // A malformed retention is an error, naming the property.
  SnapshotPtr bad = SnapshotOf(
      {Protocol{}, TestMetadata(false, {{"delta.deletedFileRetentionDuration", "interval 1 month"}})}, 1, root2);
  Status st = WriteCheckpoint(*bad);
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_NE(st.message().find("delta.deletedFileRetentionDuration"), std::string::npos) << st.ToString();
}

// Crash leftovers: a temp file of an unfinished checkpoint, a
// _last_checkpoint that still names the previous checkpoint (crash between
// the two writes), one naming a checkpoint that does not exist.
TEST(CheckpointWriterTest, CrashLeftoversDoNotBreakLoading) {
  TempDir dir;
  const std::string root = BuildTable(dir);
  const std::string log = root + "/_delta_log";
  auto at3 = LoadSnapshot(io::LocalFileSystem(), root, VersionSpec{3, {}});
  ASSERT_TRUE(at3.ok());
  ASSERT_TRUE(WriteCheckpoint(**at3).ok());
  SnapshotPtr replayed = LoadLatest(root);
  auto hint_bytes = io::LocalFileSystem()->ReadAll(log + "/_last_checkpoint");
  ASSERT_TRUE(hint_bytes.ok());
  const std::string stale_hint((*hint_bytes)->view());
  ASSERT_NE(stale_hint.find(R"("version":3)"), std::string::npos) << stale_hint;
  ASSERT_TRUE(WriteCheckpoint(*replayed).ok());
  std::ofstream(log + "/.00000000000000000005.checkpoint.parquet.4242.abc.0.tmp") << "PAR1 torn";
  std::ofstream(log + "/_last_checkpoint", std::ios::trunc) << stale_hint;
  ExpectSameState(*replayed, *LoadLatest(root));
  std::ofstream(log + "/_last_checkpoint", std::ios::trunc) << R"({"version":99,"size":3})";
  ExpectSameState(*replayed, *LoadLatest(root));
  // Our writer never leaves a torn checkpoint, but another one may: the
  // reader falls back to the older checkpoint and the commits.
  std::ofstream(CheckpointPath(root, 5), std::ios::trunc) << "PAR1 not really";
  auto fallback = LoadSnapshot(io::LocalFileSystem(), root);
  ASSERT_TRUE(fallback.ok()) << fallback.status().ToString();
  ExpectSameState(*replayed, **fallback);
}

TEST(CheckpointWriterTest, NewerLastCheckpointIsKept) {
  TempDir dir;
  const std::string root = BuildTable(dir);
  const std::string hint = root + "/_delta_log/_last_checkpoint";
  std::ofstream(hint) << R"({"version":50,"size":3})";
  ASSERT_TRUE(WriteCheckpoint(*LoadLatest(root)).ok());
  auto bytes = io::LocalFileSystem()->ReadAll(hint);
  ASSERT_TRUE(bytes.ok());
  auto last = ParseLastCheckpoint((*bytes)->view(), hint);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->version, 50);
  // Writing the same version again replaces the checkpoint atomically.
  ASSERT_TRUE(WriteCheckpoint(*LoadLatest(root)).ok());
  EXPECT_EQ(LoadLatest(root)->files().size(), 5u);
}

TEST(CheckpointWriterTest, V2CheckpointTablesAreRefused) {
  TempDir dir;
  Protocol p{3, 7, std::vector<std::string>{"v2Checkpoint"}, std::vector<std::string>{"v2Checkpoint"}};
  SnapshotPtr snap = SnapshotOf({p, TestMetadata(false)}, 1, dir.path() + "/t");
  Status st = WriteCheckpoint(*snap);
  EXPECT_EQ(st.code(), StatusCode::kNotSupported);
  EXPECT_NE(st.message().find("v2Checkpoint"), std::string::npos);
  EXPECT_FALSE(stdfs::exists(CheckpointPath(dir.path() + "/t", 1)));
}

}  // namespace
}  // namespace sluice::delta
