#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "formats/text_test_util.h"
#include "sluice/columnar/builder.h"
#include "sluice/formats/text_readers.h"

namespace sluice::formats {
namespace {

using columnar::MakeField;
using columnar::TimeUnit;
using testing::MakeSchema;

class CsvReaderTest : public testing::TextFileTest {
 protected:
  // Reads the whole CSV text; fails the test on error.
  std::vector<columnar::RecordBatch> Read(std::string_view text, TextReadOptions options = {}, CsvOptions csv = {}) {
    return ReadOrFail(OpenCsv(Write("t.csv", text), options, csv));
  }
  Status ReadError(std::string_view text, TextReadOptions options = {}, CsvOptions csv = {}) {
    return ErrorOf(OpenCsv(Write("t.csv", text), options, csv));
  }
  std::string PathOf(const std::string& name) const { return dir_ + "/" + name; }
};

TEST_F(CsvReaderTest, InfersEveryScalarType) {
  auto batches = Read(
      "i,d,b,dt,tz,ntz,s,mixed\n"
      "1,1.5,true,2024-01-02,2024-01-02T03:04:05Z,2024-01-02 03:04:05,x,1\n"
      "-2,3,False,1999-12-31,2024-01-02T03:04:05.25+01:00,2024-01-02T03:04:05.5,y z,2024-01-02\n");
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(schema_->ToString(),
            MakeSchema({MakeField("i", columnar::Int64()), MakeField("d", columnar::Float64()),
                        MakeField("b", columnar::Bool()), MakeField("dt", columnar::Date32()),
                        MakeField("tz", columnar::Timestamp(TimeUnit::kMicro, true)),
                        MakeField("ntz", columnar::Timestamp(TimeUnit::kMicro, false)),
                        MakeField("s", columnar::String()), MakeField("mixed", columnar::String())})
                ->ToString());
  const auto& b = batches[0];
  EXPECT_EQ(b.columns[0]->values<int64_t>()[1], -2);
  EXPECT_EQ(b.columns[1]->values<double>()[1], 3.0);
  EXPECT_FALSE(b.columns[2]->BoolValue(1));
  // 2024-01-02T03:04:05.25+01:00 is 02:04:05.25 UTC.
  EXPECT_EQ(b.columns[4]->values<int64_t>()[1], (1704153600LL + 2 * 3600 + 4 * 60 + 5) * 1000000 + 250000);
  EXPECT_EQ(b.columns[5]->values<int64_t>()[1], (1704153600LL + 3 * 3600 + 4 * 60 + 5) * 1000000 + 500000);
  EXPECT_EQ(b.columns[7]->StringValue(1), "2024-01-02");
  EXPECT_EQ(Json(batches),
            "{\"i\":1,\"d\":1.5,\"b\":true,\"dt\":\"2024-01-02\",\"tz\":\"2024-01-02T03:04:05.000000Z\","
            "\"ntz\":\"2024-01-02T03:04:05.000000\",\"s\":\"x\",\"mixed\":\"1\"}\n"
            "{\"i\":-2,\"d\":3,\"b\":false,\"dt\":\"1999-12-31\",\"tz\":\"2024-01-02T02:04:05.250000Z\","
            "\"ntz\":\"2024-01-02T03:04:05.500000\",\"s\":\"y z\",\"mixed\":\"2024-01-02\"}\n");
}

TEST_F(CsvReaderTest, Quoting) {
  auto batches = Read(
      "a,b\n"
      "\"x,y\",\"say \"\"hi\"\"\"\n"
      "\"line1\nline2\",\"\"\n"
      "\"ab\"c,plain\"quote\n");
  EXPECT_EQ(Json(batches),
            "{\"a\":\"x,y\",\"b\":\"say \\\"hi\\\"\"}\n"
            "{\"a\":\"line1\\nline2\",\"b\":\"\"}\n"
            "{\"a\":\"abc\",\"b\":\"plain\\\"quote\"}\n");
}

TEST_F(CsvReaderTest, LineNumbersCountNewlinesInQuotes) {
  Status st = ReadError("a,b\n\"1\n2\n3\",4\n5\n", {}, {});
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_EQ(st.message(), PathOf("t.csv") + ":5: expected 2 fields, found 1");
}

TEST_F(CsvReaderTest, CrlfBomNoTrailingNewlineAndEmptyLines) {
  auto batches = Read(
      "\xEF\xBB\xBF"
      "a,b\r\n1,\"x\r\ny\"\r\n\r\n\n2,z\r3,w");
  ASSERT_EQ(schema_->fields[0]->name, "a");
  EXPECT_EQ(Json(batches),
            "{\"a\":1,\"b\":\"x\\r\\ny\"}\n"
            "{\"a\":2,\"b\":\"z\"}\n"
            "{\"a\":3,\"b\":\"w\"}\n");
}

TEST_F(CsvReaderTest, TrailingDelimiterIsAnEmptyField) {
  auto batches = Read("a,b,c\n1,2,\n4,5,6\n");
  EXPECT_EQ(Json(batches), "{\"a\":1,\"b\":2,\"c\":null}\n{\"a\":4,\"b\":5,\"c\":6}\n");
}

TEST_F(CsvReaderTest, EmptyFile) {
  Status st = ReadError("");
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_NE(st.message().find("empty"), std::string::npos) << st.message();
  EXPECT_EQ(st.message().rfind(PathOf("t.csv"), 0), 0u) << st.message();

  TextReadOptions options;
  options.schema = MakeSchema({MakeField("a", columnar::Int64())});
  auto batches = Read("", options);
  EXPECT_TRUE(batches.empty());
  EXPECT_TRUE(schema_->Equals(*options.schema));
  auto only_bom = Read("\xEF\xBB\xBF", options);
  EXPECT_TRUE(only_bom.empty());
}

TEST_F(CsvReaderTest, HeaderOnly) {
  auto batches = Read("a,b\n");
  EXPECT_TRUE(batches.empty());
  EXPECT_EQ(schema_->ToString(),
            MakeSchema({MakeField("a", columnar::String()), MakeField("b", columnar::String())})->ToString());
  TextReadOptions options;
  options.schema = MakeSchema({MakeField("b", columnar::Float64())});
  EXPECT_TRUE(Read("a,b", options).empty());
  EXPECT_TRUE(schema_->Equals(*options.schema));
}

TEST_F(CsvReaderTest, NullValue) {
  CsvOptions csv;
  csv.null_value = "NA";
  auto batches = Read("i,s\nNA,NA\n\"NA\",\"NA\"\n,\n3,\"\"\n", {}, csv);
  ASSERT_EQ(schema_->fields[0]->type->id, columnar::TypeId::kString) << "a quoted NA is text";
  TextReadOptions options;
  options.schema = MakeSchema({MakeField("i", columnar::Int64()), MakeField("s", columnar::String())});
  batches = Read("i,s\nNA,NA\n,\"NA\"\n3,\n4,\"\"\n", options, csv);
  // Empty is null for ints; for strings only the null text is null.
  EXPECT_EQ(Json(batches),
            "{\"i\":null,\"s\":null}\n{\"i\":null,\"s\":\"NA\"}\n{\"i\":3,\"s\":\"\"}\n{\"i\":4,\"s\":\"\"}\n");
  // By default the empty unquoted field is null, the quoted one is empty text
  // (neither says anything about the type: string).
  batches = Read("s,t\n,\"\"\n");
  EXPECT_EQ(Json(batches), "{\"s\":null,\"t\":\"\"}\n");
  options.schema = MakeSchema({MakeField("s", columnar::String()), MakeField("t", columnar::String())});
  batches = Read("s,t\n,\"\"\n", options);
  EXPECT_EQ(Json(batches), "{\"s\":null,\"t\":\"\"}\n");
}

TEST_F(CsvReaderTest, InferenceOfMixedColumns) {
  auto batches = Read(
      "ints,bools,words,dates,stamps,zones\n"
      "0,1,true,2024-01-01,2024-01-01T00:00,2024-01-01T00:00Z\n"
      "1,false,yes,2024-01-01T00:00,2024-01-01 00:00:00.5,2024-01-01T00:00\n");
  EXPECT_EQ(schema_->ToString(),
            MakeSchema({MakeField("ints", columnar::Int64()), MakeField("bools", columnar::Bool()),
                        MakeField("words", columnar::String()), MakeField("dates", columnar::String()),
                        MakeField("stamps", columnar::Timestamp(TimeUnit::kMicro, false)),
                        MakeField("zones", columnar::String())})
                ->ToString());
  EXPECT_EQ(Json(batches),
            "{\"ints\":0,\"bools\":true,\"words\":\"true\",\"dates\":\"2024-01-01\","
            "\"stamps\":\"2024-01-01T00:00:00.000000\",\"zones\":\"2024-01-01T00:00Z\"}\n"
            "{\"ints\":1,\"bools\":false,\"words\":\"yes\",\"dates\":\"2024-01-01T00:00\","
            "\"stamps\":\"2024-01-01T00:00:00.500000\",\"zones\":\"2024-01-01T00:00\"}\n");
}

TEST_F(CsvReaderTest, NullOnlyColumnIsString) {
  auto batches = Read("a,b\n1,\n2,\n");
  EXPECT_EQ(schema_->fields[1]->type->id, columnar::TypeId::kString);
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0].columns[1]->null_count, 2);
}

