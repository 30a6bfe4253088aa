#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/stream/time/time.h"

namespace sluice::stream {

// A time window [start, end); its last timestamp is end - 1.
struct TimeWindow {
  int64_t start;
  int64_t end;
  int64_t max_timestamp() const { return end == kMaxTimestamp ? kMaxTimestamp : end - 1; }
  bool Intersects(const TimeWindow& o) const { return start <= o.end && o.start <= end; }
  bool operator==(const TimeWindow& o) const { return start == o.start && end == o.end; }
  // 16-byte namespace for window state and timers (big-endian, so ordered).
  static constexpr size_t kEncodedSize = 16;
  std::string Encode() const;
  // Encode() into out[0, kEncodedSize), without allocating.
  void EncodeTo(char* out) const;
  static TimeWindow Decode(std::string_view ns);
};

// A window's encoded namespace in a fixed buffer.
struct EncodedWindow {
  explicit EncodedWindow(const TimeWindow& w) { w.EncodeTo(bytes); }
  std::string_view view() const { return {bytes, TimeWindow::kEncodedSize}; }
  char bytes[TimeWindow::kEncodedSize];
};

// Which windows a record belongs to (Flink's WindowAssigner).
struct WindowSpec {
  enum class Kind { kTumbling, kSliding, kSession, kGlobal };
  Kind kind = Kind::kTumbling;
  TimeDomain domain = TimeDomain::kEventTime;
  int64_t size = 0;    // tumbling, sliding
  int64_t slide = 0;   // sliding
  int64_t gap = 0;     // session
  int64_t offset = 0;  // tumbling, sliding: windows start at offset + k * slide

  bool is_merging() const { return kind == Kind::kSession; }
  // Appends the windows containing timestamp `ts` to `out` (cleared first).
  void AssignWindows(int64_t ts, std::vector<TimeWindow>* out) const;
};

// Window factories, named like Flink's assigners. Durations in milliseconds.
namespace windows {
WindowSpec TumblingEventTime(int64_t size, int64_t offset = 0);
WindowSpec TumblingProcessingTime(int64_t size, int64_t offset = 0);
WindowSpec SlidingEventTime(int64_t size, int64_t slide, int64_t offset = 0);
WindowSpec SlidingProcessingTime(int64_t size, int64_t slide, int64_t offset = 0);
WindowSpec EventTimeSession(int64_t gap);
WindowSpec ProcessingTimeSession(int64_t gap);
// One window per key holding everything; fires at the end of input.
WindowSpec Global();
}  // namespace windows

}  // namespace sluice::stream
