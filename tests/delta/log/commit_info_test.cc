#include "sluice/delta/log/commit_info.h"

#include <gtest/gtest.h>

#include "sluice/delta/log/log_json.h"

namespace sluice::delta {
namespace {

TEST(CommitInfoTest, SparkFieldsInOrder) {
  CommitInfoFields f;
  f.timestamp_ms = 1700000000123;
  f.operation = "WRITE";
  f.operation_parameters = {
      {"mode", "\"Append\""}, {"partitionBy", "[\"p\"]"}, {"multi", "{\n\"a\": 1}"}, {"none", "null"}, {"size", " 12"}};
  f.read_version = 4;
  f.is_blind_append = true;
  f.operation_metrics = {{"numFiles", "2"}};
  f.txn_id = "t-1";
  auto ci = MakeCommitInfo(f);
  ASSERT_TRUE(ci.ok()) << ci.status().ToString();
  EXPECT_EQ(
      ci->json,
      R"({"timestamp":1700000000123,"operation":"WRITE","operationParameters":{"mode":"Append","multi":"{\"a\":1}",)"
      R"("none":null,"partitionBy":"[\"p\"]","size":"12"},"readVersion":4,"isolationLevel":"WriteSerializable","isBlindAppend":true,)"
      R"("operationMetrics":{"numFiles":"2"},"engineInfo":"sluice/0.1.0","txnId":"t-1"})");
  EXPECT_EQ(ci->timestamp, 1700000000123);
  EXPECT_EQ(ci->operation, "WRITE");
  EXPECT_EQ(CommitInfoIsBlindAppend(*ci), true);
  // It parses back as a commitInfo action.
  auto actions = ParseLogJson(SerializeCommit({*ci}), "c.json");
  ASSERT_TRUE(actions.ok()) << actions.status().ToString();
  ASSERT_EQ(actions->size(), 1u);
  EXPECT_EQ(std::get<CommitInfo>((*actions)[0]).operation, "WRITE");
}

TEST(CommitInfoTest, ParametersMustBeJson) {
  CommitInfoFields f;
  f.operation_parameters = {{"mode", "Append"}};
  auto ci = MakeCommitInfo(f);
  EXPECT_EQ(ci.status().code(), StatusCode::kInvalid);
  EXPECT_NE(ci.status().message().find("operationParameters.mode"), std::string::npos);
  f.operation_parameters = {{"x", "1 2"}};
  EXPECT_EQ(MakeCommitInfo(f).status().code(), StatusCode::kInvalid);
}

TEST(CommitInfoTest, BlindAppendFlag) {
  CommitInfo ci;
  EXPECT_EQ(CommitInfoIsBlindAppend(ci), std::nullopt);
  ci.json = R"({"isBlindAppend":false})";
  EXPECT_EQ(CommitInfoIsBlindAppend(ci), false);
  ci.json = R"({"isBlindAppend":"yes"})";
  EXPECT_EQ(CommitInfoIsBlindAppend(ci), std::nullopt);
  ci.json = "{broken";
  EXPECT_EQ(CommitInfoIsBlindAppend(ci), std::nullopt);
}

}  // namespace
}  // namespace sluice::delta
