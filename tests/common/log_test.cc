#include "sluice/common/log.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sluice::log {
namespace {

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    saved_ = Threshold();
    SetSink([this](Level level, std::string_view line) {
      lines_.emplace_back(std::string(LevelName(level)) + "|" + std::string(line));
    });
  }
  void TearDown() override {
    SetSink(nullptr);
    SetThreshold(saved_);
  }
  Level saved_ = Level::kWarning;
  std::vector<std::string> lines_;
};

TEST_F(LogTest, ThresholdDropsLowerLevels) {
  SetThreshold(Level::kWarning);
  Info("not shown {}", 1);
  Warning("table {}: checkpoint at version {} failed", "t", 7);
  Error("boom");
  ASSERT_EQ(lines_.size(), 2u);
  EXPECT_EQ(lines_[0], "warning|sluice: warning: table t: checkpoint at version 7 failed\n");
  EXPECT_EQ(lines_[1], "error|sluice: error: boom\n");
  SetThreshold(Level::kOff);
  Error("silenced");
  EXPECT_EQ(lines_.size(), 2u);
  SetThreshold(Level::kDebug);
  Log(Level::kDebug, "d");
  EXPECT_EQ(lines_.back(), "debug|sluice: debug: d\n");
}

}  // namespace
}  // namespace sluice::log
