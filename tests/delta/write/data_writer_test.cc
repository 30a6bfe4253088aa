#include "sluice/delta/write/data_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>

#include "delta/write/write_test_util.h"
#include "sluice/delta/protocol/path_uri.h"
#include "sluice/delta/read/partition_values.h"
#include "sluice/delta/schema/schema_json.h"
#include "sluice/parquet/file_reader.h"

namespace sluice::delta {
namespace {

using namespace sluice::columnar;  // NOLINT
using testing::Bools;
using testing::Decimals;
using testing::MakeBatch;
using testing::Numbers;
using testing::Strings;
using testing::StructOf;
namespace stdfs = std::filesystem;
using Texts = std::vector<std::optional<std::string>>;

class DataWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (stdfs::temp_directory_path() / "sluice-datawriter-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
  }
  void TearDown() override { stdfs::remove_all(root_); }

  static Metadata MetadataFor(const Schema& schema, std::vector<std::string> partition_columns,
                              std::map<std::string, std::string> configuration = {}) {
    Metadata m;
    m.id = "test";
    auto json = ToDeltaSchemaJson(schema);
    EXPECT_TRUE(json.ok()) << json.status().ToString();
    m.schema_string = *json;
    m.partition_columns = std::move(partition_columns);
    m.configuration = std::move(configuration);
    return m;
  }

  std::unique_ptr<DataWriter> MakeWriter(const Metadata& m, DataWriterOptions options = {}) {
    auto w = DataWriter::Make(io::LocalFileSystem(), root_, m, std::move(options));
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    return w.ok() ? std::move(*w) : nullptr;
  }

  std::string LocalPath(const Add& add) {
    auto p = ResolveDataPath(root_, add.path);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : "";
  }

  // Reads a data file back with sluice's Parquet reader (test files are
  // small: one row group, one batch).
  RecordBatch ReadBack(const Add& add) {
    auto reader = parquet::FileReader::Open(LocalPath(add));
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    if (!reader.ok()) return {};
    auto batches = (*reader)->ReadAll();
    EXPECT_TRUE(batches.ok()) << batches.status().ToString();
    if (!batches.ok() || batches->size() != 1) {
      ADD_FAILURE() << add.path << ": expected one batch";
      return {};
    }
    return (*batches)[0];
  }

