#include "sluice/columnar/c_data_interface.h"

#include <gtest/gtest.h>

#include <cstring>

#include "columnar/test_arrays.h"

namespace sluice::columnar {
namespace {

int g_array_releases = 0;
int g_schema_releases = 0;

// Wraps a producer's release callback so the test can count calls.
struct CountedArray {
  void (*release)(ArrowArray*);
  void* private_data;
};
void CountingArrayRelease(ArrowArray* a) {
  auto* c = static_cast<CountedArray*>(a->private_data);
  a->private_data = c->private_data;
  a->release = c->release;
  delete c;
  a->release(a);
  EXPECT_EQ(a->release, nullptr);
  ++g_array_releases;
}
void CountReleases(ArrowArray* a) {
  a->private_data = new CountedArray{a->release, a->private_data};
  a->release = CountingArrayRelease;
}

struct CountedSchema {
  void (*release)(ArrowSchema*);
  void* private_data;
};
void CountingSchemaRelease(ArrowSchema* s) {
  auto* c = static_cast<CountedSchema*>(s->private_data);
  s->private_data = c->private_data;
  s->release = c->release;
  delete c;
  s->release(s);
  ++g_schema_releases;
}
void CountReleases(ArrowSchema* s) {
  s->private_data = new CountedSchema{s->release, s->private_data};
  s->release = CountingSchemaRelease;
}

class CDataTest : public ::testing::Test {
 protected:
  void SetUp() override { g_array_releases = g_schema_releases = 0; }

