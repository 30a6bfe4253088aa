#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace sluice {

// Wall-clock time: milliseconds since the Unix epoch (commit timestamps,
// file modification times, processing time).
inline int64_t WallMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Monotonic time in milliseconds from an arbitrary origin: for intervals and
// deadlines (poll loops, timeouts), never for timestamps that are stored.
inline int64_t MonotonicMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Processing time source, in milliseconds since the epoch. Injectable so
// processing-time windows and timers can be tested deterministically.
class Clock {
 public:
  virtual ~Clock() = default;
  // Returns the current processing time in milliseconds.
  virtual int64_t NowMillis() const = 0;
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  int64_t NowMillis() const override { return WallMillis(); }
};

// A clock that only moves when told to (thread-safe).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start = 0) : now_(start) {}
  int64_t NowMillis() const override { return now_.load(std::memory_order_acquire); }
  // Sets the time to `t` (never backwards).
  void Set(int64_t t) {
    if (t > now_.load()) now_.store(t, std::memory_order_release);
  }
  void Advance(int64_t ms) { now_.fetch_add(ms, std::memory_order_acq_rel); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace sluice
