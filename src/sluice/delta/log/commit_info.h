#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"

namespace sluice::delta {

// What sluice records about a commit (PROTOCOL.md "Commit Provenance
// Information"; the fields Spark writes, in Spark's order).
struct CommitInfoFields {
  int64_t timestamp_ms = 0;
  std::string operation;
  // Values are JSON text (`"Append"`, `[]`, `true`). Strings and null are
  // written as they are, other values as strings holding their compact JSON
  // (`"[]"`, `"true"`), since Spark reads a map of strings.
  std::map<std::string, std::string> operation_parameters;
  std::optional<int64_t> read_version;  // absent when creating the table
  bool is_blind_append = false;
  // Values are written as JSON strings, as Spark does ("numFiles":"3").
  std::map<std::string, std::string> operation_metrics;
  std::string txn_id;
};

// The engineInfo sluice writes.
inline constexpr std::string_view kEngineInfo = "sluice/0.1.0";

// Returns the commitInfo action for `fields`: timestamp, operation,
// operationParameters, readVersion, isolationLevel "WriteSerializable",
// isBlindAppend, operationMetrics, engineInfo, txnId. Invalid naming the key
// when an operationParameters value is not valid JSON.
Result<CommitInfo> MakeCommitInfo(const CommitInfoFields& fields);

// commitInfo.isBlindAppend of `info`, when it holds a boolean.
std::optional<bool> CommitInfoIsBlindAppend(const CommitInfo& info);

}  // namespace sluice::delta
