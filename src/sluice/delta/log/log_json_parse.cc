#include <simdjson.h>

#include <bit>
#include <cstring>
#include <type_traits>
#include <variant>

#include "sluice/delta/log/log_json.h"
#include "sluice/delta/log/log_json_fields.h"
#include "sluice/delta/protocol/action_fields.h"

namespace sluice::delta {
namespace {

namespace od = simdjson::ondemand;
using internal::FieldName;
using internal::Get;
using internal::LineContext;

// Iterates the members of `obj`, calling `fn(key, value)` for each; stops at
// the first error.
template <typename Fn>
Status ForEachMember(od::object& obj, const LineContext& ctx, std::string_view where, Fn&& fn) {
  for (auto member : obj) {
    od::field f;
    if (auto err = std::move(member).get(f)) return ctx.Error(where, "malformed object", err);
    std::string_view key;
    if (auto err = f.unescaped_key().get(key)) return ctx.Error(where, "malformed key", err);
    SLUICE_RETURN_NOT_OK(fn(key, f.value()));
  }
  return Status::OK();
}

// Returns key == name (of length N) as a length check and a memcmp of
// constant size, which the compiler expands inline: this runs for every
// member of every action (std::string_view's == can end in an out-of-line
// compare() call here).
template <size_t N>
bool KeyIs(std::string_view key, const char* name) {
  return key.size() == N && std::memcmp(key.data(), name, N) == 0;
}

// The nested structs; their fields are read by ParseFields.
Status Get(od::value v, const LineContext& ctx, const FieldName& field, Format* out);
Status Get(od::value v, const LineContext& ctx, const FieldName& field, std::optional<DeletionVectorDescriptor>* out);

// Reads member `key` into its field of `s` (FieldTable<S>) and marks it in
// `seen`; an unknown key is skipped.
template <typename S>
Status ParseMember(std::string_view key, od::value v, const LineContext& ctx, S* s, uint32_t* seen) {
  Status st;
  AnyField<S>([&](auto i) {
    constexpr size_t kI = decltype(i)::value;
    constexpr const FieldDesc<S>& kF = kField<S, kI>;
    if (!KeyIs<kF.name.size()>(key, kF.name.data())) return false;
    *seen |= uint32_t{1} << kI;
    static constexpr FieldName kName(FieldTable<S>::kName, kF.name);
    st = Get(v, ctx, kName, &(s->*kMember<S, kI>));
    if constexpr ((kF.flags & kLenient) != 0) st = Status::OK();
    return true;
  });
  return st;
}

// Checks that every kRequired field of S was seen; names the first missing.
template <typename S>
Status CheckRequired(const LineContext& ctx, uint32_t seen) {
  const uint32_t missing = FieldMask<S>(kRequired) & ~seen;
  if (missing == 0) return Status::OK();
  std::string_view name = FieldTable<S>::kFields[std::countr_zero(missing)].name;
  return ctx.Error(FieldTable<S>::kName, fmt::format("missing required field '{}'", name));
}

// Reads the members of `obj` into `s` by FieldTable<S>.
template <typename S>
Status ParseFields(od::object& obj, const LineContext& ctx, S* s) {
  uint32_t seen = 0;
  SLUICE_RETURN_NOT_OK(ForEachMember(obj, ctx, FieldTable<S>::kName, [&](std::string_view k, od::value fv) {
    return ParseMember(k, fv, ctx, s, &seen);
  }));
  return CheckRequired<S>(ctx, seen);
}

template <typename S>
Status ParseStruct(od::value v, const LineContext& ctx, S* s) {
  od::object obj;
  if (auto err = v.get_object().get(obj)) return ctx.Error(FieldTable<S>::kName, "expected an object", err);
  return ParseFields(obj, ctx, s);
}

Status Get(od::value v, const LineContext& ctx, const FieldName&, Format* out) { return ParseStruct(v, ctx, out); }

Status Get(od::value v, const LineContext& ctx, const FieldName&, std::optional<DeletionVectorDescriptor>* out) {
  if (internal::IsNull(v)) return Status::OK();
  DeletionVectorDescriptor dv;
  SLUICE_RETURN_NOT_OK(ParseStruct(v, ctx, &dv));
  *out = std::move(dv);
  return Status::OK();
}

// commitInfo keeps its whole object as text, with the table's fields parsed
// out.
Status ParseCommitInfo(od::value v, const LineContext& ctx, CommitInfo* c) {
  od::object obj;
  if (auto err = v.get_object().get(obj)) return ctx.Error("commitInfo", "expected an object", err);
  std::string_view raw;
  if (auto err = obj.raw_json().get(raw)) return ctx.Error("commitInfo", "malformed object", err);
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r' || raw.back() == '\n')) {
    raw.remove_suffix(1);
  }
  // On-Demand skips over the object without validating it; since the text
  // is kept and written back verbatim, check that it is well-formed JSON.
  // The line buffer has SIMDJSON_PADDING readable bytes past `raw`.
  thread_local simdjson::dom::parser validator;
  if (auto err = validator.parse(raw.data(), raw.size(), /*realloc_if_needed=*/false).error()) {
    return ctx.Error("commitInfo", "malformed object", err);
  }
  c->json.assign(raw);
  // A bare CR is whitespace in JSON but a line break to Hadoop's LineReader;
  // keep the text one line for every reader (the serializer does the same).
  for (char& ch : c->json) {
    if (ch == '\r') ch = ' ';
  }
  if (auto err = obj.reset().error()) return ctx.Error("commitInfo", "malformed object", err);
  return ParseFields(obj, ctx, c);
}

template <typename T>
Status ParseInto(od::value v, const LineContext& ctx, std::vector<Action>* out) {
  T action;
  if constexpr (std::is_same_v<T, CommitInfo>) {
    SLUICE_RETURN_NOT_OK(ParseCommitInfo(v, ctx, &action));
  } else {
    SLUICE_RETURN_NOT_OK(ParseStruct(v, ctx, &action));
  }
  out->emplace_back(std::move(action));
  return Status::OK();
}

// Parses the value of `key` when it names an action kind; other keys are
// ignored.
template <typename... T>
Status ParseAction(std::string_view key, od::value v, const LineContext& ctx, std::vector<Action>* out) {
  static_assert(sizeof...(T) == std::variant_size_v<Action>);
  Status st;
  ((KeyIs<FieldTable<T>::kName.size()>(key, FieldTable<T>::kName.data()) && (st = ParseInto<T>(v, ctx, out), true)) ||
   ...);
  return st;
}

// Parses one action line: an object whose known keys are action kinds.
Status ParseLine(od::document& doc, const LineContext& ctx, std::vector<Action>* out) {
  od::object obj;
  if (auto err = doc.get_object().get(obj)) return ctx.Error("", "expected a JSON object", err);
  SLUICE_RETURN_NOT_OK(ForEachMember(obj, ctx, "", [&](std::string_view key, od::value v) {
    // Adds first: most lines of a log are adds.
    return ParseAction<Add, Remove, Metadata, Protocol, CommitInfo, Txn, AddCdc, DomainMetadata, CheckpointMetadata,
                       Sidecar>(key, v, ctx, out);
  }));
  // Anything after the object's closing brace is garbage.
  if (!doc.current_location().error()) return ctx.Error("", "trailing content after the JSON object");
  return Status::OK();
}

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

}  // namespace

