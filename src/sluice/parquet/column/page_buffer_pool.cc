#include "sluice/parquet/column/page_buffer_pool.h"

#include <utility>

namespace sluice::parquet {

Buffer PageBufferPool::Take(int64_t bytes) {
  size_t best = free_.size();
  for (size_t i = 0; i < free_.size(); ++i) {
    if (free_[i].capacity() >= bytes && (best == free_.size() || free_[i].capacity() < free_[best].capacity())) {
      best = i;
    }
  }
  if (best == free_.size()) {
    Buffer b;
    b.Reserve(bytes);
    return b;
  }
  Buffer b = std::move(free_[best]);
  free_[best] = std::move(free_.back());
  free_.pop_back();
  b.Clear();
  return b;
}

void PageBufferPool::Return(Buffer buffer) {
  if (!buffer.owned() || buffer.capacity() == 0) return;
  buffer.Clear();
  free_.push_back(std::move(buffer));
}

int64_t PageBufferPool::held_bytes() const {
  int64_t total = 0;
  for (const auto& b : free_) total += b.capacity();
  return total;
}

}  // namespace sluice::parquet
