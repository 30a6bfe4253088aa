#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/stream/state/flat_index.h"
#include "sluice/stream/time/time.h"

namespace sluice::stream {

// A timer of a keyed operator: fires once for (timestamp, key, namespace).
struct Timer {
  int64_t timestamp;
  std::string key;
  int key_group;
  std::string ns;
  bool operator<(const Timer& o) const { return std::tie(timestamp, key, ns) < std::tie(o.timestamp, o.key, o.ns); }
};

// Event-time and processing-time timers of one keyed operator subtask.
// Timers fire in timestamp order (ties by key, then namespace); registering
// the same timer twice keeps one.
//
// Layout: a sorted map from timestamp to a bucket of (key, namespace) ids.
// Windows put many timers on one timestamp (every key's window end), so a
// registration is an insert into an existing bucket: the id's bytes are
// appended to the bucket's buffer and found again through a flat hash index,
// with no allocation per timer. A bucket is sorted once, when it fires.
class TimerService {
 public:
  using FireFn = std::function<Status(const Timer&, TimeDomain)>;
  // Told about a timer (key, key group, namespace) kLookahead timers before it
  // fires, so the operator can prefetch its state.
  using AheadFn = std::function<void(std::string_view, int, std::string_view)>;
  static constexpr size_t kLookahead = 16;

  void Register(TimeDomain domain, const Timer& t) { Register(domain, t.timestamp, t.key, t.key_group, t.ns); }
  void Register(TimeDomain domain, int64_t timestamp, std::string_view key, int key_group, std::string_view ns);
  void Delete(TimeDomain domain, const Timer& t) { Delete(domain, t.timestamp, t.key, t.ns); }
  void Delete(TimeDomain domain, int64_t timestamp, std::string_view key, std::string_view ns);
  // Fires (and removes) every timer of `domain` with timestamp <= `time`, in
  // order; timers registered by `fire` that are also due fire in this call.
  // The Timer passed to `fire` is valid during the call only.
  Status Advance(TimeDomain domain, int64_t time, const FireFn& fire, const AheadFn& ahead = nullptr);
  // Number of pending timers of `domain`.
  size_t size(TimeDomain domain) const { return queue(domain).size; }
  // Earliest pending timestamp of `domain`, or kMaxTimestamp.
  int64_t NextTimestamp(TimeDomain domain) const;

  // Checkpoint hooks: timers of key group `kg`.
  void SnapshotKeyGroup(int kg, std::string* out) const;
  Status RestoreKeyGroup(std::string_view in);

 private:
  // The timers of one timestamp. A timer stays in `timers` after it fired or
  // was deleted (key_group -1); the index holds pending ones, and, in the
  // bucket being fired, fired ones too (so Register can tell them apart).
  class Bucket {
   public:
    struct Entry {
      uint64_t offset;  // of key + ns in bytes_
      uint32_t key_len;
      uint32_t ns_len;
      int key_group;  // -1: fired or deleted
    };
    // The timer's entry (pending, or fired while this bucket fires), or nullptr.
    Entry* Find(std::string_view key, std::string_view ns);
    // Adds a pending timer; false if it is there already.
    bool Add(std::string_view key, int key_group, std::string_view ns);
    // Deletes a pending timer; false if there is none.
    bool Remove(std::string_view key, std::string_view ns);
    size_t live() const { return live_; }
    std::string_view key(const Entry& e) const { return {bytes_.data() + e.offset, e.key_len}; }
    std::string_view ns(const Entry& e) const { return {bytes_.data() + e.offset + e.key_len, e.ns_len}; }
    std::vector<Entry>& entries() { return entries_; }
    const std::vector<Entry>& entries() const { return entries_; }
    // Numbers of the pending entries (of `key_group`, or all if -1), sorted
    // by (key, ns); `scratch` is reused memory.
    void SortedPending(int key_group, std::vector<std::pair<uint64_t, uint32_t>>* scratch,
                       std::vector<uint32_t>* out) const;
    // Start loading entry i, or (once it is cached) its bytes.
    void PrefetchEntry(uint32_t i) const { __builtin_prefetch(&entries_[i]); }
    void PrefetchBytes(uint32_t i) const { __builtin_prefetch(bytes_.data() + entries_[i].offset); }
    // Marks a pending entry fired (it stays findable).
    void MarkFired(Entry* e) {
      e->key_group = -1;
      --live_;
    }

   private:
    static constexpr size_t kIndexFrom = 8;  // smaller buckets are scanned
    static uint64_t Prefix(std::string_view key);
    uint64_t Hash(std::string_view key, std::string_view ns) const;
    bool Equals(const Entry& e, std::string_view key, std::string_view ns) const {
      return e.key_len == key.size() && e.ns_len == ns.size() && this->key(e) == key && this->ns(e) == ns;
    }
    uint32_t FindEntry(std::string_view key, std::string_view ns, uint64_t* hash) const;

    std::string bytes_;
    std::vector<Entry> entries_;
    FlatIndex index_;  // built once entries_ reaches kIndexFrom
    size_t live_ = 0;
  };

  struct Queue {
    std::map<int64_t, Bucket> buckets;
    size_t size = 0;
    // The bucket Advance() is firing, taken out of `buckets`; its entries in
    // `firing_order` before `firing_pos` have fired, so a callback may still
    // delete (or re-register) a pending timer of it.
    bool firing = false;
    int64_t firing_ts = 0;
    Bucket firing_bucket;
    std::vector<uint32_t> firing_order;
    std::vector<std::pair<uint64_t, uint32_t>> sort_scratch;
    Timer fired{};  // passed to the callback; reused
  };
  Queue& queue(TimeDomain d) { return d == TimeDomain::kEventTime ? event_ : processing_; }
  const Queue& queue(TimeDomain d) const { return d == TimeDomain::kEventTime ? event_ : processing_; }
  Queue event_;
  Queue processing_;
};

}  // namespace sluice::stream
