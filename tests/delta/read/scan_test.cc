#include "sluice/delta/read/scan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "sluice/columnar/builder.h"
#include "sluice/columnar/take.h"
#include "sluice/expr/parse.h"

namespace sluice::delta {
namespace {

using namespace sluice::columnar;  // NOLINT

// ResolveDataPath refuses a table root with "..": use the canonical path.
const std::string kDelta = std::filesystem::weakly_canonical(SLUICE_TESTDATA_DIR).string() + "/delta/";

SnapshotPtr Load(const std::string& table, std::optional<int64_t> version = std::nullopt) {
  VersionSpec spec;
  spec.version = version;
  auto s = LoadSnapshot(io::LocalFileSystem(), kDelta + table, spec);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : nullptr;
}

// Reads every batch; returns the rows of column `col` as int64 (-1 for null).
std::vector<int64_t> ReadInts(Scan* scan, int col, int64_t* batches = nullptr) {
  std::vector<int64_t> out;
  while (true) {
    auto b = scan->Next();
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    if (!b.ok() || !*b) break;
    EXPECT_TRUE((*b)->Validate().ok()) << (*b)->Validate().ToString();
    if (batches) ++*batches;
    const Array& a = *(*b)->columns[col];
    for (int64_t i = 0; i < a.length; ++i) {
      if (a.IsNull(i)) {
        out.push_back(-1);
      } else if (a.type->id == TypeId::kInt32) {
        out.push_back(a.values<int32_t>()[i]);
      } else {
        out.push_back(a.values<int64_t>()[i]);
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Scan, AppliesDeletionVectors) {
  auto latest = Scan::Make(Load("delta-rs/table-with-dv-small"));
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  EXPECT_EQ(ReadInts(latest->get(), 0), (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8}));
  auto v0 = Scan::Make(Load("delta-rs/table-with-dv-small", 0));
  ASSERT_TRUE(v0.ok());
  EXPECT_EQ(ReadInts(v0->get(), 0), (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST(Scan, SmallBatchesAcrossDeletedRows) {
  ScanOptions o;
  o.batch_rows = 3;
  auto scan = Scan::Make(Load("delta-rs/table-with-dv-small"), o);
  ASSERT_TRUE(scan.ok());
  int64_t batches = 0;
  EXPECT_EQ(ReadInts(scan->get(), 0, &batches), (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(batches, 3);  // chunks [0,3) [3,6) [6,9) [9,10); the last is all deleted
}

TEST(Scan, ProjectionAndPartitionPruning) {
  ScanOptions o;
  o.columns = {"day", "value"};
  auto pred = expr::ParseExpr("year = '2021' AND day > '3'");
  ASSERT_TRUE(pred.ok()) << pred.status().ToString();
  o.filter = *pred;
  auto snap = Load("delta-rs/delta-0.8.0-partitioned");
  auto scan = Scan::Make(snap, o);
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_EQ((*scan)->schema()->fields.size(), 2u);
  EXPECT_EQ((*scan)->schema()->fields[0]->name, "day");
  EXPECT_EQ((*scan)->files().size(), 2u);
  EXPECT_LT((*scan)->files().size(), snap->files().size());
  int64_t rows = 0;
  while (true) {
    auto b = (*scan)->Next();
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    if (!*b) break;
    ASSERT_EQ((*b)->columns.size(), 2u);
    for (int64_t i = 0; i < (*b)->num_rows; ++i) EXPECT_GT((*b)->columns[0]->StringValue(i), "3");
    rows += (*b)->num_rows;
  }
  EXPECT_EQ(rows, 2);
}

TEST(Scan, OnlyPartitionColumnsCountsRows) {
  ScanOptions o;
  o.columns = {"year"};
  auto scan = Scan::Make(Load("delta-rs/delta-0.8.0-partitioned"), o);
  ASSERT_TRUE(scan.ok());
  int64_t rows = 0;
  while (true) {
    auto b = (*scan)->Next();
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    if (!*b) break;
    rows += (*b)->num_rows;
  }
  EXPECT_EQ(rows, 7);
}

TEST(Scan, ColumnMappingGivesLogicalNames) {
  for (const char* table : {"golden/data-skipping-basic-stats-all-types-columnmapping-name",
                            "golden/data-skipping-basic-stats-all-types-columnmapping-id"}) {
    auto pred = expr::ParseExpr("as_int = 0");
    ASSERT_TRUE(pred.ok());
    ScanOptions o;
    o.columns = {"as_int", "as_long"};
    o.filter = *pred;
    auto scan = Scan::Make(Load(table), o);
    ASSERT_TRUE(scan.ok()) << scan.status().ToString();
    EXPECT_EQ((*scan)->schema()->fields[1]->name, "as_long");
    EXPECT_EQ(ReadInts(scan->get(), 1), (std::vector<int64_t>{0})) << table;
  }
}

TEST(Scan, UnknownColumnIsAnError) {
  ScanOptions o;
  o.columns = {"nope"};
  EXPECT_EQ(Scan::Make(Load("delta-rs/simple_table"), o).status().code(), StatusCode::kInvalid);
}

TEST(SelectRows, NestedColumns) {
  // list<int32>: [1,2], null, [3], []
  auto list_type = List(MakeField("element", Int32()));
  ListBuilder lb(list_type, std::make_unique<Int32Builder>(Int32()));
  auto* ints = static_cast<Int32Builder*>(lb.value_builder());
  ASSERT_TRUE(lb.Append().ok());
  ints->Append(1);
  ints->Append(2);
  lb.AppendNull();
  ASSERT_TRUE(lb.Append().ok());
  ints->Append(3);
  ASSERT_TRUE(lb.Append().ok());
  auto list = *lb.Finish();
  auto schema = std::make_shared<Schema>();
  schema->fields = {MakeField("l", list_type)};
  RecordBatch batch{schema, 4, {list}};
  const std::vector<uint8_t> keep = {0, 1, 1, 1};
  auto r = columnar::FilterRows(batch, keep);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->Validate().ok()) << r->Validate().ToString();
  const Array& out = *r->columns[0];
  EXPECT_EQ(out.length, 3);
  EXPECT_TRUE(out.IsNull(0));
  EXPECT_EQ(out.offsets()[2] - out.offsets()[1], 1);
  EXPECT_EQ(out.children[0]->values<int32_t>()[0], 3);
  // A slice (offset != 0) selects relative to its offset.
  RecordBatch sliced = batch.Slice(2, 2);
  auto s = columnar::FilterRows(sliced, std::vector<uint8_t>{1, 0});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->num_rows, 1);
  EXPECT_EQ(s->columns[0]->children[0]->values<int32_t>()[0], 3);
  EXPECT_FALSE(columnar::FilterRows(batch, std::vector<uint8_t>{1}).ok());
}

}  // namespace
}  // namespace sluice::delta
