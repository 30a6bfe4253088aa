#include "sluice/columnar/value_text.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <random>

namespace sluice::columnar {
namespace {

std::string Date(int64_t days) {
  std::string s;
  AppendDateText(days, &s);
  return s;
}

TEST(ValueText, DatesOverTheWholeRange) {
  EXPECT_EQ(Date(0), "1970-01-01");
  EXPECT_EQ(Date(-1), "1969-12-31");
  EXPECT_EQ(Date(19723), "2024-01-01");
  EXPECT_EQ(Date(11016), "2000-02-29");
  EXPECT_EQ(Date(-719528), "0000-01-01");
  EXPECT_EQ(Date(-719529), "-0001-12-31");
  EXPECT_EQ(Date(2932897), "10000-01-01");
  // Beyond std::chrono's +-32767 years: still exact (date32 reaches +-5.8M years).
  EXPECT_EQ(Date(INT32_MAX), "5881580-07-11");
  EXPECT_EQ(Date(INT32_MIN), "-5877641-06-23");
}

TEST(ValueText, DateTimes) {
  std::string s;
  AppendDateTimeText(1704103200123456, 1000000, ' ', &s);
  EXPECT_EQ(s, "2024-01-01 10:00:00.123456");
  s.clear();
  AppendDateTimeText(-1, 1000, 'T', &s);
  EXPECT_EQ(s, "1969-12-31T23:59:59.999");
  s.clear();
  AppendDateTimeText(86399, 1, 'T', &s);
  EXPECT_EQ(s, "1970-01-01T23:59:59");
  s.clear();
  AppendDateTimeText(1, 1000000000, ' ', &s);
  EXPECT_EQ(s, "1970-01-01 00:00:00.000000001");
}

TEST(ValueText, FloatsParseBackExactly) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, 8);
    if (!std::isfinite(d)) continue;
    std::string s;
    AppendFloatText(d, &s);
    double back = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), back);
    ASSERT_EQ(ec, std::errc()) << s;
    EXPECT_EQ(p, s.data() + s.size()) << s;
    EXPECT_EQ(std::memcmp(&back, &d, 8), 0) << s;
    EXPECT_NE(s.find('.'), std::string::npos) << s;
  }
  std::string s;
  AppendFloatText(-0.0, &s);
  EXPECT_EQ(s, "-0.0");
  s.clear();
  AppendFloatText(0.1f, &s);
  EXPECT_EQ(s, "0.1");
  s.clear();
  AppendFloatText(1e21, &s);
  EXPECT_EQ(s, "1.0e+21");
}

TEST(ValueText, Decimals) {
  std::string s;
  AppendDecimalText(-12340, 3, &s);
  EXPECT_EQ(s, "-12.340");
  s.clear();
  AppendDecimalText(5, 4, &s);
  EXPECT_EQ(s, "0.0005");
  s.clear();
  AppendDecimalText(-5, 0, &s);
  EXPECT_EQ(s, "-5");
  s.clear();
  AppendDecimalText(12, -2, &s);
  EXPECT_EQ(s, "1200");
  s.clear();
  const __int128 min = static_cast<__int128>(static_cast<unsigned __int128>(1) << 127);
  AppendDecimalText(min, 0, &s);
  EXPECT_EQ(s, "-170141183460469231731687303715884105728");
}

TEST(ValueText, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii text longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // cut
  EXPECT_FALSE(IsValidUtf8("abcdefgh\xC3("));     // bad continuation after the fast path
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

}  // namespace
}  // namespace sluice::columnar
