#include "sluice/delta/txn/transaction.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "delta/txn/txn_test_util.h"
#include "sluice/delta/log/log_json.h"
#include "sluice/delta/log/log_segment.h"
#include "sluice/expr/parse.h"

namespace sluice::delta {
namespace {

namespace stdfs = std::filesystem;
using testing::CommitPath;
using testing::CreateTestTable;
using testing::LoadLatest;
using testing::TempDir;
using testing::TestAdd;
using testing::TestMetadata;
using testing::TestRemove;

std::vector<Action> ReadCommit(const std::string& root, int64_t v) {
  auto bytes = io::LocalFileSystem()->ReadAll(CommitPath(root, v));
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto actions = ParseLogJson((*bytes)->view(), CommitPath(root, v));
  EXPECT_TRUE(actions.ok()) << actions.status().ToString();
  return *actions;
}

std::set<std::string> Paths(const Snapshot& s) {
  std::set<std::string> out;
  for (const Add& a : s.files()) out.insert(a.path);
  return out;
}

TEST(TransactionTest, CreateWritesVersionZero) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CommitResult r = CreateTestTable(root, TestMetadata(true), {TestAdd("p=x/a.parquet", "x")});
  EXPECT_EQ(r.version, 0);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_FALSE(r.checkpoint_written);
  auto actions = ReadCommit(root, 0);
  ASSERT_EQ(actions.size(), 4u);
  ASSERT_TRUE(std::holds_alternative<CommitInfo>(actions[0]));
  EXPECT_TRUE(std::holds_alternative<Protocol>(actions[1]));
  ASSERT_TRUE(std::holds_alternative<Metadata>(actions[2]));
  EXPECT_TRUE(std::get<Metadata>(actions[2]).created_time.has_value());
  EXPECT_TRUE(std::holds_alternative<Add>(actions[3]));
  const std::string& info = std::get<CommitInfo>(actions[0]).json;
  EXPECT_NE(info.find(R"("operation":"CREATE TABLE")"), std::string::npos) << info;
  EXPECT_EQ(info.find("readVersion"), std::string::npos) << info;  // nothing was read
  EXPECT_NE(info.find(R"("isolationLevel":"WriteSerializable")"), std::string::npos) << info;
  EXPECT_NE(info.find(R"("engineInfo":"sluice/0.1.0")"), std::string::npos) << info;
  auto snap = LoadLatest(root);
  EXPECT_EQ(snap->version(), 0);
  EXPECT_EQ(Paths(*snap), std::set<std::string>{"p=x/a.parquet"});
  EXPECT_EQ(snap->metadata().partition_columns, std::vector<std::string>{"p"});
}

TEST(TransactionTest, CreateOverExistingTableFails) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(false));
  auto txn = Transaction::BeginCreate(io::LocalFileSystem(), root + "/");
  txn->SetProtocol(Protocol{});
  txn->SetMetadata(TestMetadata(false));
  auto r = txn->Commit();
  ASSERT_EQ(r.status().code(), StatusCode::kConflict);
  EXPECT_EQ(r.status().message(), "table " + root + " already exists");
}

TEST(TransactionTest, CreateRaceHasOneWinner) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  constexpr int kThreads = 6;
  std::atomic<int> ok{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto txn = Transaction::BeginCreate(io::LocalFileSystem(), root);
      txn->SetProtocol(Protocol{});
      txn->SetMetadata(TestMetadata(false));
      txn->AddFile(TestAdd("f" + std::to_string(i) + ".parquet"));
      auto r = txn->Commit();
      if (r.ok()) {
        ++ok;
      } else if (r.status().code() == StatusCode::kConflict &&
                 r.status().message().find("already exists") != std::string::npos) {
        ++conflicts;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflicts.load(), kThreads - 1);
  auto snap = LoadLatest(root);
  EXPECT_EQ(snap->version(), 0);
  EXPECT_EQ(snap->files().size(), 1u);
}

