#include "sluice/stream/runtime/executor.h"

#include <chrono>
#include <deque>
#include <map>
#include <thread>

#include "sluice/stream/checkpoint/checkpoint_storage.h"
#include "sluice/stream/runtime/barrier_aligner.h"
#include "sluice/stream/runtime/task.h"
#include "sluice/stream/state/rocksdb_state_backend.h"
#include "sluice/stream/watermark.h"

namespace sluice::stream::runtime {
namespace {

// Whether edge `e` of node `to` is chained (a direct call, same thread).
bool IsChained(const JobGraph& g, const StreamNode& to) {
  if (to.inputs.size() != 1 || to.partitioning != Partitioning::kForward || to.source) return false;
  const StreamNode& from = g.nodes[to.inputs[0].from];
  return from.parallelism == to.parallelism && from.sink == nullptr;
}

// Forward edges between different parallelisms fall back to round robin.
Partitioning EdgePartitioning(const JobGraph& g, const StreamNode& to, const StreamEdge& e) {
  if (to.partitioning == Partitioning::kForward && g.nodes[e.from].parallelism != to.parallelism) {
    return Partitioning::kRebalance;
  }
  return to.partitioning;
}

// One subtask of a chain: its node instances and its input channel.
struct Task {
  int head = -1;
  int subtask = 0;
  std::vector<std::unique_ptr<NodeInstance>> nodes;  // chain order: head first
  std::shared_ptr<Channel> input;
  int num_inputs = 0;
  std::unique_ptr<SourceReader> reader;
};

class Job {
 public:
  Job(const JobGraph& g, const StreamOptions& o) : g_(g), o_(o) {
    clock_ = o.clock ? o.clock : std::make_shared<SystemClock>();
    metrics_ = o.metrics ? o.metrics : std::make_shared<MetricsRegistry>();
  }

  Status Run() {
    SLUICE_RETURN_NOT_OK(Plan());
    std::vector<std::thread> threads;
    for (auto& t : tasks_) {
      threads.emplace_back([this, task = t.get()] {
        Status st = task->reader ? RunSource(task) : RunTask(task);
        if (!st.ok() && !stopped_) state_.Fail(st);
      });
    }
    std::thread trigger;
    if (coord_) trigger = std::thread([this] { TriggerLoop(); });
    for (auto& th : threads) th.join();
    tasks_done_ = true;
    if (trigger.joinable()) trigger.join();
    if (stopped_) return Status::OK();
    if (!state_.failure.ok()) return state_.failure;
    if (coord_) return coord_->CompleteFinal().status();
    return CommitSinks();
  }

 private:
  Status Plan() {
    const int n = static_cast<int>(g_.nodes.size());
    consumers_.assign(n, {});
    for (const auto& node : g_.nodes) {
      if (node.parallelism <= 0) return Status::Invalid("node '{}': parallelism {}", node.name, node.parallelism);
      if (!node.source && node.inputs.empty()) return Status::Invalid("node '{}' has no input", node.name);
      for (size_t k = 0; k < node.inputs.size(); ++k) consumers_[node.inputs[k].from].push_back(node.id);
    }
    // Heads: sources and nodes behind an exchange. Channels and input indexes first.
    head_tasks_.assign(n, {});
    input_offset_.assign(n, {});
    for (const auto& node : g_.nodes) {
      if (!node.source && IsChained(g_, node)) continue;
      int offset = 0;
      for (const auto& e : node.inputs) {
        input_offset_[node.id].push_back(offset);
        offset += EdgePartitioning(g_, node, e) == Partitioning::kForward ? 1 : g_.nodes[e.from].parallelism;
      }
      for (int s = 0; s < node.parallelism; ++s) {
        auto task = std::make_unique<Task>();
        task->head = node.id;
        task->subtask = s;
        task->num_inputs = offset;
        if (!node.source) {
          task->input = std::make_shared<Channel>(static_cast<size_t>(o_.channel_capacity));
          state_.channels.push_back(task->input);
        }
        head_tasks_[node.id].push_back(task.get());
        tasks_.push_back(std::move(task));
      }
    }
    for (auto& t : tasks_) {
      SLUICE_RETURN_NOT_OK(BuildChain(t.get(), t->head, nullptr));
      for (auto& ni : t->nodes) SLUICE_RETURN_NOT_OK(ni->Open());
    }
    if (!o_.checkpoint_dir.empty() || !o_.restore_from.empty()) SLUICE_RETURN_NOT_OK(SetUpCheckpoints());
    return AssignSplits();
  }