TEST_F(CsvReaderTest, WrongFieldCountNamesLine) {
  Status st = ReadError("a,b\n1,2\n3,4,5\n");
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_EQ(st.message(), PathOf("t.csv") + ":3: expected 2 fields, found 3");
  // Past the rows used for inference too.
  TextReadOptions options;
  options.infer_rows = 1;
  options.batch_rows = 1;
  st = ReadError("a,b\n1,2\n3,4\n\n5\n", options);
  EXPECT_EQ(st.message(), PathOf("t.csv") + ":5: expected 2 fields, found 1");
}

TEST_F(CsvReaderTest, UnparseableValueNamesLineColumnTextAndType) {
  TextReadOptions options;
  options.schema = MakeSchema({MakeField("a", columnar::Int32()), MakeField("when", columnar::Date32())});
  Status st = ReadError("a,when\n1,2024-01-01\n2,2024-02-30\n", options);
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_EQ(st.message(), PathOf("t.csv") + ":3: column 'when': cannot read '2024-02-30' as date32");
  st = ReadError("a,when\n1,2024-01-01\n\"x\ny\",2024-01-01\n", options);
  EXPECT_EQ(st.message(), PathOf("t.csv") + ":3: column 'a': cannot read 'x\ny' as int32");
  st = ReadError("a,when\n99999999999,\n", options);
  EXPECT_EQ(st.message(), PathOf("t.csv") + ":2: column 'a': cannot read '99999999999' as int32");
}

