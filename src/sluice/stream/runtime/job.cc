#include "sluice/stream/runtime/job.h"

#include <thread>

#include "sluice/common/clock.h"
#include "sluice/stream/state/rocksdb_state_backend.h"

namespace sluice::stream::runtime {
namespace {

// Whether node `to` is chained to its only input (a direct call, same thread).
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

}  // namespace

Job::Job(const JobGraph& g, const StreamOptions& o, JobControl* control) : g_(g), o_(o), control_(control) {
  clock_ = o.clock ? o.clock : std::make_shared<SystemClock>();
  metrics_ = o.metrics ? o.metrics : std::make_shared<MetricsRegistry>();
}

Status Job::Run() {
  SLUICE_RETURN_NOT_OK(Plan());
  std::vector<std::thread> threads;
  for (auto& t : tasks_) {
    threads.emplace_back([this, task = t.get()] {
      Status st = task->reader ? RunSource(task) : RunTask(task);
      if (!st.ok() && !stopped_) state_.Fail(st);
    });
  }
  std::thread trigger;
  if (coord_ || control_) trigger = std::thread([this] { TriggerLoop(); });
  for (auto& th : threads) th.join();
  tasks_done_ = true;
  if (trigger.joinable()) trigger.join();
  if (stopped_) return Status::OK();
  if (!state_.failure.ok()) return state_.failure;
  if (coord_) return coord_->CompleteFinal().status();
  return CommitSinks();
}

Status Job::Plan() {
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

Status Job::BuildChain(Task* task, int id, NodeInstance** out) {
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
        target.exchange->set_metrics(self->metrics);
      }
      self->output.targets.push_back(std::move(target));
    }
  }
  return Status::OK();
}

Status Job::AssignSplits() {
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

Status Job::CommitSinks() {
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
  metrics_->OnCommitted(0, WallMillis());
  return Status::OK();
}

}  // namespace sluice::stream::runtime
