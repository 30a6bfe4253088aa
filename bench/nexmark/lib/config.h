#pragma once

#include <cstdint>

namespace sluice::nexmark {

// What a Nexmark run generates and how the windowed queries size their windows.
struct NexmarkConfig {
  int64_t events = 1'000'000;  // events of all kinds (persons : auctions : bids = 1 : 3 : 46)
  uint64_t seed = 0;
  // Event time advances at this rate: event i has dateTime
  // base_time_ms + i * 1000 / events_per_second (the Flink Nexmark default rate).
  int64_t events_per_second = 10'000'000;
  int64_t base_time_ms = 1'436'918'400'000;  // 2015-07-15T00:00:00Z
  // Splits per source (0 = one per source subtask). Split s of n reads the
  // blocks of `split_block` consecutive event indexes numbered s, s + n,
  // s + 2n, ...: every split moves through event time at the same pace, so
  // watermarks of parallel sources stay close.
  int num_splits = 0;
  int64_t split_block = 10'000;
  // q5 (sliding), q7 and q8 (tumbling) windows.
  int64_t window_ms = 10'000;
  int64_t slide_ms = 2'000;
};

}  // namespace sluice::nexmark
