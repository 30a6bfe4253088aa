#include "sluice/delta/log/log_json.h"

#include <gtest/gtest.h>

namespace sluice::delta {
namespace {

std::vector<Action> MustParse(std::string_view text) {
  auto r = ParseLogJson(text, "00000000000000000000.json");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::vector<Action>{};
}

std::string ParseError(std::string_view text) {
  auto r = ParseLogJson(text, "00000000000000000007.json");
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return std::string();
  EXPECT_EQ(r.status().code(), StatusCode::kCorrupt) << r.status().ToString();
  EXPECT_NE(r.status().message().find("00000000000000000007.json:"), std::string::npos) << r.status().message();
  return r.status().message();
}

std::vector<Action> AllActions() {
  Protocol p{3, 7, std::vector<std::string>{"deletionVectors"},
             std::vector<std::string>{"deletionVectors", "v2Checkpoint"}};
  Protocol p_legacy{1, 2, std::nullopt, std::nullopt};
  Metadata m;
  m.id = "5fba94ed-9794-4965-ba6e-6ee3c0d22af9";
  m.name = "tbl";
  m.description = "a \"quoted\"\ndescription \xC3\xA9";
  m.format.options["k"] = "v";
  m.schema_string = R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]})";
  m.partition_columns = {"date", "b c"};
  m.configuration = {{"delta.enableDeletionVectors", "true"}, {"delta.checkpointInterval", "10"}};
  m.created_time = 1700000000123;
  Metadata m_min;
  m_min.id = "x";
  m_min.schema_string = "{}";
  Add a;
  a.path = "date=2024-01-01/b%20c=__HIVE_DEFAULT_PARTITION__/part-00000.snappy.parquet";
  a.partition_values = {{"date", "2024-01-01"}, {"b c", std::nullopt}, {"e", ""}};
  a.size = 123456789012;
  a.modification_time = 1700000000000;
  a.data_change = false;
  a.stats = R"({"numRecords":3,"minValues":{"s":"a\"b\\c\u0001"},"tightBounds":true})";
  a.tags = std::map<std::string, std::string>{{"INSERTION_TIME", "1700000000000000"}};
  a.deletion_vector = DeletionVectorDescriptor{"u", "ab^-aqEH.-t@S}K{vb[*k^", 1, 36, 2};
  a.base_row_id = 10;
  a.default_row_commit_version = 3;
  a.clustering_provider = "liquid";
  Add a_min;
  a_min.path = "p.parquet";
  Remove r;
  r.path = "x.parquet";
  r.deletion_timestamp = 1700000000999;
  r.data_change = true;
  r.extended_file_metadata = true;
  r.partition_values = PartitionValues{{"date", std::nullopt}};
  r.size = 42;
  r.tags = std::map<std::string, std::string>{};
  r.deletion_vector =
      DeletionVectorDescriptor{"i", "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L", std::nullopt, 40, 6};
  r.base_row_id = 0;
  r.default_row_commit_version = 0;
  Remove r_min;
  r_min.path = "y.parquet";
  r_min.data_change = false;
  AddCdc c{"_change_data/cdc-00000.snappy.parquet", {{"p", "1"}}, 1213, false, std::nullopt};
  Txn t{"my-app \xF0\x9F\x98\x80", 17, 1700000000001};
  Txn t_min{"app", -1, std::nullopt};
  CommitInfo ci;
  ci.json =
      R"({"timestamp":1700000000000,"operation":"WRITE","operationParameters":{"mode":"Append","x":[1,2.5,null]},"inCommitTimestamp":1700000000002})";
  ci.timestamp = 1700000000000;
  ci.in_commit_timestamp = 1700000000002;
  ci.operation = "WRITE";
  DomainMetadata d{"delta.clustering", R"({"clusteringColumns":[["a"]]})", false};
  DomainMetadata d_removed{"user.x", "", true};
  CheckpointMetadata cm{12, std::map<std::string, std::string>{{"a", "b"}}};
  Sidecar s{"00000000000000000006.checkpoint.0000000001.0000000002.abc.parquet", 9268, 1700000000003, std::nullopt};
  return {p, p_legacy, m, m_min, a, a_min, r, r_min, c, t, t_min, ci, d, d_removed, cm, s};
}

