#include "sluice/delta/protocol/action_fields.h"

#include <gtest/gtest.h>

#include <set>

#include "sluice/delta/log/log_json.h"

namespace sluice::delta {
namespace {

// Returns the members of the one-action line `line` ({"<kind>":{...}}) as
// (name, raw value) pairs, in order. Enough JSON for SerializeAction's output.
std::vector<std::pair<std::string, std::string>> Members(const std::string& line) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = line.find(":{") + 2;
  while (line[pos] != '}') {
    const size_t key_end = line.find('"', pos + 1);
    std::string key = line.substr(pos + 1, key_end - pos - 1);
    size_t end = key_end + 2;
    int depth = 0;
    bool in_string = false;
    for (; end < line.size(); ++end) {
      const char c = line[end];
      if (in_string) {
        if (c == '\\') ++end;
        if (c == '"') in_string = false;
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth-- == 0) break;
      } else if (c == ',' && depth == 0) {
        break;
      }
    }
    out.emplace_back(std::move(key), line.substr(key_end + 2, end - key_end - 2));
    pos = line[end] == ',' ? end + 1 : end;
  }
  return out;
}

// The line of a default T without member `drop`.
template <typename T>
std::string LineWithout(const std::string& drop) {
  std::string body;
  for (const auto& [k, v] : Members(SerializeAction(T()))) {
    if (k == drop) continue;
    body += (body.empty() ? "\"" : ",\"") + k + "\":" + v;
  }
  return fmt::format("{{\"{}\":{{{}}}}}", FieldTable<T>::kName, body);
}

template <typename T>
void ExpectRequired(const std::set<std::string>& required) {
  std::set<std::string_view> names;
  for (const FieldDesc<T>& f : FieldTable<T>::kFields) {
    EXPECT_TRUE(names.insert(f.name).second) << FieldTable<T>::kName << "." << f.name;
    EXPECT_EQ((f.flags & kRequired) != 0, required.count(std::string(f.name)) == 1) << f.name;
  }
  // Every required member is written for a default action, and leaving
  // any one out is refused with its name.
  const std::string whole = LineWithout<T>("");
  ASSERT_TRUE(ParseLogJson(whole, "0.json").ok()) << whole;
  for (const std::string& name : required) {
    const std::string line = LineWithout<T>(name);
    auto r = ParseLogJson(line, "0.json");
    ASSERT_FALSE(r.ok()) << line;
    EXPECT_EQ(r.status().message(),
              fmt::format("0.json:1: {}: missing required field '{}'", FieldTable<T>::kName, name));
  }
}

TEST(ActionFieldsTest, RequiredFieldsFollowTheProtocol) {
  ExpectRequired<Protocol>({"minReaderVersion", "minWriterVersion"});
  // schemaString: left out by Spark when null (see the table).
  ExpectRequired<Metadata>({"id", "partitionColumns"});
  ExpectRequired<Add>({"path", "partitionValues", "size", "modificationTime", "dataChange"});
  // dataChange: left out by Delta 0.2-era writers.
  ExpectRequired<Remove>({"path"});
  ExpectRequired<AddCdc>({"path", "partitionValues", "size", "dataChange"});
  ExpectRequired<Txn>({"appId", "version"});
  ExpectRequired<CommitInfo>({});
  ExpectRequired<DomainMetadata>({"domain", "configuration", "removed"});
  ExpectRequired<CheckpointMetadata>({"version"});
  ExpectRequired<Sidecar>({"path", "sizeInBytes", "modificationTime"});
}

TEST(ActionFieldsTest, MasksAndNames) {
  EXPECT_EQ(FieldMask<Add>(kRequired), 0b11111u);
  EXPECT_EQ(FieldMask<Add>(kKey), 0b1u);
  EXPECT_EQ(FieldMask<Add>(kFalseInCheckpoint), 0b10000u);
  EXPECT_EQ(FieldMask<Metadata>(kRequired), 0b100001u);
  EXPECT_EQ(ActionName(Action(Add())), "add");
  EXPECT_EQ(ActionName(Action(Metadata())), "metaData");
  EXPECT_EQ(ActionName(Action(AddCdc())), "cdc");
  std::vector<std::string_view> order;
  ForEachField<Txn>([&](auto i) { order.push_back(kField<Txn, decltype(i)::value>.name); });
  EXPECT_EQ(order, (std::vector<std::string_view>{"appId", "version", "lastUpdated"}));
  static_assert(std::is_same_v<FieldType<Protocol, 0>, int32_t>);
  static_assert(std::is_same_v<FieldType<Add, 7>, std::optional<DeletionVectorDescriptor>>);
}

}  // namespace
}  // namespace sluice::delta
