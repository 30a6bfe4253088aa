#include "sluice/parquet/encoding/byte_compare.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace sluice::parquet::encoding {
namespace {

int Sign(int x) { return (x > 0) - (x < 0); }

TEST(ByteCompareTest, HandPickedOrder) {
  EXPECT_EQ(BytesCompare("", ""), 0);
  EXPECT_LT(BytesCompare("", "a"), 0);
  EXPECT_GT(BytesCompare("b", "a"), 0);
  EXPECT_LT(BytesCompare("abc", "abcd"), 0);
  // Unsigned bytes: 0x80 sorts after 0x7f.
  EXPECT_GT(BytesCompare("\x80", "\x7f"), 0);
  EXPECT_LT(BytesCompare("category-001", "category-002"), 0);
  EXPECT_GT(BytesCompare("category-100", "category-02"), 0);
  // A difference in the overlapping last word of a 12-byte string.
  EXPECT_LT(BytesCompare("aaaaaaaaaaab", "aaaaaaaaaaac"), 0);
  EXPECT_TRUE(BytesEqual("category-001", "category-001"));
  EXPECT_FALSE(BytesEqual("category-001", "category-002"));
  EXPECT_FALSE(BytesEqual("abc", "abcd"));
  EXPECT_TRUE(BytesEqual("", ""));
}

TEST(ByteCompareTest, MatchesStdStringOnRandomStrings) {
  std::mt19937 rng(11);
  std::vector<std::string> v;
  for (int i = 0; i < 2000; ++i) {
    const int len = static_cast<int>(rng() % 48);
    std::string s(static_cast<size_t>(len), 'x');
    // Few distinct bytes so that long shared prefixes are common.
    for (auto& c : s) c = static_cast<char>("ab\x80\xff"[rng() % 4]);
    v.push_back(s);
  }
  for (size_t i = 0; i + 1 < v.size(); ++i) {
    for (size_t j : {i, i + 1}) {
      const std::string& a = v[i];
      const std::string& b = v[j];
      ASSERT_EQ(Sign(BytesCompare(a, b)), Sign(a.compare(b))) << i << " " << j;
      ASSERT_EQ(BytesEqual(a, b), a == b) << i << " " << j;
      // Equal prefixes of every length.
      const std::string c = a + "a";
      ASSERT_EQ(Sign(BytesCompare(a, c)), -1);
      ASSERT_FALSE(BytesEqual(a, c));
    }
  }
}

}  // namespace
}  // namespace sluice::parquet::encoding
