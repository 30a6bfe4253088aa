#include <algorithm>

#include "sluice/columnar/take.h"
#include "sluice/stream/operators/keyed_operator_base.h"
#include "sluice/stream/operators/keyed_operators.h"
#include "sluice/stream/state/flat_index.h"
#include "sluice/stream/time/watermark.h"

namespace sluice::stream {
namespace {

// Window state per (key, window): the accumulator, in list state "window-acc"
// under the namespace TimeWindow::Encode(). Session windows also keep, per
// key, the list of their open windows [start0, end0, start1, end1, ...].
//
// Timers (namespace = window): one at window.max_timestamp() fires the window;
// in event time, one at max_timestamp + allowed lateness clears it. A row
// whose windows are all past cleanup is late: it goes to the side output.
// A row landing in a window that already fired but is not cleaned up yet
// updates it and fires it again at once (Flink's EventTimeTrigger).
class WindowOperator final : public KeyedOperatorBase {
 public:
  WindowOperator(SchemaPtr out_schema, WindowOperatorOptions options, Aggregation aggregation)
      : KeyedOperatorBase(std::move(out_schema), options.key_columns),
        opt_(std::move(options)),
        aggregation_(std::move(aggregation)),
        event_time_(opt_.spec.domain == TimeDomain::kEventTime) {}

  Status Open(OperatorContext* ctx) override {
    SLUICE_RETURN_NOT_OK(KeyedOperatorBase::Open(ctx));
    if (event_time_ && opt_.timestamp_column < 0 && opt_.spec.kind != WindowSpec::Kind::kGlobal) {
      return Status::Invalid("{}: event-time windows need a watermark strategy with a timestamp column",
                             ctx->Describe());
    }
    if (opt_.spec.is_merging() && !aggregation_.can_merge()) {
      return Status::NotSupported("{}: session windows need mergeable aggregates", ctx->Describe());
    }
    SLUICE_ASSIGN_OR_RETURN(acc_state_, ctx->state->Register("window-acc", StateKind::kList));
    SLUICE_ASSIGN_OR_RETURN(sessions_state_, ctx->state->Register("window-sessions", StateKind::kList));
    return Status::OK();
  }

  Status ProcessBatch(const RecordBatch& batch) override {
    SLUICE_RETURN_NOT_OK(PrepareKeys(batch));
    if (event_time_ && opt_.timestamp_column >= 0) {
      SLUICE_RETURN_NOT_OK(ExtractTimestamps(batch, opt_.timestamp_column, &timestamps_));
    }
    const int64_t now = ctx_->clock->NowMillis();
    late_rows_.clear();
    if (CanGroupRows()) {
      SLUICE_RETURN_NOT_OK(AddGroupedByKey(batch, now));
    } else {
      SLUICE_RETURN_NOT_OK(AddRowByRow(batch, now));
    }
    CountBatch(batch.num_rows);
    if (!late_rows_.empty() && !opt_.late_tag.empty()) {
      std::sort(late_rows_.begin(), late_rows_.end());
      SLUICE_ASSIGN_OR_RETURN(RecordBatch late, columnar::TakeRows(batch, late_rows_));
      SLUICE_RETURN_NOT_OK(ctx_->output->EmitSide(opt_.late_tag, late));
    }
    return Flush();
  }

 private:
  Status AddRowByRow(const RecordBatch& batch, int64_t now) {
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      SetKey(batch, i);
      int64_t ts = event_time_ ? (opt_.timestamp_column >= 0 ? timestamps_[i] : kMinTimestamp) : now;
      bool late = false;
      Status st =
          opt_.spec.is_merging() ? AddToSession(Row(&batch, i), ts, &late) : AddToWindows(Row(&batch, i), ts, &late);
      if (!st.ok()) return UserError(st, i);
      if (late) late_rows_.push_back(static_cast<int32_t>(i));
    }
    return Status::OK();
  }

  // Rows can be added key by key (each key's rows still in arrival order)
  // when no row makes a window fire at once: that needs event time without
  // allowed lateness (a window past the watermark is then simply late), or
  // processing time; and a backend with in-place accumulators (found out at
  // the first access: in_place_).
  bool CanGroupRows() const {
    return !opt_.spec.is_merging() && (!event_time_ || opt_.allowed_lateness == 0) && in_place_;
  }