TEST(LogJsonTest, RoundTripsEveryAction) {
  std::vector<Action> actions = AllActions();
  for (const Action& a : actions) {
    std::string line = SerializeAction(a);
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    auto parsed = MustParse(line);
    ASSERT_EQ(parsed.size(), 1u) << line;
    EXPECT_TRUE(parsed[0] == a) << line << "\n -> " << SerializeAction(parsed[0]);
    EXPECT_EQ(SerializeAction(parsed[0]), line);
  }
  std::string commit = SerializeCommit(actions);
  EXPECT_EQ(std::count(commit.begin(), commit.end(), '\n'), static_cast<long>(actions.size()));
  auto parsed = MustParse(commit);
  EXPECT_TRUE(parsed == actions);
}

TEST(LogJsonTest, SerializesInSparkForm) {
  Add a;
  a.path = "a b.parquet";
  a.partition_values = {{"x", std::nullopt}, {"y", "1"}};
  a.size = 10;
  a.modification_time = 20;
  EXPECT_EQ(SerializeAction(a), R"({"add":{"path":"a b.parquet","partitionValues":{"x":null,"y":"1"},"size":10,)"
                                R"("modificationTime":20,"dataChange":true}})");
  Protocol p;
  EXPECT_EQ(SerializeAction(p), R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})");
  Txn t{"a\"\\\x01\x1f\t\n\r\b\f\x7f", 1, std::nullopt};
  EXPECT_EQ(SerializeAction(t), "{\"txn\":{\"appId\":\"a\\\"\\\\\\u0001\\u001f\\t\\n\\r\\b\\f\x7f\",\"version\":1}}");
  // Invalid UTF-8 is replaced so that the output stays valid JSON.
  Txn bad{"a\xFF\xC3", 1, std::nullopt};
  EXPECT_EQ(SerializeAction(bad), "{\"txn\":{\"appId\":\"a\xEF\xBF\xBD\xEF\xBF\xBD\",\"version\":1}}");
  CommitInfo ci;
  ci.timestamp = 5;
  ci.operation = "WRITE";
  EXPECT_EQ(SerializeAction(ci), R"({"commitInfo":{"timestamp":5,"operation":"WRITE"}})");
  ci.json = "{\"timestamp\": 5,\n \"operation\": \"WRITE\"}";
  EXPECT_EQ(SerializeAction(ci), "{\"commitInfo\":{\"timestamp\": 5,  \"operation\": \"WRITE\"}}");
}

TEST(LogJsonTest, ParsesSparkLines) {
  std::string text =
      R"({"commitInfo":{"timestamp":1603724040818,"operation":"WRITE","operationParameters":{"mode":"ErrorIfExists","partitionBy":"[]"},"isBlindAppend":true}})"
      "\n\n  \r\n"
      R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})"
      "\r\n"
      R"({"metaData":{"id":"a","format":{"provider":"parquet","options":{}},"schemaString":"{}","partitionColumns":[],"configuration":{},"createdTime":1603724040747}})"
      "\n"
      R"({"add":{"path":"p\u00e9%20.parquet","partitionValues":{},"size":1,"modificationTime":2,"dataChange":true,"stats":"{\"numRecords\":1}","unknownField":[{"x":1}]},"unknownAction":{}})"
      "\n"
      R"({"unknownAction":{"a":1}})";
  auto actions = MustParse(text);
  ASSERT_EQ(actions.size(), 4u);
  const auto& ci = std::get<CommitInfo>(actions[0]);
  EXPECT_EQ(ci.timestamp, 1603724040818);
  EXPECT_EQ(ci.operation, "WRITE");
  EXPECT_FALSE(ci.in_commit_timestamp.has_value());
  EXPECT_EQ(
      ci.json,
      R"({"timestamp":1603724040818,"operation":"WRITE","operationParameters":{"mode":"ErrorIfExists","partitionBy":"[]"},"isBlindAppend":true})");
  EXPECT_EQ(std::get<Protocol>(actions[1]).min_writer_version, 2);
  EXPECT_EQ(std::get<Metadata>(actions[2]).created_time, 1603724040747);
  const auto& add = std::get<Add>(actions[3]);
  EXPECT_EQ(add.path, "p\xC3\xA9%20.parquet");
  EXPECT_EQ(add.stats, R"({"numRecords":1})");
}

