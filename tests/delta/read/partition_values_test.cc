#include "sluice/delta/read/partition_values.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sluice::delta {
namespace {

using namespace sluice::columnar;  // NOLINT

Scalar Parse(const DataTypePtr& type, std::optional<std::string> text) {
  auto r = ParsePartitionValue(*type, text);
  EXPECT_TRUE(r.ok()) << (text ? *text : "null") << ": " << r.status().ToString();
  return r.ok() ? *r : Scalar{};
}

int64_t I(const Scalar& v) { return std::get<int64_t>(v); }

TEST(PartitionValues, NullForms) {
  for (const auto& t : {Int32(), String(), Date32(), Timestamp(TimeUnit::kMicro, true), Decimal128(10, 2)}) {
    EXPECT_TRUE(std::holds_alternative<std::monostate>(Parse(t, std::nullopt)));
    EXPECT_TRUE(std::holds_alternative<std::monostate>(Parse(t, "")));
  }
}

TEST(PartitionValues, Numbers) {
  EXPECT_EQ(I(Parse(Int64(), "-9223372036854775808")), INT64_MIN);
  EXPECT_EQ(I(Parse(Int8(), "-128")), -128);
  EXPECT_FALSE(ParsePartitionValue(*Int8(), std::string("128")).ok());
  EXPECT_FALSE(ParsePartitionValue(*Int32(), std::string("12a")).ok());
  EXPECT_FALSE(ParsePartitionValue(*Int32(), std::string("1.5")).ok());
  EXPECT_EQ(std::get<double>(Parse(Float64(), "1.5")), 1.5);
  EXPECT_EQ(std::get<double>(Parse(Float64(), "-1e300")), -1e300);
  EXPECT_TRUE(std::isnan(std::get<double>(Parse(Float64(), "NaN"))));
  EXPECT_TRUE(std::isinf(std::get<double>(Parse(Float32(), "Infinity"))));
  EXPECT_EQ(std::get<bool>(Parse(Bool(), "true")), true);
  EXPECT_EQ(std::get<bool>(Parse(Bool(), "false")), false);
  EXPECT_FALSE(ParsePartitionValue(*Bool(), std::string("yes")).ok());
}

TEST(PartitionValues, Dates) {
  EXPECT_EQ(I(Parse(Date32(), "1970-01-01")), 0);
  EXPECT_EQ(I(Parse(Date32(), "2000-03-01")), 11017);
  EXPECT_EQ(I(Parse(Date32(), "1969-12-31")), -1);
  EXPECT_EQ(I(Parse(Date32(), "0001-01-01")), -719162);
  EXPECT_FALSE(ParsePartitionValue(*Date32(), std::string("2020-13-01")).ok());
  EXPECT_FALSE(ParsePartitionValue(*Date32(), std::string("2020/01/01")).ok());
}

TEST(PartitionValues, Timestamps) {
  const auto utc = Timestamp(TimeUnit::kMicro, true);
  const auto ntz = Timestamp(TimeUnit::kMicro, false);
  EXPECT_EQ(I(Parse(utc, "1970-01-01 00:00:00")), 0);
  EXPECT_EQ(I(Parse(utc, "1970-01-01 00:00:00.123456")), 123456);
  EXPECT_EQ(I(Parse(utc, "1970-01-01 00:00:01.5")), 1500000);
  EXPECT_EQ(I(Parse(utc, "1970-01-01T00:00:00.123456Z")), 123456);
  EXPECT_EQ(I(Parse(utc, "2021-06-30T12:00:00+02:00")), I(Parse(utc, "2021-06-30 10:00:00")));
  EXPECT_EQ(I(Parse(utc, "1969-12-31 23:59:59.999999")), -1);
  // timestamp_ntz keeps the wall time.
  EXPECT_EQ(I(Parse(ntz, "2021-06-30 10:00:00")), I(Parse(utc, "2021-06-30 10:00:00")));
  EXPECT_EQ(I(Parse(ntz, "2021-06-30T12:00:00+02:00")), I(Parse(utc, "2021-06-30 12:00:00")));
  // Nanosecond digits beyond micros are dropped.
  EXPECT_EQ(I(Parse(utc, "1970-01-01 00:00:00.123456789")), 123456);
  EXPECT_FALSE(ParsePartitionValue(*utc, std::string("1970-01-01 25:00:00")).ok());
  EXPECT_FALSE(ParsePartitionValue(*utc, std::string("1970-01-01 00:00:00.")).ok());
  EXPECT_FALSE(ParsePartitionValue(*utc, std::string("1970-01-01 00:00:00 junk")).ok());
}

TEST(PartitionValues, Decimals) {
  const auto d = Decimal128(10, 3);
  EXPECT_EQ(std::get<__int128>(Parse(d, "12.34")), 12340);
  EXPECT_EQ(std::get<__int128>(Parse(d, "-0.001")), -1);
  EXPECT_EQ(std::get<__int128>(Parse(d, "5")), 5000);
  EXPECT_EQ(std::get<__int128>(Parse(d, "1.5E+2")), 150000);
  EXPECT_EQ(std::get<__int128>(Parse(d, "1.2000")), 1200);            // trailing zeros past the scale
  EXPECT_FALSE(ParsePartitionValue(*d, std::string("1.2345")).ok());  // would lose a digit
  const auto big = Decimal128(38, 0);
  EXPECT_TRUE(ParsePartitionValue(*big, std::string(38, '9')).ok());
  EXPECT_FALSE(ParsePartitionValue(*big, std::string(39, '9')).ok());
}

TEST(PartitionValues, StringsAndBinaryAsIs) {
  EXPECT_EQ(std::get<std::string>(Parse(String(), "a b=c/%20")), "a b=c/%20");
  EXPECT_EQ(std::get<std::string>(Parse(Binary(), std::string("\x01\x02", 2))), std::string("\x01\x02", 2));
}

TEST(CoerceLiteral, ConvertsToColumnType) {
  EXPECT_EQ(I(*columnar::CastScalar(*Int32(), Scalar{int64_t{5}})), 5);
  EXPECT_EQ(std::get<double>(*columnar::CastScalar(*Float64(), Scalar{int64_t{5}})), 5.0);
  EXPECT_EQ(std::get<__int128>(*columnar::CastScalar(*Decimal128(5, 2), Scalar{int64_t{5}})), 500);
  EXPECT_EQ(std::get<__int128>(*columnar::CastScalar(*Decimal128(5, 2), Scalar{1.25})), 125);
  EXPECT_EQ(I(*columnar::CastScalar(*Date32(), Scalar{std::string("1970-01-02")})), 1);
  EXPECT_EQ(I(*columnar::CastScalar(*Int64(), Scalar{std::string("42")})), 42);
  EXPECT_FALSE(columnar::CastScalar(*Date32(), Scalar{int64_t{5}}).ok());
  EXPECT_FALSE(columnar::CastScalar(*Int32(), Scalar{true}).ok());
  EXPECT_TRUE(std::holds_alternative<std::monostate>(*columnar::CastScalar(*Int32(), Scalar{})));
}

TEST(CompareValues, OrdersLikeSql) {
  EXPECT_LT(columnar::CompareScalars(int64_t{-1}, int64_t{1}), 0);
  EXPECT_EQ(columnar::CompareScalars(int64_t{2}, 2.0), 0);
  EXPECT_GT(columnar::CompareScalars(int64_t{3}, 2.5), 0);
  EXPECT_GT(columnar::CompareScalars(std::nan(""), 1e308), 0);  // NaN above everything
  EXPECT_LT(columnar::CompareScalars(std::string("a"), std::string("b")), 0);
  EXPECT_LT(columnar::CompareScalars(std::string("Z"), std::string("\xc3\xa9")), 0);  // byte order = code point order
  EXPECT_LT(columnar::CompareScalars(__int128{-5}, __int128{3}), 0);
}

TEST(MakeConstantArray, RepeatsValues) {
  auto a = columnar::MakeConstantArray(Int16(), int64_t{7}, 3);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->length, 3);
  EXPECT_EQ((*a)->values<int16_t>()[2], 7);
  auto s = columnar::MakeConstantArray(String(), std::string("x"), 2);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->StringValue(1), "x");
  auto n = columnar::MakeConstantArray(Timestamp(TimeUnit::kMicro, true), Scalar{}, 4);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ((*n)->null_count, 4);
  auto d = columnar::MakeConstantArray(Decimal128(5, 2), __int128{-125}, 2);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)->values<__int128>()[1], -125);
  EXPECT_FALSE(columnar::MakeConstantArray(Int32(), std::string("x"), 1).ok());
  auto b = columnar::MakeConstantArray(Bool(), true, 9);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE((*b)->BoolValue(8));
}

}  // namespace
}  // namespace sluice::delta
