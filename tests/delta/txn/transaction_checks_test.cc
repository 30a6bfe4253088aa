// The checks Transaction::Commit makes before writing (transaction_checks.cc).
#include "sluice/delta/txn/transaction_checks.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "delta/txn/txn_test_util.h"
#include "sluice/delta/log/log_segment.h"
#include "sluice/delta/txn/transaction.h"
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

TEST(TransactionChecksTest, AppendOnlyRefusesDataRemoves) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(false, {{"delta.appendOnly", "true"}}), {TestAdd("a.parquet")});
  auto a = testing::BeginLatest(root);
  a->RemoveFile(TestRemove("a.parquet"));
  auto r = a->Commit();
  ASSERT_EQ(r.status().code(), StatusCode::kInvalid);
  EXPECT_NE(r.status().message().find("append-only"), std::string::npos) << r.status().ToString();
  EXPECT_FALSE(stdfs::exists(CommitPath(root, 1)));
  // Rearranging data (dataChange=false) is allowed.
  auto b = testing::BeginLatest(root);
  b->RemoveFile(TestRemove("a.parquet", std::nullopt, false));
  Add c = TestAdd("c.parquet");
  c.data_change = false;
  b->AddFile(c);
  EXPECT_TRUE(b->Commit().ok());
}

TEST(TransactionChecksTest, InvalidStagedActions) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(true));
  {
    auto a = testing::BeginLatest(root);
    a->AddFile(TestAdd("a.parquet"));  // no partition value
    auto r = a->Commit();
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
    EXPECT_NE(r.status().message().find("partitioned by [p]"), std::string::npos) << r.status().ToString();
  }
  {
    auto a = testing::BeginLatest(root);
    a->ReadFiles(*expr::ParseExpr("missing = 1"));
    EXPECT_EQ(a->Commit().status().code(), StatusCode::kInvalid);
  }
  {
    auto a = testing::BeginLatest(root);
    CommitOptions options;
    options.operation_parameters["mode"] = "Append";  // not JSON text
    auto r = a->Commit(options);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
    EXPECT_NE(r.status().message().find("operationParameters.mode"), std::string::npos) << r.status().ToString();
  }
  {
    auto a = testing::BeginLatest(root);
    a->SetDomainMetadata(DomainMetadata{"my.domain", "{}", false});
    auto r = a->Commit();
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
    EXPECT_NE(r.status().message().find("domainMetadata"), std::string::npos) << r.status().ToString();
  }
  {
    auto a = testing::BeginLatest(root);
    Metadata m = TestMetadata(true);
    m.schema_string = "{not json";
    a->SetMetadata(m);
    EXPECT_EQ(a->Commit().status().code(), StatusCode::kInvalid);
  }
  {
    auto a = testing::BeginLatest(root);
    Protocol p;
    p.min_writer_version = 1;  // a downgrade
    a->SetProtocol(p);
    EXPECT_EQ(a->Commit().status().code(), StatusCode::kInvalid);
  }
  EXPECT_FALSE(stdfs::exists(CommitPath(root, 1)));
}

TEST(TransactionChecksTest, RefusesTablesSluiceCannotWrite) {
  TempDir dir;
  const std::string root = dir.path() + "/t";
  CreateTestTable(root, TestMetadata(false));
  auto a = testing::BeginLatest(root);
  Protocol p;
  p.min_reader_version = 3;
  p.min_writer_version = 7;
  p.reader_features = std::vector<std::string>{"deletionVectors"};
  p.writer_features = std::vector<std::string>{"deletionVectors"};
  a->SetProtocol(p);
  a->SetMetadata(TestMetadata(false, {{"delta.enableDeletionVectors", "true"}}));
  EXPECT_EQ(a->Commit().status().code(), StatusCode::kNotSupported);
}

}  // namespace
}  // namespace sluice::delta
