#include "sluice/delta/txn/conflict_checker.h"

#include <algorithm>

#include "sluice/delta/log/commit_info.h"
#include "sluice/delta/schema/column_mapping.h"
#include "sluice/delta/snapshot/log_replay.h"

namespace sluice::delta {
namespace {

// "partition [a=1, b=null]", or "the table" when unpartitioned.
std::string PartitionText(const PartitionValues& values) {
  if (values.empty()) return "the table";
  std::string out = "partition [";
  bool first = true;
  for (const auto& [k, v] : values) {
    if (!first) out += ", ";
    first = false;
    out += k + "=" + v.value_or("null");
  }
  return out + "]";
}

// The partition of a removed file: the remove's own values, else those of
// the read snapshot's file (partitionValues is optional on removes).
PartitionValues PartitionOf(const Remove& r, const Add* read) {
  if (r.partition_values) return *r.partition_values;
  return read ? read->partition_values : PartitionValues{};
}

constexpr std::string_view kRetry = "Please try the operation again.";

}  // namespace

ConflictChecker::ConflictChecker(ConflictChecker&&) noexcept = default;
ConflictChecker& ConflictChecker::operator=(ConflictChecker&&) noexcept = default;
ConflictChecker::~ConflictChecker() = default;

Result<ConflictChecker> ConflictChecker::Make(TransactionFootprint footprint) {
  if (!footprint.read_snapshot) return Status::Invalid("conflict checks need the read snapshot");
  ConflictChecker c;
  const Snapshot& snap = *footprint.read_snapshot;
  if (!footprint.read_filters.empty()) {
    SLUICE_ASSIGN_OR_RETURN(ColumnMappingMode mode, GetColumnMappingMode(snap.protocol(), snap.metadata()));
    for (const expr::Expr& p : footprint.read_filters) {
      auto skipper = FileSkipper::Make(snap.schema(), snap.metadata().partition_columns, mode, p);
      if (!skipper.ok()) return skipper.status().WithContext("table " + snap.table_root() + ": read filter");
      c.filters_.push_back(std::move(*skipper));
    }
  }
  c.footprint_ = std::move(footprint);
  for (size_t i = 0; i < c.footprint_.removed_paths.size(); ++i) {
    c.removed_.emplace(c.Key(c.footprint_.removed_paths[i]), i);
  }
  return c;
}

std::string ConflictChecker::Key(const std::string& path) const {
  return CanonicalPath(path, footprint_.read_snapshot->table_root());
}

bool ConflictChecker::MatchesRead(const Add& file) const {
  if (footprint_.read_whole_table) return true;
  return std::any_of(filters_.begin(), filters_.end(), [&](const FileSkipper& f) { return f.MayMatch(file); });
}

const Add* ConflictChecker::ReadFile(const std::string& key) const {
  const std::vector<Add>& files = footprint_.read_snapshot->files();
  if (!read_files_) {
    read_files_.emplace();
    read_files_->reserve(files.size());
    for (size_t i = 0; i < files.size(); ++i) read_files_->emplace(Key(files[i].path), i);
  }
  auto it = read_files_->find(key);
  return it == read_files_->end() ? nullptr : &files[it->second];
}

bool ConflictChecker::IsBlindAppend(const std::vector<Action>& actions) {
  for (const Action& a : actions) {
    if (std::holds_alternative<Metadata>(a)) return false;
    if (const Remove* r = std::get_if<Remove>(&a); r != nullptr && r->data_change) return false;
    if (const CommitInfo* ci = std::get_if<CommitInfo>(&a); ci != nullptr && CommitInfoIsBlindAppend(*ci) == false) {
      return false;
    }
  }
  return true;
}

Status ConflictChecker::Check(int64_t version, const std::vector<Action>& actions) const {
  const std::string& root = footprint_.read_snapshot->table_root();
  const bool declared_reads = footprint_.read_whole_table || !filters_.empty();
  // Rules 1 and 2 win over the rest, whatever the order of actions.
  for (const Action& a : actions) {
    if (std::holds_alternative<Protocol>(a)) {
      return Status::Conflict(
          "ProtocolChangedException: the protocol of table {} was changed by a concurrent commit (winning version "
          "{}). {}",
          root, version, kRetry);
    }
  }
  for (const Action& a : actions) {
    if (std::holds_alternative<Metadata>(a)) {
      return Status::Conflict(
          "MetadataChangedException: the metadata of table {} was changed by a concurrent commit (winning version "
          "{}). {}",
          root, version, kRetry);
    }
  }
  if (declared_reads && !IsBlindAppend(actions)) {
    for (const Action& a : actions) {
      const Add* add = std::get_if<Add>(&a);
      if (add == nullptr || !add->data_change || !MatchesRead(*add)) continue;
      return Status::Conflict(
          "ConcurrentAppendException: files were added to {} of table {} by a concurrent commit (winning version {}, "
          "file {}). {}",
          PartitionText(add->partition_values), root, version, add->path, kRetry);
    }
  }
  if (declared_reads) {
    for (const Action& a : actions) {
      const Remove* r = std::get_if<Remove>(&a);
      if (r == nullptr || !r->data_change) continue;
      const Add* read = ReadFile(Key(r->path));
      // Reading the whole table depends even on files added after our read
      // (by a blind append we let pass) and removed now.
      if (!footprint_.read_whole_table && (read == nullptr || !MatchesRead(*read))) continue;
      return Status::Conflict(
          "ConcurrentDeleteReadException: a file read by this transaction was deleted by a concurrent commit to "
          "table {} (winning version {}, file {} in {}). {}",
          root, version, r->path, PartitionText(PartitionOf(*r, read)), kRetry);
    }
  }
  if (!removed_.empty()) {
    for (const Action& a : actions) {
      const Remove* r = std::get_if<Remove>(&a);
      if (r == nullptr || !removed_.contains(Key(r->path))) continue;
      const Add* read = ReadFile(Key(r->path));
      return Status::Conflict(
          "ConcurrentDeleteDeleteException: a file deleted by this transaction was also deleted by a concurrent "
          "commit to table {} (winning version {}, file {} in {}). {}",
          root, version, r->path, PartitionText(PartitionOf(*r, read)), kRetry);
    }
  }
  for (const Action& a : actions) {
    if (const Txn* t = std::get_if<Txn>(&a)) {
      const auto& ids = footprint_.app_ids;
      if (std::find(ids.begin(), ids.end(), t->app_id) == ids.end()) continue;
      return Status::Conflict(
          "ConcurrentTransactionException: a concurrent commit to table {} (winning version {}) recorded a txn for "
          "application id '{}', which this transaction records too. {}",
          root, version, t->app_id, kRetry);
    }
    if (const DomainMetadata* d = std::get_if<DomainMetadata>(&a)) {
      const auto& domains = footprint_.domains;
      if (std::find(domains.begin(), domains.end(), d->domain) == domains.end()) continue;
      return Status::Conflict(
          "ConcurrentTransactionException: a concurrent commit to table {} (winning version {}) changed the domain "
          "metadata of domain '{}', which this transaction changes too. {}",
          root, version, d->domain, kRetry);
    }
  }
  return Status::OK();
}

}  // namespace sluice::delta
