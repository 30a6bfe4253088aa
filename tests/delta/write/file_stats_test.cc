#include "sluice/delta/write/file_stats.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <limits>
#include <random>

#include "delta/write/write_test_util.h"
#include "sluice/columnar/value_text.h"
#include "sluice/delta/read/data_skipping.h"
#include "sluice/expr/evaluate.h"
#include "sluice/expr/parse.h"

namespace sluice::delta {
namespace {

// The rows of `batch` where `p` holds (bound to the batch's schema).
Result<columnar::RecordBatch> FilterBatch(const columnar::RecordBatch& batch, const expr::Expr& p) {
  SLUICE_ASSIGN_OR_RETURN(auto bound, expr::BindPredicate(p, *batch.schema));
  return expr::FilterBatch(bound, batch);
}

using namespace sluice::columnar;  // NOLINT
using testing::Bools;
using testing::Decimals;
using testing::MakeBatch;
using testing::Numbers;
using testing::Strings;
using testing::StructOf;

std::string StatsOf(const std::vector<RecordBatch>& batches, StatsOptions options = {}) {
  FileStatsCollector c(batches.at(0).schema, std::move(options));
  for (const auto& b : batches) c.Add(b);
  return c.ToJson();
}

// Parses `json` (failing the test when it is not JSON) and returns the member
// at `path` ({"minValues", "s", "a"}), or nullopt.
std::optional<simdjson::dom::element> Member(simdjson::dom::parser& parser, const std::string& json,
                                             const std::vector<std::string>& path) {
  simdjson::dom::element e;
  auto err = parser.parse(json).get(e);
  EXPECT_EQ(err, simdjson::SUCCESS) << json;
  if (err) return std::nullopt;
  for (const auto& key : path) {
    simdjson::dom::object o;
    if (e.get_object().get(o) != simdjson::SUCCESS || o.at_key(key).get(e) != simdjson::SUCCESS) return std::nullopt;
  }
  return e;
}

std::string StringMember(const std::string& json, const std::vector<std::string>& path) {
  simdjson::dom::parser parser;
  auto e = Member(parser, json, path);
  std::string_view s;
  if (!e || e->get_string().get(s) != simdjson::SUCCESS) {
    ADD_FAILURE() << "no string at " << path.back() << " in " << json;
    return {};
  }
  return std::string(s);
}

bool HasMember(const std::string& json, const std::vector<std::string>& path) {
  simdjson::dom::parser parser;
  return Member(parser, json, path).has_value();
}

TEST(FileStats, EveryPrimitiveType) {
  const int64_t ts = 1704103200123456;  // 2024-01-01T10:00:00.123456Z
  auto batch = MakeBatch(
      {MakeField("i8", Int8()), MakeField("i16", Int16()), MakeField("i32", Int32()), MakeField("i64", Int64()),
       MakeField("f32", Float32()), MakeField("f64", Float64()), MakeField("s", String()), MakeField("d", Date32()),
       MakeField("ts", Timestamp(TimeUnit::kMicro, true)), MakeField("tsn", Timestamp(TimeUnit::kMicro, false)),
       MakeField("dec", Decimal128(10, 3)), MakeField("b", Bool()), MakeField("bin", Binary()), MakeField("n", Null())},
      {Numbers<int8_t>(Int8(), {-3, std::nullopt, 7}), Numbers<int16_t>(Int16(), {300, -300, std::nullopt}),
       Numbers<int32_t>(Int32(), {std::nullopt, 5, -5}),
       Numbers<int64_t>(Int64(), {INT64_MIN, INT64_MAX, std::nullopt}),
       Numbers<float>(Float32(), {1.5f, std::nullopt, -2.25f}), Numbers<double>(Float64(), {0.1, 1e300, std::nullopt}),
       Strings({"b", std::nullopt, "a"}), Numbers<int32_t>(Date32(), {19723, std::nullopt, -1}),
       Numbers<int64_t>(Timestamp(TimeUnit::kMicro, true), {ts, std::nullopt, -1}),
       Numbers<int64_t>(Timestamp(TimeUnit::kMicro, false), {1704103200123000, 1704103200123999, std::nullopt}),
       Decimals(10, 3, {-12340, 5, std::nullopt}), Bools({true, false, std::nullopt}),
       Strings({"\xff", std::nullopt, "x"}, Binary()), std::make_shared<Array>(Array{Null(), 3, 3, 0, {}, {}})});
  const std::string json = StatsOf({batch});
  // Timestamps: milliseconds, the min floored and the max ceiled.
  EXPECT_EQ(json,
            "{\"numRecords\":3,"
            "\"minValues\":{\"i8\":-3,\"i16\":-300,\"i32\":-5,\"i64\":-9223372036854775808,\"f32\":-2.25,"
            "\"f64\":0.1,\"s\":\"a\",\"d\":\"1969-12-31\",\"ts\":\"1969-12-31T23:59:59.999Z\","
            "\"tsn\":\"2024-01-01T10:00:00.123\",\"dec\":-12.340},"
            "\"maxValues\":{\"i8\":7,\"i16\":300,\"i32\":5,\"i64\":9223372036854775807,\"f32\":1.5,"
            "\"f64\":1.0e+300,\"s\":\"b\",\"d\":\"2024-01-01\",\"ts\":\"2024-01-01T10:00:00.124Z\","
            "\"tsn\":\"2024-01-01T10:00:00.124\",\"dec\":0.005},"
            "\"nullCount\":{\"i8\":1,\"i16\":1,\"i32\":1,\"i64\":1,\"f32\":1,\"f64\":1,\"s\":1,\"d\":1,\"ts\":1,"
            "\"tsn\":1,\"dec\":1,\"b\":1,\"bin\":1,\"n\":3}}");
  simdjson::dom::parser parser;
  EXPECT_TRUE(Member(parser, json, {}).has_value());
}

TEST(FileStats, TimestampUnitsAndExactMilliseconds) {
  auto batch =
      MakeBatch({MakeField("s", Timestamp(TimeUnit::kSecond, true)), MakeField("ms", Timestamp(TimeUnit::kMilli, true)),
                 MakeField("ns", Timestamp(TimeUnit::kNano, true))},
                {Numbers<int64_t>(Timestamp(TimeUnit::kSecond, true), {0, 86400}),
                 Numbers<int64_t>(Timestamp(TimeUnit::kMilli, true), {1, 2}),
                 Numbers<int64_t>(Timestamp(TimeUnit::kNano, true), {1000000, 1000001})});
  const std::string json = StatsOf({batch});
  EXPECT_EQ(StringMember(json, {"minValues", "s"}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(StringMember(json, {"maxValues", "s"}), "1970-01-02T00:00:00.000Z");
  EXPECT_EQ(StringMember(json, {"minValues", "ms"}), "1970-01-01T00:00:00.001Z");
  EXPECT_EQ(StringMember(json, {"maxValues", "ms"}), "1970-01-01T00:00:00.002Z");
  EXPECT_EQ(StringMember(json, {"minValues", "ns"}), "1970-01-01T00:00:00.001Z");
  EXPECT_EQ(StringMember(json, {"maxValues", "ns"}), "1970-01-01T00:00:00.002Z");  // ceiled
}

TEST(FileStats, NaNIsNeverABoundAndSignedZeros) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  auto batch = MakeBatch({MakeField("only_nan", Float64()), MakeField("some_nan", Float64()),
                          MakeField("zeros", Float64()), MakeField("neg_zero", Float64()), MakeField("infs", Float64()),
                          MakeField("low_inf", Float64()), MakeField("f", Float32())},
                         {Numbers<double>(Float64(), {nan, std::nullopt, nan}),
                          Numbers<double>(Float64(), {nan, 2.0, -1.0}), Numbers<double>(Float64(), {0.0, -0.0, 0.0}),
                          Numbers<double>(Float64(), {-0.0, -0.0, -0.0}), Numbers<double>(Float64(), {-inf, 1.0, inf}),
                          Numbers<double>(Float64(), {-inf, 1.0, 0.5}), Numbers<float>(Float32(), {0.1f, 0.2f, 0.3f})});
  const std::string json = StatsOf({batch});
  EXPECT_FALSE(HasMember(json, {"minValues", "only_nan"})) << json;
  EXPECT_FALSE(HasMember(json, {"maxValues", "only_nan"})) << json;
  EXPECT_NE(json.find("\"nullCount\":{\"only_nan\":1,"), std::string::npos) << json;
  // NaN sorts above every number (Spark, CompareValues): a file holding one
  // has a min but no max.
  EXPECT_NE(json.find("\"minValues\":{\"some_nan\":-1.0,"), std::string::npos) << json;
  EXPECT_FALSE(HasMember(json, {"maxValues", "some_nan"})) << json;
  // -0.0 == 0.0: the min is written -0.0 and the max 0.0 whichever occurred.
  EXPECT_NE(json.find("\"zeros\":-0.0,\"neg_zero\":-0.0"), std::string::npos) << json;
  EXPECT_NE(json.find("\"maxValues\":{\"zeros\":0.0,\"neg_zero\":0.0"), std::string::npos) << json;
  // JSON has no infinity: an infinite bound is left out.
  EXPECT_FALSE(HasMember(json, {"minValues", "infs"})) << json;
  EXPECT_FALSE(HasMember(json, {"maxValues", "infs"})) << json;
  EXPECT_FALSE(HasMember(json, {"minValues", "low_inf"})) << json;
  EXPECT_NE(json.find("\"low_inf\":1.0"), std::string::npos) << json;
  // Floats in their shortest float form, not widened to double digits.
  EXPECT_NE(json.find("\"f\":0.1}"), std::string::npos) << json;
  // Float32 NaN too.
  auto floats = MakeBatch({MakeField("f", Float32())}, {Numbers<float>(Float32(), {1.5f, static_cast<float>(nan)})});
  EXPECT_EQ(StatsOf({floats}), "{\"numRecords\":2,\"minValues\":{\"f\":1.5},\"maxValues\":{},\"nullCount\":{\"f\":0}}");
  EXPECT_NE(json.find("\"f\":0.3}"), std::string::npos) << json;
}

int64_t CodePoints(std::string_view s) {
  int64_t n = 0;
  for (char c : s) n += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  return n;
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Every value lies within [min, max] in byte order (Spark's UTF8String order)
// and both bounds are valid UTF-8.
void ExpectStringBounds(const std::vector<std::string>& values, int32_t prefix) {
  std::vector<std::optional<std::string>> opt(values.begin(), values.end());
  auto batch = MakeBatch({MakeField("s", String())}, {Strings(opt)});
  StatsOptions options;
  options.string_prefix_length = prefix;
  const std::string json = StatsOf({batch}, options);
  const std::string min = StringMember(json, {"minValues", "s"});
  const std::string max = StringMember(json, {"maxValues", "s"});
  EXPECT_TRUE(IsValidUtf8(min));
  EXPECT_TRUE(IsValidUtf8(max));
  EXPECT_LE(CodePoints(min), prefix);
  for (const auto& v : values) {
    EXPECT_LE(min, v) << "min " << min;
    EXPECT_GE(max, v) << "max " << max;
  }
}

TEST(FileStats, StringsTruncatedOnCodePoints) {
  const std::string e_acute = "\xC3\xA9", emoji = "\xF0\x9F\x98\x80", top = "\xF4\x8F\xBF\xBF";  // U+10FFFF
  {
    auto batch = MakeBatch({MakeField("s", String())}, {Strings({Repeat(e_acute, 40)})});
    const std::string json = StatsOf({batch});
    EXPECT_EQ(StringMember(json, {"minValues", "s"}), Repeat(e_acute, 32));
    EXPECT_EQ(StringMember(json, {"maxValues", "s"}), Repeat(e_acute, 32) + top);
  }
  {
    auto batch = MakeBatch({MakeField("s", String())}, {Strings({Repeat(emoji, 33)})});
    const std::string json = StatsOf({batch});
    EXPECT_EQ(StringMember(json, {"minValues", "s"}), Repeat(emoji, 32));
    EXPECT_EQ(StringMember(json, {"maxValues", "s"}), Repeat(emoji, 32) + top);
  }
  {
    // U+10FFFF right at the cut: the prefix grows past it so that the bound holds.
    const std::string v = Repeat("a", 32) + top + "b";
    auto batch = MakeBatch({MakeField("s", String())}, {Strings({v})});
    const std::string json = StatsOf({batch});
    EXPECT_EQ(StringMember(json, {"maxValues", "s"}), Repeat("a", 32) + top + top);
    EXPECT_GT(StringMember(json, {"maxValues", "s"}), v);
  }
  {
    // Nothing but U+10FFFF after the cut: the whole value is the max.
    const std::string v = Repeat("a", 32) + top + top;
    auto batch = MakeBatch({MakeField("s", String())}, {Strings({v, "a"})});
    const std::string json = StatsOf({batch});
    EXPECT_EQ(StringMember(json, {"maxValues", "s"}), v);
    EXPECT_EQ(StringMember(json, {"minValues", "s"}), "a");
  }
  {
    // Exactly 32 characters: kept whole.
    const std::string v = Repeat(e_acute, 32);
    auto batch = MakeBatch({MakeField("s", String())}, {Strings({v})});
    const std::string json = StatsOf({batch});
    EXPECT_EQ(StringMember(json, {"minValues", "s"}), v);
    EXPECT_EQ(StringMember(json, {"maxValues", "s"}), v);
  }
  ExpectStringBounds({"\"quoted\"\\ and \n newline", Repeat("z", 100), std::string("nul\0byte", 8)}, 32);
}

TEST(FileStats, StringBoundsHoldForRandomUtf8) {
  std::mt19937 rng(42);
  const std::vector<std::string> pieces = {"a",
                                           "z",
                                           "\x7f",
                                           "\xC3\xA9",
                                           "\xDF\xBF",
                                           "\xE2\x82\xAC",
                                           "\xEF\xBF\xBF",
                                           "\xF0\x9F\x98\x80",
                                           "\xF4\x8F\xBF\xBF",
                                           "\xF4\x8F\xBF\xBE"};
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> values;
    const int count = 1 + static_cast<int>(rng() % 5);
    for (int i = 0; i < count; ++i) {
      std::string v;
      const int len = static_cast<int>(rng() % 12);
      for (int k = 0; k < len; ++k) v += pieces[rng() % pieces.size()];
      values.push_back(v);
    }
    ExpectStringBounds(values, 1 + static_cast<int32_t>(rng() % 6));
  }
}

TEST(FileStats, BoundsThatAreNotUtf8AreLeftOut) {
  // "\xC3" (a cut sequence) is the max in byte order; "ok" stays a valid min.
  auto batch = MakeBatch({MakeField("s", String()), MakeField("t", String())},
                         {Strings({"\xC3", "ok", std::nullopt}), Strings({"\x01\xFF", "b", "a"})});
  const std::string json = StatsOf({batch});
  EXPECT_EQ(json,
            "{\"numRecords\":3,\"minValues\":{\"s\":\"ok\"},\"maxValues\":{\"t\":\"b\"},"
            "\"nullCount\":{\"s\":1,\"t\":0}}");
}

// struct s<a: int32, t: struct<c: string>>, with values under null parents
// that must not count.
RecordBatch NestedBatch() {
  auto t_fields = std::vector<FieldPtr>{MakeField("c", String())};
  auto t = StructOf(t_fields, {Strings({"x", "zzz", "yyy", std::nullopt})}, {true, true, false, true});
  auto s_fields = std::vector<FieldPtr>{MakeField("a", Int32()), MakeField("t", Struct(t_fields))};
  auto s = StructOf(s_fields, {Numbers<int32_t>(Int32(), {1, 1000, std::nullopt, -4}), t}, {true, false, true, true});
  return MakeBatch({MakeField("s", Struct(s_fields)), MakeField("top", Int64())},
                   {s, Numbers<int64_t>(Int64(), {1, 2, 3, 4})});
}

TEST(FileStats, StructsAreNestedObjectsAndParentNullsCount) {
  const std::string json = StatsOf({NestedBatch()});
  EXPECT_EQ(json,
            "{\"numRecords\":4,"
            "\"minValues\":{\"s\":{\"a\":-4,\"t\":{\"c\":\"x\"}},\"top\":1},"
            "\"maxValues\":{\"s\":{\"a\":1,\"t\":{\"c\":\"x\"}},\"top\":4},"
            "\"nullCount\":{\"s\":{\"a\":2,\"t\":{\"c\":3}},\"top\":0}}");
  // A slice: a struct's offset applies to its children.
  const std::string sliced = StatsOf({NestedBatch().Slice(2, 2)});
  EXPECT_EQ(sliced,
            "{\"numRecords\":2,"
            "\"minValues\":{\"s\":{\"a\":-4},\"top\":3},"
            "\"maxValues\":{\"s\":{\"a\":-4},\"top\":4},"
            "\"nullCount\":{\"s\":{\"a\":1,\"t\":{\"c\":2}},\"top\":0}}");
}

TEST(FileStats, ListsAndMapsGetNullCountOnly) {
  ListBuilder lb(List(MakeField("element", Int32())), std::make_unique<Int32Builder>(Int32()));
  auto* v = static_cast<Int32Builder*>(lb.value_builder());
  ASSERT_TRUE(lb.Append().ok());
  v->Append(5);
  lb.AppendNull();
  ASSERT_TRUE(lb.AppendEmpty().ok());
  auto list = *lb.Finish();
  auto made = MakeBuilder(Map(MakeField("key", String(), false), MakeField("value", Int32())));
  ASSERT_TRUE(made.ok());
  auto* mb = static_cast<MapBuilder*>(made->get());
  mb->AppendNull();
  mb->AppendNull();
  ASSERT_TRUE(mb->Append().ok());
  ASSERT_TRUE(static_cast<BinaryBuilder*>(mb->key_builder())->Append("k").ok());
  static_cast<Int32Builder*>(mb->item_builder())->Append(1);
  auto map = *mb->Finish();
  auto s = StructOf({MakeField("l", list->type)}, {list}, {true, true, false});
  auto batch =
      MakeBatch({MakeField("l", list->type), MakeField("m", map->type), MakeField("s", s->type)}, {list, map, s});
  EXPECT_EQ(StatsOf({batch}),
            "{\"numRecords\":3,\"minValues\":{},\"maxValues\":{},"
            "\"nullCount\":{\"l\":1,\"m\":2,\"s\":{\"l\":2}}}");
}

TEST(FileStats, AccumulatesOverBatches) {
  auto b1 = MakeBatch({MakeField("x", Int64()), MakeField("s", String())},
                      {Numbers<int64_t>(Int64(), {5, std::nullopt}), Strings({"m", "n"})});
  auto b2 = MakeBatch({MakeField("x", Int64()), MakeField("s", String())},
                      {Numbers<int64_t>(Int64(), {-7, 9, 2}), Strings({"z", std::nullopt, "a"})});
  auto b3 =
      MakeBatch({MakeField("x", Int64()), MakeField("s", String())}, {Numbers<int64_t>(Int64(), {}), Strings({})});
  EXPECT_EQ(StatsOf({b1, b2, b3}),
            "{\"numRecords\":5,\"minValues\":{\"x\":-7,\"s\":\"a\"},\"maxValues\":{\"x\":9,\"s\":\"z\"},"
            "\"nullCount\":{\"x\":1,\"s\":1}}");
}

TEST(FileStats, BigDecimalsStayParseable) {
  const __int128 big = static_cast<__int128>(1000000000000000000LL) * 1000000000000000000LL * 10;  // 1e37
  auto batch = MakeBatch({MakeField("d", Decimal128(38, 0)), MakeField("e", Decimal128(38, 2))},
                         {Decimals(38, 0, {big, -big, 7}), Decimals(38, 2, {big, -1, 0})});
  const std::string json = StatsOf({batch});
  EXPECT_NE(json.find("\"d\":-10000000000000000000000000000000000000.0"), std::string::npos) << json;
  EXPECT_NE(json.find("\"d\":10000000000000000000000000000000000000.0"), std::string::npos) << json;
  EXPECT_NE(json.find("\"e\":-0.01"), std::string::npos) << json;
  EXPECT_NE(json.find("\"e\":100000000000000000000000000000000000.00"), std::string::npos) << json;
  simdjson::dom::parser parser;
  EXPECT_TRUE(Member(parser, json, {"maxValues", "d"}).has_value());
}

RecordBatch WideBatch() {
  auto s_fields = std::vector<FieldPtr>{MakeField("x", Int32()), MakeField("y", Int32())};
  return MakeBatch({MakeField("a", Int32()), MakeField("s", Struct(s_fields)),
                    MakeField("l", List(MakeField("element", Int32()))), MakeField("b", Int32())},
                   {Numbers<int32_t>(Int32(), {1}),
                    StructOf(s_fields, {Numbers<int32_t>(Int32(), {2}), Numbers<int32_t>(Int32(), {3})}, {true}),
                    [] {
                      ListBuilder lb(List(MakeField("element", Int32())), std::make_unique<Int32Builder>(Int32()));
                      EXPECT_TRUE(lb.AppendEmpty().ok());
                      return *lb.Finish();
                    }(),
                    Numbers<int32_t>(Int32(), {4})});
}

std::string NullCounts(const StatsOptions& options) {
  const std::string json = StatsOf({WideBatch()}, options);
  const size_t at = json.find("\"nullCount\":");
  return json.substr(at + 12, json.size() - at - 13);
}

TEST(FileStats, NumIndexedColsCountsLeavesDepthFirst) {
  StatsOptions o;
  o.num_indexed_cols = 2;
  EXPECT_EQ(NullCounts(o), "{\"a\":0,\"s\":{\"x\":0}}");
  EXPECT_EQ(StatsOf({WideBatch()}, o),
            "{\"numRecords\":1,\"minValues\":{\"a\":1,\"s\":{\"x\":2}},\"maxValues\":{\"a\":1,\"s\":{\"x\":2}},"
            "\"nullCount\":{\"a\":0,\"s\":{\"x\":0}}}");
  o.num_indexed_cols = 4;
  EXPECT_EQ(NullCounts(o), "{\"a\":0,\"s\":{\"x\":0,\"y\":0},\"l\":0}");
  o.num_indexed_cols = 0;
  EXPECT_EQ(StatsOf({WideBatch()}, o), "{\"numRecords\":1,\"minValues\":{},\"maxValues\":{},\"nullCount\":{}}");
  o.num_indexed_cols = -1;
  EXPECT_EQ(NullCounts(o), "{\"a\":0,\"s\":{\"x\":0,\"y\":0},\"l\":0,\"b\":0}");
}

TEST(FileStats, StatsColumnsPickNamedColumns) {
  StatsOptions o;
  o.num_indexed_cols = 1;  // ignored when stats_columns is set
  o.stats_columns = std::vector<std::string>{"b", "S.Y"};
  EXPECT_EQ(NullCounts(o), "{\"s\":{\"y\":0},\"b\":0}");
  o.stats_columns = std::vector<std::string>{"s"};
  EXPECT_EQ(NullCounts(o), "{\"s\":{\"x\":0,\"y\":0}}");
  o.stats_columns = std::vector<std::string>{"`s`.`x`", "nope", "a.b", "l"};
  EXPECT_EQ(NullCounts(o), "{\"s\":{\"x\":0},\"l\":0}");
  o.stats_columns = std::vector<std::string>{};
  EXPECT_EQ(NullCounts(o), "{}");
}

TEST(StatsOptions, FromConfiguration) {
  auto d = StatsOptionsFromConfiguration({});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->num_indexed_cols, 32);
  EXPECT_FALSE(d->stats_columns.has_value());
  auto o = StatsOptionsFromConfiguration(
      {{"delta.dataSkippingNumIndexedCols", "5"}, {"delta.dataSkippingStatsColumns", " a, b.c ,`d,e`.f,"}});
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->num_indexed_cols, 5);
  ASSERT_TRUE(o->stats_columns.has_value());
  EXPECT_EQ(*o->stats_columns, (std::vector<std::string>{"a", "b.c", "`d,e`.f"}));
  EXPECT_EQ(StatsOptionsFromConfiguration({{"delta.dataSkippingNumIndexedCols", "-1"}})->num_indexed_cols, -1);
  for (const char* bad : {"abc", "-2", "", "3x", "99999999999"}) {
    auto r = StatsOptionsFromConfiguration({{"delta.dataSkippingNumIndexedCols", bad}});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().ToString().find("delta.dataSkippingNumIndexedCols"), std::string::npos);
  }
  for (const char* bad : {"`a", "a..b", "`a`b"}) {
    auto r = StatsOptionsFromConfiguration({{"delta.dataSkippingStatsColumns", bad}});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().ToString().find("delta.dataSkippingStatsColumns"), std::string::npos);
  }
}

