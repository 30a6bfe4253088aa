#include "sluice/formats/value_parsers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "sluice/columnar/builder.h"

namespace sluice::formats {
namespace {

using columnar::TimeUnit;

TEST(ValueParsersTest, Integers) {
  int64_t v = 0;
  EXPECT_TRUE(ParseInteger<int64_t>("0", &v));
  EXPECT_EQ(v, 0);
  EXPECT_TRUE(ParseInteger<int64_t>("-9223372036854775808", &v));
  EXPECT_EQ(v, std::numeric_limits<int64_t>::min());
  EXPECT_TRUE(ParseInteger<int64_t>("+42", &v));
  EXPECT_EQ(v, 42);
  EXPECT_TRUE(ParseInteger<int64_t>("007", &v));
  EXPECT_EQ(v, 7);
  for (const char* bad : {"", "+", "-", "+-1", "--1", "1.0", " 1", "1 ", "1e3", "0x10", "9223372036854775808", "abc"}) {
    EXPECT_FALSE(ParseInteger<int64_t>(bad, &v)) << bad;
  }
  int8_t i8 = 0;
  EXPECT_TRUE(ParseInteger<int8_t>("-128", &i8));
  EXPECT_EQ(i8, -128);
  EXPECT_FALSE(ParseInteger<int8_t>("128", &i8));
  uint64_t u = 0;
  EXPECT_TRUE(ParseInteger<uint64_t>("18446744073709551615", &u));
  EXPECT_EQ(u, std::numeric_limits<uint64_t>::max());
  EXPECT_FALSE(ParseInteger<uint64_t>("-1", &u));
  EXPECT_FALSE(ParseInteger<uint64_t>("18446744073709551616", &u));
}

TEST(ValueParsersTest, Floats) {
  double d = 0;
  EXPECT_TRUE(ParseFloat64("1.5", &d));
  EXPECT_EQ(d, 1.5);
  EXPECT_TRUE(ParseFloat64("+2.5e-3", &d));
  EXPECT_EQ(d, 2.5e-3);
  EXPECT_TRUE(ParseFloat64("-.5", &d));
  EXPECT_EQ(d, -0.5);
  EXPECT_TRUE(ParseFloat64("5.", &d));
  EXPECT_EQ(d, 5.0);
  EXPECT_TRUE(ParseFloat64("1E10", &d));
  EXPECT_EQ(d, 1e10);
  EXPECT_TRUE(ParseFloat64("0.1", &d));
  EXPECT_EQ(d, 0.1);  // correctly rounded
  EXPECT_TRUE(ParseFloat64("NaN", &d));
  EXPECT_TRUE(std::isnan(d));
  EXPECT_TRUE(ParseFloat64("-inf", &d));
  EXPECT_EQ(d, -std::numeric_limits<double>::infinity());
  for (const char* bad : {"", ".", "e5", "1e", "1.5x", " 1", "+-1", "1e400", "0x1p3", "1,5"}) {
    EXPECT_FALSE(ParseFloat64(bad, &d)) << bad;
  }
  float f = 0;
  EXPECT_TRUE(ParseFloat32("3.25", &f));
  EXPECT_EQ(f, 3.25f);
  EXPECT_FALSE(ParseFloat32("1e39", &f));
}

TEST(ValueParsersTest, FastFloatPathMatchesFromChars) {
  // ParseFloat64 takes a shortcut for short decimals; it must give the same
  // bits as the correctly rounded general parser.
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200000; ++i) {
    const int digits = 1 + static_cast<int>(rng() % 17);
    std::string text = rng() % 2 ? "-" : "";
    const int dot = static_cast<int>(rng() % (digits + 1));
    for (int d = 0; d < digits; ++d) {
      if (d == dot) text += '.';
      text += static_cast<char>('0' + rng() % 10);
    }
    double fast = 0, slow = 0;
    ASSERT_TRUE(ParseFloat64(text, &fast)) << text;
    ASSERT_TRUE(ParseFloat64Slow(text, &slow)) << text;
    ASSERT_EQ(std::memcmp(&fast, &slow, sizeof(double)), 0) << text << " " << fast << " " << slow;
  }
}

TEST(ValueParsersTest, Bools) {
  bool b = false;
  for (const char* t : {"true", "True", "TRUE", "1"}) {
    EXPECT_TRUE(ParseBool(t, &b) && b) << t;
  }
  for (const char* f : {"false", "False", "FALSE", "0"}) {
    EXPECT_TRUE(ParseBool(f, &b) && !b) << f;
  }
  for (const char* bad : {"", "t", "yes", "tRUE", "2", "true "}) {
    EXPECT_FALSE(ParseBool(bad, &b)) << bad;
  }
}

// Days since the epoch counted one by one, independent of DaysFromCivil.
int64_t CountDays(int year, int month, int day) {
  auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
  auto month_days = [&](int y, int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[m - 1];
  };
  int64_t days = 0;
  for (int y = 1970; y < year; ++y) days += leap(y) ? 366 : 365;
  for (int y = year; y < 1970; ++y) days -= leap(y) ? 366 : 365;
  for (int m = 1; m < month; ++m) days += month_days(year, m);
  return days + day - 1;
}

TEST(ValueParsersTest, DatesMatchDayCounting) {
  for (int y : {1, 1600, 1899, 1900, 1969, 1970, 1972, 2000, 2023, 2024, 2100, 9999}) {
    for (int m : {1, 2, 3, 12}) {
      for (int d : {1, 28}) {
        const std::string text = fmt::format("{:04}-{:02}-{:02}", y, m, d);
        int32_t days = 0;
        ASSERT_TRUE(ParseDate32(text, &days)) << text;
        EXPECT_EQ(days, CountDays(y, m, d)) << text;
      }
    }
  }
  int32_t days = 0;
  EXPECT_TRUE(ParseDate32("2024-02-29", &days));
  EXPECT_EQ(days, CountDays(2024, 2, 29));
  for (const char* bad : {"2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00",
                          "2024-1-01", "24-01-01", "2024/01/01", "2024-01-01T00:00", "2024-01-0a", ""}) {
    EXPECT_FALSE(ParseDate32(bad, &days)) << bad;
  }
}

TEST(ValueParsersTest, Timestamps) {
  const int64_t kDay = 86400;
  const int64_t base = CountDays(2024, 3, 10) * kDay;
  int64_t v = 0;
  bool zone = true;
  ASSERT_TRUE(ParseTimestamp("2024-03-10T12:34:56", TimeUnit::kMicro, &v, &zone));
  EXPECT_FALSE(zone);
  EXPECT_EQ(v, (base + 12 * 3600 + 34 * 60 + 56) * 1000000);
  ASSERT_TRUE(ParseTimestamp("2024-03-10 12:34:56.123456Z", TimeUnit::kMicro, &v, &zone));
  EXPECT_TRUE(zone);
  EXPECT_EQ(v, (base + 12 * 3600 + 34 * 60 + 56) * 1000000 + 123456);
  // Offsets are subtracted to get UTC, in every spelling.
  for (const char* text : {"2024-03-10T14:34:56+02:00", "2024-03-10T14:34:56+0200", "2024-03-10T14:34:56+02",
                           "2024-03-10T10:04:56-02:30", "2024-03-10t12:34:56z"}) {
    ASSERT_TRUE(ParseTimestamp(text, TimeUnit::kSecond, &v, &zone)) << text;
    EXPECT_TRUE(zone);
    EXPECT_EQ(v, base + 12 * 3600 + 34 * 60 + 56) << text;
  }
  ASSERT_TRUE(ParseTimestamp("2024-03-10T12:34", TimeUnit::kMilli, &v, &zone));
  EXPECT_EQ(v, (base + 12 * 3600 + 34 * 60) * 1000);
  ASSERT_TRUE(ParseTimestamp("2024-03-10", TimeUnit::kMicro, &v, &zone));
  EXPECT_EQ(v, base * 1000000);
  ASSERT_TRUE(ParseTimestamp("1969-12-31T23:59:59.5", TimeUnit::kMilli, &v, &zone));
  EXPECT_EQ(v, -500);
  ASSERT_TRUE(ParseTimestamp("2024-03-10T00:00:00.123456789", TimeUnit::kNano, &v, &zone));
  EXPECT_EQ(v, base * 1000000000 + 123456789);
  // Trailing zeros beyond the unit are fine; other digits would be lost.
  ASSERT_TRUE(ParseTimestamp("2024-03-10T00:00:00.123000000", TimeUnit::kMilli, &v, &zone));
  EXPECT_EQ(v, base * 1000 + 123);
  EXPECT_FALSE(ParseTimestamp("2024-03-10T00:00:00.1234567", TimeUnit::kMicro, &v, &zone));
  // Nanoseconds since the epoch overflow int64 after 2262.
  EXPECT_FALSE(ParseTimestamp("2300-01-01T00:00:00", TimeUnit::kNano, &v, &zone));
  EXPECT_TRUE(ParseTimestamp("2300-01-01T00:00:00", TimeUnit::kMicro, &v, &zone));
  for (const char* bad : {"2024-03-10T", "2024-03-10T24:00:00", "2024-03-10T12:60", "2024-03-10T12:34:61",
                          "2024-03-10T12:34:56.", "2024-03-10T12:34:56+2", "2024-03-10T12:34:56+24:00",
                          "2024-03-10X12:34", "2024-03-10T12:34:56Z ", "2024-02-30T00:00", "2024-03-10Z"}) {
    EXPECT_FALSE(ParseTimestamp(bad, TimeUnit::kMicro, &v, &zone)) << bad;
  }
}

TEST(ValueParsersTest, TimesOfDay) {
  int64_t v = 0;
  ASSERT_TRUE(ParseTimeOfDay("01:02:03.5", TimeUnit::kMilli, &v));
  EXPECT_EQ(v, 3723500);
  ASSERT_TRUE(ParseTimeOfDay("23:59", TimeUnit::kSecond, &v));
  EXPECT_EQ(v, 86340);
  EXPECT_FALSE(ParseTimeOfDay("24:00", TimeUnit::kSecond, &v));
  EXPECT_FALSE(ParseTimeOfDay("01:02:03.5", TimeUnit::kSecond, &v));
}

std::string DecimalText(__int128 v) {
  const bool neg = v < 0;
  unsigned __int128 u = neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string s;
  do {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u != 0);
  return neg ? "-" + s : s;
}

TEST(ValueParsersTest, Decimals) {
  __int128 v = 0;
  struct Case {
    const char* text;
    int precision, scale;
    const char* unscaled;  // nullptr: rejected
  };
  const Case cases[] = {
      {"12.34", 5, 2, "1234"},
      {"-12.3", 5, 2, "-1230"},
      {"+7", 5, 2, "700"},
      {".5", 3, 1, "5"},
      {"5.", 3, 1, "50"},
      {"1.5e2", 5, 0, "150"},
      {"1500E-3", 5, 1, "15"},
      {"0.000", 1, 0, "0"},
      {"12.340", 5, 2, "1234"},   // trailing zero beyond the scale
      {"12.345", 5, 2, nullptr},  // would round
      {"1234.5", 5, 2, nullptr},  // needs precision 6
      {"999.99", 5, 2, "99999"},  // exactly fits
      {"-0", 5, 2, "0"},          //
      {"00012.5", 4, 1, "125"},   // leading zeros do not count
      {"12.5", 4, -1, nullptr},   // scale -1: 1.25 tens
      {"120", 4, -1, "12"},       //
      {"1e40", 38, 0, nullptr},   //
      {"99999999999999999999999999999999999999", 38, 0, "99999999999999999999999999999999999999"},
      {"", 5, 2, nullptr},
      {"-", 5, 2, nullptr},
      {"1.2.3", 5, 2, nullptr},
      {"1e", 5, 2, nullptr},
      {"abc", 5, 2, nullptr},
  };
  for (const Case& c : cases) {
    const bool ok = ParseDecimal128(c.text, c.precision, c.scale, &v);
    if (c.unscaled == nullptr) {
      EXPECT_FALSE(ok) << c.text;
    } else {
      ASSERT_TRUE(ok) << c.text;
      EXPECT_EQ(DecimalText(v), c.unscaled) << c.text;
    }
  }
}

TEST(ValueParsersTest, AppendParsedEveryType) {
  struct Case {
    columnar::DataTypePtr type;
    const char* good;
    const char* bad;
  };
  const Case cases[] = {
      {columnar::Int16(), "-300", "40000"},
      {columnar::UInt32(), "4000000000", "-1"},
      {columnar::Float32(), "1.5", "x"},
      {columnar::Bool(), "TRUE", "yes"},
      {columnar::Date32(), "2024-01-31", "2024-01-32"},
      {columnar::Timestamp(TimeUnit::kMicro, true), "2024-01-31T10:00:00+01:00", "2024-01-31T10"},
      {columnar::Timestamp(TimeUnit::kMicro, false), "2024-01-31T10:00:00", "2024-01-31T10:00:00Z"},
      {columnar::Time64(TimeUnit::kMicro), "10:00:00.000001", "10:00:00.0000001"},
      {columnar::Decimal128(10, 3), "-1.5", "1.0005"},
      {columnar::FixedSizeBinary(3), "abc", "abcd"},
  };
  for (const Case& c : cases) {
    auto b = columnar::MakeBuilder(c.type);
    ASSERT_TRUE(b.ok());
    EXPECT_TRUE(AppendParsed(*c.type, b->get(), c.good).ok()) << c.type->ToString();
    Status st = AppendParsed(*c.type, b->get(), c.bad);
    EXPECT_EQ(st.code(), StatusCode::kInvalid) << c.type->ToString();
    EXPECT_EQ(st.message(), fmt::format("cannot read '{}' as {}", c.bad, c.type->ToString()));
    EXPECT_EQ((*b)->length(), 1) << "a failed append adds nothing";
  }
  // Binary and string keep the text as is.
  columnar::BinaryBuilder bin(columnar::Binary());
  ASSERT_TRUE(AppendParsed(*columnar::Binary(), &bin, std::string_view("a\0b", 3)).ok());
  auto arr = bin.Finish();
  ASSERT_TRUE(arr.ok());
  EXPECT_EQ((*arr)->StringValue(0), std::string_view("a\0b", 3));
}

}  // namespace
}  // namespace sluice::formats
