#include <gtest/gtest.h>

#include "formats/text_test_util.h"
#include "sluice/columnar/builder.h"
#include "sluice/formats/text_readers.h"
#include "sluice/parquet/file_writer.h"

namespace sluice::formats {
namespace {

using columnar::MakeField;
using testing::MakeSchema;

class DataFileTest : public testing::TextFileTest {
 protected:
  std::vector<columnar::RecordBatch> Read(const std::string& path, TextReadOptions options = {}) {
    return ReadOrFail(OpenDataFile(path, options));
  }

  // Writes the rows of a CSV text as a Parquet file with `batch_rows` rows per
  // batch, returning its path.
  std::string WriteParquet(std::string_view csv, int64_t batch_rows) {
    TextReadOptions options;
    options.batch_rows = batch_rows;
    auto reader = OpenCsv(Write("src.csv", csv), options);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    auto batches = ReadAll(reader->get());
    EXPECT_TRUE(batches.ok());
    const std::string path = dir_ + "/data.parquet";
    auto writer = parquet::FileWriter::Open(path, (*reader)->schema());
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    for (const auto& b : *batches) EXPECT_TRUE((*writer)->Write(b).ok());
    EXPECT_TRUE((*writer)->Close().ok());
    return path;
  }
};

TEST_F(DataFileTest, ParquetWholeFileAndSelectedByName) {
  const std::string path = WriteParquet("a,b,c\n1,x,1.5\n2,,2.5\n3,z,\n", 2);
  EXPECT_EQ(Json(Read(path)),
            "{\"a\":1,\"b\":\"x\",\"c\":1.5}\n{\"a\":2,\"b\":null,\"c\":2.5}\n{\"a\":3,\"b\":\"z\",\"c\":null}\n");

  TextReadOptions options;
  options.schema = MakeSchema({MakeField("c", columnar::Float64()), MakeField("gone", columnar::Date32()),
                               MakeField("a", columnar::Int64(), /*nullable=*/false)});
  options.batch_rows = 2;
  auto batches = Read(path, options);
  EXPECT_TRUE(schema_->Equals(*options.schema));
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(
      Json(batches),
      "{\"c\":1.5,\"gone\":null,\"a\":1}\n{\"c\":2.5,\"gone\":null,\"a\":2}\n{\"c\":null,\"gone\":null,\"a\":3}\n");

  // Only missing columns: the row count still comes through.
  options.schema = MakeSchema({MakeField("gone", columnar::Int64())});
  EXPECT_EQ(Json(Read(path, options)), "{\"gone\":null}\n{\"gone\":null}\n{\"gone\":null}\n");
}

TEST_F(DataFileTest, ParquetSchemaMismatches) {
  const std::string path = WriteParquet("a,b\n1,x\n2,\n", 10);
  TextReadOptions options;
  options.schema = MakeSchema({MakeField("a", columnar::Int32())});
  auto r = OpenDataFile(path, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), path + ": column 'a' is int64 in the file, int32 in the schema");

