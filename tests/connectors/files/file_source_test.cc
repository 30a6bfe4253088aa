// The bounded file source: exact rows at any parallelism, inference, schema
// mismatches and malformed files naming the file, split positions.
#include "sluice/connectors/files/file_source.h"

#include <gtest/gtest.h>

#include "connectors/files/file_source_test_util.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/sinks/collect_sink.h"

namespace sluice::stream {
namespace {

using testing::FileRows;
using testing::FileRowSchema;
using testing::Sorted;

class BoundedFileSourceTest : public testing::FileSourceTest {
 protected:
  // Runs FromFiles -> collect at `parallelism`; the sorted rows.
  Result<std::vector<Scalars>> RunJob(connectors::FileSourceOptions o, int parallelism, SchemaPtr* schema = nullptr) {
    StreamOptions so;
    so.parallelism = parallelism;
    so.poll_interval_ms = 1;
    StreamEnvironment env(so);
    auto sink = std::make_shared<CollectSink>();
    DataStream s =
        env.FromSource(connectors::FileSource::Make(std::move(o)), WatermarkStrategy::NoWatermarks(), "files");
    if (schema != nullptr) *schema = s.schema();
    s.SinkTo(sink);
    SLUICE_RETURN_NOT_OK(env.Execute("read-files"));
    for (const auto& b : sink->batches()) {
      if (!b.schema->Equals(*s.schema())) return Status::Invalid("a batch has another schema");
    }
    return sink->SortedRows();
  }

  // Writes five files of `format` into `dir` plus files that must not be
  // read (hidden, _SUCCESS, in a subdirectory); returns the rows written.
  std::vector<Scalars> WriteDirectory(const std::string& dir, const std::string& format) {
    std::vector<Scalars> all;
    int64_t id = 0;
    int index = 0;
    for (int64_t n : {37, 120, 1, 64, 15}) {
      auto rows = FileRows(id, n);
      WriteRows(fmt::format("{}/part-{}.{}", dir, index++, format), format, rows);
      all.insert(all.end(), rows.begin(), rows.end());
      id += n;
    }
    WriteRows(dir + "/.hidden." + format, format, FileRows(10000, 3));
    WriteRows(dir + "/_tmp." + format, format, FileRows(20000, 3));
    WriteText(dir + "/_SUCCESS", "");
    WriteRows(dir + "/sub/nested." + format, format, FileRows(30000, 3));
    return all;
  }
};

TEST_F(BoundedFileSourceTest, DirectoriesGiveExactRowsAtParallelismOneAndThree) {
  for (const std::string format : {"csv", "jsonl", "parquet"}) {
    const std::vector<Scalars> expected = Sorted(WriteDirectory(format, format));
    ASSERT_EQ(expected.size(), 237u);
    for (bool given_schema : {true, false}) {
      for (int p : {1, 3}) {
        connectors::FileSourceOptions o;
        o.paths = {Path(format)};
        o.read.batch_rows = 16;
        if (given_schema) o.read.schema = FileRowSchema();
        SchemaPtr schema;
        auto rows = RunJob(o, p, &schema);
        ASSERT_TRUE(rows.ok()) << format << ": " << rows.status().ToString();
        EXPECT_EQ(*rows, expected) << format << " parallelism " << p << " schema given " << given_schema;
        // Inferred from the first file: the same types.
        EXPECT_EQ(schema->ToString(), FileRowSchema()->ToString()) << format;
      }
    }
  }
}

TEST_F(BoundedFileSourceTest, PatternAndNamedFilesAndMixedFormats) {
  WriteRows("d/a.csv", "csv", FileRows(0, 10));
  WriteRows("d/b.jsonl", "jsonl", FileRows(10, 10));
  WriteRows("d/c.parquet", "parquet", FileRows(20, 10));
  WriteText("d/notes.txt", "not data\n");
  connectors::FileSourceOptions o;
  o.read.schema = FileRowSchema();
  o.paths = {Path("d")};
  o.name_pattern = "*.csv";
  auto rows = RunJob(o, 2);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, FileRows(0, 10));
  o.name_pattern = "[abc]*";  // '[' is literal: matches nothing
  EXPECT_EQ(RunJob(o, 1).value().size(), 0u);
  o.name_pattern = "?.*t";  // c.parquet (notes.txt has more than one character before the dot)
  rows = RunJob(o, 1);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, FileRows(20, 10));
  // Each format chosen by extension; a file named as well as found in its
  // directory is read once.
  o.name_pattern = "*.*l*";  // b.jsonl
  o.paths = {Path("d"), Path("d/a.csv"), Path("d/b.jsonl")};
  rows = RunJob(o, 3);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, Sorted(FileRows(0, 20)));
  // The .txt file read as data: its extension is unknown.
  o.paths = {Path("d")};
  o.name_pattern.clear();
  rows = RunJob(o, 1);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find(Path("d/notes.txt")), std::string::npos) << rows.status().ToString();
  // Forced CSV with a ';' delimiter on any extension.
  WriteText("e/data.txt", "id;name;score\n1;x;2.5\n");
  o.paths = {Path("e")};
  o.format = formats::DataFileFormat::kCsv;
  o.csv.delimiter = ';';
  rows = RunJob(o, 1);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (std::vector<Scalars>{{Scalar(int64_t{1}), Scalar("x"), Scalar(2.5)}}));
}