TEST(LogJsonTest, NullsAreUnset) {
  auto actions = MustParse(
      R"({"add":{"path":"p","partitionValues":{"a":null},"size":1,"modificationTime":2,"dataChange":true,"stats":null,"tags":null,"deletionVector":null,"baseRowId":null}})"
      "\n"
      R"({"remove":{"path":"p","deletionTimestamp":null,"dataChange":false,"partitionValues":null,"size":null}})");
  ASSERT_EQ(actions.size(), 2u);
  const auto& add = std::get<Add>(actions[0]);
  EXPECT_FALSE(add.stats.has_value());
  EXPECT_FALSE(add.tags.has_value());
  EXPECT_FALSE(add.deletion_vector.has_value());
  ASSERT_EQ(add.partition_values.count("a"), 1u);
  EXPECT_FALSE(add.partition_values.at("a").has_value());
  const auto& rm = std::get<Remove>(actions[1]);
  EXPECT_FALSE(rm.partition_values.has_value());
  EXPECT_FALSE(rm.deletion_timestamp.has_value());
}

TEST(LogJsonTest, MalformedLinesAreCorruptWithLine) {
  std::string st = ParseError("{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n[1,2]\n");
  EXPECT_NE(st.find(".json:2:"), std::string::npos) << st;
  st = ParseError("\n\n{\"add\":{\"path\":\"p\",\"partitionValues\":{},\"size\":1,\"dataChange\":true}}");
  EXPECT_NE(st.find(".json:3:"), std::string::npos) << st;
  EXPECT_NE(st.find("modificationTime"), std::string::npos) << st;
  st = ParseError(R"({"add":{"path":"p","partitionValues":{},"size":"1","modificationTime":2,"dataChange":true}})");
  EXPECT_NE(st.find("add.size"), std::string::npos) << st;
  st = ParseError(R"({"protocol":{"minReaderVersion":4294967297,"minWriterVersion":2}})");
  EXPECT_NE(st.find("minReaderVersion"), std::string::npos) << st;
  ParseError(R"({"protocol":{"minReaderVersion":1}})");
  ParseError(R"({"metaData":{"id":"a","schemaString":"{}"}})");
  ParseError(R"({"metaData":{"schemaString":"{}","partitionColumns":[]}})");
  ParseError(R"({"txn":{"appId":"a","version":1.5}})");
  ParseError(R"({"txn":{"appId":"a"}})");
  ParseError(R"({"remove":{"dataChange":true}})");
  ParseError(R"({"cdc":{"path":"a","partitionValues":{},"size":1}})");
  ParseError(R"({"domainMetadata":{"domain":"a","configuration":"{}"}})");
  ParseError(R"({"checkpointMetadata":{}})");
  ParseError(R"({"sidecar":{"path":"a","sizeInBytes":1}})");
  ParseError(R"({"add":{"path":"p","partitionValues":{"a":1},"size":1,"modificationTime":2,"dataChange":true}})");
  ParseError(R"({"add":{"path":"p","partitionValues":{},"size":1,"modificationTime":2,"dataChange":"yes"}})");
  ParseError(R"({"add":{"path":"p","partitionValues":{},"size":1,"modificationTime":2,"dataChange":true,)"
             R"("deletionVector":{"storageType":"u","pathOrInlineDv":"x","sizeInBytes":1}}})");
  ParseError(R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}} {"x":1})");
  ParseError(R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2})");
  ParseError(R"({"protocol":[1]})");
  ParseError(R"("protocol")");
  ParseError("{\"txn\":{\"appId\":\"a\xFF\",\"version\":1}}");
  ParseError(R"({"commitInfo":5})");
  // Found by fuzzing: commitInfo text is kept verbatim, so it must be valid.
  ParseError(R"({"commitInfo":{"clusterId":"0428"numUpdatedRows":"0","x":[1,2:3]}})");
  ParseError(R"({"commitInfo":{"inCommitTimestamp":"x"}})");
}

TEST(LogJsonTest, CommitInfoToleratesOddTypes) {
  auto actions = MustParse(R"({"commitInfo":{"timestamp":"soon","operation":7,"engineInfo":null}})");
  ASSERT_EQ(actions.size(), 1u);
  const auto& ci = std::get<CommitInfo>(actions[0]);
  EXPECT_FALSE(ci.timestamp.has_value());
  EXPECT_FALSE(ci.operation.has_value());
}

TEST(LogJsonTest, DeletionVectorUniqueId) {
  DeletionVectorDescriptor dv{"u", "ab^-aqEH.-t@S}K{vb[*k^", 1, 36, 2};
  EXPECT_EQ(dv.UniqueId(), "uab^-aqEH.-t@S}K{vb[*k^@1");
  dv.offset.reset();
  EXPECT_EQ(dv.UniqueId(), "uab^-aqEH.-t@S}K{vb[*k^");
  DeletionVectorDescriptor inl{"i", "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L", std::nullopt, 40, 6};
  EXPECT_EQ(inl.UniqueId(), "iwi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L");
}

}  // namespace
}  // namespace sluice::delta