  options.schema = MakeSchema({MakeField("gone", columnar::Int64(), /*nullable=*/false)});
  r = OpenDataFile(path, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
  EXPECT_NE(r.status().message().find("'gone'"), std::string::npos);

  options.schema = MakeSchema({MakeField("b", columnar::String(), /*nullable=*/false)});
  r = OpenDataFile(path, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto batches = ReadAll(r->get());
  ASSERT_FALSE(batches.ok());
  EXPECT_EQ(batches.status().message(), path + ": column 'b' has nulls but is not nullable in the schema");
}

TEST_F(DataFileTest, ChoosesReaderByExtension) {
  EXPECT_EQ(Json(Read(Write("x.CSV", "a\n1\n"))), "{\"a\":1}\n");
  EXPECT_EQ(Json(Read(Write("x.ndjson", "{\"a\":1}\n"))), "{\"a\":1}\n");
  EXPECT_EQ(Json(Read(Write("x.jsonl", "{\"a\":2}\n"))), "{\"a\":2}\n");
  EXPECT_EQ(Json(Read(Write("x.json", "{\"a\":3}\n"))), "{\"a\":3}\n");
  for (const char* name : {"x.txt", "x", "dir.csv/x"}) {
    const std::string path = dir_ + "/" + name;
    auto r = OpenDataFile(path);
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid) << name;
    EXPECT_EQ(r.status().message().rfind(path + ": unknown data file extension", 0), 0u) << r.status().message();
  }
  // A Parquet extension on something else is a Parquet error naming the file.
  auto r = OpenDataFile(Write("fake.parquet", "a,b\n1,2\n"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("fake.parquet"), std::string::npos) << r.status().message();
}

TEST_F(DataFileTest, ExactColumnsRefusesMissingAndExtraColumns) {
  const std::string parquet = WriteParquet("a,b\n1,x\n2,y\n", 10);
  const std::string csv = Write("t.csv", "b,a\nx,1\ny,2\n");
  TextReadOptions options;
  options.exact_columns = true;
  // The same columns in another order: read, in the schema's order.
  options.schema = MakeSchema({MakeField("a", columnar::Int64()), MakeField("b", columnar::String())});
  for (const auto& path : {parquet, csv}) {
    EXPECT_EQ(Json(Read(path, options)), "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\"}\n") << path;
  }
  // A column the files lack (nullable, so fine without exact_columns).
  options.schema = MakeSchema(
      {MakeField("a", columnar::Int64()), MakeField("b", columnar::String()), MakeField("c", columnar::Int64())});
  for (const auto& path : {parquet, csv}) {
    Status st = ErrorOf(OpenDataFile(path, options));
    EXPECT_EQ(st.code(), StatusCode::kInvalid);
    EXPECT_EQ(st.message().rfind(path + ":", 0), 0u) << st.message();
    EXPECT_NE(st.message().find("'c'"), std::string::npos) << st.message();
    options.exact_columns = false;
    EXPECT_EQ(Read(path, options).size(), 1u) << path;
    options.exact_columns = true;
  }
  // A column the schema lacks.
  options.schema = MakeSchema({MakeField("a", columnar::Int64())});
  for (const auto& path : {parquet, csv}) {
    Status st = ErrorOf(OpenDataFile(path, options));
    EXPECT_EQ(st.code(), StatusCode::kInvalid);
    EXPECT_EQ(st.message().rfind(path + ":", 0), 0u) << st.message();
    EXPECT_NE(st.message().find("'b'"), std::string::npos) << st.message();
  }
}

TEST_F(DataFileTest, ForcedFormatIgnoresTheExtension) {
  EXPECT_EQ(DataFileFormatOf("a/b.PARQUET").value(), DataFileFormat::kParquet);
  EXPECT_EQ(DataFileFormatOf("b.ndjson").value(), DataFileFormat::kJsonLines);
  EXPECT_FALSE(DataFileFormatOf("b.txt").ok());
  const std::string path = Write("data.txt", "a;b\n1;x\n");
  CsvOptions csv;
  csv.delimiter = ';';
  EXPECT_EQ(Json(ReadOrFail(OpenDataFile(path, DataFileFormat::kCsv, {}, csv))), "{\"a\":1,\"b\":\"x\"}\n");
  const std::string json = Write("data.log", "{\"a\":5}\n");
  EXPECT_EQ(Json(ReadOrFail(OpenDataFile(json, DataFileFormat::kJsonLines, {}))), "{\"a\":5}\n");
  // Parquet forced on a file without the extension.
  const std::string parquet = WriteParquet("a\n7\n", 10);
  const std::string renamed = dir_ + "/data.bin";
  std::filesystem::rename(parquet, renamed);
  EXPECT_EQ(Json(ReadOrFail(OpenDataFile(renamed, DataFileFormat::kParquet, {}))), "{\"a\":7}\n");
}

}  // namespace
}  // namespace sluice::formats
