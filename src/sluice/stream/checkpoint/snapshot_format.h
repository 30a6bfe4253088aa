#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/stream/api/source.h"

namespace sluice::stream::checkpoint {

// Keyed state and timers of one key group, as written by the backends.
struct KeyGroupSnapshot {
  int key_group = 0;
  std::string state;   // KeyedStateBackend::SnapshotKeyGroup
  std::string timers;  // TimerService::SnapshotKeyGroup
};

// What one operator subtask writes at a checkpoint (file chk-<n>/<node>-<subtask>).
struct SubtaskSnapshot {
  std::string operator_state;       // Operator::SnapshotState (non-keyed)
  std::vector<SourceSplit> splits;  // source heads: reader positions
  std::vector<KeyGroupSnapshot> key_groups;
};

// One state file of a checkpoint.
struct StateFileEntry {
  std::string node;  // stable node key, "<id>-<name>"
  int subtask = 0;
  int parallelism = 1;
  std::string file;  // name inside the checkpoint directory
};

// Committables of one sink node for this checkpoint.
struct SinkCommittables {
  std::string node;
  std::vector<std::string> committables;
};

// chk-<n>/_metadata: written last and atomically; its presence makes the
// checkpoint complete. Holds the sink committables so a restore can re-run
// a commit that was interrupted.
struct CheckpointMetadata {
  int64_t checkpoint_id = 0;
  bool savepoint = false;
  std::vector<StateFileEntry> files;
  std::vector<SinkCommittables> sinks;
};

// Serializes / parses a subtask snapshot; Decode reports Corrupt with the offset.
std::string EncodeSubtaskSnapshot(const SubtaskSnapshot& s);
Result<SubtaskSnapshot> DecodeSubtaskSnapshot(std::string_view in);
// Serializes / parses checkpoint metadata.
std::string EncodeMetadata(const CheckpointMetadata& m);
Result<CheckpointMetadata> DecodeMetadata(std::string_view in);

}  // namespace sluice::stream::checkpoint
