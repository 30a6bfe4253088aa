#include "sluice/delta/log/last_checkpoint.h"

#include <fmt/format.h>
#include <simdjson.h>

namespace sluice::delta {

Result<LastCheckpoint> ParseLastCheckpoint(std::string_view json, const std::string& file_name) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS) {
    return Status::Corrupt("{}: not valid JSON", file_name);
  }
  simdjson::dom::object obj;
  if (root.get_object().get(obj) != simdjson::SUCCESS) {
    return Status::Corrupt("{}: expected a JSON object", file_name);
  }
  LastCheckpoint cp;
  int64_t v = 0;
  if (obj["version"].get_int64().get(v) != simdjson::SUCCESS || v < 0) {
    return Status::Corrupt("{}: missing or invalid \"version\"", file_name);
  }
  cp.version = v;
  if (obj["size"].get_int64().get(v) == simdjson::SUCCESS) cp.size = v;
  // "parts" may be null (delta-rs/checkpoint_with_partitions).
  if (obj["parts"].get_int64().get(v) == simdjson::SUCCESS) {
    if (v < 1 || v > 1000000) return Status::Corrupt("{}: invalid \"parts\" {}", file_name, v);
    cp.parts = static_cast<int32_t>(v);
  }
  if (obj["sizeInBytes"].get_int64().get(v) == simdjson::SUCCESS) cp.size_in_bytes = v;
  if (obj["numOfAddFiles"].get_int64().get(v) == simdjson::SUCCESS) cp.num_of_add_files = v;
  std::string_view path;
  if (obj["v2Checkpoint"]["path"].get_string().get(path) == simdjson::SUCCESS) cp.v2_path = std::string(path);
  return cp;
}

std::string SerializeLastCheckpoint(const LastCheckpoint& cp) {
  std::string out = fmt::format("{{\"version\":{},\"size\":{}", cp.version, cp.size);
  if (cp.parts) out += fmt::format(",\"parts\":{}", *cp.parts);
  if (cp.size_in_bytes) out += fmt::format(",\"sizeInBytes\":{}", *cp.size_in_bytes);
  if (cp.num_of_add_files) out += fmt::format(",\"numOfAddFiles\":{}", *cp.num_of_add_files);
  out += "}";
  return out;
}

}  // namespace sluice::delta
