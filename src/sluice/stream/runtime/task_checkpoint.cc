// NodeInstance's checkpoint hooks: snapshot at a barrier, restore, notify.
#include "sluice/stream/checkpoint/checkpoint_storage.h"
#include "sluice/stream/runtime/task.h"

namespace sluice::stream::runtime {

Status NodeInstance::Checkpoint(int64_t id, SourceReader* reader) {
  checkpoint::SubtaskSnapshot snap;
  bool has_state = false;
  if (reader) {
    snap.splits = reader->SnapshotSplits();
    has_state = true;
  }
  if (op) {
    SLUICE_RETURN_NOT_OK(Wrap(op->SnapshotState(id, &snap.operator_state)));
    has_state = has_state || !snap.operator_state.empty();
  }
  if (state) {
    has_state = true;
    for (int kg = ctx.key_groups.start; kg < ctx.key_groups.end; ++kg) {
      checkpoint::KeyGroupSnapshot g;
      g.key_group = kg;
      SLUICE_RETURN_NOT_OK(Wrap(state->SnapshotKeyGroup(kg, &g.state)));
      if (timers) timers->SnapshotKeyGroup(kg, &g.timers);
      if (!g.state.empty() || !g.timers.empty()) snap.key_groups.push_back(std::move(g));
    }
  }
  std::vector<std::string> prepared;
  if (writer && metrics) {
    metrics->barrier_watermark.store(metrics->watermark.load(std::memory_order_relaxed), std::memory_order_relaxed);
  }
  if (writer) {
    auto c = writer->PrepareCommit(id);
    if (!c.ok()) return Wrap(c.status());
    prepared = std::move(c).value();
  }
  checkpoint::StateFileEntry entry;
  if (has_state) {
    entry.node = node_key;
    entry.subtask = ctx.subtask;
    entry.parallelism = ctx.parallelism;
    entry.file = node_key + "-" + std::to_string(ctx.subtask);
    Status st = checkpoint::WriteFileAtomic(coordinator->DirFor(id) + "/" + entry.file,
                                            checkpoint::EncodeSubtaskSnapshot(snap));
    if (!st.ok()) return Wrap(st);
  }
  SLUICE_RETURN_NOT_OK(
      coordinator->Acknowledge(id, instance, std::move(entry), writer ? node_key : std::string(), std::move(prepared)));
  for (auto& t : output.targets) {
    if (t.chained) {
      SLUICE_RETURN_NOT_OK(t.chained->Checkpoint(id, nullptr));
    } else {
      SLUICE_RETURN_NOT_OK(t.exchange->Broadcast(StreamElement::Kind::kBarrier, id));
    }
  }
  return Status::OK();
}

Status NodeInstance::Restore(const std::vector<const checkpoint::SubtaskSnapshot*>& snapshots,
                             const checkpoint::SubtaskSnapshot* same_subtask) {
  if (op && same_subtask && !same_subtask->operator_state.empty()) {
    SLUICE_RETURN_NOT_OK(Wrap(op->RestoreState(same_subtask->operator_state)));
  }
  if (!state) return Status::OK();
  // Key groups are redistributed: take every group this subtask now owns,
  // whichever old subtask wrote it.
  for (const checkpoint::SubtaskSnapshot* s : snapshots) {
    for (const auto& g : s->key_groups) {
      if (!ctx.key_groups.Contains(g.key_group)) continue;
      if (!g.state.empty()) SLUICE_RETURN_NOT_OK(Wrap(state->RestoreKeyGroup(g.key_group, g.state)));
      if (timers && !g.timers.empty()) SLUICE_RETURN_NOT_OK(Wrap(timers->RestoreKeyGroup(g.timers)));
    }
  }
  return Status::OK();
}

Status NodeInstance::NotifyComplete(int64_t id) {
  if (op) SLUICE_RETURN_NOT_OK(Wrap(op->NotifyCheckpointComplete(id)));
  for (auto& t : output.targets) {
    if (t.chained) SLUICE_RETURN_NOT_OK(t.chained->NotifyComplete(id));
  }
  return Status::OK();
}

}  // namespace sluice::stream::runtime
