// MetricsSnapshot::ToJson: the JSON dump of a job's metrics.
#include "sluice/columnar/json_text.h"
#include "sluice/stream/metrics/metrics.h"

namespace sluice::stream {
namespace {

const char* KindName(InstanceMetrics::Kind k) {
  switch (k) {
    case InstanceMetrics::Kind::kSource:
      return "source";
    case InstanceMetrics::Kind::kSink:
      return "sink";
    case InstanceMetrics::Kind::kOperator:
      break;
  }
  return "operator";
}

// A watermark as JSON: null before the first one, "end" after the last.
void Watermark(columnar::JsonObjectWriter* w, std::string_view key, int64_t wm) {
  if (wm == kMinTimestamp) {
    w->Key(key)->append("null");
  } else if (wm >= kMaxWatermark) {
    w->String(key, "end");
  } else {
    w->Int(key, wm);
  }
}

}  // namespace

std::string MetricsSnapshot::ToJson() const {
  std::string out;
  columnar::JsonObjectWriter w(&out);
  w.Int("wall_ms", wall_ms);
  w.Int("source_rows", source_rows);
  w.Int("sink_rows", sink_rows);
  Watermark(&w, "sink_watermark", sink_watermark);
  w.Int("commits", commits);
  w.Int("last_checkpoint", last_checkpoint);
  w.Int("checkpoints", checkpoints);
  w.Int("last_checkpoint_duration_ms", last_checkpoint_duration_ms);
  w.Int("last_checkpoint_bytes", last_checkpoint_bytes);
  w.Int("last_latency_ms", last_latency_ms);
  w.Int("latency_p50_ms", latency_p50_ms);
  w.Int("latency_p99_ms", latency_p99_ms);
  std::string* list = w.Key("nodes");
  list->push_back('[');
  for (size_t i = 0; i < nodes.size(); ++i) {
    const NodeMetrics& n = nodes[i];
    if (i > 0) list->push_back(',');
    columnar::JsonObjectWriter o(list);
    o.Int("id", n.node_id);
    o.String("name", n.node);
    o.String("kind", KindName(n.kind));
    o.Int("subtasks", n.subtasks);
    o.Int("records_in", n.records_in);
    o.Int("records_out", n.records_out);
    o.Int("bytes_in", n.bytes_in);
    o.Int("bytes_out", n.bytes_out);
    o.Int("backpressure_ms", n.backpressure_ms);
    Watermark(&o, "watermark", n.watermark);
    o.Int("watermark_lag_ms", n.watermark_lag_ms);
    o.End();
  }
  list->push_back(']');
  w.End();
  return out;
}

}  // namespace sluice::stream
