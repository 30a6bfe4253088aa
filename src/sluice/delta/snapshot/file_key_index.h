#pragma once

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sluice::delta {

// A hash index from file-action keys (canonical path + deletion vector id) to
// positions in a vector of actions, for log replay. The keys are not stored:
// a `key_of(pos)` callable returns the key of the action at `pos`, so 100k
// checkpoint adds cost one 8-byte slot each instead of a node allocation
// (std::unordered_map was the largest single cost of a checkpoint load).
//
// Open addressing with linear probing at load <= 1/2; a slot holds 32 bits of
// the key's hash and the position. The home slot is derived from those same
// bits, so growing and backward-shift deletion never re-read keys.
class FileKeyIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The hash to pass with `key` to the methods below; never 0 (the top bit is
  // set), so 0 can mean "not computed".
  static uint32_t Hash(std::string_view key) {
    const uint64_t h = XXH3_64bits(key.data(), key.size());
    return static_cast<uint32_t>(h ^ (h >> 32)) | 0x80000000u;
  }

  // True for a plain relative path, already in canonical form (what Spark and
  // delta-rs write almost always): the key of a file action without a
  // deletion vector is then the path itself.
  static bool IsPlainRelative(std::string_view path) {
    // Two vectorised memchr scans (string_view::find_first_of would call
    // memchr once per character of `path`).
    return !path.starts_with('/') && path.find('%') == std::string_view::npos &&
           path.find(':') == std::string_view::npos;
  }

  // Hash(path) when `path` is its own key (plain relative, and the action has
  // no deletion vector), else 0. Readers of many actions call this while the
  // path is still in cache and hand the result to log replay.
  static uint32_t PathKeyHash(std::string_view path, bool has_deletion_vector) {
    return !has_deletion_vector && IsPlainRelative(path) ? Hash(path) : 0;
  }

  size_t size() const { return size_; }
  // Makes room for `n` keys in total without growing.
  void Reserve(size_t n) {
    if (2 * n > slots_.size()) Rehash(std::bit_ceil(std::max<size_t>(16, 2 * n)));
  }
  void Clear() {
    slots_.clear();
    size_ = 0;
  }

  // Returns the position stored under `key`, or kNone.
  template <typename KeyOf>
  uint32_t Find(std::string_view key, uint32_t hash, const KeyOf& key_of) const {
    if (size_ == 0) return kNone;
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.pos == kNone) return kNone;
      if (s.hash == hash && key_of(s.pos) == key) return s.pos;
    }
  }

  // Stores `pos` under `key`; returns the position it replaced, or kNone.
  template <typename KeyOf>
  uint32_t Upsert(std::string_view key, uint32_t hash, uint32_t pos, const KeyOf& key_of) {
    Reserve(size_ + 1);
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.pos == kNone) {
        s = Slot{hash, pos};
        ++size_;
        return kNone;
      }
      if (s.hash == hash && key_of(s.pos) == key) {
        const uint32_t old = s.pos;
        s.pos = pos;
        return old;
      }
    }
  }

  // Removes `key`; returns the position it held, or kNone.
  template <typename KeyOf>
  uint32_t Erase(std::string_view key, uint32_t hash, const KeyOf& key_of) {
    if (size_ == 0) return kNone;
    const size_t mask = slots_.size() - 1;
    size_t i = hash & mask;
    for (;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.pos == kNone) return kNone;
      if (s.hash == hash && key_of(s.pos) == key) break;
    }
    const uint32_t old = slots_[i].pos;
    // Backward-shift deletion: pull later entries of the probe run into the
    // hole when their home slot does not lie (cyclically) after the hole.
    for (size_t j = (i + 1) & mask;; j = (j + 1) & mask) {
      if (slots_[j].pos == kNone) break;
      const size_t home = slots_[j].hash & mask;
      if (((j - home) & mask) >= ((j - i) & mask)) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i].pos = kNone;
    --size_;
    return old;
  }

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t pos = kNone;
  };

  void Rehash(size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    const size_t mask = capacity - 1;
    for (const Slot& s : old) {
      if (s.pos == kNone) continue;
      size_t i = s.hash & mask;
      while (slots_[i].pos != kNone) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;  // empty or a power of two
  size_t size_ = 0;
};

}  // namespace sluice::delta
