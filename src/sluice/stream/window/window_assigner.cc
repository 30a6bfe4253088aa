#include "sluice/stream/window/window_assigner.h"

#include <cstring>

namespace sluice::stream {

namespace {

void PutBigEndian(int64_t v, char* out) {
  // Flip the sign bit so encodings sort like the signed values.
  uint64_t u = static_cast<uint64_t>(v) ^ (1ULL << 63);
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(u & 0xff);
    u >>= 8;
  }
}

int64_t GetBigEndian(const char* in) {
  uint64_t u = 0;
  for (int i = 0; i < 8; ++i) u = (u << 8) | static_cast<uint8_t>(in[i]);
  return static_cast<int64_t>(u ^ (1ULL << 63));
}

// Start of the window of `size` (shifted by `offset`) that holds `ts`, as Flink
// computes it; correct for negative timestamps too.
int64_t WindowStart(int64_t ts, int64_t offset, int64_t size) {
  int64_t r = (ts - offset) % size;
  if (r < 0) r += size;
  return ts - r;
}

}  // namespace

std::string TimeWindow::Encode() const {
  std::string out(kEncodedSize, '\0');
  EncodeTo(out.data());
  return out;
}

void TimeWindow::EncodeTo(char* out) const {
  PutBigEndian(start, out);
  PutBigEndian(end, out + 8);
}

TimeWindow TimeWindow::Decode(std::string_view ns) {
  if (ns.size() < 16) return {0, 0};
  return {GetBigEndian(ns.data()), GetBigEndian(ns.data() + 8)};
}

void WindowSpec::AssignWindows(int64_t ts, std::vector<TimeWindow>* out) const {
  out->clear();
  switch (kind) {
    case Kind::kTumbling: {
      int64_t start = WindowStart(ts, offset, size);
      out->push_back({start, start + size});
      break;
    }
    case Kind::kSliding: {
      // Every window [s, s + size) with s = last start <= ts, stepping back by slide.
      int64_t last = WindowStart(ts, offset, slide);
      for (int64_t s = last; s > ts - size; s -= slide) out->push_back({s, s + size});
      break;
    }
    case Kind::kSession:
      out->push_back({ts, ts + gap});
      break;
    case Kind::kGlobal:
      out->push_back({kMinTimestamp, kMaxTimestamp});
      break;
  }
}

namespace windows {
WindowSpec TumblingEventTime(int64_t size, int64_t offset) {
  return {WindowSpec::Kind::kTumbling, TimeDomain::kEventTime, size, size, 0, offset};
}
WindowSpec TumblingProcessingTime(int64_t size, int64_t offset) {
  return {WindowSpec::Kind::kTumbling, TimeDomain::kProcessingTime, size, size, 0, offset};
}
WindowSpec SlidingEventTime(int64_t size, int64_t slide, int64_t offset) {
  return {WindowSpec::Kind::kSliding, TimeDomain::kEventTime, size, slide, 0, offset};
}
WindowSpec SlidingProcessingTime(int64_t size, int64_t slide, int64_t offset) {
  return {WindowSpec::Kind::kSliding, TimeDomain::kProcessingTime, size, slide, 0, offset};
}
WindowSpec EventTimeSession(int64_t gap) { return {WindowSpec::Kind::kSession, TimeDomain::kEventTime, 0, 0, gap, 0}; }
WindowSpec ProcessingTimeSession(int64_t gap) {
  return {WindowSpec::Kind::kSession, TimeDomain::kProcessingTime, 0, 0, gap, 0};
}
WindowSpec Global() { return {WindowSpec::Kind::kGlobal, TimeDomain::kEventTime, 0, 0, 0, 0}; }
}  // namespace windows

}  // namespace sluice::stream