Result<std::vector<Action>> ParseLogJson(std::string_view content, const std::string& file_name) {
  // One parser per thread, reused: its buffers grow to the longest line once.
  thread_local od::parser parser;
  thread_local std::string scratch;
  std::vector<Action> actions;
  actions.reserve(content.size() / 256 + 1);
  LineContext ctx{&file_name, 0};
  size_t pos = 0;
  while (pos < content.size()) {
    const char* nl = static_cast<const char*>(std::memchr(content.data() + pos, '\n', content.size() - pos));
    size_t end = nl == nullptr ? content.size() : static_cast<size_t>(nl - content.data());
    std::string_view line = content.substr(pos, end - pos);
    size_t after = content.size() - end;  // readable bytes past the line
    pos = end + 1;
    ++ctx.line;
    if (IsBlank(line)) continue;
    const char* data = line.data();
    size_t capacity = line.size() + after;
    // simdjson reads up to SIMDJSON_PADDING bytes past the end; the next lines
    // serve as padding, the last line is copied into a padded scratch buffer.
    if (after < simdjson::SIMDJSON_PADDING) {
      scratch.assign(line);
      scratch.append(simdjson::SIMDJSON_PADDING, ' ');
      data = scratch.data();
      capacity = scratch.size();
    }
    od::document doc;
    if (auto err = parser.iterate(data, line.size(), capacity).get(doc)) {
      return ctx.Error("", "not valid JSON", err);
    }
    SLUICE_RETURN_NOT_OK(ParseLine(doc, ctx, &actions));
  }
  return actions;
}

}  // namespace sluice::delta
