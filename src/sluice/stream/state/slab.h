#pragma once

#include <bit>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "sluice/common/huge_pages.h"

namespace sluice::stream {

// Numbered storage for objects that never move: chunks of doubling size (8,
// 8, 16, 32, ...), each one allocation, constructed only when first handed
// out (so the untouched tail of a large chunk costs no resident memory).
// Freed numbers are reused, last freed first. A reference stays valid until
// its number is freed. Replaces one heap node per entry.
template <class T>
class Slab {
 public:
  Slab() = default;
  Slab(const Slab&) = delete;
  Slab& operator=(const Slab&) = delete;
  Slab(Slab&& o) noexcept { Swap(o); }
  Slab& operator=(Slab&& o) noexcept {
    if (this != &o) {
      Reset();
      Swap(o);
    }
    return *this;
  }
  ~Slab() { Reset(); }

  T& operator[](uint32_t i) { return chunks_[Chunk(i)][Offset(i)]; }
  const T& operator[](uint32_t i) const { return chunks_[Chunk(i)][Offset(i)]; }

  // Number of an object in its default (or reset) state.
  uint32_t Allocate() {
    ++live_;
    if (!free_.empty()) {
      uint32_t i = free_.back();
      free_.pop_back();
      return i;
    }
    const uint32_t i = next_++;
    const int c = Chunk(i);
    if (static_cast<size_t>(c) == chunks_.size()) {
      chunks_.push_back(std::allocator<T>().allocate(ChunkSize(c)));
      AdviseHugePages(chunks_.back(), ChunkSize(c) * sizeof(T));
    }
    std::construct_at(&chunks_[c][Offset(i)]);
    return i;
  }
  // Returns `i`, which the caller has put back into its default state.
  void Free(uint32_t i) {
    free_.push_back(i);
    --live_;
  }

  size_t live() const { return live_; }
  // Objects ever constructed (live and freed).
  size_t constructed() const { return next_; }

  // Destroys every object and releases the memory.
  void Reset() {
    for (uint32_t i = 0; i < next_; ++i) std::destroy_at(&(*this)[i]);
    for (size_t c = 0; c < chunks_.size(); ++c)
      std::allocator<T>().deallocate(chunks_[c], ChunkSize(static_cast<int>(c)));
    chunks_.clear();
    chunks_.shrink_to_fit();
    std::vector<uint32_t>().swap(free_);
    next_ = 0;
    live_ = 0;
  }

 private:
  static constexpr int kFirstBits = 3;  // the first two chunks hold 8 each
  // Chunk c >= 1 holds numbers [8 << (c-1), 8 << c).
  static int Chunk(uint32_t i) { return std::bit_width(i >> kFirstBits); }
  static uint32_t Offset(uint32_t i) {
    const int c = Chunk(i);
    return c == 0 ? i : i ^ (1u << (c + kFirstBits - 1));
  }
  static size_t ChunkSize(int c) { return size_t{1} << (c == 0 ? kFirstBits : c + kFirstBits - 1); }
  void Swap(Slab& o) noexcept {
    std::swap(chunks_, o.chunks_);
    std::swap(free_, o.free_);
    std::swap(next_, o.next_);
    std::swap(live_, o.live_);
  }

  std::vector<T*> chunks_;
  std::vector<uint32_t> free_;
  uint32_t next_ = 0;
  size_t live_ = 0;
};

}  // namespace sluice::stream
