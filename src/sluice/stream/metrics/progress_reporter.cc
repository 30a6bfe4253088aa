#include "sluice/stream/metrics/progress_reporter.h"

#include <unistd.h>

#include <chrono>
#include <ctime>

#include "fmt/format.h"
#include "sluice/common/clock.h"
#include "sluice/stream/checkpoint/checkpoint_storage.h"

namespace sluice::stream {

ProgressReporter::ProgressReporter(std::shared_ptr<const MetricsRegistry> metrics, int64_t interval_ms, std::FILE* out)
    : metrics_(std::move(metrics)),
      interval_ms_(interval_ms > 0 ? interval_ms : 1000),
      out_(out),
      tty_(::isatty(::fileno(out)) != 0) {}

ProgressReporter::~ProgressReporter() { Stop(); }

void ProgressReporter::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (running_) return;
  start_ms_ = WallMillis();
  prev_ = metrics_->Snapshot(start_ms_);
  running_ = true;
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void ProgressReporter::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!running_) return;
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  running_ = false;
  MetricsSnapshot now = metrics_->Snapshot(WallMillis());
  // The final line's rate is the average over the whole run.
  MetricsSnapshot first;
  first.wall_ms = start_ms_;
  Draw(FormatLine(now, first, start_ms_));
  if (tty_) std::fputc('\n', out_);
  current_.clear();
  std::fputs(FormatOperators(now).c_str(), out_);
  WriteJson(now);
  std::fflush(out_);
}

void ProgressReporter::WriteJson(const MetricsSnapshot& s) {
  if (json_path_.empty()) return;
  Status st = checkpoint::WriteFileAtomic(json_path_, s.ToJson() + "\n");
  if (!st.ok()) {  // say it once, then stop trying
    std::fprintf(out_, "metrics JSON: %s\n", st.ToString().c_str());
    json_path_.clear();
  }
}

void ProgressReporter::Println(const std::string& line) {
  std::lock_guard<std::mutex> lock(mu_);
  if (tty_ && !current_.empty()) std::fputs("\r\033[K", out_);
  std::fputs(line.c_str(), out_);
  std::fputc('\n', out_);
  if (tty_ && !current_.empty()) std::fputs(current_.c_str(), out_);
  std::fflush(out_);
}

void ProgressReporter::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, std::chrono::milliseconds(interval_ms_), [this] { return stop_; })) {
    MetricsSnapshot now = metrics_->Snapshot(WallMillis());
    Draw(FormatLine(now, prev_, start_ms_));
    WriteJson(now);
    prev_ = std::move(now);
  }
}

void ProgressReporter::Draw(const std::string& line) {
  if (tty_) {
    std::fputs("\r\033[K", out_);
    std::fputs(line.c_str(), out_);
    current_ = line;
  } else {
    std::fputs(line.c_str(), out_);
    std::fputc('\n', out_);
  }
  std::fflush(out_);
}

std::string ProgressReporter::Thousands(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

std::string ProgressReporter::FormatWatermark(int64_t wm) {
  if (wm == kMinTimestamp) return "-";
  if (wm == kMaxWatermark) return "end";
  const int64_t ms = ((wm % 1000) + 1000) % 1000;
  const std::time_t secs = static_cast<std::time_t>((wm - ms) / 1000);
  std::tm tm{};
  if (gmtime_r(&secs, &tm) == nullptr) return std::to_string(wm);
  return fmt::format("{:02}:{:02}:{:02}.{:03}", tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

namespace {

std::string FormatMs(int64_t ms) {
  if (ms < 0) return "-";
  if (ms < 1000) return fmt::format("{}ms", ms);
  return fmt::format("{:.2f}s", static_cast<double>(ms) / 1000.0);
}

}  // namespace

std::string ProgressReporter::FormatLine(const MetricsSnapshot& now, const MetricsSnapshot& prev, int64_t start_ms) {
  const double dt = static_cast<double>(now.wall_ms - prev.wall_ms) / 1000.0;
  const double rate = dt > 0 ? static_cast<double>(now.source_rows - prev.source_rows) / dt : 0.0;
  std::string line =
      fmt::format("[{:5.1f}s] {} rows/s | read {} | written {} | commits {}",
                  static_cast<double>(now.wall_ms - start_ms) / 1000.0, Thousands(static_cast<int64_t>(rate + 0.5)),
                  Thousands(now.source_rows), Thousands(now.sink_rows), Thousands(now.commits));
  line += " | watermark " + FormatWatermark(now.sink_watermark);
  line += " | latency " + FormatMs(now.last_latency_ms);
  if (now.latency_p50_ms >= 0) {
    line += fmt::format(" (p50 {}, p99 {})", FormatMs(now.latency_p50_ms), FormatMs(now.latency_p99_ms));
  }
  return line;
}

std::string ProgressReporter::FormatOperators(const MetricsSnapshot& s) {
  std::string out;
  for (const auto& n : s.nodes) {
    const char* kind = n.kind == InstanceMetrics::Kind::kSource ? "source"
                       : n.kind == InstanceMetrics::Kind::kSink ? "sink"
                                                                : "operator";
    out += fmt::format("  {} '{}' x{}: {} rows in, {} rows out, {} MB in, {} MB out, backpressure {} ms\n", kind,
                       n.node, n.subtasks, Thousands(n.records_in), Thousands(n.records_out), n.bytes_in / 1000000,
                       n.bytes_out / 1000000, Thousands(n.backpressure_ms));
  }
  if (s.checkpoints > 0) {
    out += fmt::format("  checkpoints: {}, the last took {} ms, {} bytes of state\n", s.checkpoints,
                       s.last_checkpoint_duration_ms, Thousands(s.last_checkpoint_bytes));
  }
  return out;
}

}  // namespace sluice::stream
