#include <gtest/gtest.h>

#include "formats/text_test_util.h"
#include "sluice/columnar/builder.h"
#include "sluice/formats/text_readers.h"

namespace sluice::formats {
namespace {

using columnar::MakeField;
using columnar::TimeUnit;
using testing::MakeSchema;

class JsonLinesReaderTest : public testing::TextFileTest {
 protected:
  std::vector<columnar::RecordBatch> Read(std::string_view text, TextReadOptions options = {}) {
    return ReadOrFail(OpenJsonLines(Write("t.jsonl", text), options));
  }
  Status ReadError(std::string_view text, TextReadOptions options = {}) {
    return ErrorOf(OpenJsonLines(Write("t.jsonl", text), options));
  }
  std::string Path() const { return dir_ + "/t.jsonl"; }
};

TEST_F(JsonLinesReaderTest, InfersScalarsNestedAndNulls) {
  auto batches = Read(
      R"({"i":1,"d":1,"b":true,"s":"x","day":"2024-01-02","ts":"2024-01-02T03:04:05Z","o":{"x":1,"y":"a"},"l":[1,2],"n":null})"
      "\n"
      R"({"d":2.5,"i":-7,"b":false,"s":"2024-01-02","day":null,"ts":"2024-01-02T04:04:05+01:00","o":{"y":"b"},"l":[],"n":null})"
      "\n"
      R"({"i":null,"o":null,"l":[3,null],"extra":[{"k":1},{"k":null,"j":"z"}]})"
      "\n");
  EXPECT_EQ(
      schema_->ToString(),
      MakeSchema(
          {
              MakeField("i", columnar::Int64()),
              MakeField("d", columnar::Float64()),
              MakeField("b", columnar::Bool()),
              MakeField("s", columnar::String()),
              MakeField("day", columnar::Date32()),
              MakeField("ts", columnar::Timestamp(TimeUnit::kMicro, true)),
              MakeField("o", columnar::Struct({MakeField("x", columnar::Int64()), MakeField("y", columnar::String())})),
              MakeField("l", columnar::List(MakeField("element", columnar::Int64()))),
              MakeField("n", columnar::String()),
              MakeField("extra",
                        columnar::List(MakeField("element", columnar::Struct({MakeField("k", columnar::Int64()),
                                                                              MakeField("j", columnar::String())})))),
          })
          ->ToString());
  ASSERT_EQ(batches.size(), 1u);
  const auto& b = batches[0];
  EXPECT_EQ(b.columns[5]->values<int64_t>()[0], b.columns[5]->values<int64_t>()[1]) << "same instant";
  EXPECT_EQ(b.columns[5]->values<int64_t>()[0], (1704153600LL + 3 * 3600 + 4 * 60 + 5) * 1000000);
  EXPECT_EQ(
      Json(batches),
      "{\"i\":1,\"d\":1,\"b\":true,\"s\":\"x\",\"day\":\"2024-01-02\",\"ts\":\"2024-01-02T03:04:05.000000Z\","
      "\"o\":{\"x\":1,\"y\":\"a\"},\"l\":[1,2],\"n\":null,\"extra\":null}\n"
      "{\"i\":-7,\"d\":2.5,\"b\":false,\"s\":\"2024-01-02\",\"day\":null,\"ts\":\"2024-01-02T03:04:05.000000Z\","
      "\"o\":{\"x\":null,\"y\":\"b\"},\"l\":[],\"n\":null,\"extra\":null}\n"
      "{\"i\":null,\"d\":null,\"b\":null,\"s\":null,\"day\":null,\"ts\":null,\"o\":null,\"l\":[3,null],\"n\":null,"
      "\"extra\":[{\"k\":1,\"j\":null},{\"k\":null,\"j\":\"z\"}]}\n");
}

TEST_F(JsonLinesReaderTest, MixedTypesBecomeStringsOfTheirJsonText) {
  auto batches = Read(
      "{\"a\":1,\"b\":{\"x\":[1,2]},\"c\":\"2024-01-01\"}\n"
      "{\"a\":\"one\",\"b\":5,\"c\":\"2024-01-01T00:00:00\"}\n"
      "{\"a\":true,\"b\":\"s\",\"c\":3}\n");
  for (const auto& f : schema_->fields) EXPECT_EQ(f->type->id, columnar::TypeId::kString) << f->name;
  EXPECT_EQ(Json(batches),
            "{\"a\":\"1\",\"b\":\"{\\\"x\\\":[1,2]}\",\"c\":\"2024-01-01\"}\n"
            "{\"a\":\"one\",\"b\":\"5\",\"c\":\"2024-01-01T00:00:00\"}\n"
            "{\"a\":\"true\",\"b\":\"s\",\"c\":\"3\"}\n");
}

TEST_F(JsonLinesReaderTest, BlankLinesCrlfBomAndNoFinalNewline) {
  auto batches = Read("\xEF\xBB\xBF{\"a\":1}\r\n\r\n   \n{\"a\":2}\r\n{\"a\":3}");
  EXPECT_EQ(Json(batches), "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");
}

TEST_F(JsonLinesReaderTest, MalformedLineNamesLine) {
  Status st = ReadError("{\"a\":1}\n\n{\"a\":2,}\n");
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_EQ(st.message().rfind(Path() + ":3: not valid JSON", 0), 0u) << st.message();
  TextReadOptions options;
  options.schema = MakeSchema({MakeField("a", columnar::Int64())});
  st = ReadError("{\"a\":1}\n{\"a\":2} {\"a\":3}\n", options);
  EXPECT_EQ(st.message().rfind(Path() + ":2: not valid JSON", 0), 0u) << st.message();
  st = ReadError("{\"a\":1}\n{\"a\":\"\xff\"}\n", options);
  EXPECT_EQ(st.message().rfind(Path() + ":2: not valid JSON", 0), 0u) << st.message();
  st = ReadError("{\"a\":1}\n[1]\n", options);
  EXPECT_EQ(st.message(), Path() + ":2: expected a JSON object, found an array");
  st = ReadError("{\"a\":1}\n{\"b\":1\n", options);
  EXPECT_EQ(st.message().rfind(Path() + ":2: not valid JSON", 0), 0u) << st.message();
}

TEST_F(JsonLinesReaderTest, WrongTypesNameLineColumnAndValue) {
  TextReadOptions options;
  options.schema = MakeSchema({
      MakeField("a", columnar::Int64()),
      MakeField("o", columnar::Struct({MakeField("x", columnar::Int8())})),
      MakeField("l", columnar::List(MakeField("element", columnar::Date32()))),
  });
  Status st = ReadError("{\"a\":1}\n{\"a\":\"x\"}\n", options);
  EXPECT_EQ(st.message(), Path() + ":2: column 'a': expected int64, found string \"x\"");
  st = ReadError("{\"a\":1.5}\n", options);
  EXPECT_EQ(st.message(), Path() + ":1: column 'a': expected int64, found number 1.5");
  st = ReadError("{\"o\":{\"x\":200}}\n", options);
  EXPECT_EQ(st.message(), Path() + ":1: column 'o.x': 200 is out of range");
  st = ReadError("{\"o\":[1]}\n", options);
  EXPECT_EQ(st.message(), Path() + ":1: column 'o': expected struct<x: int8>, found array [1]");
  st = ReadError("{\"l\":[\"2024-01-01\",\"2024-13-01\"]}\n", options);
  EXPECT_EQ(st.message(), Path() + ":1: column 'l[]': cannot read '2024-13-01' as date32");
  st = ReadError("{\"a\":1,\"a\":2}\n", options);
  EXPECT_EQ(st.message(), Path() + ":1: column 'a': duplicate key");
}

TEST_F(JsonLinesReaderTest, GivenSchemaMissingKeysUnknownKeysAndNullability) {
  TextReadOptions options;
  options.schema = MakeSchema({
      MakeField("id", columnar::Int32(), /*nullable=*/false),
      MakeField("price", columnar::Decimal128(8, 2)),
      MakeField("at", columnar::Timestamp(TimeUnit::kMilli, true)),
      MakeField("tags",
                columnar::Map(MakeField("key", columnar::String(), false), MakeField("value", columnar::Int64()))),
      MakeField("raw", columnar::Binary()),
      MakeField("f", columnar::Float32()),
  });
  auto batches = Read(
      "{\"unknown\":{\"deep\":[1,{}]},\"id\":1,\"price\":\"12.50\",\"at\":\"2024-01-02T03:04:05.5Z\","
      "\"tags\":{\"a\":1,\"b\":null},\"raw\":\"hi\",\"f\":2}\n"
      "{\"price\":3,\"id\":2,\"f\":0.25}\n"
      "{\"id\":3,\"price\":1.5,\"tags\":{}}\n",
      options);
  EXPECT_TRUE(schema_->Equals(*options.schema));
  EXPECT_EQ(Json(batches),
            "{\"id\":1,\"price\":\"12.50\",\"at\":\"2024-01-02T03:04:05.500Z\",\"tags\":{\"a\":1,\"b\":null},"
            "\"raw\":\"aGk=\",\"f\":2}\n"
            "{\"id\":2,\"price\":\"3.00\",\"at\":null,\"tags\":null,\"raw\":null,\"f\":0.25}\n"
            "{\"id\":3,\"price\":\"1.50\",\"at\":null,\"tags\":{},\"raw\":null,\"f\":null}\n");
  Status st = ReadError("{\"id\":1}\n{\"price\":1}\n", options);
  EXPECT_EQ(st.message(), Path() + ":2: column 'id': missing value for a non-nullable column");
  st = ReadError("{\"id\":null}\n", options);
  EXPECT_EQ(st.message(), Path() + ":1: column 'id': null in a non-nullable column");
  st = ReadError("{\"id\":1,\"price\":1.234}\n", options);
  EXPECT_EQ(st.message(), Path() + ":1: column 'price': cannot read '1.234' as decimal128(8, 2)");
}

TEST_F(JsonLinesReaderTest, NullStructsAndListsKeepChildrenAligned) {
  TextReadOptions options;
  options.schema = MakeSchema({
      MakeField("s", columnar::Struct({MakeField("a", columnar::Int64()),
                                       MakeField("l", columnar::List(MakeField("element", columnar::String())))})),
  });
  auto batches = Read("{\"s\":null}\n{\"s\":{\"l\":[\"x\",null]}}\n{}\n{\"s\":{\"a\":4,\"l\":null}}\n", options);
  EXPECT_EQ(Json(batches),
            "{\"s\":null}\n{\"s\":{\"a\":null,\"l\":[\"x\",null]}}\n{\"s\":null}\n{\"s\":{\"a\":4,\"l\":null}}\n");
}

TEST_F(JsonLinesReaderTest, EmptyFile) {
  Status st = ReadError("\n\n");
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_EQ(st.message().rfind(Path() + ": ", 0), 0u) << st.message();
  TextReadOptions options;
  options.schema = MakeSchema({MakeField("a", columnar::Int64())});
  EXPECT_TRUE(Read("", options).empty());
  EXPECT_TRUE(schema_->Equals(*options.schema));
}

TEST_F(JsonLinesReaderTest, InferenceSpansBatchesAndKeyOrderMayChange) {
  TextReadOptions options;
  options.batch_rows = 2;
  options.infer_rows = 4;
  auto batches =
      Read("{\"a\":1,\"b\":\"x\"}\n{\"b\":\"y\",\"a\":2}\n{\"a\":3}\n{\"a\":4.5,\"c\":true}\n{\"c\":false}\n", options);
  EXPECT_EQ(schema_->ToString(), MakeSchema({MakeField("a", columnar::Float64()), MakeField("b", columnar::String()),
                                             MakeField("c", columnar::Bool())})
                                     ->ToString());
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_EQ(Json(batches),
            "{\"a\":1,\"b\":\"x\",\"c\":null}\n{\"a\":2,\"b\":\"y\",\"c\":null}\n{\"a\":3,\"b\":null,\"c\":null}\n"
            "{\"a\":4.5,\"b\":null,\"c\":true}\n{\"a\":null,\"b\":null,\"c\":false}\n");
  // Keys first seen after infer_rows are ignored; values that do not fit fail.
  options.infer_rows = 2;
  Status st = ReadError("{\"a\":1}\n{\"a\":2}\n{\"a\":3,\"new\":1}\n{\"a\":4.5}\n", options);
  EXPECT_EQ(st.message(), Path() + ":4: column 'a': expected int64, found number 4.5");
}

TEST_F(JsonLinesReaderTest, LongLinesAndManyBatches) {
  std::string text;
  const std::string long_text(5000, 'q');
  for (int i = 0; i < 1000; ++i) {
    text += fmt::format("{{\"i\":{},\"s\":\"{}\",\"l\":[{},{}]}}\n", i, i % 100 == 0 ? long_text : "s", i, -i);
  }
  TextReadOptions options;
  options.batch_rows = 300;
  auto batches = Read(text, options);
  ASSERT_EQ(batches.size(), 4u);
  int64_t row = 0;
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b.num_rows; ++r, ++row) {
      ASSERT_EQ(b.columns[0]->values<int64_t>()[r], row);
      ASSERT_EQ(b.columns[1]->StringValue(r).size(), row % 100 == 0 ? 5000u : 1u);
    }
  }
  EXPECT_EQ(row, 1000);
}

}  // namespace
}  // namespace sluice::formats
