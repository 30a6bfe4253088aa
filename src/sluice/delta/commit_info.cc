#include "sluice/delta/commit_info.h"

#include <simdjson.h>

#include "sluice/delta/log_json_text.h"

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
      // Raw JSON goes into the log as is: it must be one valid JSON value, or
      // the whole commit line would be unreadable.
      simdjson::dom::element e;
      if (parser.parse(simdjson::padded_string(value)).get(e) != simdjson::SUCCESS) {
        return Status::Invalid("commitInfo operationParameters.{}: '{}' is not valid JSON", key, value);
      }
      // Valid JSON has raw line breaks only as whitespace between tokens:
      // turn them into spaces so that the action stays on one line.
      std::string* v = params.Key(key);
      for (char c : value) v->push_back(c == '\n' || c == '\r' ? ' ' : c);
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