TEST_F(CsvReaderTest, ReaderStaysFailedAfterAnError) {
  TextReadOptions options;
  options.batch_rows = 1;
  options.schema = MakeSchema({MakeField("a", columnar::Int64())});
  auto r = OpenCsv(Write("t.csv", "a\n1\nx\n3\n"), options);
  ASSERT_TRUE(r.ok());
  auto first = (*r)->Next();
  ASSERT_TRUE(first.ok() && first->has_value());
  auto second = (*r)->Next();
  ASSERT_FALSE(second.ok());
  auto third = (*r)->Next();
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().message(), second.status().message());
}

TEST_F(CsvReaderTest, GivenSchemaMatchesByName) {
  TextReadOptions options;
  options.schema = MakeSchema({MakeField("c", columnar::Float32()), MakeField("missing", columnar::Int64()),
                               MakeField("a", columnar::Int8(), /*nullable=*/false)});
  auto batches = Read("a,b,c\n1,ignored,2.5\n-3,,\n", options);
  EXPECT_TRUE(schema_->Equals(*options.schema));
  EXPECT_EQ(Json(batches), "{\"c\":2.5,\"missing\":null,\"a\":1}\n{\"c\":null,\"missing\":null,\"a\":-3}\n");

  options.schema = MakeSchema({MakeField("z", columnar::Int64(), /*nullable=*/false)});
  Status st = ReadError("a\n1\n", options);
  EXPECT_EQ(st.message(), PathOf("t.csv") + ": non-nullable column 'z' is not in the header");

  options.schema = MakeSchema({MakeField("a", columnar::Int64(), /*nullable=*/false)});
  st = ReadError("a\n1\n\n\"\"\n", options);
  EXPECT_EQ(st.message(), PathOf("t.csv") + ":4: column 'a': null in a non-nullable column");

  options.schema = MakeSchema({MakeField("s", columnar::String(), /*nullable=*/false)});
  st = ReadError("s,t\n\"\",1\nx,2\n,3\n", options);
  EXPECT_EQ(st.message(), PathOf("t.csv") + ":4: column 's': null in a non-nullable column");

  options.schema = MakeSchema({MakeField("a", columnar::List(MakeField("element", columnar::Int64())))});
  st = ReadError("a\n1\n", options);
  EXPECT_EQ(st.code(), StatusCode::kNotSupported);
}