  std::string root_;
};

// Rows of the test table: id, name, tags (list), info (struct), day and k
// (partition columns).
struct Row {
  int64_t id;
  std::optional<std::string> name;
  std::vector<int32_t> tags;
  std::optional<int32_t> day;
  std::optional<std::string> k;
};

FieldPtr TagsField() { return MakeField("tags", List(MakeField("element", Int32()))); }
FieldPtr InfoField() { return MakeField("info", Struct({MakeField("len", Int64())})); }

SchemaPtr TableSchema() {
  auto s = std::make_shared<Schema>();
  s->fields = {MakeField("id", Int64(), false),
               MakeField("name", String()),
               TagsField(),
               MakeField("day", Date32()),
               InfoField(),
               MakeField("k", String())};
  return s;
}

// The data columns (id, name, tags, info) of `rows`, or with day and k too.
RecordBatch RowsToBatch(const std::vector<Row>& rows, bool with_partitions) {
  std::vector<std::optional<int64_t>> ids, lens;
  std::vector<std::optional<std::string>> names, ks;
  std::vector<std::optional<int32_t>> days;
  ListBuilder tags(TagsField()->type, std::make_unique<Int32Builder>(Int32()));
  for (const auto& r : rows) {
    ids.push_back(r.id);
    names.push_back(r.name);
    lens.push_back(r.name ? std::optional<int64_t>(static_cast<int64_t>(r.name->size())) : std::nullopt);
    days.push_back(r.day);
    ks.push_back(r.k);
    EXPECT_TRUE(tags.Append().ok());
    for (int32_t t : r.tags) static_cast<Int32Builder*>(tags.value_builder())->Append(t);
  }
  std::vector<bool> valid(rows.size(), true);
  auto info = StructOf(InfoField()->type->children, {Numbers<int64_t>(Int64(), lens)}, valid);
  if (with_partitions) {
    return MakeBatch(TableSchema()->fields, {Numbers<int64_t>(Int64(), ids), Strings(names), *tags.Finish(),
                                             Numbers<int32_t>(Date32(), days), info, Strings(ks)});
  }
  return MakeBatch({MakeField("id", Int64(), false), MakeField("name", String()), TagsField(), InfoField()},
                   {Numbers<int64_t>(Int64(), ids), Strings(names), *tags.Finish(), info});
}

void ExpectBatchesEqual(const RecordBatch& got, const RecordBatch& want) {
  ASSERT_EQ(got.num_rows, want.num_rows);
  ASSERT_EQ(got.columns.size(), want.columns.size());
  for (size_t c = 0; c < want.columns.size(); ++c) {
    EXPECT_EQ(got.schema->fields[c]->name, want.schema->fields[c]->name);
    EXPECT_TRUE(ArraysEqual(*got.columns[c], *want.columns[c])) << "column " << want.schema->fields[c]->name;
  }
}

std::vector<Row> SampleRows() {
  // Interleaved partitions, so that rows must be gathered per partition.
  return {{1, "a", {1}, 19723, "x"},
          {2, "bb", {}, 19724, "x"},
          {3, std::nullopt, {2, 3}, 19723, "x"},
          {4, "dddd", {4}, 19723, "y"},
          {5, "e", {5, 6, 7}, std::nullopt, "x"},
          {6, "ff", {}, 19724, "x"},
          {7, "g", {8}, 19723, "y"},
          {8, "h", {9}, std::nullopt, std::nullopt}};
}

TEST_F(DataWriterTest, PartitionedWriteMakesFoldersAddsAndReadableFiles) {
  auto schema = TableSchema();
  auto writer = MakeWriter(MetadataFor(*schema, {"day", "k"}));
  ASSERT_NE(writer, nullptr);
  const auto rows = SampleRows();
  ASSERT_TRUE(writer->Write(RowsToBatch(rows, true)).ok());
  auto adds = writer->Finish();
  ASSERT_TRUE(adds.ok()) << adds.status().ToString();
  // One file per distinct (day, k), in order of first appearance.
  const std::vector<std::pair<std::optional<std::string>, std::optional<std::string>>> parts = {
      {"2024-01-01", "x"}, {"2024-01-02", "x"}, {"2024-01-01", "y"}, {std::nullopt, "x"}, {std::nullopt, std::nullopt}};
  ASSERT_EQ(adds->size(), parts.size());
  const std::regex name(
      R"(part-\d{5}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.c000\.snappy\.parquet)");
  int64_t total = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    const Add& add = (*adds)[i];
    const auto& [day, k] = parts[i];
    EXPECT_EQ(add.partition_values, (PartitionValues{{"day", day}, {"k", k}}));
    const std::string dir = PartitionDirectoryName("day", day) + "/" + PartitionDirectoryName("k", k) + "/";
    ASSERT_EQ(add.path.substr(0, dir.size()), dir) << add.path;
    const std::string file = add.path.substr(dir.size());
    EXPECT_TRUE(std::regex_match(file, name)) << file;
    EXPECT_EQ(file.substr(0, 11), fmt::format("part-{:05}-", i));
    EXPECT_TRUE(add.data_change);
    const std::string local = LocalPath(add);
    ASSERT_TRUE(stdfs::exists(local)) << local;
    EXPECT_EQ(add.size, static_cast<int64_t>(stdfs::file_size(local)));
    const int64_t now_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    EXPECT_LE(add.modification_time, now_ms);
    EXPECT_GT(add.modification_time, now_ms - 600000);
    // The file holds exactly the rows of its partition, in input order,
    // without the partition columns.
    std::vector<Row> expected;
    for (const auto& r : rows) {
      const std::optional<std::string> rd =
          r.day ? std::optional<std::string>(r.day == 19723 ? "2024-01-01" : "2024-01-02") : std::nullopt;
      if (rd == day && r.k == k) expected.push_back(r);
    }
    total += static_cast<int64_t>(expected.size());
    ExpectBatchesEqual(ReadBack(add), RowsToBatch(expected, false));
    // Stats cover the data columns only.
    ASSERT_TRUE(add.stats.has_value());
    EXPECT_NE(add.stats->find(fmt::format("\"numRecords\":{}", expected.size())), std::string::npos) << *add.stats;
    EXPECT_EQ(add.stats->find("\"day\""), std::string::npos) << *add.stats;
    EXPECT_EQ(add.stats->find("\"k\""), std::string::npos) << *add.stats;
    EXPECT_NE(add.stats->find("\"info\":{\"len\":"), std::string::npos) << *add.stats;
  }
  EXPECT_EQ(total, static_cast<int64_t>(rows.size()));
}

