#pragma once

#include <cstdint>
#include <limits>

namespace sluice::stream {

// Event and processing time are int64 milliseconds since the epoch.
inline constexpr int64_t kMinTimestamp = std::numeric_limits<int64_t>::min();
inline constexpr int64_t kMaxTimestamp = std::numeric_limits<int64_t>::max();
// The watermark that says "no more data": fires every event-time timer.
inline constexpr int64_t kMaxWatermark = kMaxTimestamp;

enum class TimeDomain { kEventTime, kProcessingTime };

}  // namespace sluice::stream