TEST_F(BoundedFileSourceTest, SchemaInferenceAndEmptyDirectories) {
  WriteText("t/a.csv", "k,when,flag,amount\n1,2024-01-02,true,\n2,2024-03-04,false,3.5\n");
  connectors::FileSourceOptions o;
  o.paths = {Path("t")};
  auto src = connectors::FileSource::Make(o);
  ASSERT_TRUE(src.ok()) << src.status().ToString();
  EXPECT_EQ((*src)->schema()->ToString(), testing::MakeSchema({{"k", columnar::Int64()},
                                                               {"when", columnar::Date32()},
                                                               {"flag", columnar::Bool()},
                                                               {"amount", columnar::Float64()}})
                                              ->ToString());
  std::filesystem::create_directories(Path("empty"));
  o.paths = {Path("empty")};
  for (bool watch : {false, true}) {
    o.watch = watch;
    auto none = connectors::FileSource::Make(o);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.status().code(), StatusCode::kInvalid);
    EXPECT_NE(none.status().message().find(Path("empty")), std::string::npos) << none.status().ToString();
    EXPECT_NE(none.status().message().find("schema"), std::string::npos) << none.status().ToString();
  }
  // With a schema an empty directory is an empty stream.
  o.watch = false;
  o.read.schema = FileRowSchema();
  auto rows = RunJob(o, 2);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_TRUE(rows->empty());
  // A missing path is NotFound naming it, through FromFiles too.
  o.paths = {Path("missing")};
  EXPECT_EQ(connectors::FileSource::Make(o).status().code(), StatusCode::kNotFound);
  auto failed = RunJob(o, 1);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find(Path("missing")), std::string::npos) << failed.status().ToString();
}

TEST_F(BoundedFileSourceTest, MismatchingFileFailsNamingIt) {
  struct Case {
    std::string name;
    std::string format;
  };
  for (const Case& c : std::vector<Case>{{"missing.csv", "csv"}, {"extra.parquet", "parquet"}}) {
    const std::string dir = "m-" + c.format;
    WriteRows(dir + "/a." + c.format, c.format, FileRows(0, 20));
    std::string bad;
    if (c.format == "csv") {
      bad = WriteText(dir + "/" + c.name, "id,name\n1,x\n");  // no score
    } else {
      auto schema = testing::MakeSchema({{"id", columnar::Int64()},
                                         {"name", columnar::String()},
                                         {"score", columnar::Float64()},
                                         {"extra", columnar::Int64()}});
      bad = Path(dir + "/" + c.name);
      auto w = parquet::FileWriter::Open(bad, schema);
      ASSERT_TRUE(w.ok());
      ASSERT_TRUE(
          (*w)->Write(testing::MakeBatch(schema, {{Scalar(int64_t{1}), Scalar("x"), Scalar(1.5), Scalar(int64_t{2})}}))
              .ok());
      ASSERT_TRUE((*w)->Close().ok());
    }
    for (bool given_schema : {true, false}) {  // inferred from a.*, the first file
      connectors::FileSourceOptions o;
      o.paths = {Path(dir)};
      if (given_schema) o.read.schema = FileRowSchema();
      auto rows = RunJob(o, 2);
      ASSERT_FALSE(rows.ok()) << c.name;
      EXPECT_EQ(rows.status().code(), StatusCode::kInvalid);
      EXPECT_NE(rows.status().message().find(bad + ":"), std::string::npos) << rows.status().ToString();
      EXPECT_NE(rows.status().message().find(c.format == "csv" ? "'score'" : "'extra'"), std::string::npos)
          << rows.status().ToString();
    }
  }
  // A Parquet column of another type.
  auto schema =
      testing::MakeSchema({{"id", columnar::Int32()}, {"name", columnar::String()}, {"score", columnar::Float64()}});
  WriteRows("p/a.parquet", "parquet", FileRows(0, 5));
  connectors::FileSourceOptions o;
  o.paths = {Path("p")};
  o.read.schema = schema;
  auto rows = RunJob(o, 1);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find(Path("p/a.parquet") + ": column 'id' is int64"), std::string::npos)
      << rows.status().ToString();
}

