#include "sluice/common/civil_time.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned DaysIn(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Walks the calendar day by day from 1600-01-01 to 2400-12-31: both
// directions agree with a count that knows nothing of the closed forms.
TEST(CivilTimeTest, MatchesADayByDayWalk) {
  int64_t days = DaysFromCivil(1600, 1, 1);
  // 1600-01-01 is 135140 days before the epoch (370 years, 90 leap days).
  ASSERT_EQ(days, -(370 * 365 + 90));
  for (int64_t y = 1600; y <= 2400; ++y) {
    for (unsigned m = 1; m <= 12; ++m) {
      for (unsigned d = 1; d <= DaysIn(y, m); ++d, ++days) {
        ASSERT_EQ(DaysFromCivil(y, m, d), days) << y << "-" << m << "-" << d;
        const CivilDate c = CivilFromDays(days);
        ASSERT_EQ(c.year, y);
        ASSERT_EQ(c.month, m);
        ASSERT_EQ(c.day, d);
      }
    }
  }
}

TEST(CivilTimeTest, FarDatesRoundTrip) {
  for (int64_t days : {-719468LL * 10, -1LL, 0LL, 2932896LL, 106751991LL * 10}) {
    const CivilDate c = CivilFromDays(days);
    EXPECT_EQ(DaysFromCivil(c.year, c.month, c.day), days);
  }
}

}  // namespace
}  // namespace sluice