  // The fast path: groups the batch's rows by key (hash, then the encoded
  // key to rule out collisions), sets each key once, and looks each of its
  // windows' accumulator up once per batch instead of once per row. Hot keys
  // (many rows of one key in a batch) are the common case of windowed jobs.
  Status AddGroupedByKey(const RecordBatch& batch, int64_t now) {
    group_of_hash_.Clear();
    group_hash_.clear();
    size_t used = 0;
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      const uint64_t h = hashes_[i];
      uint32_t g = group_of_hash_.Find(h, [&](uint32_t x) { return group_hash_[x] == h; });
      if (g == FlatIndex::kNone) {
        g = static_cast<uint32_t>(used++);
        group_of_hash_.Insert(h, g);
        group_hash_.push_back(h);
        if (groups_.size() < used) groups_.emplace_back();
        groups_[g].clear();
      }
      groups_[g].push_back(static_cast<int32_t>(i));
    }
    for (size_t g = 0; g < std::min<size_t>(used, kLookahead); ++g) PrefetchGroup(batch, groups_[g][0], now);
    for (size_t g = 0; g < used; ++g) {
      if (g + kLookahead < used) PrefetchGroup(batch, groups_[g + kLookahead][0], now);
      const std::vector<int32_t>& rows = groups_[g];
      SetKey(batch, rows[0]);
      group_key_ = key_;
      cached_.clear();
      for (int32_t i : rows) {
        if (i != rows[0]) {
          EncodeKey(batch, key_columns_, i, &key_);
          if (key_ != group_key_) {  // a hash collision: this row on its own
            SetKey(batch, i);
            cached_.clear();
            SLUICE_RETURN_NOT_OK(AddCached(batch, i, now));
            SetKey(batch, rows[0]);
            cached_.clear();
            continue;
          }
        }
        SLUICE_RETURN_NOT_OK(AddCached(batch, i, now));
      }
    }
    return Status::OK();
  }

  // Hints the backend about the accumulators of row `i`'s windows.
  void PrefetchGroup(const RecordBatch& batch, int32_t i, int64_t now) {
    int64_t ts = event_time_ ? (opt_.timestamp_column >= 0 ? timestamps_[i] : kMinTimestamp) : now;
    opt_.spec.AssignWindows(ts, &ahead_windows_);
    for (const TimeWindow& w : ahead_windows_) {
      if (!IsLate(w)) PrefetchKey(batch, i, acc_state_, EncodedWindow(w).view());
    }
  }

  // Adds row `i` of the current key to its windows through `cached_`.
  Status AddCached(const RecordBatch& batch, int32_t i, int64_t now) {
    int64_t ts = event_time_ ? (opt_.timestamp_column >= 0 ? timestamps_[i] : kMinTimestamp) : now;
    opt_.spec.AssignWindows(ts, &windows_);
    bool all_late = true;
    for (const TimeWindow& w : windows_) {
      if (IsLate(w)) continue;
      all_late = false;
      Scalars* acc = nullptr;
      for (const auto& [start, a] : cached_) {
        if (start == w.start) acc = a;
      }
      if (acc == nullptr) {
        const EncodedWindow encoded(w);
        const std::string_view ns = encoded.view();
        acc = ctx_->state->MutableList(acc_state_, ns);
        if (acc == nullptr) {
          // The backend keeps no objects: read-modify-write, and take the
          // row-by-row path from the next batch on.
          in_place_ = false;
          Scalars local = ctx_->state->GetList(acc_state_, ns);
          if (local.empty()) {
            local = aggregation_.Create();
            RegisterTimers(w, ns);
          }
          Status st = aggregation_.Add(Row(&batch, i), &local);
          if (!st.ok()) return UserError(st, i);
          ctx_->state->PutList(acc_state_, ns, std::move(local));
          continue;
        }
        if (acc->empty()) {
          *acc = aggregation_.Create();
          RegisterTimers(w, ns);
        }
        cached_.emplace_back(w.start, acc);
      }
      Status st = aggregation_.Add(Row(&batch, i), acc);
      if (!st.ok()) return UserError(st, i);
    }
    if (all_late) late_rows_.push_back(i);
    return Status::OK();
  }

  Status ProcessWatermark(int64_t watermark) override {
    watermark_ = watermark;
    SLUICE_RETURN_NOT_OK(AdvanceTimers(TimeDomain::kEventTime, watermark));
    return ctx_->output->EmitWatermark(watermark);
  }

  Status OnProcessingTime(int64_t now) override { return AdvanceTimers(TimeDomain::kProcessingTime, now); }

  // End of bounded input: processing-time windows still open fire now.
  Status Finish() override { return AdvanceTimers(TimeDomain::kProcessingTime, kMaxTimestamp); }

