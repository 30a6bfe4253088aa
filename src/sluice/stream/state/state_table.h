#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "sluice/columnar/scalar.h"
#include "sluice/stream/state/flat_index.h"
#include "sluice/stream/state/slab.h"
#include "sluice/stream/state/value_map.h"

namespace sluice::stream {

using columnar::Scalar;
using columnar::Scalars;

// The id of a state entry: its key's and namespace's bytes, inline up to
// kInline bytes (an int64 key, 9 bytes, plus a window namespace, 16, fit),
// else in one heap block.
class StateId {
 public:
  static constexpr size_t kInline = 32;

  StateId() {}  // NOLINT: the union stays uninitialised until Assign
  StateId(const StateId&) = delete;
  StateId& operator=(const StateId&) = delete;
  ~StateId() { Release(); }

  std::string_view key() const { return {data(), key_len_}; }
  std::string_view ns() const { return {data() + key_len_, ns_len_}; }
  bool Equals(std::string_view key, std::string_view ns) const {
    // No memcmp of empty ranges: an empty namespace's data() is nullptr, and
    // glibc's AVX-512 memcmp turns that into a masked load of address 0,
    // which costs a ~100-cycle fault-suppression assist on AMD Zen.
    if (key_len_ != key.size() || ns_len_ != ns.size()) return false;
    const char* d = data();
    return (key.empty() || std::memcmp(d, key.data(), key.size()) == 0) &&
           (ns.empty() || std::memcmp(d + key_len_, ns.data(), ns.size()) == 0);
  }
  void Assign(std::string_view key, std::string_view ns) {
    Release();
    key_len_ = static_cast<uint32_t>(key.size());
    ns_len_ = static_cast<uint32_t>(ns.size());
    char* out = on_heap() ? (heap_ = new char[key.size() + ns.size()]) : inline_;
    if (!key.empty()) std::memcpy(out, key.data(), key.size());
    if (!ns.empty()) std::memcpy(out + key.size(), ns.data(), ns.size());
  }
  void Release() {
    if (on_heap()) delete[] heap_;
    key_len_ = ns_len_ = 0;
  }

 private:
  bool on_heap() const { return size_t{key_len_} + ns_len_ > kInline; }
  const char* data() const { return on_heap() ? heap_ : inline_; }

  uint32_t key_len_ = 0;
  uint32_t ns_len_ = 0;
  union {
    char inline_[kInline];
    char* heap_;
  };
};

// Puts a freed entry's payload back into its empty state (a small list keeps
// its capacity for the next entry: accumulators come and go per window).
inline void ResetPayload(Scalar* v) { *v = Scalar(); }
inline void ResetPayload(Scalars* v) {
  if (v->capacity() > 4) {
    Scalars().swap(*v);
  } else {
    v->clear();
  }
}
inline void ResetPayload(ValueMap* m) { m->Clear(); }

// The entries of one state: (key, namespace) -> Payload (Scalar, Scalars or
// ValueMap) in a flat hash index over slab-allocated entries, so payload
// addresses stay valid until the entry is erased and an entry costs no
// allocation of its own. Each entry records its key group (for snapshots
// and rescaling). Callers pass the id's hash (HashStateId) with every access.
template <class Payload>
class StateTable {
 public:
  size_t size() const { return index_.size(); }
  // Changes whenever an entry is added or removed (not when a payload changes).
  uint64_t generation() const { return generation_; }

  // The entry's payload, or nullptr.
  Payload* Find(uint64_t hash, std::string_view key, std::string_view ns) {
    const uint32_t e = index_.Find(hash, [&](uint32_t i) { return entries_[i].id.Equals(key, ns); });
    return e == FlatIndex::kNone ? nullptr : &entries_[e].payload;
  }

  // The entry's payload; a new entry (of `key_group`) starts empty.
  Payload* FindOrCreate(uint64_t hash, std::string_view key, std::string_view ns, int key_group) {
    if (Payload* p = Find(hash, key, ns)) return p;
    const uint32_t e = entries_.Allocate();
    entries_[e].id.Assign(key, ns);
    entries_[e].key_group = key_group;
    index_.Insert(hash, e);
    ++generation_;
    return &entries_[e].payload;
  }

  // Removes the entry; false if there was none.
  bool Erase(uint64_t hash, std::string_view key, std::string_view ns) {
    const size_t slot = index_.FindSlot(hash, [&](uint32_t i) { return entries_[i].id.Equals(key, ns); });
    if (slot == FlatIndex::kNoSlot) return false;
    const uint32_t e = index_.EntryAt(slot);
    index_.EraseSlot(slot);
    Entry& entry = entries_[e];
    entry.id.Release();
    ResetPayload(&entry.payload);
    entries_.Free(e);
    ++generation_;
    // A table that emptied after holding many entries gives its memory back.
    if (index_.size() == 0 && entries_.constructed() > kKeepWhenEmpty) {
      index_.Reset();
      entries_.Reset();
    }
    return true;
  }

  // Prefetching in two steps, some accesses apart: the index slot of `hash`,
  // then (once that slot is likely cached) the entry it points to.
  void PrefetchSlot(uint64_t hash) const { index_.PrefetchHome(hash); }
  void PrefetchEntry(uint64_t hash) const {
    const uint32_t e = index_.FirstTagMatch(hash);
    if (e == FlatIndex::kNone) return;
    const char* p = reinterpret_cast<const char*>(&entries_[e]);
    for (size_t i = 0; i < sizeof(Entry); i += 64) __builtin_prefetch(p + i);
    __builtin_prefetch(p + sizeof(Entry) - 1);
  }

  // Calls fn(key, ns, key_group, payload) for every entry (in no particular order).
  template <class Fn>
  void ForEach(const Fn& fn) const {
    index_.ForEach([&](uint32_t i) { Visit(i, fn); });
  }
  // Appends each entry's number to by_group[key group - first_group] (for
  // key groups in [first_group, first_group + by_group->size())).
  void GroupEntries(int first_group, std::vector<std::vector<uint32_t>>* by_group) const {
    index_.ForEach([&](uint32_t i) {
      const size_t g = static_cast<size_t>(entries_[i].key_group - first_group);
      if (g < by_group->size()) (*by_group)[g].push_back(i);
    });
  }
  // Calls fn(key, ns, key_group, payload) for entry `i` (from GroupEntries).
  template <class Fn>
  void Visit(uint32_t i, const Fn& fn) const {
    const Entry& e = entries_[i];
    fn(e.id.key(), e.id.ns(), e.key_group, e.payload);
  }

 private:
  static constexpr size_t kKeepWhenEmpty = 1024;
  struct Entry {
    StateId id;
    int key_group = 0;
    Payload payload;
  };
  FlatIndex index_;
  Slab<Entry> entries_;
  uint64_t generation_ = 0;
};

}  // namespace sluice::stream
