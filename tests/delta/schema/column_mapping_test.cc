#include "sluice/delta/schema/column_mapping.h"

#include <gtest/gtest.h>

#include "sluice/columnar/builder.h"
#include "sluice/parquet/file_reader.h"

namespace sluice::delta {
namespace {

using namespace sluice::columnar;  // NOLINT

FieldPtr Mapped(std::string name, DataTypePtr type, std::string physical, int id) {
  return MakeField(
      std::move(name), std::move(type), true,
      {{"delta.columnMapping.physicalName", "\"" + physical + "\""}, {"delta.columnMapping.id", std::to_string(id)}});
}

TEST(ColumnMapping, ModeFollowsProtocol) {
  Metadata m;
  Protocol p;
  EXPECT_EQ(*GetColumnMappingMode(p, m), ColumnMappingMode::kNone);
  m.configuration["delta.columnMapping.mode"] = "name";
  p.min_reader_version = 1;  // property ignored without protocol support
  EXPECT_EQ(*GetColumnMappingMode(p, m), ColumnMappingMode::kNone);
  p.min_reader_version = 2;
  EXPECT_EQ(*GetColumnMappingMode(p, m), ColumnMappingMode::kName);
  p.min_reader_version = 3;
  p.reader_features = std::vector<std::string>{"deletionVectors"};
  EXPECT_EQ(*GetColumnMappingMode(p, m), ColumnMappingMode::kNone);
  p.reader_features->push_back("columnMapping");
  m.configuration["delta.columnMapping.mode"] = "id";
  EXPECT_EQ(*GetColumnMappingMode(p, m), ColumnMappingMode::kId);
  m.configuration["delta.columnMapping.mode"] = "bogus";
  EXPECT_EQ(GetColumnMappingMode(p, m).status().code(), StatusCode::kInvalid);
}

TEST(ColumnMapping, PhysicalNameAndId) {
  auto f = Mapped("a", Int32(), "col-1", 7);
  EXPECT_EQ(PhysicalName(*f, ColumnMappingMode::kName), "col-1");
  EXPECT_EQ(PhysicalName(*f, ColumnMappingMode::kNone), "a");
  EXPECT_EQ(ColumnMappingId(*f), 7);
  auto plain = MakeField("b", Int32(), true, {{"delta.columnMapping.physicalName", "raw-name"}});
  EXPECT_EQ(PhysicalName(*plain, ColumnMappingMode::kId), "raw-name");
  EXPECT_EQ(ColumnMappingId(*plain), std::nullopt);
}

TEST(ColumnMapping, FindFileField) {
  std::vector<FileField> file = {{"col-1", 1, {}}, {"col-2", 2, {}}, {"Other", std::nullopt, {}}};
  EXPECT_EQ(FindFileField(file, *Mapped("a", Int32(), "col-2", 2), ColumnMappingMode::kName), 1);
  EXPECT_EQ(FindFileField(file, *Mapped("a", Int32(), "zzz", 1), ColumnMappingMode::kId), 0);  // by id
  EXPECT_EQ(FindFileField(file, *Mapped("a", Int32(), "col-1", 9), ColumnMappingMode::kId), -1);
  EXPECT_EQ(FindFileField(file, *MakeField("other", Int32()), ColumnMappingMode::kNone), 2);  // case-insensitive
  EXPECT_EQ(FindFileField(file, *MakeField("missing", Int32()), ColumnMappingMode::kNone), -1);
  // id mode over a file without ids falls back to physical names.
  std::vector<FileField> no_ids = {{"col-1", std::nullopt, {}}};
  EXPECT_EQ(FindFileField(no_ids, *Mapped("a", Int32(), "col-1", 5), ColumnMappingMode::kId), 0);
}

TEST(ColumnMapping, FileFieldsCarryNestedIds) {
  const std::string dir = std::string(SLUICE_TESTDATA_DIR) + "/delta/golden/table-with-columnmapping-mode-id/";
  auto reader = parquet::FileReader::Open(dir + "part-00000-37fc7686-b5a9-432d-8cdc-8caa8cf999e5-c000.snappy.parquet");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto fields = FileFieldsOf((*reader)->descriptor());
  ASSERT_EQ(fields.size(), 22u);
  for (size_t i = 0; i < 12; ++i) EXPECT_EQ(fields[i].field_id, static_cast<int32_t>(i + 1));
  // struct<string, struct<int32>>: ids 13 > 14, 15 > 16.
  EXPECT_EQ(fields[12].field_id, 13);
  ASSERT_EQ(fields[12].children.size(), 2u);
  EXPECT_EQ(fields[12].children[0].field_id, 14);
  EXPECT_EQ(fields[12].children[1].field_id, 15);
  ASSERT_EQ(fields[12].children[1].children.size(), 1u);
  EXPECT_EQ(fields[12].children[1].children[0].field_id, 16);
  // list<struct<int32>>: 20 > element > 21.
  EXPECT_EQ(fields[16].field_id, 20);
  ASSERT_EQ(fields[16].children.size(), 1u);
  ASSERT_EQ(fields[16].children[0].children.size(), 1u);
  EXPECT_EQ(fields[16].children[0].children[0].field_id, 21);
  // map<int32, struct<int64>>: 27 > key, value > 28.
  EXPECT_EQ(fields[19].field_id, 27);
  ASSERT_EQ(fields[19].children.size(), 2u);
  ASSERT_EQ(fields[19].children[1].children.size(), 1u);
  EXPECT_EQ(fields[19].children[1].children[0].field_id, 28);
}

ArrayPtr Ints32(std::vector<int32_t> v) {
  Int32Builder b(Int32());
  for (int32_t x : v) b.Append(x);
  return *b.Finish();
}

TEST(ConformArray, RenamesNestedAndFillsMissing) {
  // File: struct<col-x: int32, col-y: int32>; table: struct<x: int64 (col-x), z: string (col-z)>.
  auto file_type = Struct({MakeField("col-x", Int32()), MakeField("col-y", Int32())});
  auto file_arr = std::make_shared<Array>();
  file_arr->type = file_type;
  file_arr->length = 3;
  file_arr->buffers = {nullptr};
  file_arr->children = {Ints32({1, 2, 3}), Ints32({4, 5, 6})};
  FileField ff{"col-s", std::nullopt, {{"col-x", std::nullopt, {}}, {"col-y", std::nullopt, {}}}};
  auto logical = Mapped("s", Struct({Mapped("x", Int64(), "col-x", 2), Mapped("z", String(), "col-z", 3)}), "col-s", 1);
  auto r = ConformArray(file_arr, ff, *logical, ColumnMappingMode::kName);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Array& out = **r;
  EXPECT_TRUE(out.type->Equals(*logical->type));
  ASSERT_EQ(out.children.size(), 2u);
  EXPECT_EQ(out.children[0]->type->id, TypeId::kInt64);
  EXPECT_EQ(out.children[0]->values<int64_t>()[2], 3);
  EXPECT_EQ(out.children[1]->null_count, 3);
  EXPECT_EQ(out.children[1]->length, 3);
  RecordBatch batch{std::make_shared<Schema>(Schema{{logical}, {}}), 3, {*r}};
  EXPECT_TRUE(batch.Validate().ok()) << batch.Validate().ToString();
}

TEST(ConformArray, CastsWhereDeltaAllows) {
  FileField ff{"t", std::nullopt, {}};
  // TIMESTAMP_MILLIS file column for a timestamp (us) table column.
  Int64Builder ms(Timestamp(TimeUnit::kMilli, true));
  ms.Append(1500);
  ms.Append(-1);
  auto r = ConformArray(*ms.Finish(), ff, *MakeField("t", Timestamp(TimeUnit::kMicro, true)), ColumnMappingMode::kNone);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)->values<int64_t>()[0], 1500000);
  EXPECT_EQ((*r)->values<int64_t>()[1], -1000);
  // Nanoseconds floor to microseconds.
  Int64Builder ns(Timestamp(TimeUnit::kNano, false));
  ns.Append(-1);
  r = ConformArray(*ns.Finish(), ff, *MakeField("t", Timestamp(TimeUnit::kMicro, false)), ColumnMappingMode::kNone);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->values<int64_t>()[0], -1);
  // Integer widening (type widening) keeps nulls.
  Int16Builder i16(Int16());
  i16.Append(-7);
  i16.AppendNull();
  r = ConformArray(*i16.Finish(), ff, *MakeField("t", Int64()), ColumnMappingMode::kNone);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->values<int64_t>()[0], -7);
  EXPECT_TRUE((*r)->IsNull(1));
  // Decimal scale increase.
  FixedSizeBinaryBuilder dec(Decimal128(5, 1));
  dec.AppendDecimal(-15);
  r = ConformArray(*dec.Finish(), ff, *MakeField("t", Decimal128(10, 3)), ColumnMappingMode::kNone);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->values<__int128>()[0], -1500);
  // Not allowed: string -> int.
  BinaryBuilder s(String());
  ASSERT_TRUE(s.Append("x").ok());
  EXPECT_EQ(ConformArray(*s.Finish(), ff, *MakeField("t", Int32()), ColumnMappingMode::kNone).status().code(),
            StatusCode::kNotSupported);
}

}  // namespace
}  // namespace sluice::delta