 private:
  int64_t CleanupTime(const TimeWindow& w) const {
    if (!event_time_) return w.max_timestamp();
    int64_t m = w.max_timestamp();
    return m > kMaxTimestamp - opt_.allowed_lateness ? kMaxTimestamp : m + opt_.allowed_lateness;
  }
  bool IsLate(const TimeWindow& w) const { return event_time_ && CleanupTime(w) <= watermark_; }

  void RegisterTimers(const TimeWindow& w, std::string_view ns) {
    const int kg = ctx_->state->current_key_group();
    // A window the watermark already passed fires right away, not by timer.
    if (!event_time_ || w.max_timestamp() > watermark_) {
      ctx_->timers->Register(opt_.spec.domain, w.max_timestamp(), key_, kg, ns);
    }
    if (CleanupTime(w) != w.max_timestamp()) ctx_->timers->Register(opt_.spec.domain, CleanupTime(w), key_, kg, ns);
  }
  void DeleteTimers(const TimeWindow& w, std::string_view ns) {
    ctx_->timers->Delete(opt_.spec.domain, w.max_timestamp(), key_, ns);
    ctx_->timers->Delete(opt_.spec.domain, CleanupTime(w), key_, ns);
  }

  Status AddToWindows(const Row& row, int64_t ts, bool* late) {
    opt_.spec.AssignWindows(ts, &windows_);
    bool all_late = true;
    for (const TimeWindow& w : windows_) {
      if (IsLate(w)) continue;
      all_late = false;
      const EncodedWindow encoded(w);
      const std::string_view ns = encoded.view();
      Scalars local;
      Scalars* acc = ctx_->state->MutableList(acc_state_, ns);
      if (acc == nullptr) {
        local = ctx_->state->GetList(acc_state_, ns);
        acc = &local;
      }
      // A window's timers are registered when its state is created (and
      // again after its cleanup timer dropped the state), not per row.
      const bool fresh = acc->empty();
      if (fresh) *acc = aggregation_.Create();
      SLUICE_RETURN_NOT_OK(aggregation_.Add(row, acc));
      if (acc == &local) ctx_->state->PutList(acc_state_, ns, std::move(local));
      if (fresh) RegisterTimers(w, ns);
      if (event_time_ && w.max_timestamp() <= watermark_) SLUICE_RETURN_NOT_OK(Fire(w, ns));
    }
    *late = all_late;
    return Status::OK();
  }

  Status AddToSession(const Row& row, int64_t ts, bool* late) {
    TimeWindow merged{ts, ts + opt_.spec.gap};
    Scalars sessions = ctx_->state->GetList(sessions_state_, {});
    std::vector<TimeWindow> overlapping;
    Scalars kept;
    for (size_t i = 0; i + 1 < sessions.size(); i += 2) {
      TimeWindow s{sessions[i].int_value(), sessions[i + 1].int_value()};
      if (s.Intersects({ts, ts + opt_.spec.gap})) {
        overlapping.push_back(s);
        merged = {std::min(merged.start, s.start), std::max(merged.end, s.end)};
      } else {
        kept.push_back(sessions[i]);
        kept.push_back(sessions[i + 1]);
      }
    }
    if (IsLate(merged)) {
      *late = true;
      return Status::OK();
    }
    *late = false;
    std::sort(overlapping.begin(), overlapping.end(), [](auto& a, auto& b) { return a.start < b.start; });
    Scalars acc = aggregation_.Create();
    for (const TimeWindow& s : overlapping) {
      const EncodedWindow encoded(s);
      const std::string_view ns = encoded.view();
      Scalars other = ctx_->state->GetList(acc_state_, ns);
      if (!other.empty()) SLUICE_RETURN_NOT_OK(aggregation_.Merge(other, &acc));
      ctx_->state->Clear(acc_state_, ns);
      DeleteTimers(s, ns);
    }
    SLUICE_RETURN_NOT_OK(aggregation_.Add(row, &acc));
    const EncodedWindow encoded(merged);
    const std::string_view ns = encoded.view();
    ctx_->state->PutList(acc_state_, ns, std::move(acc));
    kept.push_back(Scalar(merged.start));
    kept.push_back(Scalar(merged.end));
    ctx_->state->PutList(sessions_state_, {}, std::move(kept));
    RegisterTimers(merged, ns);
    if (event_time_ && merged.max_timestamp() <= watermark_) SLUICE_RETURN_NOT_OK(Fire(merged, ns));
    return Status::OK();
  }

