#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"
#include "sluice/delta/read/data_skipping.h"
#include "sluice/delta/snapshot/snapshot.h"
#include "sluice/expr/expr.h"

namespace sluice::delta {

// What a transaction read and wrote, as far as conflicts go.
struct TransactionFootprint {
  SnapshotPtr read_snapshot;  // required
  // ReadFiles() without a filter: the result depends on every file.
  bool read_whole_table = false;
  // ReadFiles(filter): the result depends on the files matching any of these
  // (predicates on partition columns; data columns are judged by file stats,
  // never missing a file that may match).
  std::vector<expr::Expr> read_filters;
  std::vector<std::string> removed_paths;  // paths of the transaction's removes
  std::vector<std::string> app_ids;        // txn app ids it records
  std::vector<std::string> domains;        // domainMetadata it writes
};

// Delta's conflict rules under WriteSerializable isolation, as a function of
// (what our transaction read and wrote, one winning commit's actions). For
// each commit that won a version after our read version, in order:
//   1. a protocol action                      -> ProtocolChangedException
//   2. a metaData action                      -> MetadataChangedException
//   3. unless the winner is a blind append (IsBlindAppend): an add with
//      dataChange=true matching what we read  -> ConcurrentAppendException
//   4. a remove with dataChange=true of a file we read (in the read snapshot
//      and matching a read filter; any file when we read the whole table)
//                                             -> ConcurrentDeleteReadException
//   5. a remove (any dataChange) of a file we remove too
//                                             -> ConcurrentDeleteDeleteException
//   6. a txn for an app id we record, or domainMetadata of a domain we write
//                                             -> ConcurrentTransactionException
// A transaction that declared no reads is itself a blind append: only rules
// 1, 2, 5 and 6 can hit it. Not thread-safe (one checker per transaction).
class ConflictChecker {
 public:
  // Binds the read filters to the read snapshot's schema; Invalid naming an
  // unknown column.
  static Result<ConflictChecker> Make(TransactionFootprint footprint);

  // OK when the winning commit `version` with `actions` leaves our
  // transaction valid; otherwise Conflict whose message starts with the
  // exception name and names the table, the winning version and the file or
  // partition at stake.
  Status Check(int64_t version, const std::vector<Action>& actions) const;

  // True iff a winning commit counts as a blind append: it has no remove with
  // dataChange=true and no metaData, and its commitInfo does not say
  // isBlindAppend=false (Spark writes false for e.g. a MERGE that only
  // inserted: its adds depend on what it read). Both signals must agree, so
  // neither a missing commitInfo nor a wrong one hides a conflict.
  static bool IsBlindAppend(const std::vector<Action>& actions);

  ConflictChecker(ConflictChecker&&) noexcept;
  ConflictChecker& operator=(ConflictChecker&&) noexcept;
  ~ConflictChecker();

 private:
  ConflictChecker() = default;
  // True iff `file` matches what the transaction read.
  bool MatchesRead(const Add& file) const;
  // The read snapshot's file with canonical path `key`, or nullptr.
  const Add* ReadFile(const std::string& key) const;
  std::string Key(const std::string& path) const;

  TransactionFootprint footprint_;
  std::vector<FileSkipper> filters_;
  std::unordered_map<std::string, size_t> removed_;  // canonical path -> index in removed_paths
  // Canonical path -> index in read_snapshot->files(); built on first use
  // (only a winner's removes need it).
  mutable std::optional<std::unordered_map<std::string, size_t>> read_files_;
};

}  // namespace sluice::delta