TEST_F(DataWriterTest, SpecialCharactersInPartitionValues) {
  auto schema = std::make_shared<Schema>();
  schema->fields = {MakeField("v", Int32()), MakeField("p", String())};
  auto writer = MakeWriter(MetadataFor(*schema, {"p"}));
  ASSERT_NE(writer, nullptr);
  const Texts values = {"a/b", "x=y", "sp ace", "100%", "", std::nullopt, "caf\xC3\xA9", "a:b"};
  std::vector<std::optional<int32_t>> v;
  for (size_t i = 0; i < values.size(); ++i) v.push_back(static_cast<int32_t>(i));
  ASSERT_TRUE(writer->Write(MakeBatch(schema->fields, {Numbers<int32_t>(Int32(), v), Strings(values)})).ok());
  auto adds = writer->Finish();
  ASSERT_TRUE(adds.ok()) << adds.status().ToString();
  // "" and null are one partition (null, as Spark writes empty strings).
  ASSERT_EQ(adds->size(), values.size() - 1);
  const std::vector<std::string> dirs = {"p=a%2Fb", "p=x%3Dy", "p=sp ace", "p=100%25", "p=__HIVE_DEFAULT_PARTITION__",
                                         "p=café",  "p=a%3Ab"};
  const Texts stored = {"a/b", "x=y", "sp ace", "100%", std::nullopt, "caf\xC3\xA9", "a:b"};
  for (size_t i = 0; i < adds->size(); ++i) {
    const Add& add = (*adds)[i];
    EXPECT_EQ(add.partition_values, (PartitionValues{{"p", stored[i]}}));
    // On disk: the escaped directory; in the log: that path URI-encoded.
    const std::string local = LocalPath(add);
    EXPECT_EQ(stdfs::path(local).parent_path().filename().string(), dirs[i]);
    EXPECT_TRUE(stdfs::exists(local));
    EXPECT_EQ(add.path.substr(0, add.path.find('/')), EncodeRelativePath(dirs[i]));
    // The directory name decodes back to the partition value.
    const std::string escaped = dirs[i].substr(2);
    if (stored[i]) {
      EXPECT_EQ(UnescapePartitionValue(escaped), *stored[i]);
    }
  }
  EXPECT_EQ((*adds)[0].path.substr(0, 10), "p=a%252Fb/");
  EXPECT_EQ((*adds)[2].path.substr(0, 11), "p=sp%20ace/");
  auto batch = ReadBack((*adds)[4]);  // "" and null rows
  ASSERT_EQ(batch.num_rows, 2);
  EXPECT_EQ(batch.columns[0]->values<int32_t>()[0], 4);
  EXPECT_EQ(batch.columns[0]->values<int32_t>()[1], 5);
}

