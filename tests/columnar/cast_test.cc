#include "sluice/columnar/cast.h"

#include <gtest/gtest.h>

#include "columnar/test_arrays.h"

namespace sluice::columnar {
namespace {

using testing::MakeListOfInts;
using testing::MakeNumeric;

TEST(Cast, WidensIntegersKeepingNulls) {
  auto in = MakeNumeric<int32_t>(Int32(), {1, -2, 3, 7}, {true, true, false, true})->Slice(1, 3);
  auto out = CastArray(in, Int64());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  auto want = MakeNumeric<int64_t>(Int64(), {-2, 0, 7}, {true, false, true});
  EXPECT_TRUE(ArraysEqual(**out, *want));
  EXPECT_TRUE(ValidateArray(**out).ok());
}

TEST(Cast, UnsignedToWiderSignedAndIntToDouble) {
  auto u = MakeNumeric<uint32_t>(UInt32(), {4000000000u, 1}, {true, true});
  auto out = CastArray(u, Int64());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)->values<int64_t>()[0], 4000000000LL);
  auto d = CastArray(MakeNumeric<int16_t>(Int16(), {-5}, {true}), Float64());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)->values<double>()[0], -5.0);
}

TEST(Cast, RefusesNarrowingAndLossyCasts) {
  EXPECT_FALSE(CastArray(MakeNumeric<int64_t>(Int64(), {1}, {true}), Int32()).ok());
  EXPECT_FALSE(CastArray(MakeNumeric<int64_t>(Int64(), {1}, {true}), Float64()).ok());
  EXPECT_FALSE(CastArray(MakeNumeric<uint64_t>(UInt64(), {1}, {true}), Int64()).ok());
  EXPECT_FALSE(CastArray(MakeNumeric<double>(Float64(), {1}, {true}), Float32()).ok());
  auto st = CastArray(MakeNumeric<int64_t>(Int64(), {1}, {true}), String()).status();
  EXPECT_EQ(st.code(), StatusCode::kNotSupported);
  EXPECT_NE(st.message().find("int64"), std::string::npos);
}

TEST(Cast, TimestampUnitsFloorTowardsMinusInfinity) {
  auto ns = MakeNumeric<int64_t>(Timestamp(TimeUnit::kNano, true), {1500, -1500, 2000}, {true, true, true});
  auto us = CastArray(ns, Timestamp(TimeUnit::kMicro, true));
  ASSERT_TRUE(us.ok());
  EXPECT_EQ((*us)->values<int64_t>()[0], 1);
  EXPECT_EQ((*us)->values<int64_t>()[1], -2);
  EXPECT_EQ((*us)->values<int64_t>()[2], 2);
  auto ms = MakeNumeric<int64_t>(Timestamp(TimeUnit::kMilli, true), {3}, {true});
  auto us2 = CastArray(ms, Timestamp(TimeUnit::kMicro, true));
  ASSERT_TRUE(us2.ok());
  EXPECT_EQ((*us2)->values<int64_t>()[0], 3000);
  // UTC and wall-clock timestamps are different things.
  EXPECT_FALSE(CastArray(ms, Timestamp(TimeUnit::kMicro, false)).ok());
}

TEST(Cast, NestedTakesTargetNamesAndCastsChildren) {
  auto list = MakeListOfInts();  // list<element: int32>
  auto to = List(MakeField("item", Int64()));
  auto out = CastArray(list, to);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE((*out)->type->Equals(*to));
  EXPECT_TRUE(ValidateArray(**out).ok());
  EXPECT_EQ((*out)->children[0]->type->id, TypeId::kInt64);
}

TEST(Cast, NullArrayBecomesAnyType) {
  NullBuilder b;
  b.AppendNulls(3);
  auto nulls = *b.Finish();
  auto out = CastArray(nulls, String());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)->length, 3);
  EXPECT_EQ((*out)->null_count, 3);
}

}  // namespace
}  // namespace sluice::columnar
