#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/stream/time.h"

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
// Layout: a sorted map from timestamp to a hash set of (key, namespace).
// Windows put many timers on one timestamp (every key's window end), so a
// registration is a hash insert into an existing bucket, not a walk down a
// tree of string comparisons; a bucket is sorted once, when it fires.
class TimerService {
 public:
  using FireFn = std::function<Status(const Timer&, TimeDomain)>;

  void Register(TimeDomain domain, Timer t);
  void Delete(TimeDomain domain, const Timer& t);
  // Fires (and removes) every timer of `domain` with timestamp <= `time`, in
  // order; timers registered by `fire` that are also due fire in this call.
  Status Advance(TimeDomain domain, int64_t time, const FireFn& fire);
  // Number of pending timers of `domain`.
  size_t size(TimeDomain domain) const { return queue(domain).size; }
  // Earliest pending timestamp of `domain`, or kMaxTimestamp.
  int64_t NextTimestamp(TimeDomain domain) const;

  // Checkpoint hooks: timers of key group `kg`.
  void SnapshotKeyGroup(int kg, std::string* out) const;
  Status RestoreKeyGroup(std::string_view in);

 private:
  struct Id {
    std::string key;
    std::string ns;
    bool operator==(const Id& o) const { return key == o.key && ns == o.ns; }
    bool operator<(const Id& o) const { return std::tie(key, ns) < std::tie(o.key, o.ns); }
  };
  struct IdHash {
    size_t operator()(const Id& id) const {
      return std::hash<std::string_view>()(id.key) * 31 + std::hash<std::string_view>()(id.ns);
    }
  };
  using Bucket = std::unordered_map<Id, int, IdHash>;  // (key, namespace) -> key group
  struct Queue {
    std::map<int64_t, Bucket> buckets;
    size_t size = 0;
    // The bucket Advance() is firing, sorted; entries before `firing_pos`
    // have fired (a fired or deleted entry has key group -1), so a callback
    // may still delete (or re-register) a pending timer of it.
    bool firing = false;
    int64_t firing_ts = 0;
    std::vector<std::pair<Id, int>> firing_list;
    size_t firing_pos = 0;
    // The pending entry of the firing bucket equal to `id`, or nullptr.
    std::pair<Id, int>* FindFiring(const Id& id);
  };
  Queue& queue(TimeDomain d) { return d == TimeDomain::kEventTime ? event_ : processing_; }
  const Queue& queue(TimeDomain d) const { return d == TimeDomain::kEventTime ? event_ : processing_; }
  Queue event_;
  Queue processing_;
};

}  // namespace sluice::stream
