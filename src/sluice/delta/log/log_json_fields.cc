#include "sluice/delta/log/log_json_fields.h"

#include <limits>

namespace sluice::delta::internal {

namespace od = simdjson::ondemand;

Status LineContext::Error(const FieldName& field, std::string_view what, simdjson::error_code err) const {
  std::string where = field.name.empty() ? std::string() : field.ToString() + ": ";
  if (err != simdjson::SUCCESS) {
    return Status::Corrupt("{}:{}: {}{} ({})", *file, line, where, what, simdjson::error_message(err));
  }
  return Status::Corrupt("{}:{}: {}{}", *file, line, where, what);
}

Status Get(OdValue v, const LineContext& ctx, const FieldName& field, std::string* out) {
  std::string_view s;
  if (auto err = v.get_string().get(s)) return ctx.Error(field, "expected a string", err);
  out->assign(s);
  return Status::OK();
}

Status Get(OdValue v, const LineContext& ctx, const FieldName& field, int64_t* out) {
  if (auto err = v.get_int64().get(*out)) return ctx.Error(field, "expected an integer", err);
  return Status::OK();
}

Status Get(OdValue v, const LineContext& ctx, const FieldName& field, int32_t* out) {
  int64_t x = 0;
  SLUICE_RETURN_NOT_OK(Get(v, ctx, field, &x));
  if (x < std::numeric_limits<int32_t>::min() || x > std::numeric_limits<int32_t>::max()) {
    return ctx.Error(field, fmt::format("{} does not fit in a 32-bit integer", x));
  }
  *out = static_cast<int32_t>(x);
  return Status::OK();
}

Status Get(OdValue v, const LineContext& ctx, const FieldName& field, bool* out) {
  if (auto err = v.get_bool().get(*out)) return ctx.Error(field, "expected true or false", err);
  return Status::OK();
}

Status Get(OdValue v, const LineContext& ctx, const FieldName& field, std::vector<std::string>* out) {
  out->clear();
  if (IsNull(v)) return Status::OK();
  od::array arr;
  if (auto err = v.get_array().get(arr)) return ctx.Error(field, "expected an array of strings", err);
  for (auto elem : arr) {
    std::string_view s;
    if (auto err = elem.get_string().get(s)) return ctx.Error(field, "expected an array of strings", err);
    out->emplace_back(s);
  }
  return Status::OK();
}

namespace {

// Calls fn(key, value) for each member of the object `v`.
template <typename Fn>
Status ForEachStringMember(OdValue v, const LineContext& ctx, const FieldName& field, Fn&& fn) {
  od::object obj;
  if (auto err = v.get_object().get(obj)) return ctx.Error(field, "expected an object", err);
  for (auto member : obj) {
    od::field f;
    if (auto err = std::move(member).get(f)) return ctx.Error(field, "malformed object", err);
    std::string_view key;
    if (auto err = f.unescaped_key().get(key)) return ctx.Error(field, "malformed key", err);
    // The key view lives in the parser's string buffer until the next
    // unescape, so copy it before reading the value.
    std::string key_copy(key);
    OdValue value = f.value();
    if (IsNull(value)) {
      fn(std::move(key_copy), std::optional<std::string_view>());
      continue;
    }
    std::string_view s;
    if (auto err = value.get_string().get(s)) {
      return ctx.Error(field, fmt::format("value of '{}': expected a string", key_copy), err);
    }
    fn(std::move(key_copy), std::optional<std::string_view>(s));
  }
  return Status::OK();
}

}  // namespace

Status Get(OdValue v, const LineContext& ctx, const FieldName& field, std::map<std::string, std::string>* out) {
  out->clear();
  if (IsNull(v)) return Status::OK();
  return ForEachStringMember(v, ctx, field, [&](std::string key, std::optional<std::string_view> value) {
    if (value.has_value()) (*out)[std::move(key)] = std::string(*value);
  });
}

Status Get(OdValue v, const LineContext& ctx, const FieldName& field, PartitionValues* out) {
  out->clear();
  if (IsNull(v)) return Status::OK();
  return ForEachStringMember(v, ctx, field, [&](std::string key, std::optional<std::string_view> value) {
    (*out)[std::move(key)] = value.has_value() ? std::optional<std::string>(std::string(*value)) : std::nullopt;
  });
}

}  // namespace sluice::delta::internal
