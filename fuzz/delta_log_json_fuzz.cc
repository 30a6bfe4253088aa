// Feeds arbitrary bytes to the Delta log JSON parser and the schema parser:
// they must return a Status, never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sluice/delta/log/log_json.h"
#include "sluice/delta/schema/schema_json.h"
#include "sluice/expr/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto actions = sluice::delta::ParseLogJson(text, "fuzz.json");
  if (actions.ok()) {
    // Whatever parsed must serialize to something that parses back the same.
    std::string again = sluice::delta::SerializeCommit(*actions);
    auto reparsed = sluice::delta::ParseLogJson(again, "reserialized.json");
    if (!reparsed.ok() || !(*reparsed == *actions)) __builtin_trap();
    for (const auto& a : *actions) {
      if (const auto* m = std::get_if<sluice::delta::Metadata>(&a)) {
        auto s = sluice::delta::ParseDeltaSchema(m->schema_string);
        if (s.ok()) (void)sluice::delta::ToDeltaSchemaJson(**s);
      }
    }
  }
  auto schema = sluice::delta::ParseDeltaSchema(text);
  if (schema.ok()) {
    auto json = sluice::delta::ToDeltaSchemaJson(**schema);
    if (json.ok()) {
      auto back = sluice::delta::ParseDeltaSchema(*json);
      if (!back.ok() || !(*back)->Equals(**schema)) __builtin_trap();
    }
  }
  (void)sluice::expr::ParseExpr(text);
  return 0;
}