  // Emits the current key's result for window `w`.
  Status Fire(const TimeWindow& w, std::string_view ns) { return FireAcc(w, ctx_->state->GetList(acc_state_, ns)); }
  Status FireAcc(const TimeWindow& w, const Scalars& acc) {
    if (acc.empty()) return Status::OK();
    row_.clear();
    SLUICE_RETURN_NOT_OK(DecodeKeyTo(ctx_->state->current_key(), &row_));
    row_.push_back(Scalar(w.start));
    row_.push_back(Scalar(w.end));
    aggregation_.AppendResults(acc, &row_);
    return out_.Append(row_);
  }

  Status OnTimer(const Timer& t, TimeDomain domain) {
    ctx_->state->SetCurrentKey(t.key, t.key_group);
    key_ = t.key;
    TimeWindow w = TimeWindow::Decode(t.ns);
    if (CanGroupRows() && t.timestamp == w.max_timestamp()) {
      // Fires and cleans up at once (no lateness): read the accumulator in
      // place instead of copying it out.
      if (const Scalars* acc = ctx_->state->MutableList(acc_state_, t.ns)) {
        SLUICE_RETURN_NOT_OK(FireAcc(w, *acc));
        ctx_->state->Clear(acc_state_, t.ns);
        return Status::OK();
      }
    }
    if (t.timestamp == w.max_timestamp()) SLUICE_RETURN_NOT_OK(Fire(w, t.ns));
    if (domain == TimeDomain::kProcessingTime || t.timestamp == CleanupTime(w)) {
      ctx_->state->Clear(acc_state_, t.ns);
      if (opt_.spec.is_merging()) {
        Scalars sessions = ctx_->state->GetList(sessions_state_, {});
        Scalars kept;
        for (size_t i = 0; i + 1 < sessions.size(); i += 2) {
          if (sessions[i].int_value() == w.start && sessions[i + 1].int_value() == w.end) continue;
          kept.push_back(sessions[i]);
          kept.push_back(sessions[i + 1]);
        }
        if (kept.empty()) {
          ctx_->state->Clear(sessions_state_, {});
        } else {
          ctx_->state->PutList(sessions_state_, {}, std::move(kept));
        }
      }
    }
    return Status::OK();
  }

  Status AdvanceTimers(TimeDomain domain, int64_t time) {
    SLUICE_RETURN_NOT_OK(ctx_->timers->Advance(
        domain, time,
        [this](const Timer& t, TimeDomain d) {
          Status st = OnTimer(t, d);
          return st.ok() ? st : st.WithContext(ctx_->Describe());
        },
        [this](std::string_view key, int kg, std::string_view ns) { ctx_->state->Prefetch(acc_state_, key, kg, ns); }));
    return Flush();
  }

  WindowOperatorOptions opt_;
  Aggregation aggregation_;
  bool event_time_;
  int acc_state_ = -1;
  int sessions_state_ = -1;
  int64_t watermark_ = kMinTimestamp;
  std::vector<int64_t> timestamps_;
  std::vector<TimeWindow> windows_;
  std::vector<TimeWindow> ahead_windows_;
  std::vector<int32_t> late_rows_;
  // AddGroupedByKey scratch: key hash -> group, rows per group, the group's
  // key, and the current key's accumulators by window start.
  FlatIndex group_of_hash_;
  std::vector<uint64_t> group_hash_;
  std::vector<std::vector<int32_t>> groups_;
  std::string group_key_;
  std::vector<std::pair<int64_t, Scalars*>> cached_;
  bool in_place_ = true;
};

}  // namespace

SchemaPtr WindowOutputSchema(const columnar::Schema& input, const std::vector<int>& key_columns,
                             const Aggregation& aggregation) {
  auto s = std::make_shared<columnar::Schema>();
  for (int c : key_columns) s->fields.push_back(input.fields[c]);
  s->fields.push_back(
      columnar::MakeField("window_start", columnar::Timestamp(columnar::TimeUnit::kMilli, true), false));
  s->fields.push_back(columnar::MakeField("window_end", columnar::Timestamp(columnar::TimeUnit::kMilli, true), false));
  for (const auto& f : aggregation.fields()) s->fields.push_back(f);
  return s;
}

std::unique_ptr<Operator> MakeWindowOperator(SchemaPtr out_schema, WindowOperatorOptions options,
                                             Aggregation aggregation) {
  return std::make_unique<WindowOperator>(std::move(out_schema), std::move(options), std::move(aggregation));
}

}  // namespace sluice::stream
