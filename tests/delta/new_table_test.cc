// ProtocolForNewTable and NewTableId (src/sluice/delta/new_table.cc).
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "delta/txn_test_util.h"
#include "sluice/delta/transaction.h"

namespace sluice::delta {
namespace {

using testing::TempDir;
using testing::TestMetadata;

TEST(NewTableTest, ProtocolForNewTable) {
  EXPECT_EQ(ProtocolForNewTable(TestMetadata(false)), (Protocol{1, 2, {}, {}}));
  EXPECT_EQ(ProtocolForNewTable(TestMetadata(false, {{"delta.appendOnly", "true"}})), (Protocol{1, 2, {}, {}}));
  EXPECT_EQ(ProtocolForNewTable(TestMetadata(false, {{"delta.enableChangeDataFeed", "true"}})),
            (Protocol{1, 4, {}, {}}));
  EXPECT_EQ(ProtocolForNewTable(TestMetadata(false, {{"delta.columnMapping.mode", "name"}})), (Protocol{2, 5, {}, {}}));
  Metadata ntz = TestMetadata(false, {{"delta.appendOnly", "true"}});
  ntz.schema_string =
      R"({"type":"struct","fields":[{"name":"t","type":"timestamp_ntz","nullable":true,"metadata":{}}]})";
  Protocol p = ProtocolForNewTable(ntz);
  EXPECT_EQ(p.min_reader_version, 3);
  EXPECT_EQ(p.min_writer_version, 7);
  EXPECT_EQ(p.reader_features, std::vector<std::string>{"timestampNtz"});
  EXPECT_EQ(p.writer_features, (std::vector<std::string>{"appendOnly", "timestampNtz"}));
  // sluice can create that table.
  TempDir dir;
  auto txn = Transaction::BeginCreate(io::LocalFileSystem(), dir.path() + "/ntz");
  txn->SetProtocol(p);
  txn->SetMetadata(ntz);
  EXPECT_TRUE(txn->Commit().ok());
}

TEST(NewTableTest, NewTableIdIsUuidV4) {
  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) {
    std::string id = NewTableId();
    EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
        << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 100u);
}

}  // namespace
}  // namespace sluice::delta
