#include <chrono>
#include <deque>
#include <thread>

#include "sluice/stream/runtime/barrier_aligner.h"
#include "sluice/stream/runtime/job.h"
#include "sluice/stream/time/watermark.h"

namespace sluice::stream::runtime {

Status Job::RunSource(Task* t) {
  NodeInstance* head = t->nodes[0].get();
  const StreamNode& node = *head->node;
  const WatermarkStrategy& ws = node.watermarks;
  int ts_col = ws.has_event_time() ? node.schema->FieldIndex(ws.timestamp_column) : -1;
  if (ws.has_event_time() && ts_col < 0) {
    return Status::NotFound("{}: no timestamp column '{}'", head->ctx.Describe(), ws.timestamp_column);
  }
  WatermarkGenerator gen(ws.max_out_of_orderness_ms);
  int64_t emitted_wm = kMinTimestamp;
  int64_t last_data = clock_->NowMillis();
  bool idle = false;
  std::vector<int64_t> ts;
  int64_t last_barrier = first_barrier_, notified = first_barrier_;
  while (!state_.cancelled) {
    SLUICE_RETURN_NOT_OK(PollCheckpoints(t, &last_barrier, &notified));
    auto r = t->reader->Read(o_.batch_size);
    if (!r.ok()) return r.status().WithContext(head->ctx.Describe());
    if (r->kind == ReadResult::Kind::kEnd) break;
    if (r->kind == ReadResult::Kind::kNothingYet) {
      int64_t now = clock_->NowMillis();
      if (!idle && ws.idle_timeout_ms >= 0 && now - last_data >= ws.idle_timeout_ms) {
        idle = true;
        SLUICE_RETURN_NOT_OK(head->output.EmitControl(StreamElement::Kind::kIdle));
      }
      SLUICE_RETURN_NOT_OK(PollProcessingTime(t));
      std::this_thread::sleep_for(std::chrono::milliseconds(o_.poll_interval_ms));
      continue;
    }
    last_data = clock_->NowMillis();
    idle = false;
    const columnar::RecordBatch& batch = r->batch;
    if (ts_col >= 0) {
      Status st = ExtractTimestamps(batch, ts_col, &ts);
      if (!st.ok()) return st.WithContext(head->ctx.Describe());
      for (int64_t v : ts) gen.OnEvent(v);
    }
    SLUICE_RETURN_NOT_OK(head->Process(batch));
    int64_t wm = gen.CurrentWatermark();
    if (wm > emitted_wm) {
      emitted_wm = wm;
      SLUICE_RETURN_NOT_OK(head->Watermark(wm));
    }
    SLUICE_RETURN_NOT_OK(PollProcessingTime(t));
  }
  if (state_.cancelled) return Status::OK();
  // End of bounded input: the final watermark fires every event-time timer.
  SLUICE_RETURN_NOT_OK(head->Watermark(kMaxWatermark));
  return head->Finish();
}

Status Job::RunTask(Task* t) {
  NodeInstance* head = t->nodes[0].get();
  WatermarkTracker tracker(t->num_inputs);
  BarrierAligner aligner(t->num_inputs);
  std::deque<StreamElement> replay;  // held-back elements released by an alignment
  int ended = 0;
  int64_t last_poll = clock_->NowMillis();
  int64_t last_barrier = first_barrier_, notified = first_barrier_;
  StreamElement e;
  while (!state_.cancelled) {
    Channel::PopResult r = Channel::PopResult::kElement;
    if (!replay.empty()) {
      e = std::move(replay.front());
      replay.pop_front();
    } else {
      r = t->input->Pop(&e, o_.poll_interval_ms);
    }
    if (r == Channel::PopResult::kClosed) return Status::OK();
    if (r == Channel::PopResult::kElement && aligner.IsBlocked(e.input)) {
      aligner.Hold(std::move(e));
      e = StreamElement();
      continue;
    }
    if (r == Channel::PopResult::kElement) {
      switch (e.kind) {
        case StreamElement::Kind::kBatch:
          SLUICE_RETURN_NOT_OK(head->Process(e.batch));
          break;
        case StreamElement::Kind::kWatermark:
          if (tracker.Update(e.input, e.value)) SLUICE_RETURN_NOT_OK(head->Watermark(tracker.current()));
          break;
        case StreamElement::Kind::kIdle:
          if (tracker.SetIdle(e.input, true)) SLUICE_RETURN_NOT_OK(head->Watermark(tracker.current()));
          if (tracker.AllIdle()) SLUICE_RETURN_NOT_OK(head->output.EmitControl(StreamElement::Kind::kIdle));
          break;
        case StreamElement::Kind::kBarrier:
          if (e.value <= aligner.last_aligned()) break;  // stale
          SLUICE_RETURN_NOT_OK(aligner.OnBarrier(e.input, e.value));
          break;
        case StreamElement::Kind::kEnd:
          aligner.OnEnd(e.input);
          if (tracker.Update(e.input, kMaxWatermark)) SLUICE_RETURN_NOT_OK(head->Watermark(tracker.current()));
          if (++ended == t->num_inputs) return head->Finish();
          break;
      }
      if (aligner.Aligned()) {
        int64_t id = aligner.aligning();
        if (coord_) SLUICE_RETURN_NOT_OK(head->Checkpoint(id, nullptr));
        aligner.Release(&replay);
      }
      e = StreamElement();
    }
    (void)last_barrier;
    SLUICE_RETURN_NOT_OK(PollCheckpoints(t, &last_barrier, &notified));
    int64_t now = clock_->NowMillis();
    if (r == Channel::PopResult::kTimeout || now - last_poll >= o_.poll_interval_ms) {
      last_poll = now;
      SLUICE_RETURN_NOT_OK(PollProcessingTime(t));
    }
  }
  return Status::OK();
}

}  // namespace sluice::stream::runtime
