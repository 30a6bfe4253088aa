#include "sluice/delta/write/table_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "columnar/test_arrays.h"
#include "sluice/common/clock.h"
#include "sluice/delta/maintenance/maintenance.h"
#include "sluice/delta/read/scan.h"
#include "sluice/delta/schema/schema_ddl.h"
#include "sluice/expr/parse.h"

namespace sluice::delta {
namespace {

namespace stdfs = std::filesystem;
using columnar::testing::MakeNumeric;
using columnar::testing::MakeStrings;

// A reader over batches held in memory.
class VectorReader final : public columnar::RecordBatchReader {
 public:
  explicit VectorReader(std::vector<columnar::RecordBatch> batches) : batches_(std::move(batches)) {}
  const columnar::SchemaPtr& schema() const override { return batches_.at(0).schema; }
  Result<std::optional<columnar::RecordBatch>> Next() override {
    if (next_ == batches_.size()) return std::optional<columnar::RecordBatch>();
    return std::optional<columnar::RecordBatch>(batches_[next_++]);
  }

 private:
  std::vector<columnar::RecordBatch> batches_;
  size_t next_ = 0;
};

class TableWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = (stdfs::temp_directory_path() / ("sluice_tw_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                .string();
    stdfs::remove_all(root_);
  }
  void TearDown() override { stdfs::remove_all(root_); }

  // Rows (id, part): ids [first, first+n), part = parts[i % parts.size()].
  columnar::RecordBatch Rows(int64_t first, int64_t n, std::vector<std::string> parts) {
    std::vector<int64_t> ids;
    std::vector<std::string> ps;
    for (int64_t i = 0; i < n; ++i) {
      ids.push_back(first + i);
      ps.push_back(parts[i % parts.size()]);
    }
    columnar::RecordBatch b;
    b.schema = std::make_shared<columnar::Schema>(columnar::Schema{
        {columnar::MakeField("id", columnar::Int64()), columnar::MakeField("part", columnar::String())}, {}});
    b.num_rows = n;
    b.columns = {MakeNumeric<int64_t>(columnar::Int64(), ids, std::vector<bool>(n, true)),
                 MakeStrings(columnar::String(), ps, std::vector<bool>(n, true))};
    return b;
  }

  Result<CommitResult> Write(columnar::RecordBatch b, WriteOptions o = {}) {
    VectorReader r({std::move(b)});
    return WriteTable(fs_, root_, r, o);
  }

  // The ids in the latest snapshot, sorted.
  std::vector<int64_t> Ids() {
    auto snap = LoadSnapshot(fs_, root_);
    EXPECT_TRUE(snap.ok()) << snap.status().ToString();
    auto scan = Scan::Make(*snap);
    EXPECT_TRUE(scan.ok());
    std::vector<int64_t> ids;
    while (true) {
      auto b = (*scan)->Next();
      EXPECT_TRUE(b.ok()) << b.status().ToString();
      if (!b.ok() || !*b) break;
      const int i = (*b)->schema->FieldIndex("id");
      for (int64_t r = 0; r < (*b)->num_rows; ++r) ids.push_back((*b)->columns[i]->values<int64_t>()[r]);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  std::shared_ptr<io::FileSystem> fs_ = io::LocalFileSystem();
  std::string root_;
};

std::vector<int64_t> Range(int64_t a, int64_t b) {
  std::vector<int64_t> v;
  for (int64_t i = a; i < b; ++i) v.push_back(i);
  return v;
}

TEST_F(TableWriterTest, AppendOverwriteReplaceWhereDelete) {
  WriteOptions create;
  create.partition_columns = {"part"};
  auto r = Write(Rows(0, 10, {"a", "b"}), create);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 0);
  ASSERT_TRUE(Write(Rows(10, 10, {"a", "b"})).ok());
  EXPECT_EQ(Ids(), Range(0, 20));

  WriteOptions replace;
  replace.mode = SaveMode::kOverwrite;
  replace.replace_where = *expr::ParseExpr("part = 'a'");
  ASSERT_TRUE(Write(Rows(100, 3, {"a"}), replace).ok());
  std::vector<int64_t> want = {1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 100, 101, 102};
  EXPECT_EQ(Ids(), want);
  // Rows outside the replaced partitions are refused, the table untouched.
  auto bad = Write(Rows(200, 2, {"b"}), replace);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalid);
  EXPECT_EQ(Ids(), want);

  ASSERT_TRUE(DeletePartitions(fs_, root_, *expr::ParseExpr("part = 'b'")).ok());
  EXPECT_EQ(Ids(), Range(100, 103));
  // replaceWhere on a data column is refused.
  WriteOptions data_col = replace;
  data_col.replace_where = *expr::ParseExpr("id > 3");
  EXPECT_EQ(Write(Rows(300, 1, {"a"}), data_col).status().code(), StatusCode::kInvalid);

  WriteOptions overwrite;
  overwrite.mode = SaveMode::kOverwrite;
  ASSERT_TRUE(Write(Rows(500, 4, {"c"}), overwrite).ok());
  EXPECT_EQ(Ids(), Range(500, 504));
  EXPECT_EQ((*LoadSnapshot(fs_, root_))->version(), 4);  // the refused writes left no version
}

TEST_F(TableWriterTest, RestoreOptimizeAndVacuum) {
  ASSERT_TRUE(Write(Rows(0, 5, {"a"})).ok());
  for (int i = 1; i < 4; ++i) ASSERT_TRUE(Write(Rows(i * 5, 5, {"a"})).ok());
  EXPECT_EQ(Ids(), Range(0, 20));
  auto opt = OptimizeTable(fs_, root_);
  ASSERT_TRUE(opt.ok()) << opt.status().ToString();
  EXPECT_EQ(opt->files_removed, 4);
  EXPECT_EQ(opt->files_added, 1);
  EXPECT_EQ(Ids(), Range(0, 20));
  EXPECT_EQ((*LoadSnapshot(fs_, root_))->files().size(), 1u);

  VersionSpec v1;
  v1.version = 1;
  auto rr = RestoreTable(fs_, root_, v1);
  ASSERT_TRUE(rr.ok()) << rr.status().ToString();
  EXPECT_EQ(rr->files_added, 2);
  EXPECT_EQ(rr->files_removed, 1);
  EXPECT_EQ(Ids(), Range(0, 10));

  VacuumOptions too_short;
  too_short.retention_ms = 0;
  EXPECT_EQ(VacuumTable(fs_, root_, too_short).status().code(), StatusCode::kInvalid);
  too_short.force = true;
  too_short.dry_run = true;
  auto dry = VacuumTable(fs_, root_, too_short);
  ASSERT_TRUE(dry.ok()) << dry.status().ToString();
  EXPECT_EQ(dry->files.size(), 3u);  // two appends and the optimized file
  too_short.dry_run = false;
  ASSERT_TRUE(VacuumTable(fs_, root_, too_short).ok());
  EXPECT_EQ(Ids(), Range(0, 10));
  EXPECT_EQ(VacuumTable(fs_, root_, too_short)->files.size(), 0u);
  // Restoring to a version whose files are gone fails clearly.
  VersionSpec v3;
  v3.version = 3;
  auto gone = RestoreTable(fs_, root_, v3);
  EXPECT_EQ(gone.status().code(), StatusCode::kNotFound);
  EXPECT_NE(gone.status().message().find("vacuum"), std::string::npos);
}

TEST_F(TableWriterTest, ConcurrentOverwritesConflict) {
  WriteOptions create;
  create.partition_columns = {"part"};
  ASSERT_TRUE(Write(Rows(0, 4, {"a", "b"}), create).ok());
  auto snap = *LoadSnapshot(fs_, root_);
  // Transaction A reads the whole table to overwrite it...
  auto a = *Transaction::Begin(snap);
  a->ReadFiles();
  for (const Add& f : snap->files()) a->RemoveFile(RemoveFor(f, WallMillis()));
  // ...while B overwrites it first.
  WriteOptions overwrite;
  overwrite.mode = SaveMode::kOverwrite;
  ASSERT_TRUE(Write(Rows(10, 2, {"a"}), overwrite).ok());
  auto lost = a->Commit();
  ASSERT_EQ(lost.status().code(), StatusCode::kConflict);
  EXPECT_EQ(lost.status().message().rfind("Concurrent", 0), 0u) << lost.status().ToString();
  EXPECT_EQ(Ids(), Range(10, 12));
}

TEST_F(TableWriterTest, BlindAppendsDoNotConflictButDeletesOfReadFilesDo) {
  WriteOptions create;
  create.partition_columns = {"part"};
  ASSERT_TRUE(Write(Rows(0, 4, {"a", "b"}), create).ok());
  auto snap = *LoadSnapshot(fs_, root_);
  auto reader = *Transaction::Begin(snap);
  reader->ReadFiles(*expr::ParseExpr("part = 'b'"));
  auto appender = *Transaction::Begin(snap);
  ASSERT_TRUE(Write(Rows(10, 2, {"a", "b"})).ok());  // a blind append wins version 1
  EXPECT_TRUE(appender->Commit().ok());              // blind vs blind: fine, version 2
  ASSERT_TRUE(DeletePartitions(fs_, root_, *expr::ParseExpr("part = 'b'")).ok());
  auto lost = reader->Commit();
  ASSERT_EQ(lost.status().code(), StatusCode::kConflict);
  EXPECT_NE(lost.status().message().find("ConcurrentDeleteReadException"), std::string::npos)
      << lost.status().ToString();
}

TEST_F(TableWriterTest, TxnAndMergeSchema) {
  WriteOptions o;
  o.txn = Txn{"app", 7, std::nullopt};
  ASSERT_TRUE(Write(Rows(0, 2, {"a"}), o).ok());
  EXPECT_EQ((*LoadSnapshot(fs_, root_))->TxnVersion("app"), 7);

  auto extra = Rows(2, 2, {"a"});
  auto schema = std::make_shared<columnar::Schema>(*extra.schema);
  schema->fields.push_back(columnar::MakeField("x", columnar::Float64()));
  extra.schema = schema;
  extra.columns.push_back(MakeNumeric<double>(columnar::Float64(), {1.5, 2.5}, {true, true}));
  EXPECT_EQ(Write(extra).status().code(), StatusCode::kInvalid);
  WriteOptions merge;
  merge.merge_schema = true;
  ASSERT_TRUE(Write(extra, merge).ok());
  auto snap = *LoadSnapshot(fs_, root_);
  EXPECT_EQ(snap->schema()->fields.size(), 3u);
  EXPECT_EQ(Ids(), Range(0, 4));
}

}  // namespace
}  // namespace sluice::delta
