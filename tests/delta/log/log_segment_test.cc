#include "sluice/delta/log/log_segment.h"

#include <gtest/gtest.h>

namespace sluice::delta {
namespace {

TEST(LogFileNameTest, Kinds) {
  auto n = ParseLogFileName("00000000000000000012.json");
  EXPECT_EQ(n.kind, LogFileName::kCommit);
  EXPECT_EQ(n.version, 12);
  n = ParseLogFileName("00000000000000000010.checkpoint.parquet");
  EXPECT_EQ(n.kind, LogFileName::kClassicCheckpoint);
  EXPECT_EQ(n.version, 10);
  n = ParseLogFileName("00000000000000000001.checkpoint.0000000002.0000000003.parquet");
  EXPECT_EQ(n.kind, LogFileName::kMultiPartCheckpoint);
  EXPECT_EQ(n.version, 1);
  EXPECT_EQ(n.part, 2);
  EXPECT_EQ(n.num_parts, 3);
  n = ParseLogFileName("00000000000000000002.checkpoint.6374b053-df23-479b-b2cf-c9c550132b49.json");
  EXPECT_EQ(n.kind, LogFileName::kV2Checkpoint);
  n = ParseLogFileName("00000000000000000002.checkpoint.6374b053-df23-479b-b2cf-c9c550132b49.parquet");
  EXPECT_EQ(n.kind, LogFileName::kV2Checkpoint);
  n = ParseLogFileName("00000000000000000003.00000000000000000007.compacted.json");
  EXPECT_EQ(n.kind, LogFileName::kCompaction);
  EXPECT_EQ(n.version, 3);
  EXPECT_EQ(n.end_version, 7);
}

TEST(LogFileNameTest, Others) {
  for (const char* name : {"00000000000000000012.crc", "_last_checkpoint", ".00000000000000000000.json.crc",
                           "0000000000000000001.json", "000000000000000000012.json", "0000000000000000001x.json",
                           "99999999999999999999.json",                                      // overflows int64
                           "00000000000000000001.checkpoint.0000000003.0000000002.parquet",  // part > parts
                           "00000000000000000001.checkpoint.0000000000.0000000002.parquet",  // part 0
                           "00000000000000000001.json.tmp", "00000000000000000001.checkpoint..json"}) {
    EXPECT_EQ(ParseLogFileName(name).kind, LogFileName::kOther) << name;
  }
  EXPECT_EQ(CommitFileName(7), "00000000000000000007.json");
}

LogFile Commit(int64_t v) { return {"/t/_delta_log/" + CommitFileName(v), v, 10, 1000 + v}; }

LogListing Listing(std::vector<int64_t> commits, std::vector<int64_t> checkpoints) {
  LogListing l;
  l.log_dir = "/t/_delta_log";
  for (int64_t v : commits) l.commits.push_back(Commit(v));
  for (int64_t v : checkpoints) l.checkpoints.push_back({v, CheckpointKind::kClassic, {Commit(v)}});
  return l;
}

TEST(BuildLogSegmentTest, LatestUsesNewestCheckpoint) {
  auto seg = BuildLogSegment(Listing({0, 1, 2, 3, 4, 5}, {2, 4}), std::nullopt);
  ASSERT_TRUE(seg.ok()) << seg.status().ToString();
  EXPECT_EQ(seg->version, 5);
  ASSERT_TRUE(seg->checkpoint);
  EXPECT_EQ(seg->checkpoint->version, 4);
  ASSERT_EQ(seg->commits.size(), 1u);
  EXPECT_EQ(seg->commits[0].version, 5);
  ASSERT_TRUE(seg->version_commit);
  EXPECT_EQ(seg->version_commit->version, 5);
}

TEST(BuildLogSegmentTest, OlderVersion) {
  auto seg = BuildLogSegment(Listing({0, 1, 2, 3, 4, 5}, {2, 4}), 3);
  ASSERT_TRUE(seg.ok());
  EXPECT_EQ(seg->checkpoint->version, 2);
  ASSERT_EQ(seg->commits.size(), 1u);
  EXPECT_EQ(seg->commits[0].version, 3);
  seg = BuildLogSegment(Listing({0, 1, 2, 3, 4, 5}, {2, 4}), 1);
  ASSERT_TRUE(seg.ok());
  EXPECT_FALSE(seg->checkpoint);
  EXPECT_EQ(seg->commits.size(), 2u);
  seg = BuildLogSegment(Listing({0, 1, 2, 3, 4, 5}, {2, 4}), 4);
  ASSERT_TRUE(seg.ok());
  EXPECT_EQ(seg->checkpoint->version, 4);
  EXPECT_TRUE(seg->commits.empty());
}

TEST(BuildLogSegmentTest, OnlyCheckpoint) {
  auto seg = BuildLogSegment(Listing({}, {108}), std::nullopt);
  ASSERT_TRUE(seg.ok());
  EXPECT_EQ(seg->version, 108);
  EXPECT_FALSE(seg->version_commit);
}

TEST(BuildLogSegmentTest, GapIsCorruptNamingTheVersion) {
  auto seg = BuildLogSegment(Listing({0, 2}, {}), std::nullopt);
  ASSERT_FALSE(seg.ok());
  EXPECT_EQ(seg.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(seg.status().message().find("version 1 is missing"), std::string::npos) << seg.status().ToString();
  // After a checkpoint too.
  seg = BuildLogSegment(Listing({3, 4, 6}, {3}), 6);
  ASSERT_FALSE(seg.ok());
  EXPECT_NE(seg.status().message().find("version 5"), std::string::npos);
}

TEST(BuildLogSegmentTest, VersionsThatCannotBeRebuilt) {
  // Commits before the oldest checkpoint were removed.
  auto seg = BuildLogSegment(Listing({5, 6, 7}, {5}), 3);
  ASSERT_FALSE(seg.ok());
  EXPECT_EQ(seg.status().code(), StatusCode::kNotFound);
  EXPECT_NE(seg.status().message().find("cannot be reconstructed"), std::string::npos);
  seg = BuildLogSegment(Listing({5, 6, 7}, {5}), 8);
  ASSERT_FALSE(seg.ok());
  EXPECT_NE(seg.status().message().find("latest version is 7"), std::string::npos);
  EXPECT_FALSE(BuildLogSegment(Listing({}, {}), std::nullopt).ok());
  EXPECT_FALSE(BuildLogSegment(Listing({0}, {}), -1).ok());
}

}  // namespace
}  // namespace sluice::delta
