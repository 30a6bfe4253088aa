#include "sluice/delta/snapshot/snapshot.h"

#include "sluice/delta/checkpoint/checkpoint_reader.h"
#include "sluice/delta/log/last_checkpoint.h"
#include "sluice/delta/log/log_json.h"
#include "sluice/delta/log/log_segment.h"
#include "sluice/delta/log/log_segment_timestamps.h"
#include "sluice/delta/snapshot/log_replay.h"

namespace sluice::delta {
namespace {

std::string NormalizeRoot(const std::string& root) {
  std::string r = root.starts_with("file://") ? root.substr(7) : root;
  while (r.size() > 1 && r.back() == '/') r.pop_back();
  return r;
}

// Reads `_delta_log/_last_checkpoint`; nullopt when absent or unreadable.
// It is only a hint (PROTOCOL.md "Last Checkpoint File"): a corrupt one is
// ignored (golden corrupted-last-checkpoint*, delta-rs
// table_failed_last_checkpoint_update).
std::optional<LastCheckpoint> ReadLastCheckpointHint(const io::FileSystem& fs, const std::string& log_dir) {
  auto bytes = fs.ReadAll(log_dir + "/_last_checkpoint");
  if (!bytes.ok()) return std::nullopt;
  std::string_view text(reinterpret_cast<const char*>((*bytes)->data()), (*bytes)->size());
  auto hint = ParseLastCheckpoint(text, log_dir + "/_last_checkpoint");
  if (!hint.ok()) return std::nullopt;
  return std::move(*hint);
}

// Checks the _last_checkpoint hint against the listing. The listing stays the
// authority: a hint pointing at a missing checkpoint is ignored; a valid one
// picks which checkpoint to use when several exist at its version (parts
// count, V2 file).
void ApplyLastCheckpointHint(const std::optional<LastCheckpoint>& hint, LogListing* listing) {
  if (!hint || !listing->has_last_checkpoint) return;
  auto matches = [&](const CheckpointFiles& cp) {
    if (cp.version != hint->version) return false;
    if (hint->v2_path) return cp.kind == CheckpointKind::kV2 && cp.files[0].path.ends_with("/" + *hint->v2_path);
    if (hint->parts) return cp.kind == CheckpointKind::kMultiPart && cp.files.size() == size_t(*hint->parts);
    return cp.kind != CheckpointKind::kMultiPart;
  };
  auto& cps = listing->checkpoints;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (!matches(cps[i])) continue;
    // Move the hinted checkpoint last among those of its version, where
    // BuildLogSegment looks first.
    size_t end = i;
    while (end + 1 < cps.size() && cps[end + 1].version == cps[i].version) ++end;
    std::swap(cps[i], cps[end]);
    return;
  }
}

bool IsCheckpointCorrupt(const Status& st) {
  return st.code() == StatusCode::kCorrupt && st.message().find(".checkpoint.") != std::string::npos;
}

Result<std::vector<Action>> ParseCommit(const io::FileSystem& fs, const LogFile& commit) {
  SLUICE_ASSIGN_OR_RETURN(BufferPtr bytes, fs.ReadAll(commit.path));
  std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
  return ParseLogJson(text, commit.path);
}

// The inCommitTimestamp of a commit's commitInfo, if any.
std::optional<int64_t> InCommitTimestamp(const std::vector<Action>& actions) {
  std::optional<int64_t> ict;
  for (const Action& a : actions) {
    if (const CommitInfo* ci = std::get_if<CommitInfo>(&a)) ict = ci->in_commit_timestamp;
  }
  return ict;
}

Result<SnapshotPtr> Replay(const std::shared_ptr<io::FileSystem>& fs, const std::string& root, const LogSegment& seg) {
  LogReplay replay(root);
  std::optional<int64_t> ict;
  if (seg.checkpoint) {
    // The commits after a checkpoint are few: parse them first, so that the
    // vector the checkpoint's adds are built in has room for theirs too
    // (growing it would move every checkpoint add).
    std::vector<std::vector<Action>> commits;
    commits.reserve(seg.commits.size());
    CheckpointActions actions;
    for (const LogFile& c : seg.commits) {
      SLUICE_ASSIGN_OR_RETURN(std::vector<Action> parsed, ParseCommit(*fs, c));
      for (const Action& a : parsed) actions.extra_adds += std::holds_alternative<Add>(a);
      commits.push_back(std::move(parsed));
    }
    SLUICE_RETURN_NOT_OK(ReadCheckpoint(*fs, seg.log_dir, *seg.checkpoint, &actions));
    replay.ApplyCheckpoint(std::move(actions));
    for (std::vector<Action>& c : commits) {
      ict = InCommitTimestamp(c);
      replay.Apply(std::move(c));
    }
  } else {
    for (const LogFile& c : seg.commits) {
      SLUICE_ASSIGN_OR_RETURN(std::vector<Action> actions, ParseCommit(*fs, c));
      ict = InCommitTimestamp(actions);
      replay.Apply(std::move(actions));
    }
  }
  // The version's timestamp: its inCommitTimestamp when enabled, else the
  // commit file's (or, with only a checkpoint left, the checkpoint's) mtime.
  int64_t ts = seg.checkpoint ? seg.checkpoint->files[0].modification_time_ms : 0;
  if (seg.version_commit) {
    ts = seg.version_commit->modification_time_ms;
    const InCommitTimestampConfig cfg =
        replay.metadata() ? GetInCommitTimestampConfig(*replay.metadata()) : InCommitTimestampConfig{};
    if (cfg.enabled && seg.version >= cfg.enablement_version) {
      if (seg.commits.empty()) {
        SLUICE_ASSIGN_OR_RETURN(ict, ReadInCommitTimestamp(*fs, *seg.version_commit));
      }
      if (ict) ts = *ict;
    }
  }
  return std::move(replay).Finish(fs, seg.version, ts);
}

}  // namespace

