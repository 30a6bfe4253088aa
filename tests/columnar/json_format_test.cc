#include "sluice/columnar/json_format.h"

#include <gtest/gtest.h>

#include "columnar/test_arrays.h"

namespace sluice::columnar {
namespace {

std::string Json(const Array& a, int64_t i) {
  std::string out;
  AppendJsonValue(a, i, &out);
  return out;
}

template <typename T>
std::string One(const DataTypePtr& type, T v) {
  return Json(*testing::MakeNumeric<T>(type, {v}, {true}), 0);
}

std::string Decimal(__int128 v, int32_t scale) {
  FixedSizeBinaryBuilder b(Decimal128(38, scale));
  b.AppendDecimal(v);
  return Json(*testing::FinishOrDie(&b), 0);
}

std::string Str(std::string_view s) {
  BinaryBuilder b(String());
  EXPECT_TRUE(b.Append(s).ok());
  return Json(*testing::FinishOrDie(&b), 0);
}

TEST(JsonFormatTest, Numbers) {
  EXPECT_EQ(One<int8_t>(Int8(), -128), "-128");
  EXPECT_EQ(One<uint64_t>(UInt64(), ~uint64_t{0}), "18446744073709551615");
  EXPECT_EQ(One<double>(Float64(), 0.1), "0.1");
  EXPECT_EQ(One<double>(Float64(), 1e300), "1e+300");
  EXPECT_EQ(One<float>(Float32(), 0.1f), "0.1");
  EXPECT_EQ(One<double>(Float64(), NAN), "\"NaN\"");
  EXPECT_EQ(One<double>(Float64(), -INFINITY), "\"-Infinity\"");
  EXPECT_EQ(One<float>(Float32(), INFINITY), "\"Infinity\"");
  EXPECT_EQ(One<uint16_t>(Float16(), 0x3e00), "1.5");
  EXPECT_EQ(One<uint16_t>(Float16(), 0xc000), "-2");
  EXPECT_EQ(One<uint16_t>(Float16(), 0x0001), "5.9604645e-08");
  EXPECT_EQ(Json(*testing::MakeNumeric<int32_t>(Int32(), {0}, {false}), 0), "null");
}

TEST(JsonFormatTest, Decimals) {
  EXPECT_EQ(Decimal(-12345, 2), "\"-123.45\"");
  EXPECT_EQ(Decimal(5, 3), "\"0.005\"");
  EXPECT_EQ(Decimal(-5, 3), "\"-0.005\"");
  EXPECT_EQ(Decimal(0, 2), "\"0.00\"");
  EXPECT_EQ(Decimal(42, 0), "\"42\"");
  EXPECT_EQ(Decimal(42, -2), "\"4200\"");
  const __int128 min = static_cast<__int128>(static_cast<unsigned __int128>(1) << 127);
  EXPECT_EQ(Decimal(min, 0), "\"-170141183460469231731687303715884105728\"");
  EXPECT_EQ(Decimal(~min, 10), "\"17014118346046923173168730371.5884105727\"");
}

TEST(JsonFormatTest, DatesTimesTimestamps) {
  EXPECT_EQ(One<int32_t>(Date32(), 0), "\"1970-01-01\"");
  EXPECT_EQ(One<int32_t>(Date32(), -1), "\"1969-12-31\"");
  EXPECT_EQ(One<int32_t>(Date32(), 19723), "\"2024-01-01\"");
  EXPECT_EQ(One<int32_t>(Time32(TimeUnit::kSecond), 3723), "\"01:02:03\"");
  EXPECT_EQ(One<int32_t>(Time32(TimeUnit::kMilli), 3723004), "\"01:02:03.004\"");
  EXPECT_EQ(One<int64_t>(Time64(TimeUnit::kNano), 86399999999999), "\"23:59:59.999999999\"");
  EXPECT_EQ(One<int64_t>(Timestamp(TimeUnit::kMicro, true), 1700000000123456), "\"2023-11-14T22:13:20.123456Z\"");
  EXPECT_EQ(One<int64_t>(Timestamp(TimeUnit::kSecond, false), 0), "\"1970-01-01T00:00:00\"");
  EXPECT_EQ(One<int64_t>(Timestamp(TimeUnit::kMilli, true), -1), "\"1969-12-31T23:59:59.999Z\"");
  EXPECT_EQ(One<int64_t>(Timestamp(TimeUnit::kNano, false), 1), "\"1970-01-01T00:00:00.000000001\"");
}

TEST(JsonFormatTest, StringEscapes) {
  EXPECT_EQ(Str("a\"b\\c\nd\te"), R"("a\"b\\c\nd\te")");
  EXPECT_EQ(Str(std::string("\x01\x1f", 2)), R"("\u0001\u001f")");
  EXPECT_EQ(Str("wörld €"), "\"wörld €\"");
  EXPECT_EQ(Str("a\xff"
                "b"),
            R"("a\ufffdb")");
  EXPECT_EQ(Str("\xc3"), R"("\ufffd")");                      // truncated sequence
  EXPECT_EQ(Str("\xc0\xaf"), R"("\ufffd\ufffd")");            // overlong
  EXPECT_EQ(Str("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")");  // surrogate
  EXPECT_EQ(Str("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");
}

TEST(JsonFormatTest, BinaryAsBase64) {
  auto b = testing::MakeStrings(Binary(), {"", "f", "fo", "foo", "foob", std::string("\xff\0", 2)},
                                {true, true, true, true, true, true});
  EXPECT_EQ(Json(*b, 0), "\"\"");
  EXPECT_EQ(Json(*b, 1), "\"Zg==\"");
  EXPECT_EQ(Json(*b, 2), "\"Zm8=\"");
  EXPECT_EQ(Json(*b, 3), "\"Zm9v\"");
  EXPECT_EQ(Json(*b, 4), "\"Zm9vYg==\"");
  EXPECT_EQ(Json(*b, 5), "\"/wA=\"");
  FixedSizeBinaryBuilder fb(FixedSizeBinary(3));
  ASSERT_TRUE(fb.Append("foo").ok());
  EXPECT_EQ(Json(*testing::FinishOrDie(&fb), 0), "\"Zm9v\"");
}

TEST(JsonFormatTest, Nested) {
  auto list = testing::MakeListOfInts();
  EXPECT_EQ(Json(*list, 0), "[1,2]");
  EXPECT_EQ(Json(*list, 1), "null");
  EXPECT_EQ(Json(*list, 2), "[]");
  EXPECT_EQ(Json(*list, 3), "[3,null,5]");
  EXPECT_EQ(Json(*list->Slice(3, 1), 0), "[3,null,5]");
  auto st = testing::MakeStructArray();
  EXPECT_EQ(Json(*st, 0), R"({"a":1,"b":"x"})");
  EXPECT_EQ(Json(*st, 1), "null");
  EXPECT_EQ(Json(*st->Slice(2, 2), 0), R"({"a":null,"b":"z"})");
  EXPECT_EQ(Json(*st->Slice(2, 2), 1), R"({"a":4,"b":null})");
  auto map = testing::MakeMapArray();
  EXPECT_EQ(Json(*map, 0), R"({"a":1,"b":null})");
  EXPECT_EQ(Json(*map, 1), "null");
  EXPECT_EQ(Json(*map, 2), "{}");
  auto made = MakeBuilder(Map(MakeField("key", Int32(), false), MakeField("value", Bool())));
  auto* mb = static_cast<MapBuilder*>(made->get());
  ASSERT_TRUE(mb->Append().ok());
  static_cast<Int32Builder*>(mb->key_builder())->Append(7);
  static_cast<BoolBuilder*>(mb->item_builder())->Append(true);
  EXPECT_EQ(Json(*testing::FinishOrDie(mb), 0), R"({"7":true})");
}

TEST(JsonFormatTest, TableOverSeveralBatchesHasOneFrameAndOneFooter) {
  auto schema = std::make_shared<const Schema>(Schema{{MakeField("n", Int32())}, {}});
  std::vector<RecordBatch> batches = {
      RecordBatch{schema, 2, {testing::MakeNumeric<int32_t>(Int32(), {1, 22}, {true, true})}},
      RecordBatch{schema, 1, {testing::MakeNumeric<int32_t>(Int32(), {333}, {true})}}};
  EXPECT_EQ(FormatTable(batches, -1),
            "+-----+\n"
            "| n   |\n"
            "+-----+\n"
            "|   1 |\n"
            "|  22 |\n"
            "| 333 |\n"
            "+-----+\n");
  // The footer counts every row of every batch, not those of one batch.
  EXPECT_EQ(FormatTable(batches, 2),
            "+----+\n"
            "| n  |\n"
            "+----+\n"
            "|  1 |\n"
            "| 22 |\n"
            "+----+\n"
            "(2 of 3 rows)\n");
}

TEST(JsonFormatTest, JsonLinesAndTable) {
  auto ints = testing::MakeNumeric<int32_t>(Int32(), {1, 22, 333}, {true, false, true});
  auto strs = testing::MakeStrings(String(), {"a", "bb\"", "c"}, {true, true, true});
  auto schema = std::make_shared<const Schema>(Schema{{MakeField("n", Int32()), MakeField("s", String())}, {}});
  RecordBatch batch{schema, 3, {ints, strs}};
  EXPECT_EQ(RecordBatchToJsonLines(batch),
            "{\"n\":1,\"s\":\"a\"}\n"
            "{\"n\":null,\"s\":\"bb\\\"\"}\n"
            "{\"n\":333,\"s\":\"c\"}\n");
  EXPECT_EQ(FormatTable(batch, 2),
            "+------+------+\n"
            "| n    | s    |\n"
            "+------+------+\n"
            "|    1 | a    |\n"
            "| null | bb\\\" |\n"
            "+------+------+\n"
            "(2 of 3 rows)\n");
}

}  // namespace
}  // namespace sluice::columnar
