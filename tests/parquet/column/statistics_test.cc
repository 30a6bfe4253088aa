#include "sluice/parquet/column/statistics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "chunk_writer_test_util.h"

namespace sluice::parquet {
namespace {

template <typename T>
std::string B(T v) {
  return std::string(reinterpret_cast<const char*>(&v), sizeof(T));
}

template <typename T>
format::Statistics Fixed(StatsOrder order, const std::vector<T>& v, int64_t nulls = 0) {
  auto s = ColumnStatistics::Make(order, 64);
  PhysicalValues pv;
  pv.fixed = reinterpret_cast<const uint8_t*>(v.data());
  pv.width = sizeof(T) == 2 ? 2 : 0;
  pv.num_values = static_cast<int64_t>(v.size());
  s->Update(pv, 0, pv.num_values);
  s->AddNulls(nulls);
  return s->ToThrift();
}

std::unique_ptr<ColumnStatistics> Strings(const std::vector<std::string>& v, int32_t truncate,
                                          StatsOrder order = StatsOrder::kBytes) {
  auto s = ColumnStatistics::Make(order, truncate);
  LeafData d = testing::StringData(v);
  PhysicalValues pv;
  pv.offsets = d.values->data_as<int32_t>();
  pv.data = d.data->data();
  pv.num_values = d.num_values;
  // Two batches, to exercise the carried min/max.
  s->Update(pv, 0, pv.num_values / 2);
  s->Update(pv, pv.num_values / 2, pv.num_values - pv.num_values / 2);
  return s;
}

TEST(Statistics, SignedAndUnsignedInts) {
  auto s = Fixed<int32_t>(StatsOrder::kInt32, {-5, 3, std::numeric_limits<int32_t>::min(), 7}, 2);
  EXPECT_EQ(s.min_value, B(std::numeric_limits<int32_t>::min()));
  EXPECT_EQ(s.max_value, B<int32_t>(7));
  EXPECT_EQ(s.min, s.min_value);  // legacy fields for signed order
  EXPECT_EQ(s.max, s.max_value);
  EXPECT_EQ(s.null_count, 2);
  EXPECT_EQ(s.is_min_value_exact, true);
  EXPECT_EQ(s.is_max_value_exact, true);

  auto u = Fixed<int32_t>(StatsOrder::kUInt32, {-1, 1, 5});
  EXPECT_EQ(u.min_value, B<int32_t>(1));
  EXPECT_EQ(u.max_value, B<int32_t>(-1));  // 0xFFFFFFFF is the largest unsigned
  EXPECT_FALSE(u.min);
  EXPECT_FALSE(u.max);

  auto u64 = Fixed<int64_t>(StatsOrder::kUInt64, {std::numeric_limits<int64_t>::min(), 0, 9});
  EXPECT_EQ(u64.min_value, B<int64_t>(0));
  EXPECT_EQ(u64.max_value, B(std::numeric_limits<int64_t>::min()));
  auto s64 = Fixed<int64_t>(StatsOrder::kInt64, {std::numeric_limits<int64_t>::min(), 0, 9});
  EXPECT_EQ(s64.min_value, B(std::numeric_limits<int64_t>::min()));
}

// Min/max of integer batches of every length (the unrolled loop and its
// tail), carried over batches, for signed and unsigned orders.
TEST(Statistics, IntegerBatchesOfEveryLength) {
  std::mt19937_64 rng(12);
  for (int n = 1; n < 40; ++n) {
    std::vector<int64_t> v(static_cast<size_t>(n));
    for (auto& x : v) x = static_cast<int64_t>(rng()) >> (rng() % 60);
    const int64_t split = static_cast<int64_t>(rng() % static_cast<uint64_t>(n));
    for (StatsOrder order : {StatsOrder::kInt64, StatsOrder::kUInt64}) {
      auto s = ColumnStatistics::Make(order, 64);
      PhysicalValues pv;
      pv.fixed = reinterpret_cast<const uint8_t*>(v.data());
      pv.num_values = n;
      s->Update(pv, 0, split);
      s->Update(pv, split, n - split);
      std::string lo, hi;
      if (order == StatsOrder::kInt64) {
        auto [a, b] = std::minmax_element(v.begin(), v.end());
        lo = B(*a);
        hi = B(*b);
      } else {
        std::vector<uint64_t> u(v.begin(), v.end());
        auto [a, b] = std::minmax_element(u.begin(), u.end());
        lo = B(*a);
        hi = B(*b);
      }
      EXPECT_EQ(s->EncodeMin(), lo) << n;
      EXPECT_EQ(s->EncodeMax(), hi) << n;
    }
  }
}

TEST(Statistics, FloatsIgnoreNanAndOrderZeros) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  auto a = Fixed<float>(StatsOrder::kFloat, {nan, 2.5f, -1.0f, nan});
  EXPECT_EQ(a.min_value, B(-1.0f));
  EXPECT_EQ(a.max_value, B(2.5f));
  auto all_nan = Fixed<float>(StatsOrder::kFloat, {nan, nan}, 1);
  EXPECT_FALSE(all_nan.min_value);
  EXPECT_FALSE(all_nan.max_value);
  EXPECT_EQ(all_nan.null_count, 1);
  auto z = Fixed<double>(StatsOrder::kDouble, {0.0, 1.0});
  EXPECT_EQ(z.min_value, B(-0.0));  // a zero min is written as -0.0
  EXPECT_EQ(z.max_value, B(1.0));
  auto nz = Fixed<double>(StatsOrder::kDouble, {-0.0, -1.0});
  EXPECT_EQ(nz.max_value, B(0.0));  // a zero max is written as +0.0
  auto inf = Fixed<double>(StatsOrder::kDouble, {std::numeric_limits<double>::infinity(), std::nan("")});
  EXPECT_EQ(inf.min_value, B(std::numeric_limits<double>::infinity()));
}

TEST(Statistics, Float16) {
  // 1.0 = 0x3C00, -2.0 = 0xC000, NaN = 0x7E00, 0.5 = 0x3800, smallest subnormal = 0x0001.
  auto a = Fixed<uint16_t>(StatsOrder::kFloat16, {0x3C00, 0x7E00, 0xC000, 0x3800});
  EXPECT_EQ(a.min_value, B<uint16_t>(0xC000));
  EXPECT_EQ(a.max_value, B<uint16_t>(0x3C00));
  auto z = Fixed<uint16_t>(StatsOrder::kFloat16, {0x0000, 0x0001});
  EXPECT_EQ(z.min_value, B<uint16_t>(0x8000));
  EXPECT_EQ(z.max_value, B<uint16_t>(0x0001));
  auto n = Fixed<uint16_t>(StatsOrder::kFloat16, {0x7E00});
  EXPECT_FALSE(n.min_value);
  EXPECT_LT(CompareEncoded(StatsOrder::kFloat16, B<uint16_t>(0xC000), B<uint16_t>(0x0001)), 0);
}

TEST(Statistics, BinaryUnsignedWithTruncation) {
  auto s = Strings({"b", "a\xff", "abc"}, 64)->ToThrift();
  EXPECT_EQ(s.min_value, "abc");  // 'b' < 0xff: unsigned bytes
  EXPECT_EQ(s.max_value, "b");
  EXPECT_FALSE(s.min);

  auto t = Strings({"abcdef", "ab\xff\xff\xff"}, 4)->ToThrift();
  EXPECT_EQ(t.min_value, "abcd");
  EXPECT_EQ(t.is_min_value_exact, false);
  EXPECT_EQ(t.max_value, "ac");  // prefix "ab\xff\xff": drop the 0xFF tail, increment 'b'
  EXPECT_EQ(t.is_max_value_exact, false);

  auto f = Strings({"\xff\xff\xff\xff\xff", "\x01"}, 4);
  auto ft = f->ToThrift();
  EXPECT_EQ(ft.min_value, "\x01");
  EXPECT_EQ(ft.is_min_value_exact, true);
  EXPECT_FALSE(ft.max_value);  // cannot be truncated upwards
  std::string min, max;
  ASSERT_TRUE(f->ColumnIndexBounds(&min, &max));
  EXPECT_EQ(max, "\xff\xff\xff\xff\xff");  // the page index keeps it whole

  auto exact = Strings({"abcd", "a"}, 4)->ToThrift();
  EXPECT_EQ(exact.max_value, "abcd");
  EXPECT_EQ(exact.is_max_value_exact, true);
}

TEST(Statistics, TruncateHelpers) {
  std::string out;
  EXPECT_TRUE(TruncateMax("abc", 5, &out));
  EXPECT_EQ(out, "abc");
  EXPECT_TRUE(TruncateMax("a\xfe\xff\xff", 3, &out));
  EXPECT_EQ(out, "a\xff");
  EXPECT_FALSE(TruncateMax("\xff\xff\xff", 2, &out));
  EXPECT_EQ(TruncateMin("abcdef", 2), "ab");
}

TEST(Statistics, DecimalsCompareSignedBigEndian) {
  auto s = ColumnStatistics::Make(StatsOrder::kDecimal, 64);
  const std::string v = std::string("\xff\xff", 2) + std::string("\x00\x01", 2) + std::string("\x80\x00", 2);
  PhysicalValues pv;
  pv.fixed = reinterpret_cast<const uint8_t*>(v.data());
  pv.width = 2;
  pv.num_values = 3;
  s->Update(pv, 0, 3);
  auto t = s->ToThrift();
  EXPECT_EQ(t.min_value, std::string("\x80\x00", 2));  // -32768
  EXPECT_EQ(t.max_value, std::string("\x00\x01", 2));  // 1
  EXPECT_EQ(t.min, t.min_value);                       // decimal order is signed
  // Different lengths sign-extend.
  EXPECT_EQ(CompareEncoded(StatsOrder::kDecimal, "\xff", std::string("\x00\x00", 2)), -1);
  EXPECT_EQ(CompareEncoded(StatsOrder::kDecimal, "\xff", "\xff\xff"), 0);
  EXPECT_EQ(CompareEncoded(StatsOrder::kDecimal, "\x01", std::string("\x00\xff", 2)), -1);
}

TEST(Statistics, BooleansAllNullAndMerge) {
  auto b = ColumnStatistics::Make(StatsOrder::kBool, 64);
  uint8_t bits = 0b0110;
  PhysicalValues pv;
  pv.bits = &bits;
  pv.num_values = 4;
  b->Update(pv, 1, 2);  // true, true
  auto t = b->ToThrift();
  EXPECT_EQ(t.min_value, std::string(1, '\1'));
  EXPECT_EQ(t.max_value, std::string(1, '\1'));
  EXPECT_FALSE(t.min);

  auto n = ColumnStatistics::Make(StatsOrder::kInt64, 64);
  n->AddNulls(5);
  auto nt = n->ToThrift();
  EXPECT_EQ(nt.null_count, 5);
  EXPECT_FALSE(nt.min_value);
  EXPECT_FALSE(nt.max_value);
  EXPECT_FALSE(nt.is_min_value_exact);

  auto m = ColumnStatistics::Make(StatsOrder::kInt64, 64);
  std::vector<int64_t> v = {4, -3};
  PhysicalValues p2;
  p2.fixed = reinterpret_cast<const uint8_t*>(v.data());
  m->Update(p2, 0, 2);
  n->Merge(*m);
  auto mt = n->ToThrift();
  EXPECT_EQ(mt.null_count, 5);
  EXPECT_EQ(mt.min_value, B<int64_t>(-3));
  EXPECT_EQ(mt.max_value, B<int64_t>(4));
  n->Reset();
  EXPECT_FALSE(n->has_min_max());
  EXPECT_EQ(n->null_count(), 0);
}

TEST(Statistics, OrderFromSchema) {
  using format::Type;
  using testing::MakeLeaf;
  EXPECT_EQ(StatsOrderFor(MakeLeaf("a", Type::INT32, columnar::Int32(), true)), StatsOrder::kInt32);
  auto u = MakeLeaf("a", Type::INT64, columnar::UInt64(), true);
  u.element.converted_type = format::ConvertedType::UINT_64;
  EXPECT_EQ(StatsOrderFor(u), StatsOrder::kUInt64);
  auto h = MakeLeaf("h", Type::FIXED_LEN_BYTE_ARRAY, columnar::Float16(), true, 2);
  h.element.logical_type.emplace();
  h.element.logical_type->kind = format::LogicalType::Kind::kFloat16;
  EXPECT_EQ(StatsOrderFor(h), StatsOrder::kFloat16);
  auto d = MakeLeaf("d", Type::FIXED_LEN_BYTE_ARRAY, columnar::Decimal128(5, 1), true, 3);
  d.element.converted_type = format::ConvertedType::DECIMAL;
  EXPECT_EQ(StatsOrderFor(d), StatsOrder::kDecimal);
  EXPECT_EQ(StatsOrderFor(MakeLeaf("s", Type::BYTE_ARRAY, columnar::String(), true)), StatsOrder::kBytes);
  EXPECT_EQ(StatsOrderFor(MakeLeaf("t", Type::INT96, columnar::Timestamp(columnar::TimeUnit::kMicro, false), true)),
            StatsOrder::kNone);
  EXPECT_EQ(StatsOrderFor(MakeLeaf("b", Type::BOOLEAN, columnar::Bool(), true)), StatsOrder::kBool);
}

}  // namespace
}  // namespace sluice::parquet