TEST_F(DataWriterTest, EveryPartitionTypeRoundTripsThroughTheAdd) {
  auto schema = std::make_shared<Schema>();
  schema->fields = {MakeField("v", Int32()),
                    MakeField("b", Bool()),
                    MakeField("i8", Int8()),
                    MakeField("i64", Int64()),
                    MakeField("f", Float64()),
                    MakeField("d", Date32()),
                    MakeField("ts", Timestamp(TimeUnit::kMicro, true)),
                    MakeField("dec", Decimal128(10, 3)),
                    MakeField("s", String())};
  std::vector<std::string> names;
  for (size_t i = 1; i < schema->fields.size(); ++i) names.push_back(schema->fields[i]->name);
  auto writer = MakeWriter(MetadataFor(*schema, names));
  ASSERT_NE(writer, nullptr);
  auto batch =
      MakeBatch(schema->fields,
                {Numbers<int32_t>(Int32(), {1, 2}), Bools({true, std::nullopt}),
                 Numbers<int8_t>(Int8(), {-5, std::nullopt}), Numbers<int64_t>(Int64(), {1LL << 40, std::nullopt}),
                 Numbers<double>(Float64(), {2.5, std::nullopt}), Numbers<int32_t>(Date32(), {19723, std::nullopt}),
                 Numbers<int64_t>(Timestamp(TimeUnit::kMicro, true), {1704103200123456, std::nullopt}),
                 Decimals(10, 3, {-12340, std::nullopt}), Strings({"s t", std::nullopt})});
  ASSERT_TRUE(writer->Write(batch).ok());
  auto adds = writer->Finish();
  ASSERT_TRUE(adds.ok()) << adds.status().ToString();
  ASSERT_EQ(adds->size(), 2u);
  EXPECT_EQ((*adds)[0].partition_values, (PartitionValues{{"b", "true"},
                                                          {"i8", "-5"},
                                                          {"i64", "1099511627776"},
                                                          {"f", "2.5"},
                                                          {"d", "2024-01-01"},
                                                          {"ts", "2024-01-01 10:00:00.123456"},
                                                          {"dec", "-12.340"},
                                                          {"s", "s t"}}));
  for (const auto& [k, v] : (*adds)[1].partition_values) EXPECT_FALSE(v.has_value()) << k;
  EXPECT_EQ((*adds)[1].partition_values.size(), 8u);
  // Parsed back by the reader side, every value equals the written one.
  for (size_t c = 1; c < schema->fields.size(); ++c) {
    auto parsed =
        ParsePartitionValue(*schema->fields[c]->type, (*adds)[0].partition_values.at(schema->fields[c]->name));
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    auto back = columnar::MakeConstantArray(schema->fields[c]->type, *parsed, 1);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(ArraysEqual(**back, *batch.columns[c]->Slice(0, 1))) << schema->fields[c]->name;
  }
  EXPECT_EQ(ReadBack((*adds)[0]).schema->fields.size(), 1u);  // only "v" is stored
}

TEST_F(DataWriterTest, ClusteredAndSinglePartitionBatches) {
  auto schema = TableSchema();
  auto writer = MakeWriter(MetadataFor(*schema, {"k"}));
  ASSERT_NE(writer, nullptr);
  // One partition per batch (the fast path), then runs of partitions, all
  // into the same open files.
  std::vector<Row> a = {{1, "a", {1}, 1, "x"}, {2, "b", {}, 2, "x"}};
  std::vector<Row> b = {{3, "c", {3}, 3, "x"}, {4, "d", {4, 4}, 4, "y"}, {5, "e", {}, 5, "y"}};
  ASSERT_TRUE(writer->Write(RowsToBatch(a, true)).ok());
  ASSERT_TRUE(writer->Write(RowsToBatch(b, true).Slice(0, 3)).ok());
  auto adds = writer->Finish();
  ASSERT_TRUE(adds.ok()) << adds.status().ToString();
  ASSERT_EQ(adds->size(), 2u);
  auto got_x = ReadBack((*adds)[0]);
  // day is a data column here.
  ASSERT_EQ(got_x.schema->fields.size(), 5u);
  EXPECT_EQ(got_x.num_rows, 3);
  EXPECT_EQ(got_x.columns[0]->values<int64_t>()[2], 3);
  auto got_y = ReadBack((*adds)[1]);
  EXPECT_EQ(got_y.num_rows, 2);
  EXPECT_EQ(got_y.columns[0]->values<int64_t>()[0], 4);
  EXPECT_EQ(got_y.columns[3]->values<int32_t>()[1], 5);
}