TEST(TransactionTest, CreateNeedsProtocolAndMetadata) {
  TempDir dir;
  auto txn = Transaction::BeginCreate(io::LocalFileSystem(), dir.path() + "/t");
  txn->SetMetadata(TestMetadata(false));
  auto r = txn->Commit();
  EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
  EXPECT_FALSE(stdfs::exists(dir.path() + "/t/_delta_log"));
}

TEST(TransactionTest, AppendsCommitInOrderWithSparkActionOrder) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(true), {TestAdd("p=x/a.parquet", "x")});
  auto txn = testing::BeginLatest(root);
  EXPECT_EQ(txn->read_version(), 0);
  txn->ReadFiles(*expr::ParseExpr("p = 'x'"));
  txn->AddFile(TestAdd("p=x/b.parquet", "x"));
  txn->RemoveFile(TestRemove("p=x/a.parquet", "x"));
  txn->SetTxn("app", 3);
  CommitOptions options;
  options.operation = "DELETE";
  options.operation_parameters["predicate"] = R"(["p = 'x'"])";
  options.operation_metrics["numRemovedFiles"] = "1";
  auto r = txn->Commit(options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 1);
  auto actions = ReadCommit(root, 1);
  ASSERT_EQ(actions.size(), 4u);
  const std::string& info = std::get<CommitInfo>(actions[0]).json;
  EXPECT_NE(info.find(R"("operationParameters":{"predicate":"[\"p = 'x'\"]"})"), std::string::npos) << info;
  EXPECT_NE(info.find(R"("readVersion":0)"), std::string::npos) << info;
  EXPECT_NE(info.find(R"("isBlindAppend":false)"), std::string::npos) << info;
  EXPECT_NE(info.find(R"("operationMetrics":{"numRemovedFiles":"1"})"), std::string::npos) << info;
  EXPECT_TRUE(std::regex_search(info, std::regex(R"("txnId":"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab])")));
  EXPECT_EQ(std::get<Txn>(actions[1]).app_id, "app");
  ASSERT_TRUE(std::holds_alternative<Remove>(actions[2]));
  EXPECT_TRUE(std::get<Remove>(actions[2]).deletion_timestamp.has_value());  // filled in
  EXPECT_TRUE(std::holds_alternative<Add>(actions[3]));
  auto snap = LoadLatest(root);
  EXPECT_EQ(Paths(*snap), std::set<std::string>{"p=x/b.parquet"});
  EXPECT_EQ(snap->TxnVersion("app"), 3);
  ASSERT_EQ(snap->tombstones().size(), 1u);
}

TEST(TransactionTest, BlindAppendCommitInfo) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(false));
  auto txn = testing::BeginLatest(root);
  txn->AddFile(TestAdd("a.parquet"));
  ASSERT_TRUE(txn->Commit().ok());
  const std::string info = std::get<CommitInfo>(ReadCommit(root, 1)[0]).json;
  EXPECT_NE(info.find(R"("operation":"WRITE")"), std::string::npos) << info;
  EXPECT_NE(info.find(R"("isBlindAppend":true)"), std::string::npos) << info;
}

TEST(TransactionTest, LostRaceRetriesAtNextVersion) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(true));
  auto a = testing::BeginLatest(root);
  auto b = testing::BeginLatest(root);
  a->ReadFiles(*expr::ParseExpr("p = 'x'"));
  a->AddFile(TestAdd("p=x/a.parquet", "x"));
  b->AddFile(TestAdd("p=x/b.parquet", "x"));  // a blind append
  auto rb = b->Commit();
  ASSERT_TRUE(rb.ok()) << rb.status().ToString();
  EXPECT_EQ(rb->version, 1);
  EXPECT_EQ(rb->attempts, 1);
  auto ra = a->Commit();
  ASSERT_TRUE(ra.ok()) << ra.status().ToString();
  EXPECT_EQ(ra->version, 2);
  EXPECT_EQ(ra->attempts, 2);
  // readVersion stays the version read.
  EXPECT_NE(std::get<CommitInfo>(ReadCommit(root, 2)[0]).json.find(R"("readVersion":0)"), std::string::npos);
  EXPECT_EQ(Paths(*LoadLatest(root)), (std::set<std::string>{"p=x/a.parquet", "p=x/b.parquet"}));
}

