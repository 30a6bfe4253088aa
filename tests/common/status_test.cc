#include "sluice/common/status.h"

#include <gtest/gtest.h>

#include "sluice/common/bit_util.h"
#include "sluice/common/buffer.h"

namespace sluice {
namespace {

Result<int> Half(int v) {
  if (v % 2 != 0) return Status::Invalid("{} is odd", v);
  return v / 2;
}

Result<int> Quarter(int v) {
  SLUICE_ASSIGN_OR_RETURN(int h, Half(v));
  return Half(h);
}

TEST(StatusTest, CarriesCodeAndMessage) {
  Status s = Status::Corrupt("{}: bad magic at offset {}", "f.parquet", 4);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kCorrupt);
  EXPECT_EQ(s.ToString(), "Corrupt: f.parquet: bad magic at offset 4");
  EXPECT_EQ(s.WithContext("reading").message(), "reading: f.parquet: bad magic at offset 4");
  EXPECT_TRUE(Status::OK().ok());
}

TEST(StatusTest, AssignOrReturnPropagates) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "3 is odd");
}

TEST(BufferTest, GrowsAndKeepsContents) {
  Buffer b;
  for (int i = 0; i < 1000; ++i) b.AppendValue<int32_t>(i);
  ASSERT_EQ(b.size(), 4000);
  EXPECT_EQ(b.data_as<int32_t>()[999], 999);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(b.data()) % Buffer::kAlignment, 0u);
}

TEST(BitUtilTest, CountAndSet) {
  uint8_t bits[32] = {};
  bit_util::SetBitsTo(bits, 3, 200, true);
  EXPECT_EQ(bit_util::CountSetBits(bits, 0, 256), 200);
  EXPECT_EQ(bit_util::CountSetBits(bits, 5, 100), 100);
  EXPECT_FALSE(bit_util::GetBit(bits, 2));
  EXPECT_TRUE(bit_util::GetBit(bits, 202));
  EXPECT_FALSE(bit_util::GetBit(bits, 203));
  uint8_t dst[33] = {};
  bit_util::CopyBitmap(bits, 1, 250, dst, 7);
  EXPECT_EQ(bit_util::CountSetBits(dst, 0, 256), 200);
  EXPECT_TRUE(bit_util::GetBit(dst, 9));
  EXPECT_EQ(bit_util::BitWidth(255), 8);
  EXPECT_EQ(bit_util::BitWidth(0), 0);
}

}  // namespace
}  // namespace sluice
