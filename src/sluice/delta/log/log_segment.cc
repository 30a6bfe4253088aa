#include "sluice/delta/log/log_segment.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace sluice::delta {
namespace {

constexpr size_t kVersionDigits = 20;

// Parses exactly `n` decimal digits at the front of `s`; -1 when not digits or
// the value does not fit an int64.
int64_t ParseDigits(std::string_view s, size_t n) {
  if (s.size() < n) return -1;
  int64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return -1;
    if (v > (INT64_MAX - (c - '0')) / 10) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

LogFileName ParseLogFileName(std::string_view name) {
  LogFileName out;
  const int64_t version = ParseDigits(name, kVersionDigits);
  if (version < 0 || name.size() == kVersionDigits || name[kVersionDigits] != '.') return out;
  std::string_view rest = name.substr(kVersionDigits + 1);
  out.version = version;
  if (rest == "json") {
    out.kind = LogFileName::kCommit;
    return out;
  }
  // X.Y.compacted.json: log compaction of commits X..Y.
  const int64_t end = ParseDigits(rest, kVersionDigits);
  if (end >= 0 && rest.substr(kVersionDigits) == ".compacted.json") {
    out.kind = LogFileName::kCompaction;
    out.end_version = end;
    return out;
  }
  if (!rest.starts_with("checkpoint.")) {
    out.kind = LogFileName::kOther;
    return out;
  }
  rest.remove_prefix(11);
  if (rest == "parquet") {
    out.kind = LogFileName::kClassicCheckpoint;
    return out;
  }
  // N.checkpoint.K.M.parquet with 10-digit K and M.
  const int64_t part = ParseDigits(rest, 10);
  const int64_t parts = rest.size() > 11 ? ParseDigits(rest.substr(11), 10) : -1;
  if (part >= 1 && parts >= part && parts <= INT32_MAX && rest.size() == 29 && rest[10] == '.' &&
      rest.substr(21) == ".parquet") {
    out.kind = LogFileName::kMultiPartCheckpoint;
    out.part = static_cast<int32_t>(part);
    out.num_parts = static_cast<int32_t>(parts);
    return out;
  }
  // N.checkpoint.<uuid>.json|parquet (V2).
  const size_t dot = rest.find('.');
  if (dot != std::string_view::npos && dot > 0 && (rest.substr(dot) == ".json" || rest.substr(dot) == ".parquet")) {
    out.kind = LogFileName::kV2Checkpoint;
    return out;
  }
  out.kind = LogFileName::kOther;
  return out;
}

std::string CommitFileName(int64_t version) { return fmt::format("{:020}.json", version); }

Result<LogListing> ListLog(const io::FileSystem& fs, const std::string& table_root,
                           std::optional<int64_t> from_version) {
  LogListing listing;
  listing.log_dir = table_root + "/_delta_log";
  // Log file names start with the zero-padded version, so they sort by
  // version; "_last_checkpoint" sorts after every digit.
  auto entries = from_version ? fs.ListFrom(listing.log_dir, fmt::format("{:020}", std::max<int64_t>(*from_version, 0)))
                              : fs.List(listing.log_dir);
  if (!entries.ok()) {
    if (entries.status().code() == StatusCode::kNotFound) {
      return Status::NotFound("{}: not a Delta table (no _delta_log folder)", table_root);
    }
    return entries.status();
  }
  // Multi-part checkpoints grouped by (version, number of parts).
  std::map<std::pair<int64_t, int32_t>, std::vector<LogFile>> multi;
  std::vector<CheckpointFiles> single;
  for (io::FileInfo& e : *entries) {
    if (e.is_dir) continue;
    const std::string_view name = BaseName(e.path);
    if (name == "_last_checkpoint") {
      listing.has_last_checkpoint = true;
      continue;
    }
    const LogFileName n = ParseLogFileName(name);
    LogFile f{std::move(e.path), n.version, e.size, e.modification_time_ms};
    switch (n.kind) {
      case LogFileName::kCommit:
        listing.commits.push_back(std::move(f));
        break;
      case LogFileName::kClassicCheckpoint:
        single.push_back({n.version, CheckpointKind::kClassic, {std::move(f)}});
        break;
      case LogFileName::kV2Checkpoint:
        single.push_back({n.version, CheckpointKind::kV2, {std::move(f)}});
        break;
      case LogFileName::kMultiPartCheckpoint: {
        auto& parts = multi[{n.version, n.num_parts}];
        if (parts.size() == static_cast<size_t>(n.part - 1)) parts.push_back(std::move(f));  // sorted names
        break;
      }
      default:
        break;  // .crc, compaction files (replaying the commits is equivalent), temp files
    }
  }
  listing.checkpoints = std::move(single);
  for (auto& [key, parts] : multi) {
    // Usable only when every part is present (PROTOCOL.md "Multi-part checkpoint").
    if (parts.size() == static_cast<size_t>(key.second)) {
      listing.checkpoints.push_back({key.first, CheckpointKind::kMultiPart, std::move(parts)});
    }
  }
  auto by_version = [](const auto& a, const auto& b) { return a.version < b.version; };
  std::sort(listing.commits.begin(), listing.commits.end(), by_version);
  std::stable_sort(listing.checkpoints.begin(), listing.checkpoints.end(), by_version);
  return listing;
}

Result<LogSegment> BuildLogSegment(const LogListing& listing, std::optional<int64_t> version) {
  if (listing.commits.empty() && listing.checkpoints.empty()) {
    return Status::NotFound("{}: no commit or checkpoint files (empty Delta log)", listing.log_dir);
  }
  int64_t latest = -1;
  if (!listing.commits.empty()) latest = listing.commits.back().version;
  if (!listing.checkpoints.empty()) latest = std::max(latest, listing.checkpoints.back().version);
  const int64_t target = version.value_or(latest);
  if (target < 0) return Status::Invalid("{}: invalid version {}", listing.log_dir, target);
  if (target > latest) {
    return Status::NotFound("{}: version {} does not exist (latest version is {})", listing.log_dir, target, latest);
  }
  LogSegment seg;
  seg.log_dir = listing.log_dir;
  seg.version = target;
  for (auto it = listing.checkpoints.rbegin(); it != listing.checkpoints.rend(); ++it) {
    if (it->version <= target) {
      seg.checkpoint = *it;
      break;
    }
  }
  const int64_t start = seg.checkpoint ? seg.checkpoint->version + 1 : 0;
  int64_t expected = start;
  for (const LogFile& c : listing.commits) {
    if (c.version == target) seg.version_commit = c;
    if (c.version < start || c.version > target) continue;
    if (c.version != expected) {
      if (expected == 0 && !seg.checkpoint) {
        return Status::NotFound(
            "{}: version {} cannot be reconstructed: the earliest commit is {} and no checkpoint at or before {} "
            "exists",
            listing.log_dir, target, c.version, target);
      }
      return Status::Corrupt("{}: versions not contiguous: commit file {} for version {} is missing", listing.log_dir,
                             CommitFileName(expected), expected);
    }
    seg.commits.push_back(c);
    ++expected;
  }
  if (expected != target + 1) {
    if (expected == 0 && !seg.checkpoint) {
      return Status::NotFound("{}: version {} cannot be reconstructed: no commit file and no checkpoint for it",
                              listing.log_dir, target);
    }
    return Status::Corrupt("{}: versions not contiguous: commit file {} for version {} is missing", listing.log_dir,
                           CommitFileName(expected), expected);
  }
  return seg;
}

}  // namespace sluice::delta