TEST_F(CsvReaderTest, EveryGivenType) {
  TextReadOptions options;
  options.schema = MakeSchema({
      MakeField("u8", columnar::UInt8()),
      MakeField("i16", columnar::Int16()),
      MakeField("u64", columnar::UInt64()),
      MakeField("dec", columnar::Decimal128(6, 2)),
      MakeField("ts_ns", columnar::Timestamp(TimeUnit::kNano, false)),
      MakeField("ts_ms_utc", columnar::Timestamp(TimeUnit::kMilli, true)),
      MakeField("t", columnar::Time32(TimeUnit::kMilli)),
      MakeField("bin", columnar::Binary()),
      MakeField("fixed", columnar::FixedSizeBinary(2)),
      MakeField("flag", columnar::Bool()),
  });
  auto batches = Read(
      "u8,i16,u64,dec,ts_ns,ts_ms_utc,t,bin,fixed,flag\n"
      "255,-32768,18446744073709551615,-1234.5,2024-01-02T03:04:05.123456789,2024-01-02T03:04:05.123,"
      "01:02:03.004,\"\xff\",ab,1\n",
      options);
  ASSERT_EQ(batches.size(), 1u);
  const auto& b = batches[0];
  EXPECT_EQ(b.columns[0]->values<uint8_t>()[0], 255);
  EXPECT_EQ(b.columns[1]->values<int16_t>()[0], -32768);
  EXPECT_EQ(b.columns[2]->values<uint64_t>()[0], std::numeric_limits<uint64_t>::max());
  __int128 dec = 0;
  std::memcpy(&dec, b.columns[3]->FixedValue(0).data(), 16);
  EXPECT_TRUE(dec == -123450);
  EXPECT_EQ(b.columns[4]->values<int64_t>()[0], (1704153600LL + 3 * 3600 + 4 * 60 + 5) * 1000000000 + 123456789);
  EXPECT_EQ(b.columns[5]->values<int64_t>()[0], (1704153600LL + 3 * 3600 + 4 * 60 + 5) * 1000 + 123);
  EXPECT_EQ(b.columns[6]->values<int32_t>()[0], 3723004);
  EXPECT_EQ(b.columns[7]->StringValue(0), "\xff");
  EXPECT_EQ(b.columns[8]->FixedValue(0), "ab");
  EXPECT_TRUE(b.columns[9]->BoolValue(0));
}

