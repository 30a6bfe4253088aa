#include "sluice/delta/table_properties.h"

#include <gtest/gtest.h>

namespace sluice::delta {
namespace {

TEST(TableProperties, ParsesIntervals) {
  EXPECT_EQ(*ParseIntervalMs("interval 1 week"), 7LL * 24 * 3600 * 1000);
  EXPECT_EQ(*ParseIntervalMs("INTERVAL 30 DAYS"), 30LL * 24 * 3600 * 1000);
  EXPECT_EQ(*ParseIntervalMs("7 days"), 7LL * 24 * 3600 * 1000);
  EXPECT_EQ(*ParseIntervalMs("interval 2 hours 30 minutes"), 9000LL * 1000);
  EXPECT_EQ(*ParseIntervalMs("interval 0 seconds"), 0);
  EXPECT_EQ(*ParseIntervalMs("interval 1500 microseconds"), 1);
  for (const char* bad : {"", "interval", "1 fortnight", "interval -1 days", "interval x days", "days 1"}) {
    EXPECT_EQ(ParseIntervalMs(bad).status().code(), StatusCode::kInvalid) << bad;
  }
}

TEST(TableProperties, DefaultsAndOverrides) {
  Metadata m;
  EXPECT_EQ(*DeletedFileRetentionMs(m), 7LL * 24 * 3600 * 1000);
  EXPECT_EQ(*LogRetentionMs(m), 30LL * 24 * 3600 * 1000);
  EXPECT_EQ(*CheckpointInterval(m), 10);
  EXPECT_EQ(*TargetFileSize(m, 5), 5);
  m.configuration = {{"delta.deletedFileRetentionDuration", "interval 1 hour"},
                     {"delta.checkpointInterval", "3"},
                     {"delta.targetFileSize", "64mb"}};
  EXPECT_EQ(*DeletedFileRetentionMs(m), 3600LL * 1000);
  EXPECT_EQ(*CheckpointInterval(m), 3);
  EXPECT_EQ(*TargetFileSize(m, 5), 64LL << 20);
  m.configuration.insert_or_assign("delta.checkpointInterval", std::string("0"));
  EXPECT_FALSE(CheckpointInterval(m).ok());
  m.configuration.insert_or_assign("delta.deletedFileRetentionDuration", std::string("soon"));
  auto st = DeletedFileRetentionMs(m).status();
  EXPECT_NE(st.message().find("delta.deletedFileRetentionDuration"), std::string::npos);
}

}  // namespace
}  // namespace sluice::delta