std::optional<int64_t> Snapshot::TxnVersion(const std::string& app_id) const {
  auto it = txns_.find(app_id);
  if (it == txns_.end()) return std::nullopt;
  return it->second.version;
}

Result<SnapshotPtr> LoadSnapshot(std::shared_ptr<io::FileSystem> fs, const std::string& table_root,
                                 const VersionSpec& spec) {
  if (spec.version && spec.timestamp_ms) {
    return Status::Invalid("table {}: give a version or a timestamp, not both", table_root);
  }
  const std::string root = NormalizeRoot(table_root);
  const std::optional<LastCheckpoint> hint = ReadLastCheckpointHint(*fs, root + "/_delta_log");
  // With a hint, list only from its version on, as delta-kernel does: older
  // commits are not replayed, and a local listing then skips a stat per file
  // (10k of them cost more than reading a 100k-file checkpoint's paths). A
  // newer checkpoint than the hint is still found. Anything unexpected (the
  // hinted checkpoint missing or corrupt, an older version asked for) falls
  // back to the full listing below.
  if (hint && !spec.timestamp_ms && (!spec.version || *spec.version >= hint->version)) {
    auto partial = ListLog(*fs, root, hint->version);
    if (partial.ok()) {
      ApplyLastCheckpointHint(hint, &*partial);
      auto seg = BuildLogSegment(*partial, spec.version);
      if (seg.ok() && seg->checkpoint && seg->checkpoint->version >= hint->version) {
        auto snap = Replay(fs, root, *seg);
        if (snap.ok() || !IsCheckpointCorrupt(snap.status())) return snap;
      }
    }
  }
  SLUICE_ASSIGN_OR_RETURN(LogListing listing, ListLog(*fs, root));
  ApplyLastCheckpointHint(hint, &listing);
  std::optional<int64_t> version = spec.version;
  if (spec.timestamp_ms) {
    // In-commit timestamps are configured by the latest metadata.
    SLUICE_ASSIGN_OR_RETURN(LogSegment latest, BuildLogSegment(listing, std::nullopt));
    SLUICE_ASSIGN_OR_RETURN(SnapshotPtr snap, Replay(fs, root, latest));
    const InCommitTimestampConfig ict = GetInCommitTimestampConfig(snap->metadata());
    SLUICE_ASSIGN_OR_RETURN(int64_t v, VersionAtTimestamp(*fs, listing, ict, *spec.timestamp_ms));
    if (v == snap->version()) return snap;
    version = v;
  }
  SLUICE_ASSIGN_OR_RETURN(LogSegment seg, BuildLogSegment(listing, version));
  auto snap = Replay(fs, root, seg);
  // A checkpoint that cannot be read (e.g. a torn write) is skipped in favour
  // of an older one or the commits themselves, when those rebuild the version.
  while (!snap.ok() && seg.checkpoint && IsCheckpointCorrupt(snap.status())) {
    const int64_t bad = seg.checkpoint->version;
    std::erase_if(listing.checkpoints, [&](const CheckpointFiles& cp) { return cp.version == bad; });
    auto retry = BuildLogSegment(listing, seg.version);
    if (!retry.ok()) break;
    seg = std::move(*retry);
    auto again = Replay(fs, root, seg);
    if (again.ok() || again.status().message().find(".checkpoint.") == std::string::npos) {
      snap = std::move(again);
      break;
    }
  }
  return snap;
}

}  // namespace sluice::delta