TEST_F(CsvReaderTest, StringsMustBeUtf8) {
  Status st = ReadError("s\nok\n\"caf\xc3\xa9\"\nbad\xff\n");
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_EQ(st.message(), PathOf("t.csv") + ":4: column 's': value is not UTF-8; read the column as binary");
  // A value ending in a lead byte followed by one starting with continuation
  // bytes is still caught, though the concatenation is valid.
  st = ReadError("s\n\"\xc3\"\n\"\xa9\"\n");
  EXPECT_EQ(st.message(), PathOf("t.csv") + ":2: column 's': value is not UTF-8; read the column as binary");
}

TEST_F(CsvReaderTest, InferenceSpansBatches) {
  TextReadOptions options;
  options.batch_rows = 2;
  options.infer_rows = 5;
  auto batches = Read("a,b\n1,1\n2,2\n3,3\n4,4\n5.5,x\n6,6\n", options);
  EXPECT_EQ(schema_->fields[0]->type->id, columnar::TypeId::kFloat64);
  EXPECT_EQ(schema_->fields[1]->type->id, columnar::TypeId::kString);
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_EQ(batches[0].num_rows, 2);
  EXPECT_EQ(batches[2].num_rows, 2);
  EXPECT_EQ(Json(batches),
            "{\"a\":1,\"b\":\"1\"}\n{\"a\":2,\"b\":\"2\"}\n{\"a\":3,\"b\":\"3\"}\n{\"a\":4,\"b\":\"4\"}\n"
            "{\"a\":5.5,\"b\":\"x\"}\n{\"a\":6,\"b\":\"6\"}\n");
  // A value beyond infer_rows that does not fit the inferred type is an error.
  options.infer_rows = 4;
  Status st = ReadError("a,b\n1,1\n2,2\n3,3\n4,4\n5.5,x\n6,6\n", options);
  EXPECT_EQ(st.message(), PathOf("t.csv") + ":6: column 'a': cannot read '5.5' as int64");
}

TEST_F(CsvReaderTest, NoHeader) {
  CsvOptions csv;
  csv.header = false;
  auto batches = Read("1,x\n2,y\n", {}, csv);
  EXPECT_EQ(schema_->fields[0]->name, "f0");
  EXPECT_EQ(schema_->fields[1]->name, "f1");
  EXPECT_EQ(Json(batches), "{\"f0\":1,\"f1\":\"x\"}\n{\"f0\":2,\"f1\":\"y\"}\n");
  TextReadOptions options;
  options.schema = MakeSchema({MakeField("n", columnar::Int32()), MakeField("s", columnar::String())});
  batches = Read("1,x\n2,y\n", options, csv);
  EXPECT_EQ(Json(batches), "{\"n\":1,\"s\":\"x\"}\n{\"n\":2,\"s\":\"y\"}\n");
  Status st = ReadError("1,x,3\n", options, csv);
  EXPECT_EQ(st.message(), PathOf("t.csv") + ":1: expected 2 fields, found 3");
}

TEST_F(CsvReaderTest, OtherDelimiterAndQuote) {
  CsvOptions csv;
  csv.delimiter = '\t';
  csv.quote = '\'';
  auto batches = Read("a\tb\n'x\ty'\t'it''s'\n", {}, csv);
  EXPECT_EQ(Json(batches), "{\"a\":\"x\\ty\",\"b\":\"it's\"}\n");
  csv.quote = '\t';
  EXPECT_EQ(ReadError("a\n", {}, csv).code(), StatusCode::kInvalid);
}

TEST_F(CsvReaderTest, UnterminatedQuote) {
  Status st = ReadError("a,b\n1,2\n3,\"open\n\n");
  EXPECT_EQ(st.message(), PathOf("t.csv") + ":3: quoted field is not closed before the end of the file");
}

