#include "sluice/delta/txn/transaction.h"

#include <chrono>
#include <cstdio>

#include "sluice/common/clock.h"
#include "sluice/common/log.h"
#include "sluice/common/uuid.h"
#include "sluice/delta/checkpoint/checkpoint_writer.h"
#include "sluice/delta/log/commit_info.h"
#include "sluice/delta/log/log_json.h"
#include "sluice/delta/log/log_segment.h"
#include "sluice/delta/protocol/table_config.h"
#include "sluice/delta/protocol/table_features.h"
#include "sluice/delta/txn/conflict_checker.h"
#include "sluice/delta/txn/transaction_checks.h"

namespace sluice::delta {

struct Transaction::Impl {
  std::shared_ptr<io::FileSystem> fs;
  std::string table_root;
  SnapshotPtr read_snapshot;
  int64_t read_version = -1;
  bool read_whole_table = false;
  std::vector<expr::Expr> read_filters;
  std::optional<Protocol> protocol;
  std::optional<Metadata> metadata;
  std::vector<Add> adds;
  std::vector<Remove> removes;
  std::map<std::string, int64_t> txns;            // app id -> version (the last SetTxn wins)
  std::map<std::string, DomainMetadata> domains;  // by domain (the last set wins)
  bool commit_called = false;

  bool creating() const { return read_snapshot == nullptr; }
  std::string log_dir() const { return table_root + "/_delta_log"; }
  const Protocol& effective_protocol() const { return protocol ? *protocol : read_snapshot->protocol(); }
  const Metadata& effective_metadata() const { return metadata ? *metadata : read_snapshot->metadata(); }

