#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace sluice::stream {

// Open-addressing hash index from 64-bit hashes to entry numbers (uint32);
// the owner keeps the entries and tells candidates apart with its own
// equality test. Linear probing, at most 3/4 full, deletion by backward
// shift (no tombstones, so insert/erase churn never degrades it).
//
// A slot is 8 bytes: the hash's upper 32 bits (the tag) and entry + 1 (0 =
// empty). The tag also picks the home slot (tag & mask), so growing and
// deleting never read the entries, and a lookup touches an entry only when
// all 32 tag bits match.
class FlatIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  FlatIndex() = default;
  FlatIndex(const FlatIndex&) = default;
  FlatIndex& operator=(const FlatIndex&) = default;
  FlatIndex(FlatIndex&& o) noexcept
      : slots_(std::move(o.slots_)), mask_(std::exchange(o.mask_, 0)), size_(std::exchange(o.size_, 0)) {}
  FlatIndex& operator=(FlatIndex&& o) noexcept {
    slots_ = std::move(o.slots_);
    mask_ = std::exchange(o.mask_, 0);
    size_ = std::exchange(o.size_, 0);
    return *this;
  }

  size_t size() const { return size_; }
  size_t capacity() const { return slots_.size(); }

  // The entry stored under `hash` for which eq(entry) holds, or kNone.
  template <class Eq>
  uint32_t Find(uint64_t hash, const Eq& eq) const {
    const size_t slot = FindSlot(hash, eq);
    return slot == kNoSlot ? kNone : slots_[slot].ref - 1;
  }
  // Like Find, but returns the slot (for EntryAt / EraseSlot), or kNoSlot.
  static constexpr size_t kNoSlot = SIZE_MAX;
  template <class Eq>
  size_t FindSlot(uint64_t hash, const Eq& eq) const {
    if (slots_.empty()) return kNoSlot;
    const uint32_t tag = Tag(hash);
    for (size_t i = tag & mask_;; i = (i + 1) & mask_) {
      const Slot s = slots_[i];
      if (s.ref == 0) return kNoSlot;
      if (s.tag == tag && eq(s.ref - 1)) return i;
    }
  }
  uint32_t EntryAt(size_t slot) const { return slots_[slot].ref - 1; }

  // Starts loading the home slot of `hash` into the cache.
  void PrefetchHome(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Tag(hash) & mask_]);
  }
  // The first entry whose tag matches `hash` (likely, not surely, the one a
  // Find would return), or kNone: for prefetching.
  uint32_t FirstTagMatch(uint64_t hash) const {
    return Find(hash, [](uint32_t) { return true; });
  }

  // Adds `entry` under `hash`; the caller made sure it is absent.
  void Insert(uint64_t hash, uint32_t entry) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
    Place(Slot{Tag(hash), entry + 1});
    ++size_;
  }

  // Removes `entry` (stored under `hash`); false if it is not there.
  bool Erase(uint64_t hash, uint32_t entry);
  // Removes the entry in `slot` (from FindSlot).
  void EraseSlot(size_t slot);

  // Calls fn(entry) for every entry, in slot order.
  template <class Fn>
  void ForEach(const Fn& fn) const {
    for (const Slot& s : slots_) {
      if (s.ref != 0) fn(s.ref - 1);
    }
  }

  // Drops every entry, keeping the slots' memory.
  void Clear() {
    std::fill(slots_.begin(), slots_.end(), Slot{0, 0});
    size_ = 0;
  }

  // Drops every entry and releases the slots.
  void Reset() {
    std::vector<Slot>().swap(slots_);
    mask_ = 0;
    size_ = 0;
  }

 private:
  struct Slot {
    uint32_t tag;
    uint32_t ref;  // entry + 1; 0 = empty
  };
  static uint32_t Tag(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }
  void Place(Slot s) {
    size_t i = s.tag & mask_;
    while (slots_[i].ref != 0) i = (i + 1) & mask_;
    slots_[i] = s;
  }
  void Grow();

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace sluice::stream
