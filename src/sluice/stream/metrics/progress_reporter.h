#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "sluice/stream/metrics/metrics.h"

namespace sluice::stream {

// Prints a job's progress line every `interval_ms` from a thread of its own:
// rows/s read by the sources, rows written to the sinks, commits, the sinks'
// watermark and the end-to-end latency of the latest commit (see
// MetricsRegistry). On a terminal the line is redrawn in place; otherwise
// one line per interval.
class ProgressReporter {
 public:
  ProgressReporter(std::shared_ptr<const MetricsRegistry> metrics, int64_t interval_ms, std::FILE* out = stderr);
  ~ProgressReporter();
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

  // Also rewrites `path` with the metrics as JSON (MetricsSnapshot::ToJson)
  // every interval and at the end, atomically (a reader never sees half).
  void SetJsonPath(std::string path) { json_path_ = std::move(path); }

  void Start();
  // Stops the thread, prints the final line and the per-operator totals.
  void Stop();
  // Prints `line` (with a newline) above the progress line.
  void Println(const std::string& line);

  // "[ 4.0s] 20,011 rows/s | read 80,123 | written 1,210 | commits 4 | watermark 10:00:03.200 | latency 1.25s"
  static std::string FormatLine(const MetricsSnapshot& now, const MetricsSnapshot& prev, int64_t start_ms);
  // One line per operator: name, subtasks, records and bytes in and out,
  // time blocked by backpressure; then the last checkpoint's duration and size.
  static std::string FormatOperators(const MetricsSnapshot& s);
  // "1,234,567".
  static std::string Thousands(int64_t v);
  // Event time as "HH:MM:SS.mmm" (UTC); "-" before any watermark, "end" after the last.
  static std::string FormatWatermark(int64_t wm);

 private:
  void Loop();
  void Draw(const std::string& line);  // mu_ held
  void WriteJson(const MetricsSnapshot& s);

  std::shared_ptr<const MetricsRegistry> metrics_;
  const int64_t interval_ms_;
  std::FILE* out_;
  const bool tty_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool running_ = false;
  std::thread thread_;
  int64_t start_ms_ = 0;
  MetricsSnapshot prev_;
  std::string current_;  // the line on screen (tty)
  std::string json_path_;
};

}  // namespace sluice::stream
