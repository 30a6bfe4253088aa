#include "sluice/delta/log/last_checkpoint.h"

#include <gtest/gtest.h>

namespace sluice::delta {
namespace {

TEST(LastCheckpointTest, Parses) {
  auto cp = ParseLastCheckpoint(R"({"version":10,"size":13,"parts":2,"sizeInBytes":30499,"numOfAddFiles":10,
      "checkpointSchema":{"type":"struct","fields":[]},"checksum":"abc"})",
                                "_last_checkpoint");
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(cp->version, 10);
  EXPECT_EQ(cp->size, 13);
  EXPECT_EQ(cp->parts, 2);
  EXPECT_EQ(cp->size_in_bytes, 30499);
  EXPECT_EQ(cp->num_of_add_files, 10);
  EXPECT_FALSE(cp->v2_path);
}

TEST(LastCheckpointTest, NullPartsAndV2) {
  auto cp = ParseLastCheckpoint(R"({"version":2,"size":15330,"parts":null})", "f");
  ASSERT_TRUE(cp.ok());
  EXPECT_FALSE(cp->parts);
  cp = ParseLastCheckpoint(
      R"({"version":8,"size":11,"v2Checkpoint":{"path":"00000000000000000008.checkpoint.e5.json"}})", "f");
  ASSERT_TRUE(cp.ok());
  EXPECT_EQ(cp->v2_path, "00000000000000000008.checkpoint.e5.json");
}

TEST(LastCheckpointTest, CorruptInputs) {
  for (const char* text : {"", "{", "[]", "{\"size\":3}", "{\"version\":-1}", "{\"version\":\"3\"}",
                           "{\"version\":1,\"parts\":0}", "garbage"}) {
    auto cp = ParseLastCheckpoint(text, "_last_checkpoint");
    ASSERT_FALSE(cp.ok()) << text;
    EXPECT_EQ(cp.status().code(), StatusCode::kCorrupt);
    EXPECT_NE(cp.status().message().find("_last_checkpoint"), std::string::npos);
  }
}

TEST(LastCheckpointTest, RoundTrip) {
  LastCheckpoint cp;
  cp.version = 20;
  cp.size = 7;
  cp.num_of_add_files = 5;
  auto back = ParseLastCheckpoint(SerializeLastCheckpoint(cp), "x");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->version, 20);
  EXPECT_EQ(back->size, 7);
  EXPECT_EQ(back->num_of_add_files, 5);
  EXPECT_FALSE(back->parts);
}

}  // namespace
}  // namespace sluice::delta
