#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"
#include "sluice/delta/snapshot/snapshot.h"
#include "sluice/expr/expr.h"
#include "sluice/io/filesystem.h"

namespace sluice::delta {

// What a commit records about itself in commitInfo.
struct CommitOptions {
  std::string operation = "WRITE";  // Spark's names: WRITE, CREATE TABLE, DELETE, OPTIMIZE, RESTORE, ...
  // operationParameters: values are JSON text ("\"Append\"", "[]", "true").
  std::map<std::string, std::string> operation_parameters;
  // operationMetrics: values as Spark writes them (strings of numbers).
  std::map<std::string, std::string> operation_metrics;
  int max_attempts = 1000;  // commit attempts before giving up on a busy table
  // Write a classic checkpoint when the committed version is a multiple of
  // delta.checkpointInterval (default 10).
  bool checkpoint = true;
};

struct CommitResult {
  int64_t version = -1;
  int attempts = 0;                 // 1 = no race lost
  bool checkpoint_written = false;  // a checkpoint failure never fails the commit
};

// One optimistic transaction (PROTOCOL.md, Delta's WriteSerializable
// isolation). It reads a snapshot, stages actions, and commits them as
// `_delta_log/<read_version + 1>.json` with put-if-absent. When another
// writer got that version first, the winning commits are read and checked
// against what this transaction read and wrote (see conflict_checker.h); with
// no conflict it retries at the next version, otherwise Commit returns
// Conflict whose message starts with the Delta exception name
// (ConcurrentAppendException, ConcurrentDeleteReadException,
// ConcurrentDeleteDeleteException, MetadataChangedException,
// ProtocolChangedException, ConcurrentTransactionException) and names the
// table, the winning version and the file or partition at stake.
class Transaction {
 public:
  // A transaction on an existing table; NotSupported when sluice cannot write
  // it (CheckWriteSupported).
  static Result<std::unique_ptr<Transaction>> Begin(SnapshotPtr read_snapshot);
  // A transaction creating a table at version 0 (SetProtocol and SetMetadata
  // required). Commit fails Conflict "table ... already exists" when version 0
  // exists by then.
  static std::unique_ptr<Transaction> BeginCreate(std::shared_ptr<io::FileSystem> fs, std::string table_root);
  ~Transaction();

  // The snapshot read (null when creating) and its version (-1 when creating).
  const SnapshotPtr& read_snapshot() const;
  int64_t read_version() const;

  // Declares that the transaction's result depends on the read snapshot's
  // files matching `partition_filter` (a predicate on partition columns only;
  // nullopt = every file). A transaction that declares no read is a blind
  // append: concurrent commits that only add files never conflict with it.
  void ReadFiles(std::optional<expr::Expr> partition_filter = std::nullopt);

  void SetProtocol(Protocol protocol);
  void SetMetadata(Metadata metadata);
  void AddFile(Add add);
  void RemoveFile(Remove remove);
  // Records `app_id` -> `version` (exactly-once sinks); a concurrent commit
  // of a txn for the same app id is a conflict.
  void SetTxn(std::string app_id, int64_t version);
  void SetDomainMetadata(DomainMetadata domain);

  // Commits. Checks first: appendOnly tables refuse removes with
  // dataChange=true; a new metadata's schema must parse. Errors leave the
  // table untouched; a transaction commits at most once.
  Result<CommitResult> Commit(const CommitOptions& options = {});

 private:
  Transaction() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice::delta
