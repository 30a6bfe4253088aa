#pragma once

#include <cstdint>
#include <vector>

#include "sluice/common/buffer.h"

namespace sluice::parquet {

// Memory for buffered pages, handed from one column chunk to the next: the
// file writer keeps one, so a row group's pages go into memory that is
// already mapped instead of fresh allocations that the kernel zero-fills
// page by page on first touch. Not thread-safe.
class PageBufferPool {
 public:
  // Returns an empty buffer with capacity >= `bytes`: the smallest returned
  // one that fits, else a new one.
  Buffer Take(int64_t bytes);
  // Keeps `buffer`'s memory for a later Take().
  void Return(Buffer buffer);
  // Bytes of capacity held.
  int64_t held_bytes() const;

 private:
  std::vector<Buffer> free_;
};

}  // namespace sluice::parquet
