#pragma once

#include <cstdint>
#include <string>

#include "sluice/common/status.h"

namespace sluice::cli {

// The worked example of examples/delta_key_count.cc on table `table`
// (recreated): ten records into a Delta table through the exactly-once sink,
// read back with the Delta source, counted per key; prints the counts.
Status RunWorkedExampleDemo(const std::string& table);

struct StreamingDemoOptions {
  std::string dir;      // holds the table (event_counts/) and checkpoints/
  double seconds = 10;  // how long the generator runs
  double rate = 20000;  // events per second in total
  int64_t users = 20;   // distinct keys
};

// Events -> keyed 1-s tumbling event-time window count -> Delta table with
// 1-s checkpoints, while a continuous Delta source tails the table and prints
// what each new version adds, under a live progress line. Stops by itself
// and prints where the table is and how to query it.
Status RunStreamingDemo(const StreamingDemoOptions& options);

}  // namespace sluice::cli