TEST_F(DataWriterTest, RollsByRowCount) {
  auto schema = TableSchema();
  DataWriterOptions options;
  options.max_rows_per_file = 3;
  options.parquet.codec = parquet::compression::CodecId::kZstd;
  auto writer = MakeWriter(MetadataFor(*schema, {}), options);
  ASSERT_NE(writer, nullptr);
  std::vector<Row> rows;
  for (int64_t i = 0; i < 10; ++i) rows.push_back({i, "n" + std::to_string(i), {}, static_cast<int32_t>(i), "k"});
  ASSERT_TRUE(writer->Write(RowsToBatch({rows.begin(), rows.begin() + 4}, true)).ok());
  ASSERT_TRUE(writer->Write(RowsToBatch({rows.begin() + 4, rows.end()}, true)).ok());
  auto adds = writer->Finish();
  ASSERT_TRUE(adds.ok()) << adds.status().ToString();
  ASSERT_EQ(adds->size(), 4u);
  const std::vector<int64_t> sizes = {3, 3, 3, 1};
  int64_t next_id = 0;
  for (size_t f = 0; f < adds->size(); ++f) {
    const Add& add = (*adds)[f];
    EXPECT_EQ(add.path.substr(0, 11), fmt::format("part-{:05}-", f));
    EXPECT_EQ(add.path.substr(add.path.size() - 18), ".c000.zstd.parquet") << add.path;
    EXPECT_TRUE(add.partition_values.empty());
    auto batch = ReadBack(add);
    ASSERT_EQ(batch.num_rows, sizes[f]);
    for (int64_t r = 0; r < batch.num_rows; ++r) EXPECT_EQ(batch.columns[0]->values<int64_t>()[r], next_id++);
    EXPECT_NE(add.stats->find(fmt::format("\"numRecords\":{}", sizes[f])), std::string::npos);
    EXPECT_NE(add.stats->find(fmt::format("\"minValues\":{{\"id\":{}", next_id - sizes[f])), std::string::npos)
        << *add.stats;
  }
}

TEST_F(DataWriterTest, RollsBySize) {
  auto schema = TableSchema();
  DataWriterOptions options;
  options.target_file_bytes = 1;  // every write closes its file
  options.parquet.codec = parquet::compression::CodecId::kUncompressed;
  auto writer = MakeWriter(MetadataFor(*schema, {"k"}), options);
  ASSERT_NE(writer, nullptr);
  const auto rows = SampleRows();
  ASSERT_TRUE(writer->Write(RowsToBatch(rows, true)).ok());
  ASSERT_TRUE(writer->Write(RowsToBatch(rows, true)).ok());
  auto adds = writer->Finish();
  ASSERT_TRUE(adds.ok()) << adds.status().ToString();
  ASSERT_EQ(adds->size(), 6u);  // 3 partitions x 2 writes
  for (const auto& add : *adds) {
    EXPECT_EQ(add.path.substr(add.path.size() - 13), ".c000.parquet") << add.path;
    EXPECT_EQ(add.size, static_cast<int64_t>(stdfs::file_size(LocalPath(add))));
  }
}

TEST_F(DataWriterTest, LargerWritesRollNearTheTarget) {
  auto schema = std::make_shared<Schema>();
  schema->fields = {MakeField("x", Int64())};
  DataWriterOptions options;
  options.target_file_bytes = 64 << 10;
  options.parquet.codec = parquet::compression::CodecId::kUncompressed;
  options.parquet.dictionary = false;
  auto writer = MakeWriter(MetadataFor(*schema, {}), options);
  ASSERT_NE(writer, nullptr);
  int64_t next = 0;
  for (int b = 0; b < 20; ++b) {
    std::vector<std::optional<int64_t>> v;
    for (int i = 0; i < 1000; ++i) v.push_back(next++ * 7919);  // 8 KB of values per batch
    ASSERT_TRUE(writer->Write(MakeBatch(schema->fields, {Numbers<int64_t>(Int64(), v)})).ok());
  }
  auto adds = writer->Finish();
  ASSERT_TRUE(adds.ok()) << adds.status().ToString();
  // 160 KB of values at 64 KB per file: three files, the first two near the target.
  ASSERT_EQ(adds->size(), 3u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_GE((*adds)[i].size, 64 << 10);
    EXPECT_LE((*adds)[i].size, (64 << 10) + (16 << 10));
  }
  int64_t rows = 0;
  for (const auto& add : *adds) rows += ReadBack(add).num_rows;
  EXPECT_EQ(rows, next);
}

