#include "sluice/delta/txn/conflict_checker.h"

#include <gtest/gtest.h>

#include "delta/txn/txn_test_util.h"
#include "sluice/delta/log/commit_info.h"
#include "sluice/expr/parse.h"

namespace sluice::delta {
namespace {

using testing::SnapshotOf;
using testing::TestAdd;
using testing::TestMetadata;
using testing::TestRemove;

// The read snapshot: files x1, x2 in p=x, y1 in p=y of table /t at version 4.
SnapshotPtr ReadSnapshot() {
  return SnapshotOf({Protocol{}, TestMetadata(true), TestAdd("p=x/x1.parquet", "x"), TestAdd("p=x/x2.parquet", "x"),
                     TestAdd("p=y/y1.parquet", "y")},
                    4);
}

expr::Expr PartitionIs(const std::string& value) {
  auto p = expr::ParseExpr("p = '" + value + "'");
  EXPECT_TRUE(p.ok());
  return *p;
}

CommitInfo Info(bool blind_append) {
  CommitInfoFields f;
  f.operation = blind_append ? "WRITE" : "MERGE";
  f.is_blind_append = blind_append;
  return *MakeCommitInfo(f);
}

ConflictChecker Make(TransactionFootprint fp) {
  auto c = ConflictChecker::Make(std::move(fp));
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return std::move(*c);
}

// Expects a Conflict whose message starts with `exception` and names the
// table, the winning version and `detail`.
void ExpectConflict(const Status& st, const std::string& exception, const std::string& detail) {
  ASSERT_EQ(st.code(), StatusCode::kConflict) << st.ToString();
  EXPECT_TRUE(st.message().starts_with(exception + ":")) << st.message();
  EXPECT_NE(st.message().find("table /t"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("winning version 5"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find(detail), std::string::npos) << st.message();
}

TEST(ConflictCheckerTest, ProtocolAndMetadataChangesAlwaysConflict) {
  TransactionFootprint fp;
  fp.read_snapshot = ReadSnapshot();
  ConflictChecker c = Make(fp);  // a blind append: no reads
  ExpectConflict(c.Check(5, {Info(true), Protocol{1, 3, {}, {}}}), "ProtocolChangedException", "protocol");
  ExpectConflict(c.Check(5, {Info(true), TestMetadata(true, {{"k", "v"}})}), "MetadataChangedException", "metadata");
  // Protocol wins when a commit has both, whatever their order.
  ExpectConflict(c.Check(5, {TestMetadata(true), Protocol{}}), "ProtocolChangedException", "protocol");
  EXPECT_TRUE(c.Check(5, {Info(true), TestAdd("p=x/new.parquet", "x")}).ok());
}

TEST(ConflictCheckerTest, BlindAppendsNeverConflictWithReads) {
  TransactionFootprint fp;
  fp.read_snapshot = ReadSnapshot();
  fp.read_filters = {PartitionIs("x")};
  ConflictChecker c = Make(fp);
  // A winner that only added files (commitInfo agrees, or has none).
  EXPECT_TRUE(c.Check(5, {Info(true), TestAdd("p=x/new.parquet", "x")}).ok());
  EXPECT_TRUE(c.Check(5, {TestAdd("p=x/new.parquet", "x")}).ok());
  // Removes with dataChange=false (compaction) keep it a blind append.
  EXPECT_TRUE(c.Check(5, {TestRemove("p=y/y1.parquet", "y", false), TestAdd("p=x/new.parquet", "x")}).ok());
}

TEST(ConflictCheckerTest, NonBlindAppendToReadPartition) {
  TransactionFootprint fp;
  fp.read_snapshot = ReadSnapshot();
  fp.read_filters = {PartitionIs("x")};
  ConflictChecker c = Make(fp);
  // commitInfo says the winner read data (a MERGE that only inserted).
  ExpectConflict(c.Check(5, {Info(false), TestAdd("p=x/new.parquet", "x")}), "ConcurrentAppendException",
                 "partition [p=x]");
  // The winner deleted data elsewhere and added to our partition.
  ExpectConflict(c.Check(5, {TestRemove("p=y/y1.parquet", "y"), TestAdd("p=x/new.parquet", "x")}),
                 "ConcurrentAppendException", "file p=x/new.parquet");
  // Adds elsewhere, or adds that are not data changes, do not matter.
  EXPECT_TRUE(c.Check(5, {Info(false), TestAdd("p=y/new.parquet", "y")}).ok());
  Add rearranged = TestAdd("p=x/new.parquet", "x");
  rearranged.data_change = false;
  EXPECT_TRUE(c.Check(5, {Info(false), rearranged}).ok());
}

TEST(ConflictCheckerTest, WholeTableReadConflictsWithAnyNonBlindAppend) {
  TransactionFootprint fp;
  fp.read_snapshot = ReadSnapshot();
  fp.read_whole_table = true;
  ConflictChecker c = Make(fp);
  ExpectConflict(c.Check(5, {Info(false), TestAdd("p=z/new.parquet", "z")}), "ConcurrentAppendException",
                 "partition [p=z]");
  EXPECT_TRUE(c.Check(5, {Info(true), TestAdd("p=z/new.parquet", "z")}).ok());
}

TEST(ConflictCheckerTest, NoDeclaredReadsIsABlindAppend) {
  TransactionFootprint fp;
  fp.read_snapshot = ReadSnapshot();
  ConflictChecker c = Make(fp);
  EXPECT_TRUE(c.Check(5, {Info(false), TestRemove("p=x/x1.parquet", "x"), TestAdd("p=x/new.parquet", "x")}).ok());
}

TEST(ConflictCheckerTest, DeleteOfAFileWeRead) {
  TransactionFootprint fp;
  fp.read_snapshot = ReadSnapshot();
  fp.read_filters = {PartitionIs("x")};
  ConflictChecker c = Make(fp);
  ExpectConflict(c.Check(5, {Info(false), TestRemove("p=x/x2.parquet", "x")}), "ConcurrentDeleteReadException",
                 "file p=x/x2.parquet in partition [p=x]");
  // Partition values missing on the remove: taken from the read snapshot.
  ExpectConflict(c.Check(5, {TestRemove("p=x/x2.parquet")}), "ConcurrentDeleteReadException", "partition [p=x]");
  // A file we did not read (other partition, or not in our snapshot).
  EXPECT_TRUE(c.Check(5, {TestRemove("p=y/y1.parquet", "y")}).ok());
  EXPECT_TRUE(c.Check(5, {TestRemove("p=x/added-later.parquet", "x")}).ok());
  // Compaction rewrote a file we read: same data, no conflict.
  EXPECT_TRUE(c.Check(5, {TestRemove("p=x/x1.parquet", "x", false), TestAdd("p=x/c.parquet", "x")}).ok());
}

TEST(ConflictCheckerTest, WholeTableReadConflictsWithAnyDelete) {
  TransactionFootprint fp;
  fp.read_snapshot = ReadSnapshot();
  fp.read_whole_table = true;
  ConflictChecker c = Make(fp);
  ExpectConflict(c.Check(5, {TestRemove("p=y/y1.parquet", "y")}), "ConcurrentDeleteReadException", "p=y/y1.parquet");
  // Even of a file that was added after our read.
  ExpectConflict(c.Check(5, {TestRemove("p=z/late.parquet", "z")}), "ConcurrentDeleteReadException",
                 "p=z/late.parquet");
}

TEST(ConflictCheckerTest, DeleteOfAFileWeDeleteToo) {
  TransactionFootprint fp;
  fp.read_snapshot = ReadSnapshot();
  fp.removed_paths = {"p=x/x1.parquet"};
  ConflictChecker c = Make(fp);
  ExpectConflict(c.Check(5, {TestRemove("p=x/x1.parquet", "x")}), "ConcurrentDeleteDeleteException",
                 "file p=x/x1.parquet in partition [p=x]");
  // dataChange=false removes (compaction) count too: the file is gone.
  ExpectConflict(c.Check(5, {TestRemove("p=x/x1.parquet", "x", false)}), "ConcurrentDeleteDeleteException",
                 "p=x/x1.parquet");
  // The same file named by an absolute URI.
  ExpectConflict(c.Check(5, {TestRemove("file:///t/p=x/x1.parquet", "x")}), "ConcurrentDeleteDeleteException",
                 "x1.parquet");
  EXPECT_TRUE(c.Check(5, {TestRemove("p=x/x2.parquet", "x")}).ok());
}

TEST(ConflictCheckerTest, AppIdsAndDomains) {
  TransactionFootprint fp;
  fp.read_snapshot = ReadSnapshot();
  fp.app_ids = {"sink-1"};
  fp.domains = {"delta.clustering"};
  ConflictChecker c = Make(fp);
  ExpectConflict(c.Check(5, {Txn{"sink-1", 7, {}}}), "ConcurrentTransactionException", "application id 'sink-1'");
  EXPECT_TRUE(c.Check(5, {Txn{"sink-2", 7, {}}}).ok());
  ExpectConflict(c.Check(5, {DomainMetadata{"delta.clustering", "{}", false}}), "ConcurrentTransactionException",
                 "domain 'delta.clustering'");
  EXPECT_TRUE(c.Check(5, {DomainMetadata{"other", "{}", false}}).ok());
}

TEST(ConflictCheckerTest, ReadFilterOnUnknownColumn) {
  TransactionFootprint fp;
  fp.read_snapshot = ReadSnapshot();
  fp.read_filters = {*expr::ParseExpr("nope = 1")};
  auto c = ConflictChecker::Make(fp);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalid);
  EXPECT_NE(c.status().message().find("nope"), std::string::npos) << c.status().ToString();
}

TEST(ConflictCheckerTest, IsBlindAppend) {
  EXPECT_TRUE(ConflictChecker::IsBlindAppend({}));
  EXPECT_TRUE(ConflictChecker::IsBlindAppend({Info(true), TestAdd("a", "x")}));
  EXPECT_FALSE(ConflictChecker::IsBlindAppend({Info(false), TestAdd("a", "x")}));
  EXPECT_FALSE(ConflictChecker::IsBlindAppend({Info(true), TestRemove("a")}));
  EXPECT_FALSE(ConflictChecker::IsBlindAppend({TestMetadata(false)}));
  EXPECT_TRUE(ConflictChecker::IsBlindAppend({TestRemove("a", std::nullopt, false), TestAdd("b")}));
}

}  // namespace
}  // namespace sluice::delta
