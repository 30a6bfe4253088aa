#include "sluice/columnar/byte_size.h"

#include <gtest/gtest.h>

#include "columnar/test_arrays.h"

namespace sluice::columnar {
namespace {

using testing::MakeListOfInts;
using testing::MakeNumeric;
using testing::MakeStrings;
using testing::MakeStructArray;

int64_t ValidityBytes(const Array& a, int64_t length) {
  return !a.buffers.empty() && a.buffers[0] ? (length + 7) / 8 : 0;
}

Array SliceOf(const ArrayPtr& a, int64_t offset, int64_t length) {
  Array s = *a;
  s.offset += offset;
  s.length = length;
  return s;
}

TEST(ByteSizeTest, FixedWidthAndStringsCountOnlyTheirSlice) {
  ArrayPtr ints = MakeNumeric<int64_t>(Int64(), {1, 2, 3, 4}, {true, false, true, true});
  EXPECT_EQ(DataBytes(*ints), ValidityBytes(*ints, 4) + 32);
  EXPECT_EQ(DataBytes(SliceOf(ints, 1, 2)), ValidityBytes(*ints, 2) + 16);
  ArrayPtr strs = MakeStrings(String(), {"ab", "", "cde", "f"}, {true, false, true, true});
  EXPECT_EQ(DataBytes(*strs), ValidityBytes(*strs, 4) + 4 * 5 + 6);
  EXPECT_EQ(DataBytes(SliceOf(strs, 2, 2)), ValidityBytes(*strs, 2) + 4 * 3 + 4);
}

TEST(ByteSizeTest, ListsFollowTheirOffsetsIntoTheChild) {
  ArrayPtr list = MakeListOfInts();  // [1, 2], null, [], [3, null, 5]
  const Array& child = *list->children[0];
  EXPECT_EQ(DataBytes(*list), ValidityBytes(*list, 4) + 4 * 5 + ValidityBytes(child, 5) + 5 * 4);
  // The last value only: 3 child values.
  EXPECT_EQ(DataBytes(SliceOf(list, 3, 1)), ValidityBytes(*list, 1) + 4 * 2 + ValidityBytes(child, 3) + 3 * 4);
}

TEST(ByteSizeTest, StructSlicesApplyToTheirChildren) {
  ArrayPtr st = MakeStructArray();  // struct<a: int64, b: string>: {1, "x"}, null, {null, "z"}, {4, null}
  const Array& a = *st->children[0];
  const Array& b = *st->children[1];
  Array last = SliceOf(st, 2, 2);  // {null, "z"}, {4, null}: b spans "z" and an empty null
  int64_t b_bytes = DataBytes(SliceOf(st->children[1], 2, 2));
  EXPECT_EQ(b_bytes, ValidityBytes(b, 2) + 4 * 3 + 1);
  EXPECT_EQ(DataBytes(last), ValidityBytes(*st, 2) + ValidityBytes(a, 2) + 16 + b_bytes);
}

TEST(ByteSizeTest, BatchesSumTheirColumns) {
  ArrayPtr ints = MakeNumeric<int32_t>(Int32(), {1, 2}, {true, true});
  ArrayPtr strs = MakeStrings(String(), {"x", "yz"}, {true, true});
  RecordBatch batch;
  batch.num_rows = 2;
  batch.columns = {ints, strs};
  EXPECT_EQ(DataBytes(batch), DataBytes(*ints) + DataBytes(*strs));
}

}  // namespace
}  // namespace sluice::columnar
