#include "sluice/columnar/value_parse.h"

#include <gtest/gtest.h>

namespace sluice::columnar {
namespace {

int64_t Ts(std::string_view text, TimestampTextOptions o = {}, TimeUnit unit = TimeUnit::kMicro) {
  int64_t v = 0;
  bool zone = false;
  EXPECT_TRUE(ParseTimestamp(text, unit, &v, &zone, o)) << text;
  return v;
}

TEST(ValueParseTest, DatesWithSignedAndLongYears) {
  int32_t d = 0;
  ASSERT_TRUE(ParseDate32("1970-01-02", &d));
  EXPECT_EQ(d, 1);
  ASSERT_TRUE(ParseDate32("+10000-01-01", &d));  // Spark's form for years past 9999
  EXPECT_EQ(d, 2932897);
  ASSERT_TRUE(ParseDate32("-0001-12-31", &d));
  EXPECT_EQ(d, -719163 - 366);  // 0000-12-31 is -719163; year 0 is a leap year
  for (const char* bad : {"2024-02-30", "2023-02-29", "999-01-01", "1234567-01-01", "2024-1-01", "2024-01-01x", "",
                          "+-2024-01-01", "33333333333333333333333333333333333333333-01-01"}) {
    EXPECT_FALSE(ParseDate32(bad, &d)) << bad;
  }
}

TEST(ValueParseTest, TimestampOptions) {
  int64_t v = 0;
  bool zone = false;
  // Strict by default: digits finer than the unit must be zeros.
  EXPECT_FALSE(ParseTimestamp("1970-01-01 00:00:00.123456789", TimeUnit::kMicro, &v, &zone));
  EXPECT_EQ(Ts("1970-01-01 00:00:00.123456000"), 123456);
  TimestampTextOptions lenient;
  lenient.drop_extra_fraction = true;
  EXPECT_EQ(Ts("1970-01-01 00:00:00.123456789", lenient), 123456);
  // A zone shifts to UTC unless the wall time is asked for.
  EXPECT_EQ(Ts("1970-01-01T02:00:00+02:00"), 0);
  TimestampTextOptions wall;
  wall.apply_zone = false;
  EXPECT_EQ(Ts("1970-01-01T02:00:00+02:00", wall), int64_t{7200} * 1000000);
  EXPECT_EQ(Ts("+10000-01-01 00:00:00", {}, TimeUnit::kSecond), int64_t{2932897} * 86400);
}

}  // namespace
}  // namespace sluice::columnar