TEST_F(DataWriterTest, AbortDeletesEveryFile) {
  auto schema = TableSchema();
  DataWriterOptions options;
  options.max_rows_per_file = 2;
  auto writer = MakeWriter(MetadataFor(*schema, {"k"}), options);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->Write(RowsToBatch(SampleRows(), true)).ok());  // some files closed, some open
  std::vector<std::string> files;
  for (const auto& e : stdfs::recursive_directory_iterator(root_)) {
    if (e.is_regular_file()) files.push_back(e.path().string());
  }
  EXPECT_GE(files.size(), 4u);
  writer->Abort();
  for (const auto& f : files) EXPECT_FALSE(stdfs::exists(f)) << f;
  EXPECT_FALSE(writer->Write(RowsToBatch(SampleRows(), true)).ok());
  EXPECT_FALSE(writer->Finish().ok());
}

TEST_F(DataWriterTest, AbortAfterFinishAndDestroyWithoutFinish) {
  auto schema = TableSchema();
  {
    auto writer = MakeWriter(MetadataFor(*schema, {"k"}));
    ASSERT_TRUE(writer->Write(RowsToBatch(SampleRows(), true)).ok());
    auto adds = writer->Finish();
    ASSERT_TRUE(adds.ok());
    for (const auto& add : *adds) EXPECT_TRUE(stdfs::exists(LocalPath(add)));
    writer->Abort();  // e.g. the commit failed
    for (const auto& add : *adds) EXPECT_FALSE(stdfs::exists(LocalPath(add)));
  }
  {
    auto writer = MakeWriter(MetadataFor(*schema, {"k"}));
    ASSERT_TRUE(writer->Write(RowsToBatch(SampleRows(), true)).ok());
  }  // never finished: its incomplete files are removed
  int files = 0;
  for (const auto& e : stdfs::recursive_directory_iterator(root_)) files += e.is_regular_file();
  EXPECT_EQ(files, 0);
}

TEST_F(DataWriterTest, FinishedFilesSurviveTheWriter) {
  auto schema = TableSchema();
  std::vector<Add> adds;
  {
    auto writer = MakeWriter(MetadataFor(*schema, {}));
    ASSERT_TRUE(writer->Write(RowsToBatch(SampleRows(), true)).ok());
    auto r = writer->Finish();
    ASSERT_TRUE(r.ok());
    adds = *r;
  }
  ASSERT_EQ(adds.size(), 1u);
  EXPECT_TRUE(stdfs::exists(LocalPath(adds[0])));
  EXPECT_EQ(ReadBack(adds[0]).num_rows, static_cast<int64_t>(SampleRows().size()));
}

TEST_F(DataWriterTest, RefusesColumnMappingAndBadPartitionColumns) {
  auto schema = TableSchema();
  for (const char* mode : {"name", "id"}) {
    auto r =
        DataWriter::Make(io::LocalFileSystem(), root_, MetadataFor(*schema, {}, {{"delta.columnMapping.mode", mode}}));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kNotSupported);
    EXPECT_NE(r.status().ToString().find("column mapping"), std::string::npos);
  }
  EXPECT_TRUE(
      DataWriter::Make(io::LocalFileSystem(), root_, MetadataFor(*schema, {}, {{"delta.columnMapping.mode", "none"}}))
          .ok());
  auto missing = DataWriter::Make(io::LocalFileSystem(), root_, MetadataFor(*schema, {"nope"}));
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalid);
  auto nested = DataWriter::Make(io::LocalFileSystem(), root_, MetadataFor(*schema, {"info"}));
  EXPECT_EQ(nested.status().code(), StatusCode::kNotSupported);
  auto bad_config = DataWriter::Make(io::LocalFileSystem(), root_,
                                     MetadataFor(*schema, {}, {{"delta.dataSkippingNumIndexedCols", "x"}}));
  EXPECT_EQ(bad_config.status().code(), StatusCode::kInvalid);
}

