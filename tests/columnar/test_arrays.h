#pragma once

// Sample arrays of every type, with nulls, shared by the columnar tests.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sluice/columnar/builder.h"

namespace sluice::columnar::testing {

// Returns the finished array or fails the test.
inline ArrayPtr FinishOrDie(ArrayBuilder* b) {
  auto r = b->Finish();
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(ValidateArray(**r).ok()) << ValidateArray(**r).ToString();
  return *r;
}

template <typename T>
ArrayPtr MakeNumeric(const DataTypePtr& type, const std::vector<T>& values, const std::vector<bool>& valid) {
  NumericBuilder<T> b(type);
  for (size_t i = 0; i < values.size(); ++i) {
    if (valid[i]) {
      b.Append(values[i]);
    } else {
      b.AppendNull();
    }
  }
  return FinishOrDie(&b);
}

inline ArrayPtr MakeStrings(const DataTypePtr& type, const std::vector<std::string>& values,
                            const std::vector<bool>& valid) {
  BinaryBuilder b(type);
  for (size_t i = 0; i < values.size(); ++i) {
    if (valid[i]) {
      EXPECT_TRUE(b.Append(values[i]).ok());
    } else {
      b.AppendNull();
    }
  }
  return FinishOrDie(&b);
}

// list<int32>: [1, 2], null, [], [3, null, 5]
inline ArrayPtr MakeListOfInts() {
  ListBuilder b(List(MakeField("element", Int32())), std::make_unique<Int32Builder>(Int32()));
  auto* v = static_cast<Int32Builder*>(b.value_builder());
  EXPECT_TRUE(b.Append().ok());
  v->Append(1);
  v->Append(2);
  b.AppendNull();
  EXPECT_TRUE(b.AppendEmpty().ok());
  EXPECT_TRUE(b.Append().ok());
  v->Append(3);
  v->AppendNull();
  v->Append(5);
  return FinishOrDie(&b);
}

// struct<a: int64, b: string>: {1, "x"}, null, {null, "z"}, {4, null}
inline ArrayPtr MakeStructArray() {
  auto type = Struct({MakeField("a", Int64()), MakeField("b", String())});
  auto made = MakeBuilder(type);
  EXPECT_TRUE(made.ok());
  auto* b = static_cast<StructBuilder*>(made->get());
  auto* a = static_cast<Int64Builder*>(b->field_builder(0));
  auto* s = static_cast<BinaryBuilder*>(b->field_builder(1));
  b->Append();
  a->Append(1);
  EXPECT_TRUE(s->Append("x").ok());
  b->AppendNull();
  b->Append();
  a->AppendNull();
  EXPECT_TRUE(s->Append("z").ok());
  b->Append();
  a->Append(4);
  s->AppendNull();
  return FinishOrDie(b);
}

// map<string, int32>: {"a": 1, "b": null}, null, {}
inline ArrayPtr MakeMapArray() {
  auto made = MakeBuilder(Map(MakeField("key", String(), false), MakeField("value", Int32())));
  EXPECT_TRUE(made.ok());
  auto* b = static_cast<MapBuilder*>(made->get());
  auto* k = static_cast<BinaryBuilder*>(b->key_builder());
  auto* v = static_cast<Int32Builder*>(b->item_builder());
  EXPECT_TRUE(b->Append().ok());
  EXPECT_TRUE(k->Append("a").ok());
  v->Append(1);
  EXPECT_TRUE(k->Append("b").ok());
  v->AppendNull();
  b->AppendNull();
  EXPECT_TRUE(b->AppendEmpty().ok());
  return FinishOrDie(b);
}

// One array per type, each with at least one null where the type allows it.
inline std::vector<ArrayPtr> AllSampleArrays() {
  std::vector<ArrayPtr> out;
  NullBuilder nb;
  nb.AppendNulls(3);
  out.push_back(FinishOrDie(&nb));
  BoolBuilder bb;
  bb.Append(true);
  bb.AppendNull();
  bb.Append(false);
  for (int i = 0; i < 10; ++i) bb.Append(i % 3 == 0);
  out.push_back(FinishOrDie(&bb));
  const std::vector<bool> v4 = {true, false, true, true};
  out.push_back(MakeNumeric<int8_t>(Int8(), {-1, 0, 127, -128}, v4));
  out.push_back(MakeNumeric<int16_t>(Int16(), {-1, 0, 300, -300}, v4));
  out.push_back(MakeNumeric<int32_t>(Int32(), {-1, 0, 1 << 30, 7}, v4));
  out.push_back(MakeNumeric<int64_t>(Int64(), {-1, 0, int64_t{1} << 40, 7}, v4));
  out.push_back(MakeNumeric<uint8_t>(UInt8(), {1, 0, 255, 7}, v4));
  out.push_back(MakeNumeric<uint16_t>(UInt16(), {1, 0, 65535, 7}, v4));
  out.push_back(MakeNumeric<uint32_t>(UInt32(), {1, 0, 4000000000u, 7}, v4));
  out.push_back(MakeNumeric<uint64_t>(UInt64(), {1, 0, ~uint64_t{0}, 7}, v4));
  out.push_back(MakeNumeric<uint16_t>(Float16(), {0x3c00, 0, 0xc000, 0x7c00}, v4));
  out.push_back(MakeNumeric<float>(Float32(), {1.5f, 0, -2.25f, 1e30f}, v4));
  out.push_back(MakeNumeric<double>(Float64(), {1.5, 0, -2.25, 1e300}, v4));
  out.push_back(MakeNumeric<int32_t>(Date32(), {0, 1, 19000, -1}, v4));
  out.push_back(MakeNumeric<int32_t>(Time32(TimeUnit::kMilli), {0, 1, 86399999, 5}, v4));
  out.push_back(MakeNumeric<int64_t>(Time64(TimeUnit::kNano), {0, 1, 86399999999999, 5}, v4));
  out.push_back(MakeNumeric<int64_t>(Timestamp(TimeUnit::kMicro, true), {0, 1, -1, 1700000000000000}, v4));
  out.push_back(MakeNumeric<int64_t>(Timestamp(TimeUnit::kSecond, false), {0, 1, -1, 1700000000}, v4));
  out.push_back(MakeStrings(String(), {"hello", "", "", "wörld"}, v4));
  out.push_back(MakeStrings(Binary(), {std::string("\0\1", 2), "", "xyz", ""}, v4));
  FixedSizeBinaryBuilder fb(FixedSizeBinary(3));
  EXPECT_TRUE(fb.Append("abc").ok());
  fb.AppendNull();
  EXPECT_TRUE(fb.Append("def").ok());
  out.push_back(FinishOrDie(&fb));
  FixedSizeBinaryBuilder db(Decimal128(38, 2));
  db.AppendDecimal(-12345);
  db.AppendNull();
  db.AppendDecimal(static_cast<__int128>(1) << 100);
  out.push_back(FinishOrDie(&db));
  out.push_back(MakeListOfInts());
  out.push_back(MakeStructArray());
  out.push_back(MakeMapArray());
  return out;
}

}  // namespace sluice::columnar::testing
