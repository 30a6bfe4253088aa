// File statistics taken from the Parquet writer must be exactly those that
// FileStatsCollector::Add() computes by scanning the batches.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "delta/write/write_test_util.h"
#include "parquet/schema/random_arrays.h"
#include "sluice/delta/write/file_stats.h"
#include "sluice/io/file.h"
#include "sluice/parquet/file_writer.h"

namespace sluice::delta {
namespace {

using namespace sluice::columnar;  // NOLINT
using testing::MakeBatch;
using testing::Numbers;
using testing::Strings;
using testing::StructOf;

struct Both {
  std::string scanned;       // Add() over every leaf
  std::string from_parquet;  // leaves the Parquet writer can supply taken from it
  std::string not_taken;     // as from_parquet, but TakeParquetStatistics() never called
};

Both StatsBothWays(const std::vector<RecordBatch>& batches, StatsOptions options = {}, parquet::WriterOptions wo = {}) {
  const SchemaPtr& schema = batches.at(0).schema;
  FileStatsCollector scanned(schema, options), taken(schema, options), not_taken(schema, options);
  auto writer = parquet::FileWriter::Open(std::make_unique<io::MemoryOutputFile>(), schema, wo);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  if (!writer.ok()) return {};
  taken.UseParquetStatistics((*writer)->descriptor());
  not_taken.UseParquetStatistics((*writer)->descriptor());
  for (const auto& b : batches) {
    EXPECT_TRUE((*writer)->Write(b).ok());
    scanned.Add(b);
    taken.Add(b);
    not_taken.Add(b);
  }
  EXPECT_TRUE((*writer)->Close().ok());
  EXPECT_TRUE(taken.TakeParquetStatistics(**writer).ok());
  return {scanned.ToJson(), taken.ToJson(), not_taken.ToJson()};
}

TEST(FileStatsParquet, RandomSchemasGiveTheSameJson) {
  int differed_without_take = 0;
  for (uint32_t seed = 0; seed < 60; ++seed) {
    parquet::testing::RandomArrays r(seed);
    auto schema = std::make_shared<Schema>();
    const int n = 1 + r.Uniform(6);
    for (int i = 0; i < n; ++i) schema->fields.push_back(r.RandomField(fmt::format("c{}", i), 2));
    std::vector<RecordBatch> batches;
    for (int b = 0; b < 3; ++b) {
      const int64_t rows = r.Uniform(4) == 0 ? 0 : r.Uniform(1500);
      RecordBatch batch{schema, rows, {}};
      for (const auto& f : schema->fields) batch.columns.push_back(r.RandomArray(f, rows));
      // A slice, so that arrays start at an offset.
      batches.push_back(rows > 10 ? batch.Slice(3, rows - 5) : batch);
    }
    parquet::WriterOptions wo;
    wo.row_group_rows = 700;  // several row groups and pages per file
    wo.data_page_rows = 128;
    StatsOptions so;
    so.num_indexed_cols = seed % 3 == 0 ? 4 : 32;
    const Both s = StatsBothWays(batches, so, wo);
    ASSERT_EQ(s.from_parquet, s.scanned) << "seed " << seed;
    differed_without_take += s.not_taken != s.scanned;
  }
  // The Parquet statistics were really used (not every leaf was scanned).
  EXPECT_GT(differed_without_take, 30);
}

TEST(FileStatsParquet, LongStringsNestedNullsAndEveryTakenType) {
  // Strings longer than Parquet's 64-byte statistics truncation, 0xFF bytes
  // (no truncated max exists) and bytes that are not UTF-8; enough distinct
  // values that the first page stays PLAIN, and few enough for a dictionary.
  std::vector<std::optional<std::string>> long_strings, dict_strings;
  for (int i = 0; i < 3000; ++i) {
    long_strings.push_back(i % 11 == 0 ? std::nullopt
                                       : std::optional<std::string>(fmt::format("{}{}", std::string(100, 'm'), i)));
    dict_strings.push_back(i % 3 == 0 ? std::string(82, '\xff') : fmt::format("k{}", i % 5));
  }
  long_strings[7] = std::string(90, 'a');
  long_strings[8] = fmt::format("{}\xc3", std::string(90, 'z'));  // not UTF-8: no bound
  std::vector<std::optional<int64_t>> ts, i64;
  std::vector<std::optional<int32_t>> i32, dates;
  std::vector<std::optional<uint64_t>> u64;
  std::vector<bool> parents;
  for (int i = 0; i < 3000; ++i) {
    ts.push_back(i % 5 == 0 ? std::nullopt : std::optional<int64_t>(1704103200123456LL + i * 999));
    i64.push_back(i % 7 == 0 ? std::nullopt : std::optional<int64_t>((i * 2654435761LL) % 100003 - 50000));
    i32.push_back(-i);
    dates.push_back(19000 + i % 40);
    u64.push_back(i == 5 ? UINT64_MAX : static_cast<uint64_t>(i));
    parents.push_back(i % 4 != 1);
  }
  auto inner = StructOf({MakeField("x", Int32()), MakeField("d", Date32())},
                        {Numbers<int32_t>(Int32(), i32), Numbers<int32_t>(Date32(), dates)}, parents);
  auto batch = MakeBatch(
      {MakeField("ls", String()), MakeField("ds", String()), MakeField("ts", Timestamp(TimeUnit::kMicro, true)),
       MakeField("i", Int64()), MakeField("u", UInt64()), MakeField("st", inner->type)},
      {Strings(long_strings), Strings(dict_strings), Numbers<int64_t>(Timestamp(TimeUnit::kMicro, true), ts),
       Numbers<int64_t>(Int64(), i64), Numbers<uint64_t>(UInt64(), u64), inner});
  parquet::WriterOptions wo;
  wo.row_group_rows = 1000;
  const Both s = StatsBothWays({batch.Slice(0, 1700), batch.Slice(1700, 1300)}, {}, wo);
  EXPECT_EQ(s.from_parquet, s.scanned);
  EXPECT_NE(s.not_taken, s.scanned);
  EXPECT_NE(s.scanned.find("\"ls\":\"aaaa"), std::string::npos) << s.scanned;
  EXPECT_NE(s.scanned.find("\"u\":18446744073709551615"), std::string::npos) << s.scanned;
  EXPECT_NE(s.scanned.find("\"st\":{\"x\":"), std::string::npos) << s.scanned;
}

TEST(FileStatsParquet, WriterWithoutStatisticsIsRefused) {
  auto batch = MakeBatch({MakeField("i", Int64())}, {Numbers<int64_t>(Int64(), {1, 2})});
  parquet::WriterOptions wo;
  wo.write_statistics = false;
  wo.write_page_index = false;
  auto writer = parquet::FileWriter::Open(std::make_unique<io::MemoryOutputFile>(), batch.schema, wo);
  ASSERT_TRUE(writer.ok());
  EXPECT_FALSE((*writer)->computes_statistics());
  FileStatsCollector c(batch.schema, {});
  c.UseParquetStatistics((*writer)->descriptor());
  c.Add(batch);
  ASSERT_TRUE((*writer)->Write(batch).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_EQ(c.TakeParquetStatistics(**writer).code(), StatusCode::kInvalid);
}

}  // namespace
}  // namespace sluice::delta
