// Hand-computed Dremel levels for the worked examples, in both directions,
// the zero-copy paths, and levels that conflict with the schema.
#include "sluice/parquet/schema/record_assembly.h"

#include <gtest/gtest.h>

#include <vector>

#include "schema_text.h"
#include "sluice/columnar/builder.h"

namespace sluice::parquet {
namespace {

using testing::SchemaText;

SchemaDescriptorPtr Parse(const char* text) {
  auto r = SchemaDescriptor::FromParquet(SchemaText::Parse(text));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

template <typename T>
BufferPtr Buf(const std::vector<T>& v) {
  return Buffer::CopyOf({reinterpret_cast<const uint8_t*>(v.data()), v.size() * sizeof(T)});
}

LeafData Int32Leaf(std::vector<int16_t> def, std::vector<int16_t> rep, std::vector<int32_t> values) {
  LeafData d;
  d.num_levels = static_cast<int64_t>(std::max(def.size(), rep.size()));
  if (d.num_levels == 0) d.num_levels = static_cast<int64_t>(values.size());
  d.num_values = static_cast<int64_t>(values.size());
  d.def_levels = Buf(def);
  d.rep_levels = Buf(rep);
  d.values = Buf(values);
  return d;
}

LeafData StringLeaf(std::vector<int16_t> def, std::vector<int16_t> rep, std::vector<std::string> values) {
  LeafData d = Int32Leaf(std::move(def), std::move(rep), {});
  std::vector<int32_t> offsets = {0};
  std::string bytes;
  for (const auto& s : values) {
    bytes += s;
    offsets.push_back(static_cast<int32_t>(bytes.size()));
  }
  d.num_values = static_cast<int64_t>(values.size());
  if (d.num_levels == 0) d.num_levels = d.num_values;
  d.values = Buf(offsets);
  d.data = Buffer::CopyOf({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
  return d;
}

std::vector<int16_t> Levels(const BufferPtr& b) {
  const int16_t* p = b->data_as<int16_t>();
  return {p, p + b->size() / 2};
}

Result<columnar::ArrayPtr> Assemble(const SchemaDescriptor& d, int field, std::vector<const LeafData*> leaves,
                                    int64_t rows) {
  return AssembleField(d, field, leaves, rows);
}

// Shreds `a` and checks the levels against the hand-computed ones.
void ExpectShredsTo(const SchemaDescriptor& d, int field, const columnar::Array& a,
                    const std::vector<const LeafData*>& expected) {
  std::vector<LeafData> out(expected.size());
  std::vector<LeafData*> ptrs;
  for (auto& l : out) ptrs.push_back(&l);
  ASSERT_TRUE(ShredField(d, field, a, ptrs).ok());
  for (size_t k = 0; k < expected.size(); ++k) {
    EXPECT_EQ(Levels(out[k].def_levels), Levels(expected[k]->def_levels)) << "leaf " << k;
    EXPECT_EQ(Levels(out[k].rep_levels), Levels(expected[k]->rep_levels)) << "leaf " << k;
    EXPECT_EQ(out[k].num_values, expected[k]->num_values) << "leaf " << k;
    EXPECT_EQ(out[k].num_levels, expected[k]->num_levels) << "leaf " << k;
  }
}

// optional list<optional int32>; rows: null, [], [null], [7, 8] (the worked
// example of schema_descriptor.h).
TEST(RecordAssembly, OptionalListOfOptionalInt) {
  auto d = Parse("message m { optional group a (LIST) { repeated group list { optional int32 element; } } }");
  LeafData leaf = Int32Leaf({0, 1, 2, 3, 3}, {0, 0, 0, 0, 1}, {7, 8});
  auto r = Assemble(*d, 0, {&leaf}, 4);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const columnar::Array& a = **r;
  ASSERT_EQ(a.length, 4);
  EXPECT_EQ(a.null_count, 1);
  EXPECT_TRUE(a.IsNull(0));
  const int32_t* o = a.offsets();
  EXPECT_EQ(std::vector<int32_t>(o, o + 5), (std::vector<int32_t>{0, 0, 0, 1, 3}));
  const columnar::Array& e = *a.children[0];
  ASSERT_EQ(e.length, 3);
  EXPECT_TRUE(e.IsNull(0));
  EXPECT_EQ(e.values<int32_t>()[1], 7);
  EXPECT_EQ(e.values<int32_t>()[2], 8);
  EXPECT_TRUE(columnar::ValidateArray(a).ok());
  ExpectShredsTo(*d, 0, a, {&leaf});
}

// list<list<string>> with nulls and empties at both levels; rows:
//   [[a, b], [], null], null, [], [[null]]
TEST(RecordAssembly, NestedListsWithNullsAndEmpties) {
  auto d = Parse(
      "message m { optional group a (LIST) { repeated group list { optional group element (LIST) {"
      " repeated group list { optional binary element (UTF8); } } } } }");
  // def: 0 null outer, 1 empty outer, 2 null inner, 3 empty inner, 4 null string, 5 value.
  LeafData leaf = StringLeaf({5, 5, 3, 2, 0, 1, 4}, {0, 2, 1, 1, 0, 0, 0}, {"a", "b"});
  auto r = Assemble(*d, 0, {&leaf}, 4);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const columnar::Array& a = **r;
  EXPECT_TRUE(a.IsValid(0) && a.IsNull(1) && a.IsValid(2) && a.IsValid(3));
  EXPECT_EQ(std::vector<int32_t>(a.offsets(), a.offsets() + 5), (std::vector<int32_t>{0, 3, 3, 3, 4}));
  const columnar::Array& inner = *a.children[0];
  ASSERT_EQ(inner.length, 4);
  EXPECT_TRUE(inner.IsValid(0) && inner.IsValid(1) && inner.IsNull(2) && inner.IsValid(3));
  EXPECT_EQ(std::vector<int32_t>(inner.offsets(), inner.offsets() + 5), (std::vector<int32_t>{0, 2, 2, 2, 3}));
  const columnar::Array& s = *inner.children[0];
  ASSERT_EQ(s.length, 3);
  EXPECT_EQ(s.StringValue(0), "a");
  EXPECT_EQ(s.StringValue(1), "b");
  EXPECT_TRUE(s.IsNull(2));
  EXPECT_TRUE(columnar::ValidateArray(a).ok());
  ExpectShredsTo(*d, 0, a, {&leaf});
}

// optional map<string, optional int32>; rows: {x: 1, y: null}, null, {}
TEST(RecordAssembly, Map) {
  auto d = Parse(
      "message m { optional group m (MAP) { repeated group key_value { required binary key (UTF8);"
      " optional int32 value; } } }");
  LeafData keys = StringLeaf({2, 2, 0, 1}, {0, 1, 0, 0}, {"x", "y"});
  LeafData values = Int32Leaf({3, 2, 0, 1}, {0, 1, 0, 0}, {1});
  auto r = Assemble(*d, 0, {&keys, &values}, 3);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const columnar::Array& a = **r;
  EXPECT_TRUE(a.IsValid(0) && a.IsNull(1) && a.IsValid(2));
  EXPECT_EQ(std::vector<int32_t>(a.offsets(), a.offsets() + 4), (std::vector<int32_t>{0, 2, 2, 2}));
  const columnar::Array& entries = *a.children[0];
  EXPECT_EQ(entries.children[0]->StringValue(1), "y");
  EXPECT_EQ(entries.children[1]->values<int32_t>()[0], 1);
  EXPECT_TRUE(entries.children[1]->IsNull(1));
  EXPECT_TRUE(columnar::ValidateArray(a).ok());
  ExpectShredsTo(*d, 0, a, {&keys, &values});
}

// optional struct<required int32 x, optional list<required int32> l>;
// rows: {1, [2, 3]}, null, {4, null}, {5, []}
TEST(RecordAssembly, StructOfLists) {
  auto d = Parse(
      "message m { optional group s { required int32 x; optional group l (LIST) { repeated group list {"
      " required int32 element; } } } }");
  LeafData x = Int32Leaf({1, 0, 1, 1}, {}, {1, 4, 5});
  LeafData l = Int32Leaf({3, 3, 0, 1, 2}, {0, 1, 0, 0, 0}, {2, 3});
  auto r = Assemble(*d, 0, {&x, &l}, 4);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const columnar::Array& a = **r;
  EXPECT_TRUE(a.IsValid(0) && a.IsNull(1) && a.IsValid(2) && a.IsValid(3));
  const columnar::Array& xs = *a.children[0];
  EXPECT_EQ(xs.null_count, 0);  // required: no bitmap even under the null struct
  EXPECT_EQ(xs.values<int32_t>()[2], 4);
  const columnar::Array& ls = *a.children[1];
  EXPECT_TRUE(ls.IsValid(0) && ls.IsNull(1) && ls.IsNull(2) && ls.IsValid(3));
  EXPECT_EQ(std::vector<int32_t>(ls.offsets(), ls.offsets() + 5), (std::vector<int32_t>{0, 2, 2, 2, 2}));
  ExpectShredsTo(*d, 0, a, {&x, &l});
}

// list<optional struct<a: optional int32, b: required string>>;
// rows: [{1, p}, null, {null, q}], []
TEST(RecordAssembly, ListOfStructs) {
  auto d = Parse(
      "message m { required group l (LIST) { repeated group list { optional group element {"
      " optional int32 a; required binary b (UTF8); } } } }");
  LeafData a_leaf = Int32Leaf({3, 1, 2, 0}, {0, 1, 1, 0}, {1});
  LeafData b_leaf = StringLeaf({2, 1, 2, 0}, {0, 1, 1, 0}, {"p", "q"});
  auto r = Assemble(*d, 0, {&a_leaf, &b_leaf}, 2);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const columnar::Array& arr = **r;
  EXPECT_EQ(arr.null_count, 0);
  EXPECT_EQ(std::vector<int32_t>(arr.offsets(), arr.offsets() + 3), (std::vector<int32_t>{0, 3, 3}));
  const columnar::Array& st = *arr.children[0];
  EXPECT_TRUE(st.IsValid(0) && st.IsNull(1) && st.IsValid(2));
  EXPECT_TRUE(st.children[0]->IsNull(2));
  EXPECT_EQ(st.children[1]->StringValue(2), "q");
  EXPECT_TRUE(columnar::ValidateArray(arr).ok());
  ExpectShredsTo(*d, 0, arr, {&a_leaf, &b_leaf});
}

TEST(RecordAssembly, FlatRequiredIsZeroCopy) {
  auto d = Parse("message m { required int32 x; required binary s; }");
  LeafData x = Int32Leaf({}, {}, {4, 5, 6});
  auto r = Assemble(*d, 0, {&x}, 3);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->buffers[1].get(), x.values.get());
  LeafData s = StringLeaf({}, {}, {"ab", "", "c"});
  auto rs = Assemble(*d, 1, {&s}, 3);
  ASSERT_TRUE(rs.ok());
  EXPECT_EQ((*rs)->buffers[2].get(), s.data.get());
  EXPECT_EQ((*rs)->StringValue(0), "ab");
  // Shredding a flat required column hands the array's bytes over too.
  LeafData out;
  std::vector<LeafData*> outs = {&out};
  ASSERT_TRUE(ShredField(*d, 0, *(*r)->Slice(1, 2), outs).ok());
  EXPECT_EQ(out.values->data(), x.values->data() + 4);
  EXPECT_EQ(out.num_values, 2);
  // A second append copies instead of writing into the array's buffer.
  ASSERT_TRUE(ShredField(*d, 0, **r, outs).ok());
  EXPECT_EQ(out.num_values, 5);
  EXPECT_EQ(out.values->data_as<int32_t>()[4], 6);
  EXPECT_EQ(x.values->data_as<int32_t>()[2], 6);
}

TEST(RecordAssembly, FlatNullable) {
  auto d = Parse("message m { optional int64 x; optional boolean b; }");
  LeafData x;
  x.num_levels = 4;
  x.num_values = 2;
  x.def_levels = Buf(std::vector<int16_t>{1, 0, 0, 1});
  x.values = Buf(std::vector<int64_t>{10, 20});
  auto r = Assemble(*d, 0, {&x}, 4);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->null_count, 2);
  EXPECT_EQ((*r)->values<int64_t>()[3], 20);
  LeafData b;
  b.num_levels = 3;
  b.num_values = 2;
  b.def_levels = Buf(std::vector<int16_t>{1, 0, 1});
  b.values = Buf(std::vector<uint8_t>{0b10});
  auto rb = Assemble(*d, 1, {&b}, 3);
  ASSERT_TRUE(rb.ok());
  EXPECT_FALSE((*rb)->BoolValue(0));
  EXPECT_TRUE((*rb)->IsNull(1));
  EXPECT_TRUE((*rb)->BoolValue(2));
}

// Leaves without a single value (the unused action columns of a Delta
// checkpoint) take a shortcut; they must assemble exactly like the others.
// optional struct<required string p, optional int64 x, optional boolean b,
// optional fixed(4) f, optional string s>; rows: null, {"a", null...}, null.
TEST(RecordAssembly, LeavesWithoutValues) {
  auto d = Parse(
      "message m { optional group s { required binary p (UTF8); optional int64 x; optional boolean b;"
      " optional fixed_len_byte_array(4) f; optional binary t (UTF8); } optional binary top (UTF8); }");
  LeafData p = StringLeaf({0, 1, 0}, {}, {"a"});
  LeafData x = Int32Leaf({0, 1, 0}, {}, {});
  LeafData b = x, f = x, t = StringLeaf({0, 1, 0}, {}, {});
  auto r = Assemble(*d, 0, {&p, &x, &b, &f, &t}, 3);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const columnar::Array& a = **r;
  ASSERT_TRUE(columnar::ValidateArray(a).ok()) << columnar::ValidateArray(a).ToString();
  EXPECT_EQ(a.null_count, 2);
  EXPECT_TRUE(a.IsNull(0) && a.IsValid(1) && a.IsNull(2));
  EXPECT_EQ(a.children[0]->StringValue(1), "a");
  EXPECT_EQ(a.children[0]->null_count, 0);  // required: nulls only where the struct is null
  for (size_t c = 1; c < 5; ++c) {
    const columnar::Array& leaf = *a.children[c];
    EXPECT_EQ(leaf.length, 3) << c;
    EXPECT_EQ(leaf.null_count, 3) << c;
    for (int64_t i = 0; i < 3; ++i) EXPECT_TRUE(leaf.IsNull(i)) << c << " " << i;
  }
  EXPECT_EQ(a.children[4]->StringValue(1), "");  // zero offsets, not garbage
  ExpectShredsTo(*d, 0, a, {&p, &x, &b, &f, &t});
  // A flat optional column that is null throughout, and one with no rows.
  LeafData top = StringLeaf({0, 0}, {}, {});
  auto rt = Assemble(*d, 1, {&top}, 2);
  ASSERT_TRUE(rt.ok()) << rt.status().ToString();
  EXPECT_EQ((*rt)->null_count, 2);
  EXPECT_TRUE(columnar::ValidateArray(**rt).ok());
  LeafData none = StringLeaf({}, {}, {});
  auto r0 = Assemble(*d, 1, {&none}, 0);
  ASSERT_TRUE(r0.ok()) << r0.status().ToString();
  EXPECT_EQ((*r0)->length, 0);
  EXPECT_TRUE(columnar::ValidateArray(**r0).ok());
}

// --- Levels that conflict with the schema -------------------------------------

void ExpectCorrupt(const Result<columnar::ArrayPtr>& r, const char* what) {
  ASSERT_FALSE(r.ok()) << what;
  EXPECT_EQ(r.status().code(), StatusCode::kCorrupt) << what << ": " << r.status().ToString();
}

TEST(RecordAssembly, CorruptLevels) {
  auto d = Parse("message m { optional group a (LIST) { repeated group list { optional int32 element; } } }");
  LeafData ok = Int32Leaf({0, 1, 2, 3, 3}, {0, 0, 0, 0, 1}, {7, 8});
  ASSERT_TRUE(Assemble(*d, 0, {&ok}, 4).ok());
  LeafData l = Int32Leaf({0, 1, 4, 3, 3}, {0, 0, 0, 0, 1}, {7, 8});
  ExpectCorrupt(Assemble(*d, 0, {&l}, 4), "def level above max");
  l = Int32Leaf({0, 1, 2, 3, 3}, {0, 0, 0, 0, 2}, {7, 8});
  ExpectCorrupt(Assemble(*d, 0, {&l}, 4), "rep level above max");
  l = Int32Leaf({0, 1, 2, 3, 3}, {1, 0, 0, 0, 1}, {7, 8});
  ExpectCorrupt(Assemble(*d, 0, {&l}, 4), "first rep level not 0");
  l = Int32Leaf({0, 1, 2, 3, 3}, {0, 0, 0, 0, 1}, {7});
  ExpectCorrupt(Assemble(*d, 0, {&l}, 4), "fewer values than levels say");
  l = Int32Leaf({0, 1, 3, 3}, {0, 0, 1, 0}, {7, 8});
  ExpectCorrupt(Assemble(*d, 0, {&l}, 3), "continues an empty list");
  l = Int32Leaf({0, 1, 2, 3, 3}, {0, 0, 0, 0, 1}, {7, 8});
  ExpectCorrupt(Assemble(*d, 0, {&l}, 5), "record count");
  l = Int32Leaf({0, 1, 2, 3, 3}, {0, 0, 0, 0, 1}, {7, 8});
  l.num_levels = 9;
  ExpectCorrupt(Assemble(*d, 0, {&l}, 4), "level buffer shorter than num_levels");
  l = Int32Leaf({0, 1, 2, 3, 3}, {0, 0, 0, 0, 1}, {7, 8});
  l.values = Buf(std::vector<int32_t>{7});
  ExpectCorrupt(Assemble(*d, 0, {&l}, 4), "values buffer too short");
  l = Int32Leaf({0, 1, 2, 3, 3}, {0, 0, 0, 0, 1}, {7, 8});
  l.num_values = -1;
  ExpectCorrupt(Assemble(*d, 0, {&l}, 4), "negative count");
}

TEST(RecordAssembly, CorruptSiblingsAndNulls) {
  auto d = Parse("message m { optional group s { required int32 x; optional binary y; } }");
  LeafData x = Int32Leaf({1, 1, 0}, {}, {1, 2});
  LeafData y = StringLeaf({2, 1}, {}, {"a"});
  ExpectCorrupt(Assemble(*d, 0, {&x, &y}, 3), "sibling with fewer records");
  // A null key in a map whose key element is (incorrectly) OPTIONAL.
  auto m = Parse(
      "message m { optional group my_map (MAP) { repeated group key_value (MAP_KEY_VALUE) {"
      " optional binary key (UTF8); optional binary value (UTF8); } } }");
  LeafData keys = StringLeaf({3, 2}, {0, 1}, {"k"});
  LeafData values = StringLeaf({3, 2}, {0, 1}, {"v"});
  ExpectCorrupt(Assemble(*m, 0, {&keys, &values}, 1), "null map key");
  LeafData keys_ok = StringLeaf({3, 3}, {0, 1}, {"k", "j"});
  EXPECT_TRUE(Assemble(*m, 0, {&keys_ok, &values}, 1).ok());
  // Leaf count mismatch is the caller's bug: Invalid.
  auto r = Assemble(*d, 0, {&x}, 3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
}

TEST(RecordShredding, RejectsNullsInNonNullableAndWrongType) {
  auto d = Parse("message m { required int32 x; }");
  columnar::NumericBuilder<int32_t> b(columnar::Int32());
  b.Append(1);
  b.AppendNull();
  auto a = *b.Finish();
  LeafData out;
  std::vector<LeafData*> outs = {&out};
  EXPECT_EQ(ShredField(*d, 0, *a, outs).code(), StatusCode::kInvalid);
  EXPECT_TRUE(ShredField(*d, 0, *a->Slice(0, 1), outs).ok());
  columnar::NumericBuilder<int64_t> b64(columnar::Int64());
  b64.Append(1);
  EXPECT_EQ(ShredField(*d, 0, **b64.Finish(), outs).code(), StatusCode::kInvalid);
}

}  // namespace
}  // namespace sluice::parquet
