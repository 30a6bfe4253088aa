#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

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
class TimerService {
 public:
  using FireFn = std::function<Status(const Timer&, TimeDomain)>;

  void Register(TimeDomain domain, Timer t) { queue(domain).insert(std::move(t)); }
  void Delete(TimeDomain domain, const Timer& t) { queue(domain).erase(t); }
  // Fires (and removes) every timer of `domain` with timestamp <= `time`, in
  // order; timers registered by `fire` that are also due fire in this call.
  Status Advance(TimeDomain domain, int64_t time, const FireFn& fire);
  // Number of pending timers of `domain`.
  size_t size(TimeDomain domain) const { return queue(domain).size(); }
  // Earliest pending timestamp of `domain`, or kMaxTimestamp.
  int64_t NextTimestamp(TimeDomain domain) const {
    const auto& q = queue(domain);
    return q.empty() ? kMaxTimestamp : q.begin()->timestamp;
  }

  // Checkpoint hooks: timers of key group `kg`.
  void SnapshotKeyGroup(int kg, std::string* out) const;
  Status RestoreKeyGroup(std::string_view in);

 private:
  std::set<Timer>& queue(TimeDomain d) { return d == TimeDomain::kEventTime ? event_ : processing_; }
  const std::set<Timer>& queue(TimeDomain d) const { return d == TimeDomain::kEventTime ? event_ : processing_; }
  std::set<Timer> event_;
  std::set<Timer> processing_;
};

}  // namespace sluice::stream