TEST_F(DataWriterTest, NothingWrittenMeansNoFiles) {
  auto schema = TableSchema();
  auto writer = MakeWriter(MetadataFor(*schema, {"k"}));
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->Write(RowsToBatch({}, true)).ok());
  auto adds = writer->Finish();
  ASSERT_TRUE(adds.ok()) << adds.status().ToString();
  EXPECT_TRUE(adds->empty());
  EXPECT_TRUE(stdfs::is_empty(root_));
  // Every column a partition column: files would have no columns.
  auto all = std::make_shared<Schema>();
  all->fields = {MakeField("k", String())};
  EXPECT_EQ(DataWriter::Make(io::LocalFileSystem(), root_, MetadataFor(*all, {"k"})).status().code(),
            StatusCode::kInvalid);
}

TEST_F(DataWriterTest, RefusesBatchesOfAnotherSchema) {
  auto schema = TableSchema();
  auto writer = MakeWriter(MetadataFor(*schema, {"k"}));
  ASSERT_NE(writer, nullptr);
  auto good = RowsToBatch(SampleRows(), true);
  auto expect_invalid = [&](const RecordBatch& batch, const std::string& field) {
    Status st = writer->Write(batch);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), StatusCode::kInvalid);
    EXPECT_NE(st.ToString().find("'" + field + "'"), std::string::npos) << st.ToString();
  };
  {  // a column of another type
    auto bad = good;
    auto s = std::make_shared<Schema>(*good.schema);
    s->fields[1] = MakeField("name", Binary());
    bad.schema = s;
    bad.columns[1] = Strings({"a", "b", "c", "d", "e", "f", "g", "h"}, Binary());
    expect_invalid(bad, "name");
  }
  {  // another name
    auto bad = good;
    auto s = std::make_shared<Schema>(*good.schema);
    s->fields[3] = MakeField("date", Date32());
    bad.schema = s;
    expect_invalid(bad, "day");
  }
  {  // a column missing
    auto bad = good;
    auto s = std::make_shared<Schema>(*good.schema);
    s->fields.pop_back();
    bad.schema = s;
    bad.columns.pop_back();
    expect_invalid(bad, "k");
  }
  {  // nulls in a NOT NULL column
    auto bad = good;
    bad.columns[0] = Numbers<int64_t>(Int64(), {1, 2, 3, std::nullopt, 5, 6, 7, 8});
    expect_invalid(bad, "id");
  }
  // The writer still works after refused batches.
  ASSERT_TRUE(writer->Write(good).ok());
  auto adds = writer->Finish();
  ASSERT_TRUE(adds.ok());
  EXPECT_EQ(adds->size(), 3u);
}

TEST_F(DataWriterTest, StatsOptionsFromTheTableConfiguration) {
  auto schema = TableSchema();
  auto writer = MakeWriter(MetadataFor(*schema, {"k"}, {{"delta.dataSkippingNumIndexedCols", "1"}}));
  ASSERT_TRUE(writer->Write(RowsToBatch(SampleRows(), true)).ok());
  auto adds = writer->Finish();
  ASSERT_TRUE(adds.ok());
  EXPECT_EQ(*(*adds)[0].stats,
            "{\"numRecords\":5,\"minValues\":{\"id\":1},\"maxValues\":{\"id\":6},"
            "\"nullCount\":{\"id\":0}}");
  DataWriterOptions options;
  options.stats = StatsOptions{};
  options.stats->stats_columns = std::vector<std::string>{"name"};
  auto writer2 = MakeWriter(MetadataFor(*schema, {"k"}, {{"delta.dataSkippingNumIndexedCols", "1"}}), options);
  ASSERT_TRUE(writer2->Write(RowsToBatch(SampleRows(), true)).ok());
  adds = writer2->Finish();
  ASSERT_TRUE(adds.ok());
  EXPECT_EQ(*(*adds)[0].stats,
            "{\"numRecords\":5,\"minValues\":{\"name\":\"a\"},\"maxValues\":{\"name\":\"ff\"},"
            "\"nullCount\":{\"name\":1}}");
}

}  // namespace
}  // namespace sluice::delta
