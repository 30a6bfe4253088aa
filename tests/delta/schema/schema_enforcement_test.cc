#include "sluice/delta/schema/schema_enforcement.h"

#include <gtest/gtest.h>

#include "columnar/test_arrays.h"
#include "sluice/delta/schema/schema_ddl.h"

namespace sluice::delta {
namespace {

using columnar::testing::MakeNumeric;
using columnar::testing::MakeStrings;

columnar::SchemaPtr Ddl(const char* text) {
  auto s = ParseSchemaDdl(text);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return *s;
}

columnar::RecordBatch Batch(std::vector<columnar::FieldPtr> fields, std::vector<columnar::ArrayPtr> columns) {
  columnar::RecordBatch b;
  b.schema = std::make_shared<columnar::Schema>(columnar::Schema{std::move(fields), {}});
  b.num_rows = columns.empty() ? 0 : columns[0]->length;
  b.columns = std::move(columns);
  return b;
}

TEST(SchemaEnforcement, ReordersByNameIgnoringCaseCastsAndFillsNulls) {
  auto table = Ddl("id BIGINT, name STRING, score DOUBLE");
  auto batch = Batch({columnar::MakeField("NAME", columnar::String()), columnar::MakeField("Id", columnar::Int32())},
                     {MakeStrings(columnar::String(), {"a", "b"}, {true, true}),
                      MakeNumeric<int32_t>(columnar::Int32(), {1, 2}, {true, true})});
  auto out = ConformBatch(batch, table);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE(out->Validate().ok());
  EXPECT_EQ(out->schema, table);
  EXPECT_EQ(out->columns[0]->values<int64_t>()[1], 2);
  EXPECT_EQ(out->columns[1]->StringValue(0), "a");
  EXPECT_EQ(out->columns[2]->null_count, 2);
}

TEST(SchemaEnforcement, RefusesExtraColumnsBadTypesAndNullsInNotNull) {
  auto table = Ddl("id BIGINT NOT NULL, name STRING");
  auto extra = Batch(
      {columnar::MakeField("id", columnar::Int64()), columnar::MakeField("x", columnar::Int64())},
      {MakeNumeric<int64_t>(columnar::Int64(), {1}, {true}), MakeNumeric<int64_t>(columnar::Int64(), {1}, {true})});
  auto st = ConformBatch(extra, table).status();
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_NE(st.message().find("'x'"), std::string::npos);
  EXPECT_NE(st.message().find("mergeSchema"), std::string::npos);

  auto bad_type =
      Batch({columnar::MakeField("id", columnar::String())}, {MakeStrings(columnar::String(), {"1"}, {true})});
  st = ConformBatch(bad_type, table).status();
  EXPECT_NE(st.message().find("'id'"), std::string::npos) << st.ToString();

  auto nulls = Batch({columnar::MakeField("id", columnar::Int64())},
                     {MakeNumeric<int64_t>(columnar::Int64(), {1, 0}, {true, false})});
  st = ConformBatch(nulls, table).status();
  EXPECT_NE(st.message().find("NOT NULL"), std::string::npos) << st.ToString();

  auto missing =
      Batch({columnar::MakeField("name", columnar::String())}, {MakeStrings(columnar::String(), {"a"}, {true})});
  EXPECT_FALSE(ConformBatch(missing, table).ok());
}

TEST(SchemaEnforcement, MergeSchemaAppendsNewNullableColumns) {
  auto table = Ddl("id BIGINT, name STRING");
  columnar::Schema input{
      {columnar::MakeField("id", columnar::Int32()), columnar::MakeField("extra", columnar::UInt16(), false)}, {}};
  auto merged = MergeSchema(table, input);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  ASSERT_EQ((*merged)->fields.size(), 3u);
  EXPECT_EQ((*merged)->fields[2]->name, "extra");
  EXPECT_TRUE((*merged)->fields[2]->nullable);
  EXPECT_EQ((*merged)->fields[2]->type->id, columnar::TypeId::kInt32);  // uint16 -> int
  // Nothing new: the same schema object.
  columnar::Schema same{{columnar::MakeField("name", columnar::String())}, {}};
  EXPECT_EQ(*MergeSchema(table, same), table);
  // A type change is refused.
  columnar::Schema changed{{columnar::MakeField("name", columnar::Int64())}, {}};
  EXPECT_EQ(MergeSchema(table, changed).status().code(), StatusCode::kInvalid);
}

TEST(SchemaEnforcement, DeltaSchemaForConvertsAndRefuses) {
  columnar::Schema in{{columnar::MakeField("t", columnar::Timestamp(columnar::TimeUnit::kNano, true)),
                       columnar::MakeField("h", columnar::Float16()),
                       columnar::MakeField("l", columnar::List(columnar::MakeField("item", columnar::UInt8())))},
                      {}};
  auto out = DeltaSchemaFor(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)->fields[0]->type->unit, columnar::TimeUnit::kMicro);
  EXPECT_EQ((*out)->fields[1]->type->id, columnar::TypeId::kFloat32);
  EXPECT_EQ((*out)->fields[2]->type->children[0]->name, "element");
  EXPECT_EQ((*out)->fields[2]->type->children[0]->type->id, columnar::TypeId::kInt16);
  columnar::Schema bad{{columnar::MakeField("u", columnar::UInt64())}, {}};
  auto st = DeltaSchemaFor(bad).status();
  EXPECT_EQ(st.code(), StatusCode::kNotSupported);
  EXPECT_NE(st.message().find("'u'"), std::string::npos);
  columnar::Schema dup{{columnar::MakeField("a", columnar::Int64()), columnar::MakeField("A", columnar::Int64())}, {}};
  EXPECT_EQ(DeltaSchemaFor(dup).status().code(), StatusCode::kInvalid);
}

TEST(SchemaDdl, ParsesSparkStyleColumns) {
  auto s = ParseSchemaDdl(
      "id BIGINT NOT NULL, `odd name` string, price DECIMAL(10, 2), tags ARRAY<STRING>, attrs MAP<STRING, INT>, "
      "p STRUCT<x: DOUBLE, y DOUBLE NOT NULL>, d date, ts TIMESTAMP, n timestamp_ntz");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  const auto& f = (*s)->fields;
  ASSERT_EQ(f.size(), 9u);
  EXPECT_FALSE(f[0]->nullable);
  EXPECT_EQ(f[1]->name, "odd name");
  EXPECT_EQ(f[2]->type->precision, 10);
  EXPECT_EQ(f[2]->type->scale, 2);
  EXPECT_EQ(f[4]->type->id, columnar::TypeId::kMap);
  EXPECT_FALSE(f[5]->type->children[1]->nullable);
  EXPECT_TRUE(f[7]->type->utc);
  EXPECT_FALSE(f[8]->type->utc);
}

TEST(SchemaDdl, ErrorsNameThePosition) {
  for (const char* bad : {"", "a", "a FOO", "a DECIMAL(50, 2)", "a ARRAY<INT", "a INT,, b INT", "a INT NOT"}) {
    auto st = ParseSchemaDdl(bad).status();
    EXPECT_EQ(st.code(), StatusCode::kInvalid) << bad;
    EXPECT_NE(st.message().find("position"), std::string::npos) << st.ToString();
  }
}

}  // namespace
}  // namespace sluice::delta
