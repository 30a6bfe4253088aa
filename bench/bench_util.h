#pragma once

// Shared by the bench programs.

#include <algorithm>
#include <chrono>

namespace sluice::bench {

using Clock = std::chrono::steady_clock;

// The best wall time of `repeat` runs of f, in seconds.
template <typename F>
double BestOf(int repeat, F&& f) {
  double best = 1e30;
  for (int i = 0; i < repeat; ++i) {
    auto t0 = Clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

}  // namespace sluice::bench