  static std::string NodeKey(const StreamNode& n) {
    std::string key = std::to_string(n.id) + "-";
    for (char ch : n.name) key += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_') ? ch : '_';
    return key;
  }

  // Numbers the instances, restores them from a checkpoint if asked, and
  // creates the coordinator.
  Status SetUpCheckpoints() {
    int instances = 0;
    for (auto& t : tasks_) {
      for (auto& ni : t->nodes) {
        ni->instance = instances++;
        ni->node_key = NodeKey(*ni->node);
      }
    }
    std::string restore = o_.restore_from;
    if (restore.empty() && o_.restore_latest) {
      SLUICE_ASSIGN_OR_RETURN(auto done, checkpoint::ListCompleteCheckpoints(o_.checkpoint_dir));
      if (!done.empty()) restore = checkpoint::CheckpointDirFor(o_.checkpoint_dir, done.back());
    }
    int64_t first_id = 1;
    if (!restore.empty()) {
      SLUICE_ASSIGN_OR_RETURN(std::string dir, checkpoint::ResolveRestorePath(restore));
      SLUICE_ASSIGN_OR_RETURN(int64_t id, Restore(dir));
      first_id = id + 1;
    }
    if (o_.checkpoint_dir.empty()) return Status::OK();
    SLUICE_ASSIGN_OR_RETURN(auto dirs, checkpoint::ListCheckpointDirs(o_.checkpoint_dir));
    if (!dirs.empty()) first_id = std::max(first_id, dirs.back() + 1);
    first_barrier_ = first_id - 1;
    coord_ = std::make_unique<checkpoint::CheckpointCoordinator>(
        o_.checkpoint_dir, o_.checkpoints_retained, instances, first_id,
        [this](int64_t id, const std::vector<checkpoint::SinkCommittables>& sinks) {
          SLUICE_RETURN_NOT_OK(CommitTo(id, sinks));
          metrics_->OnCommitted(id, WallClockMs());
          return Status::OK();
        });
    for (auto& t : tasks_) {
      for (auto& ni : t->nodes) ni->coordinator = coord_.get();
    }
    return Status::OK();
  }

