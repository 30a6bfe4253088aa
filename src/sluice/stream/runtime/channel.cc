#include "sluice/stream/runtime/channel.h"

#include <chrono>

namespace sluice::stream {

bool Channel::Push(StreamElement e, int64_t* blocked_ns) {
  std::unique_lock<std::mutex> lock(mu_);
  if (queue_.size() >= capacity_ && !closed_) {
    auto start = std::chrono::steady_clock::now();
    not_full_.wait(lock, [&] { return queue_.size() < capacity_ || closed_; });
    const int64_t ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
    blocked_nanos_ += ns;
    if (blocked_ns) *blocked_ns += ns;
  }
  if (closed_) return false;
  queue_.push_back(std::move(e));
  lock.unlock();
  not_empty_.notify_one();
  return true;
}

Channel::PopResult Channel::Pop(StreamElement* out, int64_t timeout_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  auto ready = [&] { return !queue_.empty() || closed_; };
  if (timeout_ms < 0) {
    not_empty_.wait(lock, ready);
  } else if (!not_empty_.wait_for(lock, std::chrono::milliseconds(timeout_ms), ready)) {
    return PopResult::kTimeout;
  }
  if (queue_.empty()) return PopResult::kClosed;
  *out = std::move(queue_.front());
  queue_.pop_front();
  lock.unlock();
  not_full_.notify_one();
  return PopResult::kElement;
}

void Channel::Close() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
  }
  not_full_.notify_all();
  not_empty_.notify_all();
}

size_t Channel::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

int64_t Channel::backpressure_nanos() const {
  std::lock_guard<std::mutex> lock(mu_);
  return blocked_nanos_;
}

}  // namespace sluice::stream
