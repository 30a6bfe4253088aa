#include "sluice/delta/protocol/table_config.h"

#include <gtest/gtest.h>

namespace sluice::delta {
namespace {

Metadata WithConfig(std::map<std::string, std::string> config) {
  Metadata m;
  m.configuration = std::move(config);
  return m;
}

TEST(TableConfigTest, ParseInterval) {
  constexpr int64_t kHour = 3600 * 1000;
  EXPECT_EQ(*ParseIntervalMs("interval 1 week"), 7 * 24 * kHour);
  EXPECT_EQ(*ParseIntervalMs("INTERVAL 2 Days 12 hours"), 60 * kHour);
  EXPECT_EQ(*ParseIntervalMs("30 minutes"), kHour / 2);
  EXPECT_EQ(*ParseIntervalMs("interval 1 second 500 milliseconds"), 1500);
  EXPECT_EQ(*ParseIntervalMs("interval 1500 microseconds"), 1);
  EXPECT_EQ(*ParseIntervalMs("  interval   0 days "), 0);
  for (const char* bad : {"", "interval", "interval 1", "interval x days", "interval 1 month", "interval 2 years",
                          "interval 1 fortnight", "interval -1 days", "interval 99999999999999999 weeks"}) {
    auto r = ParseIntervalMs(bad);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid) << bad;
  }
  EXPECT_NE(ParseIntervalMs("interval 1 month").status().message().find("month"), std::string::npos);
}

TEST(TableConfigTest, Properties) {
  EXPECT_FALSE(IsAppendOnly(WithConfig({})));
  EXPECT_TRUE(IsAppendOnly(WithConfig({{"delta.appendOnly", "TRUE"}})));
  EXPECT_FALSE(IsAppendOnly(WithConfig({{"delta.appendOnly", "false"}})));
  EXPECT_EQ(*CheckpointInterval(WithConfig({})), 10);
  EXPECT_EQ(*CheckpointInterval(WithConfig({{"delta.checkpointInterval", "25"}})), 25);
  for (const char* bad : {"0", "-3", "ten", "5x"}) {
    auto r = CheckpointInterval(WithConfig({{"delta.checkpointInterval", bad}}));
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid) << bad;
    EXPECT_NE(r.status().message().find("delta.checkpointInterval"), std::string::npos);
  }
  EXPECT_EQ(*DeletedFileRetentionMs(WithConfig({})), 7LL * 24 * 3600 * 1000);
  EXPECT_EQ(*DeletedFileRetentionMs(WithConfig({{"delta.deletedFileRetentionDuration", "interval 2 hours"}})),
            2 * 3600 * 1000);
  auto bad = DeletedFileRetentionMs(WithConfig({{"delta.deletedFileRetentionDuration", "soon"}}));
  EXPECT_NE(bad.status().message().find("delta.deletedFileRetentionDuration"), std::string::npos);
}

}  // namespace
}  // namespace sluice::delta

namespace sluice::delta {
namespace {

TEST(TableConfigMore, LogRetentionAndTargetFileSize) {
  Metadata m;
  EXPECT_EQ(*LogRetentionMs(m), 30LL * 24 * 3600 * 1000);
  EXPECT_EQ(*TargetFileSize(m, 5), 5);
  m.configuration = {{"delta.logRetentionDuration", "interval 2 days"}, {"delta.targetFileSize", "64mb"}};
  EXPECT_EQ(*LogRetentionMs(m), 2LL * 24 * 3600 * 1000);
  EXPECT_EQ(*TargetFileSize(m, 5), 64LL << 20);
  m.configuration = {{"delta.targetFileSize", "1048576"}, {"delta.logRetentionDuration", "soon"}};
  EXPECT_EQ(*TargetFileSize(m, 5), 1048576);
  EXPECT_NE(LogRetentionMs(m).status().message().find("delta.logRetentionDuration"), std::string::npos);
  m.configuration = {{"delta.targetFileSize", "-3mb"}};
  EXPECT_EQ(TargetFileSize(m, 5).status().code(), StatusCode::kInvalid);
}

}  // namespace
}  // namespace sluice::delta