TEST_F(CsvReaderTest, ManyColumnsAndRowsSplitIntoPasses) {
  // 300 columns make the reader tokenize fewer rows per pass than per batch.
  constexpr int kCols = 300, kRows = 3000;
  std::string text;
  for (int c = 0; c < kCols; ++c) text += fmt::format("{}c{}", c ? "," : "", c);
  text += "\n";
  for (int r = 0; r < kRows; ++r) {
    for (int c = 0; c < kCols; ++c) text += fmt::format("{}{}", c ? "," : "", r * kCols + c);
    text += "\n";
  }
  TextReadOptions options;
  options.batch_rows = 2500;
  auto batches = Read(text, options);
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[0].num_rows, 2500);
  EXPECT_EQ(batches[1].num_rows, 500);
  int64_t row = 0;
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b.num_rows; ++r, ++row) {
      for (int c : {0, 1, 150, 299}) {
        ASSERT_EQ(b.columns[c]->values<int64_t>()[r], row * kCols + c) << "row " << row << " col " << c;
      }
    }
  }
}

// Random rows of awkward fields (quoted or not, with delimiters, doubled
// quotes, LF, CRLF, long runs), written the RFC 4180 way: every value and the
// line of a final bad row must come back. Long enough that the tokenizer's
// 64-byte windows cut through fields and quotes everywhere.
TEST_F(CsvReaderTest, RandomFieldsRoundTripWithLineNumbers) {
  std::mt19937_64 rng(11);
  const std::vector<std::string> pieces = {"a", "bc", ",", "\"", "\n", "\r\n", " ", "xyz", std::string(70, 'L'), "é"};
  for (int round = 0; round < 20; ++round) {
    std::string text = "c0,c1,c2\n";
    int64_t line = 2;
    std::vector<std::string> expected;
    const int rows = 50 + static_cast<int>(rng() % 200);
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < 3; ++c) {
        std::string v;
        const int n = 1 + static_cast<int>(rng() % 6);
        for (int k = 0; k < n; ++k) v += pieces[rng() % pieces.size()];
        expected.push_back(v);
        const bool needs_quotes = v.find_first_of(",\"\r\n") != std::string::npos;
        if (needs_quotes || rng() % 3 == 0) {
          std::string q = "\"";
          for (char ch : v) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
          text += q + "\"";
        } else {
          text += v;
        }
        line += std::count(v.begin(), v.end(), '\n');
        text += c < 2 ? "," : (rng() % 2 ? "\r\n" : "\n");
      }
      ++line;
    }
    text += "only,two\n";
    TextReadOptions options;
    options.schema = MakeSchema({MakeField("c0", columnar::String()), MakeField("c1", columnar::String()),
                                 MakeField("c2", columnar::String())});
    options.batch_rows = 1 + static_cast<int64_t>(rng() % 64);
    auto r = OpenCsv(Write("t.csv", text), options);
    ASSERT_TRUE(r.ok());
    size_t i = 0;
    Status st;
    for (;;) {
      auto batch = (*r)->Next();
      if (!batch.ok()) {
        st = batch.status();
        break;
      }
      ASSERT_TRUE(batch->has_value()) << "the bad last row must fail";
      for (int64_t row = 0; row < (*batch)->num_rows; ++row) {
        for (int c = 0; c < 3; ++c, ++i) {
          ASSERT_EQ((*batch)->columns[c]->StringValue(row), expected[i]) << "round " << round << " value " << i;
        }
      }
    }
    // The batch holding the bad row fails as a whole.
    EXPECT_LE(i, expected.size());
    EXPECT_GT(i + 3 * static_cast<size_t>(options.batch_rows), expected.size());
    EXPECT_EQ(st.message(), fmt::format("{}:{}: expected 3 fields, found 2", PathOf("t.csv"), line)) << round;
  }
}

TEST_F(CsvReaderTest, MissingFileIsNotFound) {
  auto r = OpenCsv(PathOf("nope.csv"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace sluice::formats