// The stats we write are read back by our own data skipping.
TEST(FileStats, RoundTripsThroughDataSkipping) {
  const std::string long_max = Repeat("q", 40) + "end";
  const int64_t ts = 1704103200123456;
  auto s_fields = std::vector<FieldPtr>{MakeField("x", Int64())};
  auto batch =
      MakeBatch({MakeField("id", Int64()), MakeField("name", String()),
                 MakeField("ts", Timestamp(TimeUnit::kMicro, true)), MakeField("d", Date32()),
                 MakeField("price", Decimal128(10, 2)), MakeField("f", Float64()), MakeField("s", Struct(s_fields))},
                {Numbers<int64_t>(Int64(), {10, 20, 30}), Strings({"apple", long_max, "banana"}),
                 Numbers<int64_t>(Timestamp(TimeUnit::kMicro, true), {ts, ts + 1000000, ts - 1000000}),
                 Numbers<int32_t>(Date32(), {19723, 19724, 19725}), Decimals(10, 2, {1234, -50, 99999}),
                 Numbers<double>(Float64(), {0.5, -0.25, 1e10}),
                 StructOf(s_fields, {Numbers<int64_t>(Int64(), {7, 8, 9})}, {true, true, true})});
  Add add;
  add.path = "f.parquet";
  add.stats = StatsOf({batch});
  auto may_match = [&](const std::string& filter) {
    auto p = expr::ParseExpr(filter);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    auto skipper = FileSkipper::Make(batch.schema, {}, ColumnMappingMode::kNone, *p);
    EXPECT_TRUE(skipper.ok()) << skipper.status().ToString();
    return skipper->MayMatch(add);
  };
  EXPECT_TRUE(may_match("id = 20"));
  EXPECT_FALSE(may_match("id > 30"));
  EXPECT_FALSE(may_match("id < 10"));
  EXPECT_TRUE(may_match("name = '" + long_max + "'"));  // truncated max still bounds it
  EXPECT_FALSE(may_match("name < 'apple'"));
  EXPECT_TRUE(may_match("ts = '2024-01-01 10:00:01.123456'"));
  EXPECT_TRUE(may_match("ts = '2024-01-01 09:59:59.123456'"));
  EXPECT_FALSE(may_match("ts > '2024-01-01 10:00:01.126'"));
  EXPECT_FALSE(may_match("ts < '2024-01-01 09:59:59.122'"));
  EXPECT_TRUE(may_match("d = '2024-01-03'"));
  EXPECT_FALSE(may_match("d > '2024-01-03'"));
  EXPECT_TRUE(may_match("price = 999.99"));
  EXPECT_FALSE(may_match("price > 1000"));
  EXPECT_FALSE(may_match("price < -1"));
  EXPECT_TRUE(may_match("f = 10000000000"));
  EXPECT_FALSE(may_match("f < -0.5"));
  EXPECT_FALSE(may_match("s.x > 9"));
  EXPECT_TRUE(may_match("s.x = 8"));
  EXPECT_FALSE(may_match("id IS NULL"));
  // Our row filter orders NaN above all numbers: a NaN row matches f > 1e11,
  // so the file must be kept (no max was written).
  auto with_nan = MakeBatch({MakeField("f", Float64())},
                            {Numbers<double>(Float64(), {1.0, std::numeric_limits<double>::quiet_NaN()})});
  auto p = expr::ParseExpr("f > 100000000000");
  ASSERT_TRUE(p.ok());
  auto rows = FilterBatch(with_nan, *p);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->num_rows, 1);  // the NaN row
  Add nan_file;
  nan_file.path = "g.parquet";
  nan_file.stats = StatsOf({with_nan});
  auto skipper = FileSkipper::Make(with_nan.schema, {}, ColumnMappingMode::kNone, *p);
  ASSERT_TRUE(skipper.ok());
  EXPECT_TRUE(skipper->MayMatch(nan_file)) << *nan_file.stats;
}

}  // namespace
}  // namespace sluice::delta
