#include "sluice/parquet/schema/schema_descriptor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "schema_text.h"
#include "sluice/parquet/schema/type_mapping.h"

namespace sluice::parquet {
namespace {

using testing::SchemaText;

SchemaDescriptorPtr Parse(const std::string& text) {
  auto r = SchemaDescriptor::FromParquet(SchemaText::Parse(text));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : nullptr;
}

std::vector<std::string> FieldStrings(const SchemaDescriptor& d) {
  std::vector<std::string> out;
  for (const auto& f : d.schema()->fields) out.push_back(f->ToString());
  return out;
}

// Each schema below is transcribed from the file in
// parquet-testing/data; the expected strings were checked against
// pyarrow 26 `pq.ParquetFile(f).schema.to_arrow_schema()`. Our ToString
// prints maps without the entries name that pyarrow shows as ('name').
TEST(SchemaFromParquet, OldListStructure) {
  auto d =
      Parse("message my_record { required group a (LIST) { repeated group array (LIST) { repeated int32 array; } } }");
  EXPECT_EQ(FieldStrings(*d),
            std::vector<std::string>{"a: list<array: list<array: int32 not null> not null> not null"});
  ASSERT_EQ(d->leaves().size(), 1u);
  EXPECT_EQ(d->leaves()[0].max_def_level, 2);
  EXPECT_EQ(d->leaves()[0].max_rep_level, 2);
  EXPECT_EQ(d->leaves()[0].path, (std::vector<std::string>{"a", "array", "array"}));
}

TEST(SchemaFromParquet, RepeatedNoAnnotation) {
  auto d = Parse(
      "message user { required int32 id; optional group phoneNumbers { repeated group phone {"
      " required int64 number; optional binary kind (STRING); } } }");
  EXPECT_EQ(FieldStrings(*d),
            (std::vector<std::string>{"id: int32 not null",
                                      "phoneNumbers: struct<phone: list<phone: struct<number: int64 not null, kind: "
                                      "string> not null> not null>"}));
  EXPECT_EQ(d->leaves()[1].path, (std::vector<std::string>{"phoneNumbers", "phone", "number"}));
  EXPECT_EQ(d->leaves()[1].max_def_level, 2);
  EXPECT_EQ(d->leaves()[1].max_rep_level, 1);
  EXPECT_EQ(d->leaves()[2].max_def_level, 3);
  EXPECT_EQ(d->LeafRange(1), (std::pair<int, int>{1, 3}));
}

TEST(SchemaFromParquet, RepeatedPrimitiveNoList) {
  auto d = Parse(
      "message schema { repeated int32 Int32_list; repeated binary String_list (STRING);"
      " required group group_of_lists { repeated int32 Int32_list_in_group;"
      " repeated binary String_list_in_group (STRING); } }");
  EXPECT_EQ(FieldStrings(*d),
            (std::vector<std::string>{
                "Int32_list: list<Int32_list: int32 not null> not null",
                "String_list: list<String_list: string not null> not null",
                "group_of_lists: struct<Int32_list_in_group: list<Int32_list_in_group: int32 not null> not null, "
                "String_list_in_group: list<String_list_in_group: string not null> not null> not null"}));
  EXPECT_EQ(d->leaves()[0].max_def_level, 1);
  EXPECT_EQ(d->leaves()[0].max_rep_level, 1);
  EXPECT_EQ(d->leaves()[0].path, std::vector<std::string>{"Int32_list"});
}

TEST(SchemaFromParquet, NestedListsSnappy) {
  auto d = Parse(
      "message spark_schema { optional group a (LIST) { repeated group list { optional group element (LIST) {"
      " repeated group list { optional group element (LIST) { repeated group list {"
      " optional binary element (UTF8); } } } } } } required int32 b; }");
  EXPECT_EQ(FieldStrings(*d),
            (std::vector<std::string>{"a: list<element: list<element: list<element: string>>>", "b: int32 not null"}));
  EXPECT_EQ(d->leaves()[0].max_def_level, 7);
  EXPECT_EQ(d->leaves()[0].max_rep_level, 3);
  const SchemaNode& a = d->fields()[0];
  EXPECT_EQ(a.def_level, 1);
  EXPECT_EQ(a.repeated_def_level, 2);
  EXPECT_EQ(a.children[0].def_level, 3);
  EXPECT_EQ(a.children[0].rep_level, 1);
}

TEST(SchemaFromParquet, NestedMapsSnappy) {
  auto d = Parse(
      "message spark_schema { optional group a (MAP) { repeated group key_value { required binary key (UTF8);"
      " optional group value (MAP) { repeated group key_value { required int32 key; required boolean value; } } } }"
      " required int32 b; required double c; }");
  EXPECT_EQ(FieldStrings(*d),
            (std::vector<std::string>{"a: map<string, map<int32, bool>>", "b: int32 not null", "c: double not null"}));
  const auto& entries = d->schema()->fields[0]->type->children[0];
  EXPECT_EQ(entries->ToString(), "entries: struct<key: string not null, value: map<int32, bool>> not null");
  EXPECT_EQ(d->fields()[0].kind, SchemaNode::Kind::kMap);
  EXPECT_EQ(d->leaves()[2].max_def_level, 4);
  EXPECT_EQ(d->leaves()[2].max_rep_level, 2);
}

TEST(SchemaFromParquet, ListColumnsKeepElementName) {
  auto d = Parse(
      "message schema { optional group int64_list (LIST) { repeated group list { optional int64 item; } }"
      " optional group utf8_list (LIST) { repeated group list { optional binary item (STRING); } } }");
  EXPECT_EQ(FieldStrings(*d),
            (std::vector<std::string>{"int64_list: list<item: int64>", "utf8_list: list<item: string>"}));
}

TEST(SchemaFromParquet, MapNoValueReadsAsListOfKeys) {
  auto d = Parse(
      "message schema { required group my_map (MAP) { repeated group key_value { required int32 key;"
      " optional int32 value; } } required group my_map_no_v (MAP) { repeated group key_value {"
      " required int32 key; } } required group my_list (LIST) { repeated group list { required int32 element; } } }");
  EXPECT_EQ(FieldStrings(*d), (std::vector<std::string>{"my_map: map<int32, int32> not null",
                                                        "my_map_no_v: list<key: int32 not null> not null",
                                                        "my_list: list<element: int32 not null> not null"}));
  EXPECT_EQ(d->fields()[1].kind, SchemaNode::Kind::kList);
}

TEST(SchemaFromParquet, NullList) {
  auto d = Parse(
      "message arrow_schema { optional group emptylist (LIST) { repeated group list { optional int32 item (UNKNOWN);"
      " } } }");
  EXPECT_EQ(FieldStrings(*d), std::vector<std::string>{"emptylist: list<item: null>"});
}

TEST(SchemaFromParquet, IncorrectMapSchemaOptionalKeyIsTolerated) {
  auto d = Parse(
      "message hive_schema { optional group my_map (MAP) { repeated group key_value (MAP_KEY_VALUE) {"
      " optional binary key (UTF8); optional binary value (UTF8); } } }");
  EXPECT_EQ(FieldStrings(*d), std::vector<std::string>{"my_map: map<string, string>"});
  EXPECT_EQ(d->schema()->fields[0]->type->children[0]->ToString(),
            "entries: struct<key: string not null, value: string> not null");
  const SchemaNode& key = d->fields()[0].children[0];
  EXPECT_FALSE(key.nullable);
  EXPECT_EQ(key.def_level, 3);  // still an OPTIONAL element: def 3 when present
}

TEST(SchemaFromParquet, TwoLevelTupleAndMultiFieldGroups) {
  auto d = Parse(
      "message m { optional group a (LIST) { repeated group a_tuple { required int32 x; } }"
      " optional group b (LIST) { repeated group rec { required int32 x; optional int32 y; } }"
      " optional group c (LIST) { repeated int64 v; } }");
  EXPECT_EQ(FieldStrings(*d), (std::vector<std::string>{"a: list<a_tuple: struct<x: int32 not null> not null>",
                                                        "b: list<rec: struct<x: int32 not null, y: int32> not null>",
                                                        "c: list<v: int64 not null>"}));
}

const char* kImpalaNullable =
    "message org.apache.impala.ComplexTypesTbl { optional int64 id;"
    " optional group int_array (LIST) { repeated group list { optional int32 element; } }"
    " optional group int_array_Array (LIST) { repeated group list { optional group element (LIST) {"
    "   repeated group list { optional int32 element; } } } }"
    " optional group int_map (MAP) { repeated group map (MAP_KEY_VALUE) { required binary key (UTF8);"
    "   optional int32 value; } }"
    " optional group int_Map_Array (LIST) { repeated group list { optional group element (MAP) {"
    "   repeated group map (MAP_KEY_VALUE) { required binary key (UTF8); optional int32 value; } } } }"
    " optional group nested_struct { optional int32 A; optional group b (LIST) { repeated group list {"
    "   optional int32 element; } } optional group C { optional group d (LIST) { repeated group list {"
    "   optional group element (LIST) { repeated group list { optional group element { optional int32 E;"
    "   optional binary F (UTF8); } } } } } } optional group g (MAP) { repeated group map (MAP_KEY_VALUE) {"
    "   required binary key (UTF8); optional group value { optional group H { optional group i (LIST) {"
    "   repeated group list { optional double element; } } } } } } } }";

TEST(SchemaFromParquet, NullableImpala) {
  auto d = Parse(kImpalaNullable);
  EXPECT_EQ(FieldStrings(*d),
            (std::vector<std::string>{
                "id: int64", "int_array: list<element: int32>", "int_array_Array: list<element: list<element: int32>>",
                "int_map: map<string, int32>", "int_Map_Array: list<element: map<string, int32>>",
                "nested_struct: struct<A: int32, b: list<element: int32>, C: struct<d: list<element: "
                "list<element: struct<E: int32, F: string>>>>, g: map<string, struct<H: struct<i: list<element: "
                "double>>>>>"}));
  EXPECT_EQ(d->leaves().size(), 13u);
  const LeafColumn& f = d->leaves()[10];  // nested_struct.C.d.list.element.list.element.F
  EXPECT_EQ(f.path.back(), "F");
  EXPECT_EQ(f.max_def_level, 8);
  EXPECT_EQ(f.max_rep_level, 2);
}

TEST(SchemaFromParquet, NonNullableImpala) {
  auto d = Parse(
      "message t { required int64 ID; required group Int_Array (LIST) { repeated group list {"
      " required int32 element; } } required group Int_Map (MAP) { repeated group map (MAP_KEY_VALUE) {"
      " required binary key (UTF8); required int32 value; } } required group nested_Struct { required int32 a;"
      " required group c { required group D (LIST) { repeated group list { required group element (LIST) {"
      " repeated group list { required group element { required int32 e; required binary f (UTF8); } } } } } } } }");
  EXPECT_EQ(FieldStrings(*d),
            (std::vector<std::string>{"ID: int64 not null", "Int_Array: list<element: int32 not null> not null",
                                      "Int_Map: map<string, int32> not null",
                                      "nested_Struct: struct<a: int32 not null, c: struct<D: list<element: "
                                      "list<element: struct<e: int32 not null, f: string not null> not null> not "
                                      "null> not null> not null> not null"}));
  EXPECT_EQ(d->leaves()[0].max_def_level, 0);
  EXPECT_EQ(d->leaves()[1].max_def_level, 1);
}

TEST(SchemaFromParquet, NestedStructsRust) {
  auto d = Parse(
      "message schema { required group roll_num { required int64 min (INT(64,true)); required int64 count"
      " (INT(64,false)); } required group ul_observation_date { required int64 min (TIMESTAMP_MICROS); } }");
  EXPECT_EQ(FieldStrings(*d),
            (std::vector<std::string>{"roll_num: struct<min: int64 not null, count: uint64 not null> not null",
                                      "ul_observation_date: struct<min: timestamp[us, UTC] not null> not null"}));
}

TEST(SchemaFromParquet, LeafTypesReadMapping) {
  auto d = Parse(
      "message m { required int96 ts; optional fixed_len_byte_array(5) dec (DECIMAL(10,2));"
      " optional int32 d (DATE); optional binary b; optional fixed_len_byte_array(3) f; optional int32 i8 "
      "(INT(8,true));"
      " optional int32 u16 (INT(16,false)); optional binary bd (DECIMAL(20,3)); }");
  EXPECT_EQ(FieldStrings(*d),
            (std::vector<std::string>{"ts: timestamp[us] not null", "dec: decimal128(10, 2)", "d: date32", "b: binary",
                                      "f: fixed_size_binary[3]", "i8: int8", "u16: uint16", "bd: decimal128(20, 3)"}));
}

// --- Corrupt schemas ---------------------------------------------------------

TEST(SchemaFromParquet, InvalidPhysicalTypeNamesElement) {
  // bad_data/PARQUET-1481.parquet carries a physical type outside the enum.
  auto elements = SchemaText::Parse("message m { optional int32 bad_col; }");
  elements[1].type = static_cast<format::Type>(7777);
  auto r = SchemaDescriptor::FromParquet(elements);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(r.status().message().find("bad_col"), std::string::npos) << r.status().ToString();
}

TEST(SchemaFromParquet, CorruptShapes) {
  auto expect_corrupt = [](std::vector<format::SchemaElement> e, const char* what) {
    auto r = SchemaDescriptor::FromParquet(e);
    ASSERT_FALSE(r.ok()) << what;
    EXPECT_EQ(r.status().code(), StatusCode::kCorrupt) << what << ": " << r.status().ToString();
  };
  expect_corrupt({}, "empty");
  auto base = SchemaText::Parse("message m { optional group g { optional int32 x; optional int32 y; } }");
  auto e = base;
  e[0].num_children = 3;
  expect_corrupt(e, "root claims too many children");
  e = base;
  e[1].num_children = 1;
  expect_corrupt(e, "trailing elements");
  e = base;
  e[1].num_children = -1;
  expect_corrupt(e, "negative num_children");
  e = base;
  e[1].num_children = 1 << 30;
  expect_corrupt(e, "huge num_children");
  e = base;
  e[2].type.reset();
  expect_corrupt(e, "leaf without type");
  e = base;
  e[0].num_children.reset();
  e[0].type = format::Type::INT32;
  expect_corrupt(e, "root is a leaf");
  e = base;
  e[2].repetition_type = static_cast<format::FieldRepetitionType>(9);
  expect_corrupt(e, "bad repetition");
  expect_corrupt(SchemaText::Parse("message m { optional group a (LIST) { optional int32 x; } }"),
                 "LIST child not repeated");
  expect_corrupt(SchemaText::Parse("message m { optional group a (LIST) { repeated int32 x; repeated int32 y; } }"),
                 "LIST with two children");
  expect_corrupt(SchemaText::Parse("message m { optional group a (MAP) { repeated group kv { required int32 k;"
                                   " optional int32 v; optional int32 w; } } }"),
                 "MAP with three fields");
  expect_corrupt(SchemaText::Parse("message m { optional fixed_len_byte_array(0) f; }"), "FLBA width 0");
  // Deep nesting is rejected, not recursed without bound.
  std::vector<format::SchemaElement> deep(1);
  deep[0].name = "m";
  deep[0].num_children = 1;
  format::SchemaElement g = deep[0];
  g.repetition_type = format::FieldRepetitionType::OPTIONAL;
  for (int i = 0; i < 10000; ++i) deep.push_back(g);
  deep.back().num_children.reset();
  deep.back().type = format::Type::INT32;
  expect_corrupt(deep, "deep");
}

TEST(SchemaFromParquet, DecimalPrecisionOver38NotSupported) {
  auto r = SchemaDescriptor::FromParquet(SchemaText::Parse("message m { optional binary big (DECIMAL(40,2)); }"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotSupported);
  EXPECT_NE(r.status().message().find("big"), std::string::npos);
}

TEST(TypeMapping, DecimalByteWidthMatchesPyarrow) {
  // pyarrow: bytes = ceil((p*log2(10)+1)/8).
  EXPECT_EQ(DecimalByteWidth(1), 1);
  EXPECT_EQ(DecimalByteWidth(2), 1);
  EXPECT_EQ(DecimalByteWidth(3), 2);
  EXPECT_EQ(DecimalByteWidth(9), 4);
  EXPECT_EQ(DecimalByteWidth(10), 5);
  EXPECT_EQ(DecimalByteWidth(18), 8);
  EXPECT_EQ(DecimalByteWidth(19), 9);
  EXPECT_EQ(DecimalByteWidth(38), 16);
}

}  // namespace
}  // namespace sluice::parquet
