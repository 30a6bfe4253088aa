#include "sluice/stream/metrics/metrics.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "sluice/common/clock.h"

namespace sluice::stream {
namespace {

constexpr size_t kLatencyWindow = 1024;  // commits kept for the percentiles

int64_t Percentile(std::vector<int64_t> v, double q) {
  if (v.empty()) return -1;
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
  return v[i];
}

}  // namespace

InstanceMetrics* MetricsRegistry::Register(int node_id, std::string node, InstanceMetrics::Kind kind, int subtask) {
  std::lock_guard<std::mutex> lock(mu_);
  if (start_ms_ < 0) start_ms_ = WallMillis();
  InstanceMetrics& m = instances_.emplace_back();
  m.node_id = node_id;
  m.node = std::move(node);
  m.kind = kind;
  m.subtask = subtask;
  return &m;
}

void MetricsRegistry::OnCheckpointTriggered(int64_t id, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  previous_trigger_ms_ = last_trigger_ms_;
  last_trigger_ms_ = now_ms;
  last_trigger_id_ = id;
}

void MetricsRegistry::OnCommitted(int64_t id, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t wm = kMaxTimestamp;
  bool sinks = false;
  for (const auto& m : instances_) {
    if (m.kind != InstanceMetrics::Kind::kSink) continue;
    sinks = true;
    wm = std::min(wm, m.barrier_watermark.load(std::memory_order_relaxed));
  }
  int64_t latency;
  if (sinks && wm != kMinTimestamp && wm != kMaxWatermark) {
    latency = now_ms - wm;
  } else {
    // Rows read since the barrier before this checkpoint's went into it (a
    // final checkpoint at the end of input is never triggered: it follows
    // the last triggered one).
    int64_t since = id == last_trigger_id_ ? previous_trigger_ms_ : last_trigger_ms_;
    if (since < 0) since = start_ms_;
    latency = now_ms - since;
  }
  ++commits_;
  last_checkpoint_ = id;
  latencies_ms_.push_back(std::max<int64_t>(latency, 0));
  if (latencies_ms_.size() > kLatencyWindow) latencies_ms_.pop_front();
}

void MetricsRegistry::OnCheckpointCompleted(int64_t, int64_t duration_ms, int64_t bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  ++checkpoints_;
  last_checkpoint_duration_ms_ = duration_ms;
  last_checkpoint_bytes_ = bytes;
}

MetricsSnapshot MetricsRegistry::Snapshot(int64_t now_ms) const {
  MetricsSnapshot s;
  s.wall_ms = now_ms;
  std::lock_guard<std::mutex> lock(mu_);
  std::map<int, NodeMetrics> nodes;
  int64_t sink_wm = kMaxTimestamp;
  for (const auto& m : instances_) {
    NodeMetrics& n = nodes[m.node_id];
    n.node_id = m.node_id;
    n.node = m.node;
    n.kind = m.kind;
    ++n.subtasks;
    const int64_t in = m.records_in.load(std::memory_order_relaxed);
    n.records_in += in;
    n.records_out += m.records_out.load(std::memory_order_relaxed);
    n.bytes_in += m.bytes_in.load(std::memory_order_relaxed);
    n.bytes_out += m.bytes_out.load(std::memory_order_relaxed);
    n.backpressure_ms += m.backpressure_ns.load(std::memory_order_relaxed) / 1000000;
    const int64_t wm = m.watermark.load(std::memory_order_relaxed);
    if (n.subtasks == 1 || wm < n.watermark) n.watermark = wm;
    if (m.kind == InstanceMetrics::Kind::kSource) s.source_rows += in;
    if (m.kind == InstanceMetrics::Kind::kSink) {
      s.sink_rows += in;
      sink_wm = std::min(sink_wm, wm);
    }
  }
  for (auto& [id, n] : nodes) {
    if (n.watermark != kMinTimestamp && n.watermark < kMaxWatermark) n.watermark_lag_ms = now_ms - n.watermark;
    s.nodes.push_back(std::move(n));
  }
  s.sink_watermark = sink_wm == kMaxTimestamp && s.sink_rows == 0 ? kMinTimestamp : sink_wm;
  s.commits = commits_;
  s.last_checkpoint = last_checkpoint_;
  s.checkpoints = checkpoints_;
  s.last_checkpoint_duration_ms = last_checkpoint_duration_ms_;
  s.last_checkpoint_bytes = last_checkpoint_bytes_;
  if (!latencies_ms_.empty()) {
    s.last_latency_ms = latencies_ms_.back();
    std::vector<int64_t> v(latencies_ms_.begin(), latencies_ms_.end());
    s.latency_p50_ms = Percentile(v, 0.5);
    s.latency_p99_ms = Percentile(std::move(v), 0.99);
  }
  return s;
}

}  // namespace sluice::stream
