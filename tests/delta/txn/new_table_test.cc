// ProtocolForNewTable (src/sluice/delta/txn/new_table.cc).
#include "sluice/delta/txn/new_table.h"

#include <gtest/gtest.h>

#include "delta/txn/txn_test_util.h"
#include "sluice/delta/txn/transaction.h"

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

}  // namespace
}  // namespace sluice::delta