  // Loads checkpoint `dir`, restores every instance, re-commits its sinks.
  Result<int64_t> Restore(const std::string& dir) {
    SLUICE_ASSIGN_OR_RETURN(checkpoint::CheckpointMetadata meta, checkpoint::LoadMetadata(dir));
    std::map<std::string, std::vector<std::pair<int, checkpoint::SubtaskSnapshot>>> by_node;
    for (const auto& f : meta.files) {
      SLUICE_ASSIGN_OR_RETURN(std::string bytes, checkpoint::ReadFile(dir + "/" + f.file));
      auto snap = checkpoint::DecodeSubtaskSnapshot(bytes);
      if (!snap.ok()) return snap.status().WithContext(dir + "/" + f.file);
      by_node[f.node].emplace_back(f.subtask, std::move(snap).value());
    }
    for (auto& [key, list] : by_node) {
      std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    for (auto& t : tasks_) {
      for (auto& ni : t->nodes) {
        std::vector<const checkpoint::SubtaskSnapshot*> all;
        const checkpoint::SubtaskSnapshot* same = nullptr;
        for (const auto& [sub, snap] : by_node[ni->node_key]) {
          all.push_back(&snap);
          if (sub == ni->ctx.subtask) same = &snap;
        }
        SLUICE_RETURN_NOT_OK(ni->Restore(all, same));
      }
    }
    // Source splits: at the same parallelism each subtask gets its own splits
    // back, in its order (a reader's event time stays monotonic, so rows that
    // were on time stay on time); otherwise every snapshotted split is dealt
    // round robin over the new parallelism. Sources without any are finished.
    for (const auto& node : g_.nodes) {
      if (!node.source) continue;
      auto& assigned = restored_splits_[node.id];
      assigned.assign(node.parallelism, {});
      bool same_parallelism = true;
      for (const auto& f : meta.files) {
        if (f.node == NodeKey(node)) same_parallelism = same_parallelism && f.parallelism == node.parallelism;
      }
      size_t j = 0;
      for (const auto& [sub, snap] : by_node[NodeKey(node)]) {
        for (const auto& sp : snap.splits) {
          assigned[same_parallelism && sub < node.parallelism ? sub : j % node.parallelism].push_back(sp);
          ++j;
        }
      }
    }
    // A commit interrupted after the checkpoint completed is re-run (sinks are idempotent).
    SLUICE_RETURN_NOT_OK(CommitTo(meta.checkpoint_id, meta.sinks));
    return meta.checkpoint_id;
  }

  Status CommitTo(int64_t id, const std::vector<checkpoint::SinkCommittables>& sinks) {
    for (const auto& node : g_.nodes) {
      if (!node.sink) continue;
      std::vector<std::string> c;
      for (const auto& s : sinks) {
        if (s.node == NodeKey(node)) c = s.committables;
      }
      Status st = node.sink->Commit(id, std::move(c));
      if (!st.ok()) return st.WithContext("sink '" + node.name + "' commit");
    }
    return Status::OK();
  }

  void TriggerLoop() {
    using namespace std::chrono;
    const int64_t interval = o_.checkpoint_interval_ms;
    auto next = steady_clock::now() + milliseconds(interval);
    bool savepoint_requested = false;
    int64_t savepoint_after = 0;
    while (!tasks_done_ && !state_.cancelled) {
      std::this_thread::sleep_for(milliseconds(std::min<int64_t>(interval > 0 ? interval : 20, 20)));
      if (o_.stop_after_savepoint && coord_->completed_savepoint() > 0) {
        Stop();
        return;
      }
      if (interval <= 0 || steady_clock::now() < next) continue;
      // Stop-with-savepoint: nothing is triggered after the savepoint.
      if (o_.stop_after_savepoint && savepoint_requested && !coord_->savepoint_requested()) continue;
      next = steady_clock::now() + milliseconds(interval);
      if (!savepoint_requested && o_.savepoint_after_checkpoints > 0 && !o_.savepoint_dir.empty() &&
          ++savepoint_after > o_.savepoint_after_checkpoints && coord_->completed() > first_barrier_) {
        coord_->RequestSavepoint(o_.savepoint_dir);
        savepoint_requested = true;
      }
      if (int64_t id = coord_->Trigger(); id > 0) metrics_->OnCheckpointTriggered(id, WallClockMs());
    }
  }

  void Stop() {
    stopped_ = true;
    state_.cancelled = true;
    for (auto& c : state_.channels) c->Close();
  }

  // Injects a pending barrier and forwards completed-checkpoint notices.
  Status PollCheckpoints(Task* t, int64_t* last_barrier, int64_t* notified) {
    if (!coord_) return Status::OK();
    if (t->reader && coord_->triggered() > *last_barrier) {
      *last_barrier = coord_->triggered();
      SLUICE_RETURN_NOT_OK(t->nodes[0]->Checkpoint(*last_barrier, t->reader.get()));
    }
    int64_t done = coord_->completed();
    if (done > *notified) {
      *notified = done;
      SLUICE_RETURN_NOT_OK(t->nodes[0]->NotifyComplete(done));
    }
    return Status::OK();
  }

  // Instantiates node `id` (and its chained consumers) in `task`.
  Status BuildChain(Task* task, int id, NodeInstance** out) {
    const StreamNode& node = g_.nodes[id];
    auto ni = std::make_unique<NodeInstance>();
    ni->node = &node;
    OperatorContext& c = ni->ctx;
    c.name = node.name;
    c.subtask = task->subtask;
    c.parallelism = node.parallelism;
    c.max_parallelism = o_.max_parallelism;
    c.clock = clock_.get();
    c.output = &ni->output;
    c.key_groups = KeyGroupRangeFor(task->subtask, o_.max_parallelism, node.parallelism);
    ni->metrics = metrics_->Register(node.id, node.name,
                                     node.source ? InstanceMetrics::Kind::kSource
                                     : node.sink ? InstanceMetrics::Kind::kSink
                                                 : InstanceMetrics::Kind::kOperator,
                                     task->subtask);
    ni->output.metrics = ni->metrics;
    if (node.keyed) {
      if (o_.state_backend == StateBackendKind::kRocksDb) {
        auto st = MakeRocksDbStateBackend(c.key_groups, o_.rocksdb, c.name + "-" + std::to_string(c.subtask));
        if (!st.ok()) return st.status().WithContext(c.Describe());
        ni->state = std::move(st).value();
      } else {
        ni->state = MakeMemoryStateBackend(c.key_groups);
      }
      ni->timers = std::make_unique<TimerService>();
      c.state = ni->state.get();
      c.timers = ni->timers.get();
    }
    if (node.sink) {
      auto w = node.sink->CreateWriter(task->subtask, node.parallelism);
      if (!w.ok()) return w.status().WithContext(c.Describe());
      ni->writer = std::move(w).value();
    } else if (node.factory) {
      auto op = node.factory();
      if (!op.ok()) return op.status().WithContext(c.Describe());
      ni->op = std::move(op).value();
    }
    NodeInstance* self = ni.get();
    task->nodes.push_back(std::move(ni));
    if (out) *out = self;
    for (int consumer_id : consumers_[id]) {
      const StreamNode& consumer = g_.nodes[consumer_id];
      for (size_t k = 0; k < consumer.inputs.size(); ++k) {
        const StreamEdge& e = consumer.inputs[k];
        if (e.from != id) continue;
        Fanout::Target target;
        target.side_tag = e.side_tag;
        if (IsChained(g_, consumer)) {
          SLUICE_RETURN_NOT_OK(BuildChain(task, consumer_id, &target.chained));
        } else {
          Partitioning p = EdgePartitioning(g_, consumer, e);
          std::vector<std::shared_ptr<Channel>> channels;
          std::vector<int> inputs;
          const auto& consumers = head_tasks_[consumer_id];
          if (p == Partitioning::kForward) {
            channels.push_back(consumers[task->subtask]->input);
            inputs.push_back(input_offset_[consumer_id][k]);
          } else {
            for (Task* ct : consumers) {
              channels.push_back(ct->input);
              inputs.push_back(input_offset_[consumer_id][k] + task->subtask);
            }
          }
          target.exchange = std::make_unique<ExchangeWriter>(p, consumer.key_columns, o_.max_parallelism, task->subtask,
                                                             std::move(channels), std::move(inputs));
        }
        self->output.targets.push_back(std::move(target));
      }
    }
    return Status::OK();
  }

  Status AssignSplits() {
    for (const auto& node : g_.nodes) {
      if (!node.source) continue;
      auto splits = node.source->CreateSplits(node.parallelism);
      if (!splits.ok()) return splits.status().WithContext("source '" + node.name + "'");
      std::vector<std::vector<SourceSplit>> assigned(node.parallelism);
      for (size_t j = 0; j < splits->size(); ++j) assigned[j % node.parallelism].push_back((*splits)[j]);
      if (restored_splits_.count(node.id)) assigned = restored_splits_[node.id];
      for (Task* t : head_tasks_[node.id]) {
        auto r = node.source->CreateReader(t->subtask, std::move(assigned[t->subtask]));
        if (!r.ok()) return r.status().WithContext("source '" + node.name + "'");
        t->reader = std::move(r).value();
      }
    }
    return Status::OK();
  }

  Status PollProcessingTime(Task* t) { return t->nodes[0]->ProcessingTime(clock_->NowMillis()); }

  Status RunSource(Task* t) {
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

  Status RunTask(Task* t) {
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

  // Hands every sink's final committables to its committer.
  Status CommitSinks() {
    for (const auto& node : g_.nodes) {
      if (!node.sink) continue;
      std::vector<std::string> all;
      for (const auto& t : tasks_) {
        for (const auto& ni : t->nodes) {
          if (ni->node == &node) all.insert(all.end(), ni->committables.begin(), ni->committables.end());
        }
      }
      Status st = node.sink->Commit(0, std::move(all));
      if (!st.ok()) return st.WithContext("sink '" + node.name + "' commit");
    }
    metrics_->OnCommitted(0, WallClockMs());
    return Status::OK();
  }

  const JobGraph& g_;
  const StreamOptions& o_;
  std::shared_ptr<const Clock> clock_;
  std::shared_ptr<MetricsRegistry> metrics_;
  JobState state_;
  std::vector<std::vector<int>> consumers_;
  std::vector<std::vector<Task*>> head_tasks_;
  std::vector<std::vector<int>> input_offset_;
  std::vector<std::unique_ptr<Task>> tasks_;
  std::unique_ptr<checkpoint::CheckpointCoordinator> coord_;
  std::map<int, std::vector<std::vector<SourceSplit>>> restored_splits_;
  int64_t first_barrier_ = 0;  // barriers up to this id were taken before this run
  std::atomic<bool> tasks_done_{false};
  std::atomic<bool> stopped_{false};
};

}  // namespace

Status RunJob(const JobGraph& graph, const StreamOptions& options) {
  if (!graph.build_error.ok()) return graph.build_error;
  if (options.max_parallelism <= 0 || options.batch_size <= 0) {
    return Status::Invalid("max_parallelism {} and batch_size {} must be positive", options.max_parallelism,
                           options.batch_size);
  }
  for (const auto& n : graph.nodes) {
    if (n.parallelism > options.max_parallelism) {
      return Status::Invalid("node '{}': parallelism {} > max parallelism {}", n.name, n.parallelism,
                             options.max_parallelism);
    }
  }
  Job job(graph, options);
  return job.Run();
}

}  // namespace sluice::stream::runtime