TEST(TransactionTest, ConflictLeavesTableUntouched) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(true), {TestAdd("p=x/a.parquet", "x"), TestAdd("p=y/b.parquet", "y")});
  auto a = testing::BeginLatest(root);
  auto b = testing::BeginLatest(root);
  a->ReadFiles(*expr::ParseExpr("p = 'x'"));
  a->RemoveFile(TestRemove("p=x/a.parquet", "x"));
  a->AddFile(TestAdd("p=x/a2.parquet", "x"));
  b->ReadFiles(*expr::ParseExpr("p = 'x'"));
  b->RemoveFile(TestRemove("p=x/a.parquet", "x"));
  ASSERT_TRUE(b->Commit().ok());
  auto ra = a->Commit();
  ASSERT_EQ(ra.status().code(), StatusCode::kConflict);
  EXPECT_TRUE(ra.status().message().starts_with("ConcurrentDeleteReadException:")) << ra.status().message();
  EXPECT_NE(ra.status().message().find("winning version 1"), std::string::npos);
  EXPECT_NE(ra.status().message().find("p=x/a.parquet"), std::string::npos);
  EXPECT_FALSE(stdfs::exists(CommitPath(root, 2)));
  EXPECT_EQ(Paths(*LoadLatest(root)), std::set<std::string>{"p=y/b.parquet"});
  // A transaction commits at most once.
  EXPECT_EQ(a->Commit().status().code(), StatusCode::kInvalid);
}

TEST(TransactionTest, DeleteDeleteWithoutReads) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(false), {TestAdd("a.parquet"), TestAdd("b.parquet")});
  auto a = testing::BeginLatest(root);
  auto b = testing::BeginLatest(root);
  a->RemoveFile(TestRemove("a.parquet"));
  b->RemoveFile(TestRemove("a.parquet", std::nullopt, /*data_change=*/false));
  b->AddFile([] {
    Add c = TestAdd("c.parquet");
    c.data_change = false;
    return c;
  }());
  ASSERT_TRUE(b->Commit().ok());
  auto ra = a->Commit();
  ASSERT_EQ(ra.status().code(), StatusCode::kConflict);
  EXPECT_TRUE(ra.status().message().starts_with("ConcurrentDeleteDeleteException:")) << ra.status().message();
}

TEST(TransactionTest, SameAppIdConflicts) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(false));
  auto a = testing::BeginLatest(root);
  auto b = testing::BeginLatest(root);
  a->SetTxn("sink", 1);
  b->SetTxn("sink", 1);
  ASSERT_TRUE(b->Commit().ok());
  auto ra = a->Commit();
  ASSERT_EQ(ra.status().code(), StatusCode::kConflict);
  EXPECT_TRUE(ra.status().message().starts_with("ConcurrentTransactionException:")) << ra.status().message();
}

TEST(TransactionTest, MetadataChangeConflicts) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(false));
  auto a = testing::BeginLatest(root);
  auto b = testing::BeginLatest(root);
  b->SetMetadata(TestMetadata(false, {{"delta.appendOnly", "true"}}));
  ASSERT_TRUE(b->Commit().ok());
  a->AddFile(TestAdd("a.parquet"));
  auto ra = a->Commit();
  ASSERT_EQ(ra.status().code(), StatusCode::kConflict);
  EXPECT_TRUE(ra.status().message().starts_with("MetadataChangedException:")) << ra.status().message();
}

