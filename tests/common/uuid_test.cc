#include "sluice/common/uuid.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

namespace sluice {
namespace {

TEST(UuidTest, RandomUuidIsVersion4) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    std::string id = RandomUuid();
    EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
        << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 1000u);
}

}  // namespace
}  // namespace sluice
