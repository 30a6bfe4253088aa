#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

#include "sluice/columnar/array.h"

namespace sluice::stream {

// What travels on a channel: a batch, or a control event of one input.
struct StreamElement {
  enum class Kind {
    kBatch,
    kWatermark,  // `value` = the sender's watermark
    kIdle,       // the sender is idle (no watermark from it until kActive or data)
    kBarrier,    // checkpoint barrier, `value` = checkpoint id (aligned over all inputs)
    kEnd,        // the sender finished; nothing follows from it
  };
  Kind kind = Kind::kBatch;
  int input = 0;  // which upstream subtask sent it (index among the receiver's inputs)
  columnar::RecordBatch batch;
  int64_t value = 0;
};

// A bounded multi-producer, single-consumer queue. Push blocks while the
// channel is full: that is how backpressure reaches the sources.
class Channel {
 public:
  explicit Channel(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  // Appends `e`, waiting while full; returns false if the channel was
  // closed. Adds the nanoseconds it waited to `*blocked_ns` when given.
  bool Push(StreamElement e, int64_t* blocked_ns = nullptr);
  enum class PopResult { kElement, kTimeout, kClosed };
  // Takes the oldest element, waiting up to `timeout_ms` (< 0: forever).
  PopResult Pop(StreamElement* out, int64_t timeout_ms);
  // Wakes every waiter; later pushes fail and pops report kClosed once empty.
  void Close();

  size_t size() const;
  size_t capacity() const { return capacity_; }
  // Total nanoseconds producers spent blocked on a full channel.
  int64_t backpressure_nanos() const;

 private:
  const size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<StreamElement> queue_;
  bool closed_ = false;
  int64_t blocked_nanos_ = 0;
};

}  // namespace sluice::stream
