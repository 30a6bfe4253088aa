#include "sluice/parquet/column/page_buffer_pool.h"

#include <gtest/gtest.h>

namespace sluice::parquet {
namespace {

TEST(PageBufferPool, TakesTheSmallestReturnedBufferThatFits) {
  PageBufferPool pool;
  Buffer a = pool.Take(1000);
  EXPECT_GE(a.capacity(), 1000);
  EXPECT_EQ(a.size(), 0);
  a.Append("xyz", 3);
  Buffer big = pool.Take(1 << 20);
  const uint8_t* a_mem = a.data();
  const uint8_t* big_mem = big.data();
  pool.Return(std::move(a));
  pool.Return(std::move(big));
  EXPECT_GE(pool.held_bytes(), (1 << 20) + 1000);
  Buffer c = pool.Take(500);  // the small one, emptied
  EXPECT_EQ(c.data(), a_mem);
  EXPECT_EQ(c.size(), 0);
  Buffer d = pool.Take(4000);  // only the big one fits
  EXPECT_EQ(d.data(), big_mem);
  EXPECT_EQ(pool.held_bytes(), 0);
  Buffer e = pool.Take(100);  // nothing left: a new one
  EXPECT_GE(e.capacity(), 100);
  EXPECT_NE(e.data(), a_mem);
  pool.Return(Buffer());  // empty buffers are not kept
  EXPECT_EQ(pool.held_bytes(), 0);
}

}  // namespace
}  // namespace sluice::parquet
