#include "sluice/delta/log/commit_info.h"

#include <simdjson.h>

#include "sluice/delta/log/log_json_text.h"

namespace sluice::delta {

Result<CommitInfo> MakeCommitInfo(const CommitInfoFields& fields) {
  CommitInfo info;
  std::string& out = info.json;
  JsonObjectWriter w(&out);
  w.Int("timestamp", fields.timestamp_ms);
  w.String("operation", fields.operation);
  {
    JsonObjectWriter params(w.Key("operationParameters"));
    simdjson::dom::parser parser;
    for (const auto& [key, value] : fields.operation_parameters) {
      // Each value must be one valid JSON value, or the commit line would be
      // unreadable.
      simdjson::dom::element e;
      if (parser.parse(simdjson::padded_string(value)).get(e) != simdjson::SUCCESS) {
        return Status::Invalid("commitInfo operationParameters.{}: '{}' is not valid JSON", key, value);
      }
      // Spark reads operationParameters as a map of strings (CommitInfo in
      // Delta's actions.scala) and fails on an array or object value, so only
      // strings and null go in as they are; any other value is written as a
      // string holding its compact JSON text, as Spark writes
      // `"partitionBy":"[\"p\"]"` (tests/interop/test_delta_spark.py).
      std::string* v = params.Key(key);
      const std::string compact = simdjson::minify(e);
      if (e.is_string() || e.is_null()) {
        v->append(compact);
      } else {
        AppendJsonString(v, compact);
      }
    }
    params.End();
  }
  w.OptInt("readVersion", fields.read_version);
  w.String("isolationLevel", "WriteSerializable");
  w.Bool("isBlindAppend", fields.is_blind_append);
  w.StringMap("operationMetrics", fields.operation_metrics);
  w.String("engineInfo", kEngineInfo);
  w.String("txnId", fields.txn_id);
  w.End();
  info.timestamp = fields.timestamp_ms;
  info.operation = fields.operation;
  return info;
}

std::optional<bool> CommitInfoIsBlindAppend(const CommitInfo& info) {
  if (info.json.empty()) return std::nullopt;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(simdjson::padded_string(info.json)).get(doc) != simdjson::SUCCESS) return std::nullopt;
  bool b = false;
  if (doc["isBlindAppend"].get_bool().get(b) != simdjson::SUCCESS) return std::nullopt;
  return b;
}

}  // namespace sluice::delta