TEST(TransactionTest, GivesUpAfterMaxAttempts) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(false));
  auto a = testing::BeginLatest(root);
  auto b = testing::BeginLatest(root);
  b->AddFile(TestAdd("b.parquet"));
  ASSERT_TRUE(b->Commit().ok());
  a->AddFile(TestAdd("a.parquet"));
  CommitOptions options;
  options.max_attempts = 1;
  auto ra = a->Commit(options);
  ASSERT_EQ(ra.status().code(), StatusCode::kConflict);
  EXPECT_NE(ra.status().message().find("gave up after 1 commit attempts"), std::string::npos) << ra.status().message();
}

// Threads race blind appends on one table: every commit lands, versions are
// contiguous, and losers retried.
TEST(TransactionTest, RacingCommitsAllLand) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(true));
  constexpr int kThreads = 4, kCommits = 12;
  std::atomic<int> retries{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCommits; ++i) {
        auto snap = LoadSnapshot(io::LocalFileSystem(), root);
        if (!snap.ok()) {
          ++failures;
          continue;
        }
        auto txn = Transaction::Begin(*snap);
        (*txn)->AddFile(TestAdd(fmt::format("p={}/f-{}-{}.parquet", t, t, i), std::to_string(t)));
        (*txn)->SetTxn("writer-" + std::to_string(t), i);
        auto r = (*txn)->Commit();
        if (!r.ok()) {
          ADD_FAILURE() << r.status().ToString();
          ++failures;
          continue;
        }
        retries += r->attempts - 1;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto snap = LoadLatest(root);
  EXPECT_EQ(snap->version(), kThreads * kCommits);
  EXPECT_EQ(static_cast<int>(snap->files().size()), kThreads * kCommits);
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(snap->TxnVersion("writer-" + std::to_string(t)), kCommits - 1);
  for (int v = 0; v <= kThreads * kCommits; ++v) EXPECT_TRUE(stdfs::exists(CommitPath(root, v))) << v;
  // Retries happened iff some thread lost a race; all of them are accounted.
  std::printf("racing commits: %d retries\n", retries.load());
  // Checkpoints at 10, 20, ... were written along the way, and used.
  EXPECT_TRUE(stdfs::exists(root + "/_delta_log/" + fmt::format("{:020}.checkpoint.parquet", 40)));
}

TEST(TransactionTest, CheckpointAtInterval) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(false, {{"delta.checkpointInterval", "3"}}));
  std::vector<bool> written;
  for (int i = 1; i <= 7; ++i) {
    auto txn = testing::BeginLatest(root);
    txn->AddFile(TestAdd("f" + std::to_string(i) + ".parquet"));
    CommitOptions options;
    options.checkpoint = i != 6;
    auto r = txn->Commit(options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    written.push_back(r->checkpoint_written);
  }
  EXPECT_EQ(written, (std::vector<bool>{false, false, true, false, false, false, false}));
  auto listing = ListLog(*io::LocalFileSystem(), root);
  ASSERT_TRUE(listing.ok());
  ASSERT_EQ(listing->checkpoints.size(), 1u);
  EXPECT_EQ(listing->checkpoints[0].version, 3);
  EXPECT_EQ(LoadLatest(root)->files().size(), 7u);
}

TEST(TransactionTest, CheckpointFailureDoesNotFailCommit) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(false, {{"delta.checkpointInterval", "1"}}));
  // A directory where the checkpoint should go makes its rename fail.
  stdfs::create_directories(root + "/_delta_log/" + fmt::format("{:020}.checkpoint.parquet", 1) + "/x");
  auto txn = testing::BeginLatest(root);
  txn->AddFile(TestAdd("a.parquet"));
  auto r = txn->Commit();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 1);
  EXPECT_FALSE(r->checkpoint_written);
  EXPECT_EQ(LoadLatest(root)->files().size(), 1u);
}

}  // namespace
}  // namespace sluice::delta
