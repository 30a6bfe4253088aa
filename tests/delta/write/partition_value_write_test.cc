#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "delta/write/write_test_util.h"
#include "sluice/delta/read/partition_values.h"
#include "sluice/delta/write/data_writer.h"

namespace sluice::delta {
namespace {

using namespace sluice::columnar;  // NOLINT
using testing::Bools;
using testing::Decimals;
using testing::Numbers;
using testing::Strings;
using testing::StructOf;

std::optional<std::string> Serialize(const ArrayPtr& a, int64_t row) {
  auto r = SerializePartitionValue(*a, row);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::nullopt;
}

// Serializes every row, checks that sluice's partition value parser gives the
// value back, and returns the texts.
std::vector<std::optional<std::string>> SerializeAll(const ArrayPtr& a) {
  std::vector<std::optional<std::string>> out;
  for (int64_t i = 0; i < a->length; ++i) {
    out.push_back(Serialize(a, i));
    auto parsed = ParsePartitionValue(*a->type, out.back());
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    if (!parsed.ok()) continue;
    auto back = columnar::MakeConstantArray(a->type, *parsed, 1);
    EXPECT_TRUE(back.ok()) << back.status().ToString();
    if (back.ok()) {
      EXPECT_TRUE(ArraysEqual(**back, *a->Slice(i, 1))) << "row " << i << ": " << out.back().value_or("null");
    }
  }
  return out;
}

using Texts = std::vector<std::optional<std::string>>;

TEST(SerializePartitionValue, Integers) {
  EXPECT_EQ(SerializeAll(Numbers<int8_t>(Int8(), {-128, 0, 127, std::nullopt})), (Texts{"-128", "0", "127", {}}));
  EXPECT_EQ(SerializeAll(Numbers<int16_t>(Int16(), {-300, 32767})), (Texts{"-300", "32767"}));
  EXPECT_EQ(SerializeAll(Numbers<int32_t>(Int32(), {INT32_MIN, 42})), (Texts{"-2147483648", "42"}));
  EXPECT_EQ(SerializeAll(Numbers<int64_t>(Int64(), {INT64_MIN, INT64_MAX, std::nullopt})),
            (Texts{"-9223372036854775808", "9223372036854775807", {}}));
}

TEST(SerializePartitionValue, BooleansAndFloats) {
  EXPECT_EQ(SerializeAll(Bools({true, false, std::nullopt})), (Texts{"true", "false", {}}));
  EXPECT_EQ(SerializeAll(Numbers<double>(Float64(), {1.0, 0.1, -2.5, 1e20, -0.0, std::nullopt})),
            (Texts{"1.0", "0.1", "-2.5", "1.0e+20", "-0.0", {}}));
  EXPECT_EQ(SerializeAll(Numbers<float>(Float32(), {0.1f, 3.0f})), (Texts{"0.1", "3.0"}));
  // Non-finite values: Java's spelling, which Spark, delta-rs and our parser accept.
  auto special = Numbers<double>(Float64(), {std::numeric_limits<double>::quiet_NaN(), INFINITY, -INFINITY});
  EXPECT_EQ(Serialize(special, 0), "NaN");
  EXPECT_EQ(Serialize(special, 1), "Infinity");
  EXPECT_EQ(Serialize(special, 2), "-Infinity");
  EXPECT_TRUE(std::isnan(std::get<double>(*ParsePartitionValue(*Float64(), "NaN"))));
  EXPECT_EQ(std::get<double>(*ParsePartitionValue(*Float64(), "-Infinity")), -INFINITY);
}

TEST(SerializePartitionValue, DatesAndTimestamps) {
  EXPECT_EQ(SerializeAll(Numbers<int32_t>(Date32(), {19723, -1, 0, -719528, 2932896, std::nullopt})),
            (Texts{"2024-01-01", "1969-12-31", "1970-01-01", "0000-01-01", "9999-12-31", {}}));
  const int64_t ts = 1704103200123456;  // 2024-01-01 10:00:00.123456 UTC
  EXPECT_EQ(SerializeAll(Numbers<int64_t>(Timestamp(TimeUnit::kMicro, true), {ts, -1, 0, std::nullopt})),
            (Texts{"2024-01-01 10:00:00.123456", "1969-12-31 23:59:59.999999", "1970-01-01 00:00:00.000000", {}}));
  // timestamp_ntz: the wall time, same text.
  EXPECT_EQ(SerializeAll(Numbers<int64_t>(Timestamp(TimeUnit::kMicro, false), {ts})),
            (Texts{"2024-01-01 10:00:00.123456"}));
  EXPECT_EQ(Serialize(Numbers<int64_t>(Timestamp(TimeUnit::kMilli, true), {1704103200123}), 0),
            "2024-01-01 10:00:00.123000");
  EXPECT_EQ(Serialize(Numbers<int64_t>(Timestamp(TimeUnit::kSecond, true), {1704103200}), 0),
            "2024-01-01 10:00:00.000000");
  EXPECT_EQ(Serialize(Numbers<int64_t>(Timestamp(TimeUnit::kNano, true), {1704103200123456789}), 0),
            "2024-01-01 10:00:00.123456789");
}

TEST(SerializePartitionValue, Decimals) {
  EXPECT_EQ(SerializeAll(Decimals(10, 3, {-12340, 5, 0, 1000, std::nullopt})),
            (Texts{"-12.340", "0.005", "0.000", "1.000", {}}));
  EXPECT_EQ(SerializeAll(Decimals(5, 0, {-42, 0})), (Texts{"-42", "0"}));
  __int128 max38 = 0;
  for (int i = 0; i < 38; ++i) max38 = max38 * 10 + 9;
  EXPECT_EQ(Serialize(Decimals(38, 2, {-max38}), 0), "-999999999999999999999999999999999999.99");
}

TEST(SerializePartitionValue, StringsAndBinaryAsIs) {
  const Texts values = {"a/b", "x=y", "sp ace", "100%", "", "\xC3\xA9t\xC3\xA9", std::nullopt};
  auto strings = Strings(values);
  for (int64_t i = 0; i < strings->length; ++i) EXPECT_EQ(Serialize(strings, i), values[i]);
  auto binary = Strings({std::string("\0\xff", 2)}, Binary());
  EXPECT_EQ(Serialize(binary, 0), std::string("\0\xff", 2));
}

TEST(SerializePartitionValue, RefusesNestedAndBadRows) {
  auto s = StructOf({MakeField("x", Int32())}, {Numbers<int32_t>(Int32(), {1})}, {true});
  EXPECT_EQ(SerializePartitionValue(*s, 0).status().code(), StatusCode::kNotSupported);
  auto ints = Numbers<int32_t>(Int32(), {1});
  EXPECT_EQ(SerializePartitionValue(*ints, 1).status().code(), StatusCode::kInvalid);
  // A slice: rows count from the slice's offset.
  auto sliced = Numbers<int32_t>(Int32(), {1, 2, 3})->Slice(1, 2);
  EXPECT_EQ(Serialize(sliced, 1), "3");
}

}  // namespace
}  // namespace sluice::delta
