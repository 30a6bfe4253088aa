#include "sluice/columnar/take.h"

#include <gtest/gtest.h>

#include "columnar/test_arrays.h"

namespace sluice::columnar {
namespace {

// Element i of the result equals element indices[i] of the input.
void ExpectTaken(const Array& input, const std::vector<int32_t>& indices) {
  auto r = TakeArray(input, indices);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Array& out = **r;
  ASSERT_TRUE(ValidateArray(out).ok()) << input.type->ToString() << ": " << ValidateArray(out).ToString();
  ASSERT_EQ(out.length, static_cast<int64_t>(indices.size()));
  EXPECT_TRUE(out.type->Equals(*input.type));
  int64_t nulls = 0;
  for (size_t i = 0; i < indices.size(); ++i) {
    EXPECT_TRUE(ArraysEqual(*out.Slice(static_cast<int64_t>(i), 1), *input.Slice(indices[i], 1)))
        << input.type->ToString() << " element " << i;
    nulls += input.IsNull(indices[i]);
  }
  EXPECT_EQ(out.null_count, nulls) << input.type->ToString();
}

TEST(Take, EveryTypeReorderedWithRepeats) {
  for (const auto& a : testing::AllSampleArrays()) {
    std::vector<int32_t> rev;
    for (int64_t i = a->length - 1; i >= 0; --i) rev.push_back(static_cast<int32_t>(i));
    ExpectTaken(*a, rev);
    ExpectTaken(*a, {0, 0, static_cast<int32_t>(a->length - 1), 0});
    ExpectTaken(*a, {});
  }
}

TEST(Take, SlicedInputsIncludingNestedOffsets) {
  for (const auto& a : testing::AllSampleArrays()) {
    if (a->length < 3) continue;
    ArrayPtr s = a->Slice(1, a->length - 1);
    ExpectTaken(*s, {static_cast<int32_t>(s->length - 1), 0, 1});
  }
  // A struct sliced: its offset applies to its children.
  ArrayPtr st = testing::MakeStructArray()->Slice(2, 2);
  ExpectTaken(*st, {1, 0});
  RecordBatch batch{std::make_shared<Schema>(Schema{{MakeField("s", st->type)}, {}}), 2, {st}};
  auto rows = TakeRows(batch, std::vector<int32_t>{1, 1, 0});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->num_rows, 3);
  EXPECT_TRUE(rows->Validate().ok());
}

TEST(Take, RefusesIndicesOutOfRange) {
  auto a = testing::MakeListOfInts();
  EXPECT_EQ(TakeArray(*a, std::vector<int32_t>{0, 4}).status().code(), StatusCode::kInvalid);
  EXPECT_EQ(TakeArray(*a, std::vector<int32_t>{-1}).status().code(), StatusCode::kInvalid);
  RecordBatch batch{std::make_shared<Schema>(Schema{{MakeField("l", a->type)}, {}}), a->length, {a}};
  EXPECT_EQ(TakeRows(batch, std::vector<int32_t>{9}).status().code(), StatusCode::kInvalid);
}

}  // namespace
}  // namespace sluice::columnar