  // The actions of the commit file, commitInfo first, then Spark's order.
  Result<std::vector<Action>> BuildActions(const CommitOptions& options, int64_t now_ms) const;
  // Conflict when the table exists already (any commit or checkpoint listed).
  Status CheckAbsent() const;
  // Writes a checkpoint at `version` when the interval says so; never fails.
  bool MaybeCheckpoint(int64_t version) const;
};

namespace {}  // namespace

Result<std::vector<Action>> Transaction::Impl::BuildActions(const CommitOptions& options, int64_t now_ms) const {
  std::vector<Action> actions;
  actions.reserve(3 + txns.size() + domains.size() + removes.size() + adds.size());
  CommitInfoFields info;
  info.timestamp_ms = now_ms;
  info.operation = options.operation;
  info.operation_parameters = options.operation_parameters;
  if (!creating()) info.read_version = read_version;
  // Spark: a commit is a blind append when it only adds files and read none.
  info.is_blind_append = removes.empty() && !read_whole_table && read_filters.empty();
  info.operation_metrics = options.operation_metrics;
  info.txn_id = RandomUuid();
  SLUICE_ASSIGN_OR_RETURN(CommitInfo ci, MakeCommitInfo(info));
  actions.emplace_back(std::move(ci));
  if (protocol) actions.emplace_back(*protocol);
  if (metadata) {
    Metadata m = *metadata;
    if (creating() && !m.created_time) m.created_time = now_ms;
    actions.emplace_back(std::move(m));
  }
  for (const auto& [app_id, version] : txns) actions.emplace_back(Txn{app_id, version, now_ms});
  for (const auto& [domain, d] : domains) actions.emplace_back(d);
  for (const Remove& r : removes) {
    Remove copy = r;
    if (!copy.deletion_timestamp) copy.deletion_timestamp = now_ms;
    actions.emplace_back(std::move(copy));
  }
  for (const Add& a : adds) actions.emplace_back(a);
  return actions;
}

Status Transaction::Impl::CheckAbsent() const {
  auto listing = ListLog(*fs, table_root);
  if (!listing.ok()) {
    if (listing.status().code() == StatusCode::kNotFound) return Status::OK();
    return listing.status();
  }
  if (!listing->commits.empty() || !listing->checkpoints.empty()) {
    return Status::Conflict("table {} already exists", table_root);
  }
  return Status::OK();
}

bool Transaction::Impl::MaybeCheckpoint(int64_t version) const {
  if (version <= 0) return false;
  // A failed checkpoint only costs readers time: the commit stands.
  Status st;
  auto interval = CheckpointInterval(effective_metadata());
  if (interval.ok()) {
    if (version % *interval != 0) return false;
    VersionSpec spec;
    spec.version = version;
    auto snapshot = LoadSnapshot(fs, table_root, spec);
    st = snapshot.ok() ? WriteCheckpoint(**snapshot) : snapshot.status();
  } else {
    st = interval.status();
  }
  if (!st.ok()) {
    log::Warning("table {}: checkpoint at version {} failed: {}", table_root, version, st.ToString());
    return false;
  }
  return true;
}

Result<std::unique_ptr<Transaction>> Transaction::Begin(SnapshotPtr read_snapshot) {
  if (!read_snapshot) return Status::Invalid("Transaction::Begin needs a snapshot");
  SLUICE_RETURN_NOT_OK(
      CheckWriteSupported(read_snapshot->protocol(), read_snapshot->metadata(), read_snapshot->table_root()));
  std::unique_ptr<Transaction> txn(new Transaction());
  txn->impl_ = std::make_unique<Impl>();
  txn->impl_->fs = read_snapshot->fs();
  txn->impl_->table_root = read_snapshot->table_root();
  txn->impl_->read_version = read_snapshot->version();
  txn->impl_->read_snapshot = std::move(read_snapshot);
  return txn;
}

std::unique_ptr<Transaction> Transaction::BeginCreate(std::shared_ptr<io::FileSystem> fs, std::string table_root) {
  std::unique_ptr<Transaction> txn(new Transaction());
  txn->impl_ = std::make_unique<Impl>();
  txn->impl_->fs = std::move(fs);
  while (table_root.size() > 1 && table_root.back() == '/') table_root.pop_back();
  txn->impl_->table_root = std::move(table_root);
  return txn;
}

Transaction::~Transaction() = default;

const SnapshotPtr& Transaction::read_snapshot() const { return impl_->read_snapshot; }
int64_t Transaction::read_version() const { return impl_->read_version; }

void Transaction::ReadFiles(std::optional<expr::Expr> partition_filter) {
  if (partition_filter) {
    impl_->read_filters.push_back(std::move(*partition_filter));
  } else {
    impl_->read_whole_table = true;
  }
}

void Transaction::SetProtocol(Protocol protocol) { impl_->protocol = std::move(protocol); }
void Transaction::SetMetadata(Metadata metadata) { impl_->metadata = std::move(metadata); }
void Transaction::AddFile(Add add) { impl_->adds.push_back(std::move(add)); }
void Transaction::RemoveFile(Remove remove) { impl_->removes.push_back(std::move(remove)); }
void Transaction::SetTxn(std::string app_id, int64_t version) { impl_->txns[std::move(app_id)] = version; }
void Transaction::SetDomainMetadata(DomainMetadata domain) {
  std::string name = domain.domain;
  impl_->domains.insert_or_assign(std::move(name), std::move(domain));
}

Result<CommitResult> Transaction::Commit(const CommitOptions& options) {
  Impl& t = *impl_;
  if (t.commit_called) return Status::Invalid("table {}: this transaction was already committed", t.table_root);
  t.commit_called = true;
  if (t.creating() && (!t.protocol || !t.metadata)) {
    return Status::Invalid("table {}: creating a table needs a protocol and a metadata", t.table_root);
  }
  if (options.max_attempts < 1) return Status::Invalid("CommitOptions.max_attempts must be at least 1");
  SLUICE_RETURN_NOT_OK(ValidateCommit(StagedCommit{t.table_root, t.creating() ? nullptr : &t.read_snapshot->protocol(),
                                                   t.effective_protocol(), t.effective_metadata(),
                                                   t.metadata.has_value(), t.adds, t.removes, t.txns, t.domains}));
  std::optional<ConflictChecker> checker;
  if (t.creating()) {
    SLUICE_RETURN_NOT_OK(t.CheckAbsent());
  } else {
    TransactionFootprint fp;
    fp.read_snapshot = t.read_snapshot;
    fp.read_whole_table = t.read_whole_table;
    fp.read_filters = t.read_filters;
    for (const Remove& r : t.removes) fp.removed_paths.push_back(r.path);
    for (const auto& [app_id, v] : t.txns) fp.app_ids.push_back(app_id);
    for (const auto& [domain, d] : t.domains) fp.domains.push_back(domain);
    SLUICE_ASSIGN_OR_RETURN(checker, ConflictChecker::Make(std::move(fp)));
  }
  SLUICE_ASSIGN_OR_RETURN(std::vector<Action> actions, t.BuildActions(options, WallMillis()));
  const std::string content = SerializeCommit(actions);
  const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(content.data()), content.size());

  // Optimistic concurrency: put-if-absent of the next version; whoever links
  // it first wins. A loser reads each winning commit, and unless it conflicts
  // with what we read and wrote, our actions are still valid on top of it, so
  // the same bytes go to the next version (readVersion keeps the version we
  // read, as Spark does).
  CommitResult result;
  int64_t version = t.read_version + 1;
  for (result.attempts = 1;; ++result.attempts) {
    const std::string path = t.log_dir() + "/" + CommitFileName(version);
    Status st = t.fs->PutIfAbsent(path, bytes);
    if (st.ok()) break;
    if (st.code() != StatusCode::kConflict) return st.WithContext("table " + t.table_root + ": commit");
    if (t.creating()) return Status::Conflict("table {} already exists", t.table_root);
    SLUICE_ASSIGN_OR_RETURN(BufferPtr winner, t.fs->ReadAll(path));
    SLUICE_ASSIGN_OR_RETURN(std::vector<Action> winning, ParseLogJson(winner->view(), path));
    // A winner's protocol or metadata always conflicts, so the write support
    // checked above still holds for the next version.
    SLUICE_RETURN_NOT_OK(checker->Check(version, winning));
    if (result.attempts >= options.max_attempts) {
      return Status::Conflict("table {}: gave up after {} commit attempts; concurrent commits took versions {} to {}",
                              t.table_root, result.attempts, t.read_version + 1, version);
    }
    ++version;
  }
  result.version = version;
  if (options.checkpoint) result.checkpoint_written = t.MaybeCheckpoint(version);
  return result;
}

}  // namespace sluice::delta