TEST_F(BoundedFileSourceTest, MalformedLinesFailNamingFileAndLine) {
  WriteRows("c/a.csv", "csv", FileRows(0, 30));
  const std::string bad = WriteText("c/b.csv", "id,name,score\n1,x,1.5\n2,y,2.5\nthree,z,3.5\n");
  connectors::FileSourceOptions o;
  o.paths = {Path("c")};
  o.read.schema = FileRowSchema();
  auto rows = RunJob(o, 2);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find(bad + ":4:"), std::string::npos) << rows.status().ToString();
  EXPECT_NE(rows.status().message().find("'three'"), std::string::npos) << rows.status().ToString();
  // A row with too few fields.
  WriteText("c/b.csv", "id,name,score\n1,x,1.5\n2,y\n");
  rows = RunJob(o, 1);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find(bad + ":3"), std::string::npos) << rows.status().ToString();
  // JSON lines: broken JSON and a value of the wrong type.
  const std::string json = WriteText("j/a.jsonl", "{\"id\":1,\"name\":\"x\",\"score\":1.5}\n{\"id\":2,\n");
  o.paths = {Path("j")};
  rows = RunJob(o, 1);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find(json + ":2:"), std::string::npos) << rows.status().ToString();
  WriteText("j/a.jsonl", "{\"id\":1,\"name\":\"x\",\"score\":1.5}\n\n{\"id\":\"two\",\"name\":\"y\",\"score\":1}\n");
  rows = RunJob(o, 1);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find(json + ":3"), std::string::npos) << rows.status().ToString();
}

TEST_F(BoundedFileSourceTest, RestoredSplitsEmitEveryRowExactlyOnce) {
  for (const std::string format : {"csv", "jsonl", "parquet"}) {
    std::vector<Scalars> all;
    int64_t id = 0;
    for (int64_t n : {23, 9, 31}) {
      auto rows = FileRows(id, n);
      WriteRows(fmt::format("r-{}/f{}.{}", format, id, format), format, rows);
      all.insert(all.end(), rows.begin(), rows.end());
      id += n;
    }
    connectors::FileSourceOptions o;
    o.paths = {Path("r-" + format)};
    o.read.batch_rows = 7;
    auto src = connectors::FileSource::Make(o);
    ASSERT_TRUE(src.ok()) << src.status().ToString();
    auto splits = (*src)->CreateSplits(1);
    ASSERT_TRUE(splits.ok());
    ASSERT_EQ(splits->size(), 3u);
    // Stop after every possible number of batches, snapshot, and resume the
    // splits on two new readers.
    for (int64_t cut = 0; cut <= 12; ++cut) {
      auto first = (*src)->CreateReader(0, *splits);
      ASSERT_TRUE(first.ok());
      auto before = testing::Drain(first->get(), (*src)->schema(), cut);
      ASSERT_TRUE(before.ok()) << before.status().ToString();
      std::vector<SourceSplit> snap = (*first)->SnapshotSplits();
      ASSERT_EQ(snap.size(), 3u);
      std::vector<SourceSplit> half[2];
      for (size_t i = 0; i < snap.size(); ++i) half[i % 2].push_back(snap[i]);
      std::vector<Scalars> seen = *before;
      for (auto& part : half) {
        auto reader = (*src)->CreateReader(0, part);
        ASSERT_TRUE(reader.ok());
        auto after = testing::Drain(reader->get(), (*src)->schema());
        ASSERT_TRUE(after.ok()) << after.status().ToString();
        seen.insert(seen.end(), after->begin(), after->end());
      }
      EXPECT_EQ(Sorted(seen), Sorted(all)) << format << " cut after " << cut << " batches";
    }
  }
}

TEST_F(BoundedFileSourceTest, PositionPastTheEndOfAChangedFileFails) {
  const std::string path = WriteRows("x/a.csv", "csv", FileRows(0, 10));
  connectors::FileSourceOptions o;
  o.paths = {Path("x")};
  auto src = *connectors::FileSource::Make(o);
  auto reader = src->CreateReader(0, {SourceSplit{"file:" + path, "25"}});
  ASSERT_TRUE(reader.ok());
  auto r = testing::Drain(reader->get(), src->schema());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(path + ": the file has 10 rows, but the checkpoint had read 25"),
            std::string::npos)
      << r.status().ToString();
  // Bad positions and foreign splits.
  reader = src->CreateReader(0, {SourceSplit{"file:" + path, "x1"}});
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(testing::Drain(reader->get(), src->schema()).status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(src->CreateReader(0, {SourceSplit{"range-0", "0/5"}}).status().code(), StatusCode::kInvalid);
  // A finished split is skipped.
  reader = src->CreateReader(0, {SourceSplit{"file:" + path, "done"}});
  ASSERT_TRUE(reader.ok());
  EXPECT_TRUE(testing::Drain(reader->get(), src->schema()).value().empty());
}

}  // namespace
}  // namespace sluice::stream
