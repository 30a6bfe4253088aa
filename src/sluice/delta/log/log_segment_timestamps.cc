#include "sluice/delta/log/log_segment_timestamps.h"

#include <charconv>

#include "sluice/delta/log/log_json.h"

namespace sluice::delta {
namespace {

std::optional<int64_t> ConfigInt(const Metadata& metadata, const std::string& key) {
  auto it = metadata.configuration.find(key);
  if (it == metadata.configuration.end()) return std::nullopt;
  int64_t v = 0;
  const char* end = it->second.data() + it->second.size();
  auto [p, ec] = std::from_chars(it->second.data(), end, v);
  if (ec != std::errc() || p != end) return std::nullopt;
  return v;
}

}  // namespace

InCommitTimestampConfig GetInCommitTimestampConfig(const Metadata& metadata) {
  InCommitTimestampConfig c;
  auto it = metadata.configuration.find("delta.enableInCommitTimestamps");
  c.enabled = it != metadata.configuration.end() && it->second == "true";
  if (!c.enabled) return c;
  c.enablement_version = ConfigInt(metadata, "delta.inCommitTimestampEnablementVersion").value_or(0);
  c.enablement_timestamp = ConfigInt(metadata, "delta.inCommitTimestampEnablementTimestamp");
  return c;
}

Result<std::optional<int64_t>> ReadInCommitTimestamp(const io::FileSystem& fs, const LogFile& commit) {
  SLUICE_ASSIGN_OR_RETURN(BufferPtr bytes, fs.ReadAll(commit.path));
  std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
  // With in-commit timestamps on, commitInfo is the first action of the commit.
  const size_t nl = text.find('\n');
  SLUICE_ASSIGN_OR_RETURN(std::vector<Action> actions,
                          ParseLogJson(nl == std::string_view::npos ? text : text.substr(0, nl), commit.path));
  for (const Action& a : actions) {
    if (const CommitInfo* ci = std::get_if<CommitInfo>(&a)) return ci->in_commit_timestamp;
  }
  return std::optional<int64_t>();
}

Result<int64_t> CommitTimestamp(const io::FileSystem& fs, const LogFile& commit, const InCommitTimestampConfig& ict) {
  if (ict.enabled && commit.version >= ict.enablement_version) {
    SLUICE_ASSIGN_OR_RETURN(std::optional<int64_t> ts, ReadInCommitTimestamp(fs, commit));
    if (ts) return *ts;
  }
  return commit.modification_time_ms;
}

Result<int64_t> VersionAtTimestamp(const io::FileSystem& fs, const LogListing& listing,
                                   const InCommitTimestampConfig& ict, int64_t timestamp_ms) {
  const std::vector<LogFile>& commits = listing.commits;
  if (commits.empty()) return Status::NotFound("{}: no commit files to resolve a timestamp", listing.log_dir);
  // Commits from the enablement version on carry monotonic inCommitTimestamps:
  // binary search them when the timestamp falls in their range.
  size_t first_ict = commits.size();
  if (ict.enabled) {
    for (size_t i = 0; i < commits.size(); ++i) {
      if (commits[i].version >= ict.enablement_version) {
        first_ict = i;
        break;
      }
    }
  }
  if (first_ict < commits.size()) {
    SLUICE_ASSIGN_OR_RETURN(int64_t first_ts, CommitTimestamp(fs, commits[first_ict], ict));
    if (timestamp_ms >= first_ts) {
      size_t lo = first_ict, hi = commits.size() - 1;  // invariant: ts(lo) <= t
      while (lo < hi) {
        const size_t mid = lo + (hi - lo + 1) / 2;
        SLUICE_ASSIGN_OR_RETURN(int64_t ts, CommitTimestamp(fs, commits[mid], ict));
        if (ts <= timestamp_ms)
          lo = mid;
        else
          hi = mid - 1;
      }
      return commits[lo].version;
    }
  }
  // Modification times, made monotonic (a commit is never earlier than the
  // one before it), as Spark's DeltaHistoryManager does.
  int64_t found = -1;
  int64_t prev = INT64_MIN;
  for (size_t i = 0; i < first_ict; ++i) {
    const int64_t ts = std::max(commits[i].modification_time_ms, prev == INT64_MIN ? prev : prev + 1);
    prev = ts;
    if (ts > timestamp_ms) break;
    found = commits[i].version;
  }
  if (found < 0) {
    SLUICE_ASSIGN_OR_RETURN(int64_t earliest, CommitTimestamp(fs, commits[0], ict));
    return Status::Invalid("{}: timestamp {} ms is before the earliest available commit (version {} at {} ms)",
                           listing.log_dir, timestamp_ms, commits[0].version, earliest);
  }
  return found;
}

}  // namespace sluice::delta
