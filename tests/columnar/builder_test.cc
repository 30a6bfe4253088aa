#include "sluice/columnar/builder.h"

#include <gtest/gtest.h>

#include "columnar/test_arrays.h"

namespace sluice::columnar {
namespace {

using testing::FinishOrDie;

TEST(ValidityBuilderTest, NoBitmapUntilFirstNull) {
  ValidityBuilder v;
  v.AppendValid(10);
  v.Append(true);
  EXPECT_EQ(v.length(), 11);
  EXPECT_EQ(v.Finish(), nullptr);
  EXPECT_EQ(v.length(), 0);

  v.AppendValid(9);
  v.AppendNull();
  v.AppendValid();
  v.AppendNulls(3);
  BufferPtr bits = v.Finish();
  ASSERT_NE(bits, nullptr);
  // Bits 0..8 set, 9 clear, 10 set, 11..13 clear: 0xff, 0b00000101.
  ASSERT_EQ(bits->size(), 2);
  EXPECT_EQ(bits->data()[0], 0xff);
  EXPECT_EQ(bits->data()[1], 0x05);
}

TEST(ValidityBuilderTest, ValidBytes) {
  ValidityBuilder v;
  const uint8_t valid[] = {1, 0, 1, 1, 0};
  v.AppendValidBytes(valid, 5);
  EXPECT_EQ(v.null_count(), 2);
  BufferPtr bits = v.Finish();
  EXPECT_EQ(bits->data()[0], 0b01101);
}

TEST(BuilderTest, NumericWithoutNullsHasNoBitmap) {
  Int32Builder b(Int32());
  const int32_t vals[] = {1, 2, 3};
  b.AppendValues(std::span<const int32_t>(vals));
  b.Append(4);
  ArrayPtr a = FinishOrDie(&b);
  EXPECT_EQ(a->length, 4);
  EXPECT_EQ(a->null_count, 0);
  EXPECT_EQ(a->buffers[0], nullptr);
  EXPECT_EQ(a->buffers[1]->size(), 16);
  EXPECT_EQ(a->values<int32_t>()[3], 4);
  EXPECT_EQ(b.length(), 0);  // Finish resets
  b.Append(9);
  ArrayPtr second = FinishOrDie(&b);
  EXPECT_EQ(second->length, 1);
  EXPECT_EQ(second->values<int32_t>()[0], 9);
  EXPECT_EQ(a->values<int32_t>()[0], 1);  // first array untouched
}

TEST(BuilderTest, NumericWithNulls) {
  ArrayPtr a = testing::MakeNumeric<int64_t>(Int64(), {5, 0, 7}, {true, false, true});
  EXPECT_EQ(a->null_count, 1);
  ASSERT_NE(a->buffers[0], nullptr);
  EXPECT_EQ(a->buffers[0]->data()[0], 0b101);
  EXPECT_TRUE(a->IsNull(1));
  EXPECT_EQ(a->values<int64_t>()[2], 7);
  Int64Builder b(Int64());
  b.AppendNulls(70);
  b.Append(1);
  ArrayPtr many = FinishOrDie(&b);
  EXPECT_EQ(many->null_count, 70);
  EXPECT_TRUE(many->IsValid(70));
  EXPECT_EQ(many->buffers[1]->size(), 71 * 8);
}

TEST(BuilderTest, Bool) {
  BoolBuilder b;
  const uint8_t vals[] = {1, 0, 1, 1, 0, 0, 0, 0, 1};
  b.AppendValues(vals, 9);
  b.AppendNull();
  ArrayPtr a = FinishOrDie(&b);
  EXPECT_EQ(a->length, 10);
  EXPECT_EQ(a->null_count, 1);
  EXPECT_EQ(a->buffers[1]->data()[0], 0b00001101);
  EXPECT_EQ(a->buffers[1]->data()[1], 0b1);
  EXPECT_TRUE(a->BoolValue(8));
  EXPECT_TRUE(a->IsNull(9));
}

TEST(BuilderTest, StringOffsetsAndData) {
  ArrayPtr a = testing::MakeStrings(String(), {"ab", "", "cde"}, {true, false, true});
  const int32_t* o = a->offsets();
  EXPECT_EQ(o[0], 0);
  EXPECT_EQ(o[1], 2);
  EXPECT_EQ(o[2], 2);
  EXPECT_EQ(o[3], 5);
  EXPECT_EQ(a->buffers[2]->view(), "abcde");
  EXPECT_EQ(a->StringValue(2), "cde");
  EXPECT_EQ(a->null_count, 1);
}

TEST(BuilderTest, BinaryRefusesMoreThanInt32Bytes) {
  BinaryBuilder b(Binary());
  ASSERT_TRUE(b.Append("abc").ok());
  // The size check comes before any byte is read, so a fake length is safe.
  const char c = 'x';
  Status st = b.Append(std::string_view(&c, size_t{1} << 31));
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_EQ(b.length(), 1);
  EXPECT_EQ(b.data_size(), 3);
}

TEST(BuilderTest, FixedSizeBinaryChecksWidth) {
  FixedSizeBinaryBuilder b(FixedSizeBinary(4));
  EXPECT_FALSE(b.Append("abc").ok());
  EXPECT_TRUE(b.Append("abcd").ok());
  b.AppendNull();
  ArrayPtr a = FinishOrDie(&b);
  EXPECT_EQ(a->buffers[1]->size(), 8);
  EXPECT_EQ(a->FixedValue(0), "abcd");
}

TEST(BuilderTest, ListWithNulls) {
  ArrayPtr a = testing::MakeListOfInts();
  EXPECT_EQ(a->length, 4);
  EXPECT_EQ(a->null_count, 1);
  const int32_t* o = a->offsets();
  EXPECT_EQ(std::vector<int32_t>(o, o + 5), (std::vector<int32_t>{0, 2, 2, 2, 5}));
  ASSERT_EQ(a->children.size(), 1u);
  EXPECT_EQ(a->children[0]->length, 5);
  EXPECT_EQ(a->children[0]->null_count, 1);
}

TEST(BuilderTest, StructNullsGiveChildSlots) {
  ArrayPtr a = testing::MakeStructArray();
  EXPECT_EQ(a->length, 4);
  EXPECT_EQ(a->null_count, 1);
  EXPECT_EQ(a->children[0]->length, 4);
  EXPECT_EQ(a->children[0]->null_count, 2);
  EXPECT_EQ(a->children[1]->null_count, 2);
  EXPECT_EQ(a->children[1]->StringValue(2), "z");
}

TEST(BuilderTest, StructFinishChecksChildLengths) {
  StructBuilder b(Struct({MakeField("a", Int32())}), [] {
    std::vector<std::unique_ptr<ArrayBuilder>> v;
    v.push_back(std::make_unique<Int32Builder>(Int32()));
    return v;
  }());
  b.Append();
  EXPECT_EQ(b.Finish().status().code(), StatusCode::kInvalid);
}

TEST(BuilderTest, Map) {
  ArrayPtr a = testing::MakeMapArray();
  EXPECT_EQ(a->length, 3);
  EXPECT_EQ(a->null_count, 1);
  const Array& entries = *a->children[0];
  EXPECT_EQ(entries.length, 2);
  EXPECT_EQ(entries.null_count, 0);
  EXPECT_EQ(entries.children[0]->StringValue(1), "b");
  EXPECT_TRUE(entries.children[1]->IsNull(1));
}

TEST(BuilderTest, MapFinishChecksCounts) {
  auto made = MakeBuilder(Map(MakeField("k", Int32(), false), MakeField("v", Int32())));
  ASSERT_TRUE(made.ok());
  auto* b = static_cast<MapBuilder*>(made->get());
  ASSERT_TRUE(b->Append().ok());
  static_cast<Int32Builder*>(b->key_builder())->Append(1);
  EXPECT_EQ(b->Finish().status().code(), StatusCode::kInvalid);
}

TEST(BuilderTest, MakeBuilderEveryTypeAndAppendNull) {
  for (const ArrayPtr& sample : testing::AllSampleArrays()) {
    auto made = MakeBuilder(sample->type);
    ASSERT_TRUE(made.ok()) << sample->type->ToString();
    ArrayBuilder* b = made->get();
    EXPECT_TRUE(b->type()->Equals(*sample->type));
    b->Reserve(8);
    b->AppendNull();
    b->AppendNulls(2);
    EXPECT_EQ(b->length(), 3);
    ArrayPtr a = FinishOrDie(b);
    EXPECT_EQ(a->length, 3);
    EXPECT_EQ(a->null_count, 3) << sample->type->ToString();
    EXPECT_TRUE(a->IsNull(2));
  }
}

TEST(ArrayTest, SamplesValidateAndEqualThemselves) {
  for (const ArrayPtr& a : testing::AllSampleArrays()) {
    EXPECT_TRUE(ValidateArray(*a).ok()) << a->type->ToString();
    EXPECT_TRUE(ArraysEqual(*a, *a)) << a->type->ToString();
  }
}

TEST(ArrayTest, SlicesCompareByValue) {
  ArrayPtr a = testing::MakeNumeric<int32_t>(Int32(), {1, 2, 3, 1, 2, 3}, {true, true, false, true, true, false});
  ArrayPtr first = a->Slice(0, 3);
  ArrayPtr second = a->Slice(3, 3);
  EXPECT_EQ(second->null_count, 1);
  EXPECT_TRUE(ArraysEqual(*first, *second));
  EXPECT_FALSE(ArraysEqual(*a->Slice(0, 2), *a->Slice(1, 2)));
  EXPECT_FALSE(ArraysEqual(*first, *a->Slice(0, 2)));  // length differs

  ArrayPtr s = testing::MakeStructArray();
  ArrayPtr tail = s->Slice(2, 2);
  EXPECT_TRUE(ValidateArray(*tail).ok());
  EXPECT_EQ(tail->null_count, 0);
  EXPECT_FALSE(ArraysEqual(*tail, *s->Slice(0, 2)));
  ArrayPtr l = testing::MakeListOfInts();
  EXPECT_TRUE(ArraysEqual(*l->Slice(3, 1), *l->Slice(3, 1)));
  EXPECT_FALSE(ArraysEqual(*l->Slice(0, 1), *l->Slice(3, 1)));
}

TEST(ArrayTest, ArraysEqualNegatives) {
  auto strings = testing::MakeStrings(String(), {"a", "b"}, {true, true});
  auto binary = testing::MakeStrings(Binary(), {"a", "b"}, {true, true});
  EXPECT_FALSE(ArraysEqual(*strings, *binary));  // type differs
  auto other = testing::MakeStrings(String(), {"a", "c"}, {true, true});
  EXPECT_FALSE(ArraysEqual(*strings, *other));
  auto with_null = testing::MakeStrings(String(), {"a", "b"}, {true, false});
  EXPECT_FALSE(ArraysEqual(*strings, *with_null));
  auto nan1 = testing::MakeNumeric<double>(Float64(), {NAN}, {true});
  EXPECT_TRUE(ArraysEqual(*nan1, *nan1));
}

}  // namespace
}  // namespace sluice::columnar