  // Exports `array` (with a schema), imports it back and checks equality and releases.
  void RoundTrip(const ArrayPtr& array, const ArrayPtr& expected) {
    SCOPED_TRACE(array->type->ToString());
    g_schema_releases = 0;
    ArrowArray c_array;
    ArrowSchema c_schema;
    ASSERT_TRUE(ExportField(*MakeField("col", array->type), &c_schema).ok());
    ASSERT_TRUE(ExportArray(array, &c_array).ok());
    CountReleases(&c_array);
    CountReleases(&c_schema);
    const int arrays_before = g_array_releases;
    auto imported = ImportArray(&c_array, &c_schema);
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    EXPECT_EQ(c_array.release, nullptr);  // moved
    EXPECT_EQ(g_schema_releases, 1);
    EXPECT_TRUE((*imported)->type->Equals(*expected->type));
    EXPECT_TRUE(ArraysEqual(**imported, *expected));
    if (array->type->id == TypeId::kNull) {
      EXPECT_EQ(g_array_releases, arrays_before + 1);  // no buffers to hold
      return;
    }
    EXPECT_EQ(g_array_releases, arrays_before);  // zero-copy: still held
    imported = Status::Invalid("drop");
    EXPECT_EQ(g_array_releases, arrays_before + 1);
  }
};

TEST_F(CDataTest, FormatStrings) {
  struct Case {
    DataTypePtr type;
    const char* format;
  } cases[] = {
      {Null(), "n"},
      {Bool(), "b"},
      {Int8(), "c"},
      {UInt8(), "C"},
      {Int16(), "s"},
      {UInt16(), "S"},
      {Int32(), "i"},
      {UInt32(), "I"},
      {Int64(), "l"},
      {UInt64(), "L"},
      {Float16(), "e"},
      {Float32(), "f"},
      {Float64(), "g"},
      {String(), "u"},
      {Binary(), "z"},
      {FixedSizeBinary(5), "w:5"},
      {Date32(), "tdD"},
      {Time32(TimeUnit::kSecond), "tts"},
      {Time32(TimeUnit::kMilli), "ttm"},
      {Time64(TimeUnit::kMicro), "ttu"},
      {Time64(TimeUnit::kNano), "ttn"},
      {Timestamp(TimeUnit::kSecond, false), "tss:"},
      {Timestamp(TimeUnit::kMilli, true), "tsm:UTC"},
      {Timestamp(TimeUnit::kMicro, false), "tsu:"},
      {Timestamp(TimeUnit::kNano, true), "tsn:UTC"},
      {Decimal128(10, 2), "d:10,2"},
      {Struct({MakeField("a", Int32())}), "+s"},
      {List(MakeField("item", Int32())), "+l"},
      {Map(MakeField("key", String(), false), MakeField("value", Int32())), "+m"},
  };
  for (const auto& c : cases) {
    ArrowSchema s;
    ASSERT_TRUE(ExportField(*MakeField("x", c.type, false), &s).ok());
    EXPECT_STREQ(s.format, c.format);
    EXPECT_STREQ(s.name, "x");
    EXPECT_EQ(s.flags, 0);  // not nullable, map keys not sorted
    auto back = ImportField(&s);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(s.release, nullptr);
    EXPECT_TRUE((*back)->type->Equals(*c.type)) << c.format << " -> " << (*back)->type->ToString();
    EXPECT_FALSE((*back)->nullable);
  }
}

TEST_F(CDataTest, FieldFlagsAndMetadata) {
  auto field = MakeField("f", List(MakeField("e", Int64(), false)), true, {{"k", "v"}, {"key2", ""}});
  ArrowSchema s;
  ASSERT_TRUE(ExportField(*field, &s).ok());
  EXPECT_EQ(s.flags, ARROW_FLAG_NULLABLE);
  ASSERT_EQ(s.n_children, 1);
  EXPECT_EQ(s.children[0]->flags, 0);
  // Metadata bytes per spec: int32 count, then length-prefixed key and value.
  int32_t n;
  std::memcpy(&n, s.metadata, 4);
  EXPECT_EQ(n, 2);
  CountReleases(&s);
  auto back = ImportField(&s);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(g_schema_releases, 1);
  EXPECT_TRUE((*back)->Equals(*field));
  EXPECT_EQ((*back)->metadata, field->metadata);
}

TEST_F(CDataTest, TimestampWithAnyZoneIsUtc) {
  for (const char* format : {"tsu:Europe/Paris", "tsu:+02:00"}) {
    ArrowSchema s{};
    s.format = format;
    s.name = "t";
    s.release = [](ArrowSchema* x) {
      ++g_schema_releases;
      x->release = nullptr;
    };
    auto f = ImportField(&s);
    ASSERT_TRUE(f.ok());
    EXPECT_TRUE((*f)->type->Equals(*Timestamp(TimeUnit::kMicro, true)));
  }
  EXPECT_EQ(g_schema_releases, 2);
}

TEST_F(CDataTest, UnsupportedFormatIsNamed) {
  ArrowSchema s{};
  s.format = "vu";
  s.name = "view";
  s.release = [](ArrowSchema* x) {
    ++g_schema_releases;
    x->release = nullptr;
  };
  auto f = ImportField(&s);
  EXPECT_EQ(f.status().code(), StatusCode::kNotSupported);
  EXPECT_NE(f.status().message().find("'vu'"), std::string::npos) << f.status().ToString();
  EXPECT_EQ(g_schema_releases, 1);  // released on failure too
}

TEST_F(CDataTest, RoundTripEveryType) {
  auto samples = testing::AllSampleArrays();
  auto expected = testing::AllSampleArrays();
  for (size_t i = 0; i < samples.size(); ++i) {
    ArrayPtr a = std::move(samples[i]);
    // Drop our reference first: the export alone must keep buffers alive.
    ArrowArray c_array;
    ArrowSchema c_schema;
    ASSERT_TRUE(ExportArray(a, &c_array).ok());
    ASSERT_TRUE(ExportField(*MakeField("c", a->type), &c_schema).ok());
    a.reset();
    auto imported = ImportArray(&c_array, &c_schema);
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    EXPECT_TRUE(ArraysEqual(**imported, *expected[i])) << expected[i]->type->ToString();
    RoundTrip(expected[i], expected[i]);
  }
}

TEST_F(CDataTest, RoundTripSlices) {
  for (const ArrayPtr& a : testing::AllSampleArrays()) {
    for (int64_t start = 0; start < a->length; ++start) {
      ArrayPtr slice = a->Slice(start, a->length - start - (start > 0 ? 1 : 0));
      RoundTrip(slice, slice);
    }
  }
}

TEST_F(CDataTest, ImportWithTypeOnly) {
  ArrayPtr a = testing::MakeListOfInts();
  ArrowArray c;
  ASSERT_TRUE(ExportArray(a, &c).ok());
  CountReleases(&c);
  {
    auto back = ImportArray(&c, a->type);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(ArraysEqual(**back, *a));
  }
  EXPECT_EQ(g_array_releases, 1);
}

TEST_F(CDataTest, RecordBatchRoundTrip) {
  auto ints = testing::MakeNumeric<int32_t>(Int32(), {1, 2, 3, 4}, {true, false, true, true});
  auto structs = testing::MakeStructArray();
  auto schema = std::make_shared<const Schema>(
      Schema{{MakeField("i", Int32()), MakeField("s", structs->type)}, {{"origin", "test"}}});
  RecordBatch batch{schema, 4, {ints, structs}};
  ASSERT_TRUE(batch.Validate().ok());
  for (const RecordBatch& b : {batch, batch.Slice(1, 3)}) {
    ArrowArray c_array;
    ArrowSchema c_schema;
    ASSERT_TRUE(ExportRecordBatch(b, &c_array, &c_schema).ok());
    EXPECT_STREQ(c_schema.format, "+s");
    EXPECT_EQ(c_array.n_children, 2);
    CountReleases(&c_array);
    CountReleases(&c_schema);
    {
      auto back = ImportRecordBatch(&c_array, &c_schema);
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      EXPECT_TRUE(back->schema->Equals(*schema));
      EXPECT_EQ(back->schema->metadata, schema->metadata);
      ASSERT_EQ(back->num_rows, b.num_rows);
      for (size_t c = 0; c < 2; ++c) EXPECT_TRUE(ArraysEqual(*back->columns[c], *b.columns[c]));
    }
  }
  EXPECT_EQ(g_array_releases, 2);
  EXPECT_EQ(g_schema_releases, 2);
}

// A hand-made foreign array over caller-owned buffers.
struct Foreign {
  std::vector<const void*> buffers;
  std::vector<ArrowArray*> children;
  ArrowArray array{};
  ArrowArray* Make(int64_t length, std::vector<const void*> bufs, std::vector<ArrowArray*> kids = {}) {
    buffers = std::move(bufs);
    children = std::move(kids);
    array.length = length;
    array.null_count = -1;
    array.n_buffers = static_cast<int64_t>(buffers.size());
    array.buffers = buffers.data();
    array.n_children = static_cast<int64_t>(children.size());
    array.children = children.empty() ? nullptr : children.data();
    array.release = [](ArrowArray* a) {
      ++g_array_releases;
      a->release = nullptr;
    };
    return &array;
  }
};

TEST_F(CDataTest, MalformedListOffsetsAreRefused) {
  const int32_t values[] = {1, 2, 3};
  const int32_t offsets[] = {0, 2, 9};  // 9 > child length 3
  Foreign child, parent;
  child.Make(3, {nullptr, values});
  child.array.release = nullptr;  // children are released through the parent
  ArrowArray* a = parent.Make(2, {nullptr, offsets}, {&child.array});
  auto r = ImportArray(a, List(MakeField("item", Int32())));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(g_array_releases, 1);
}

TEST_F(CDataTest, MalformedStringOffsetsAreRefused) {
  const int32_t offsets[] = {0, 5, 2};  // not monotonic
  const char data[] = "hello";
  Foreign f;
  auto r = ImportArray(f.Make(2, {nullptr, offsets, data}), String());
  EXPECT_FALSE(r.ok());
  const int32_t negative[] = {-4, 1};
  auto r2 = ImportArray(f.Make(1, {nullptr, negative, data}), String());
  EXPECT_FALSE(r2.ok());
  EXPECT_EQ(g_array_releases, 2);
}

TEST_F(CDataTest, WrongBufferCountIsRefused) {
  const int32_t values[] = {1};
  Foreign f;
  auto r = ImportArray(f.Make(1, {values}), Int32());
  EXPECT_FALSE(r.ok());
  auto r2 = ImportArray(f.Make(1, {nullptr, nullptr}), Int32());  // data missing
  EXPECT_FALSE(r2.ok());
  EXPECT_EQ(g_array_releases, 2);
}

TEST_F(CDataTest, LargeStringIsNarrowed) {
  const int64_t offsets[] = {0, 3, 3, 8};
  const char data[] = "abcdefgh";
  const uint8_t validity[] = {0b101};
  Foreign f;
  ArrowArray* a = f.Make(3, {validity, offsets, data});
  ArrowSchema s{};
  s.format = "U";
  s.name = "";
  s.flags = ARROW_FLAG_NULLABLE;
  s.release = [](ArrowSchema* x) { x->release = nullptr; };
  auto r = ImportArray(a, &s);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(ArraysEqual(**r, *testing::MakeStrings(String(), {"abc", "", "defgh"}, {true, false, true})));
  EXPECT_EQ((*r)->null_count, 1);
}

TEST_F(CDataTest, LargeOffsetsBeyondInt32AreRefused) {
  const int64_t offsets[] = {0, int64_t{1} << 33};
  const char data[] = "";
  Foreign f;
  ArrowSchema s{};
  s.format = "Z";
  s.name = "";
  s.release = [](ArrowSchema* x) { x->release = nullptr; };
  auto r = ImportArray(f.Make(1, {nullptr, offsets, data}), &s);
  EXPECT_EQ(r.status().code(), StatusCode::kNotSupported);
}

}  // namespace
}  // namespace sluice::columnar
