#include <type_traits>
#include <variant>

#include "sluice/delta/log/log_json.h"
#include "sluice/delta/log/log_json_text.h"
#include "sluice/delta/protocol/action_fields.h"

namespace sluice::delta {
namespace {

// Member order is the field table's, which is what Spark writes
// (PROTOCOL.md "Actions"); unset optionals are omitted rather than written
// as null.

// Writes member `key` of the kind of `v`.
void Put(JsonObjectWriter* w, std::string_view key, const std::string& v) { w->String(key, v); }
void Put(JsonObjectWriter* w, std::string_view key, const std::optional<std::string>& v) { w->OptString(key, v); }
void Put(JsonObjectWriter* w, std::string_view key, int32_t v) { w->Int(key, v); }
void Put(JsonObjectWriter* w, std::string_view key, const std::optional<int32_t>& v) {
  if (v) w->Int(key, *v);
}
void Put(JsonObjectWriter* w, std::string_view key, int64_t v) { w->Int(key, v); }
void Put(JsonObjectWriter* w, std::string_view key, const std::optional<int64_t>& v) { w->OptInt(key, v); }
void Put(JsonObjectWriter* w, std::string_view key, bool v) { w->Bool(key, v); }
void Put(JsonObjectWriter* w, std::string_view key, const std::optional<bool>& v) {
  if (v) w->Bool(key, *v);
}
void Put(JsonObjectWriter* w, std::string_view key, const std::vector<std::string>& v) { w->StringList(key, v); }
void Put(JsonObjectWriter* w, std::string_view key, const std::optional<std::vector<std::string>>& v) {
  if (v) w->StringList(key, *v);
}
void Put(JsonObjectWriter* w, std::string_view key, const std::map<std::string, std::string>& v) {
  w->StringMap(key, v);
}
void Put(JsonObjectWriter* w, std::string_view key, const std::optional<std::map<std::string, std::string>>& v) {
  w->OptStringMap(key, v);
}
void Put(JsonObjectWriter* w, std::string_view key, const PartitionValues& values) {
  JsonObjectWriter obj(w->Key(key));
  for (const auto& [k, v] : values) {
    if (v.has_value()) {
      obj.String(k, *v);
    } else {
      obj.Key(k)->append("null");
    }
  }
  obj.End();
}
void Put(JsonObjectWriter* w, std::string_view key, const std::optional<PartitionValues>& v) {
  if (v) Put(w, key, *v);
}
void Put(JsonObjectWriter* w, std::string_view key, const Format& v);
void Put(JsonObjectWriter* w, std::string_view key, const std::optional<DeletionVectorDescriptor>& v);

// Writes the fields of `s` by FieldTable<S>.
template <typename S>
void PutFields(JsonObjectWriter* w, const S& s) {
  ForEachField<S>([&](auto i) {
    constexpr size_t kI = decltype(i)::value;
    Put(w, kField<S, kI>.name, s.*kMember<S, kI>);
  });
}

template <typename S>
void PutObject(std::string* out, const S& s) {
  JsonObjectWriter w(out);
  PutFields(&w, s);
  w.End();
}

void Put(JsonObjectWriter* w, std::string_view key, const Format& v) { PutObject(w->Key(key), v); }
void Put(JsonObjectWriter* w, std::string_view key, const std::optional<DeletionVectorDescriptor>& v) {
  if (v) PutObject(w->Key(key), *v);
}

// Writes `json` with raw line breaks (only possible as whitespace in valid
// JSON) turned into spaces, so that the action stays on one line.
void AppendOneLine(std::string* out, std::string_view json) {
  size_t start = out->size();
  out->append(json);
  for (size_t i = start; i < out->size(); ++i) {
    if ((*out)[i] == '\n' || (*out)[i] == '\r') (*out)[i] = ' ';
  }
}

void AppendAction(std::string* out, const Action& action) {
  out->append("{\"");
  out->append(ActionName(action));
  out->append("\":");
  std::visit(
      [out](const auto& a) {
        if constexpr (std::is_same_v<std::decay_t<decltype(a)>, CommitInfo>) {
          // The object as read, when there is one.
          if (!a.json.empty()) return AppendOneLine(out, a.json);
        }
        PutObject(out, a);
      },
      action);
  out->push_back('}');
}

}  // namespace

std::string DeletionVectorDescriptor::UniqueId() const {
  // PROTOCOL.md "Deletion Vector Descriptor Schema": storageType +
  // pathOrInlineDv, then "@" + offset when an offset is present.
  std::string id = storage_type + path_or_inline_dv;
  if (offset.has_value()) {
    id.push_back('@');
    AppendJsonInt(&id, *offset);
  }
  return id;
}

std::string SerializeAction(const Action& action) {
  std::string out;
  AppendAction(&out, action);
  return out;
}

std::string SerializeCommit(const std::vector<Action>& actions) {
  std::string out;
  for (const Action& a : actions) {
    AppendAction(&out, a);
    out.push_back('\n');
  }
  return out;
}

}  // namespace sluice::delta
