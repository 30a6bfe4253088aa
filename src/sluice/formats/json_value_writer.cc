#include "sluice/formats/json_value_writer.h"

#include <simdjson.h>

#include <limits>

#include "sluice/columnar/builder.h"
#include "sluice/formats/value_parsers.h"

namespace sluice::formats {
namespace {

namespace dom = simdjson::dom;
using columnar::ArrayBuilder;
using columnar::DataType;
using columnar::TypeId;

std::string_view KindName(dom::element_type t) {
  switch (t) {
    case dom::element_type::ARRAY:
      return "array";
    case dom::element_type::OBJECT:
      return "object";
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
      return "integer";
    case dom::element_type::DOUBLE:
      return "number";
    case dom::element_type::STRING:
      return "string";
    case dom::element_type::BOOL:
      return "boolean";
    case dom::element_type::NULL_VALUE:
      return "null";
  }
  return "value";
}

std::string Excerpt(const dom::element& v) {
  constexpr size_t kMaxShown = 80;
  std::string text = simdjson::minify(v);
  if (text.size() > kMaxShown) {
    text.resize(kMaxShown);
    text += "...";
  }
  return text;
}

template <typename T>
Status AppendInteger(const dom::element& v, ArrayBuilder* b, bool* wrong_type) {
  auto* builder = static_cast<columnar::NumericBuilder<T>*>(b);
  const dom::element_type t = v.type();
  if (t == dom::element_type::INT64) {
    const int64_t x = v.get_int64().value_unsafe();
    if constexpr (std::is_signed_v<T>) {
      if (x >= std::numeric_limits<T>::min() && x <= std::numeric_limits<T>::max()) {
        builder->Append(static_cast<T>(x));
        return Status::OK();
      }
    } else {
      if (x >= 0 && static_cast<uint64_t>(x) <= std::numeric_limits<T>::max()) {
        builder->Append(static_cast<T>(x));
        return Status::OK();
      }
    }
    return Status::Invalid("{} is out of range", x);
  }
  if (t == dom::element_type::UINT64) {
    const uint64_t x = v.get_uint64().value_unsafe();
    if constexpr (std::is_same_v<T, uint64_t>) {
      builder->Append(x);
      return Status::OK();
    }
    return Status::Invalid("{} is out of range", x);
  }
  *wrong_type = true;
  return Status::OK();
}

// The text of a JSON number, for decimal columns: integers exactly; doubles in
// their shortest round-trip form (a decimal written in JSON as a string is exact).
std::string NumberText(const dom::element& v) {
  switch (v.type()) {
    case dom::element_type::INT64:
      return fmt::format("{}", v.get_int64().value_unsafe());
    case dom::element_type::UINT64:
      return fmt::format("{}", v.get_uint64().value_unsafe());
    default:
      return fmt::format("{}", v.get_double().value_unsafe());
  }
}

}  // namespace

Result<std::unique_ptr<JsonValueWriter>> JsonValueWriter::Make(columnar::FieldPtr field, ArrayBuilder* builder,
                                                               std::string path) {
  const DataType& type = *field->type;
  std::unique_ptr<JsonValueWriter> w(new JsonValueWriter(field, builder, std::move(path)));
  switch (type.id) {
    case TypeId::kStruct: {
      auto* sb = static_cast<columnar::StructBuilder*>(builder);
      for (size_t i = 0; i < type.children.size(); ++i) {
        const auto& child = type.children[i];
        SLUICE_RETURN_NOT_OK(w->AddChild(child, sb->field_builder(static_cast<int>(i)), w->path_ + "." + child->name));
      }
      break;
    }
    case TypeId::kList:
      SLUICE_RETURN_NOT_OK(w->AddChild(type.children[0], static_cast<columnar::ListBuilder*>(builder)->value_builder(),
                                       w->path_ + "[]"));
      break;
    case TypeId::kMap: {
      auto* mb = static_cast<columnar::MapBuilder*>(builder);
      const auto& entries = type.children[0]->type->children;
      if (!IsTextParsable(*entries[0]->type)) {
        return Status::NotSupported("column '{}': cannot read map keys of type {} from JSON", w->path_,
                                    entries[0]->type->ToString());
      }
      SLUICE_RETURN_NOT_OK(w->AddChild(entries[0], mb->key_builder(), w->path_ + ".key"));
      SLUICE_RETURN_NOT_OK(w->AddChild(entries[1], mb->item_builder(), w->path_ + ".value"));
      break;
    }
    default:
      if (!IsTextParsable(type)) {
        return Status::NotSupported("column '{}': cannot read {} values from JSON", w->path_, type.ToString());
      }
  }
  return w;
}

Result<std::unique_ptr<JsonValueWriter>> JsonValueWriter::MakeRoot(const columnar::Schema& schema,
                                                                   const std::vector<ArrayBuilder*>& builders) {
  auto root_field = columnar::MakeField("", columnar::Struct(schema.fields), /*nullable=*/false);
  std::unique_ptr<JsonValueWriter> w(new JsonValueWriter(std::move(root_field), nullptr, ""));
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    SLUICE_RETURN_NOT_OK(w->AddChild(schema.fields[i], builders[i], schema.fields[i]->name));
  }
  return w;
}

Status JsonValueWriter::AddChild(const columnar::FieldPtr& field, ArrayBuilder* builder, std::string path) {
  SLUICE_ASSIGN_OR_RETURN(auto child, Make(field, builder, std::move(path)));
  if (field_->type->id == TypeId::kStruct) {
    index_.emplace(child->field_->name, children_.size());
    seen_.push_back(0);
  }
  children_.push_back(std::move(child));
  return Status::OK();
}

Status JsonValueWriter::WrongType(const dom::element& v) const {
  return Status::Invalid("column '{}': expected {}, found {} {}", path_, field_->type->ToString(), KindName(v.type()),
                         Excerpt(v));
}

Status JsonValueWriter::AppendMissing() {
  if (!field_->nullable) return Status::Invalid("column '{}': missing value for a non-nullable column", path_);
  builder_->AppendNull();
  return Status::OK();
}

Status JsonValueWriter::AppendText(std::string_view text) {
  Status st = AppendParsed(*field_->type, builder_, text);
  if (!st.ok()) return Status::Invalid("column '{}': {}", path_, st.message());
  return Status::OK();
}

Status JsonValueWriter::AppendMembers(const dom::object& object) {
  const uint64_t stamp = ++objects_;
  size_t hint = 0;
  for (const dom::key_value_pair& kv : object) {
    size_t i;
    // Lines usually repeat the key order: try the member after the last one first.
    if (hint < children_.size() && children_[hint]->field_->name == kv.key) {
      i = hint;
    } else {
      auto it = index_.find(kv.key);
      if (it == index_.end()) continue;  // not in the schema
      i = it->second;
    }
    hint = i + 1;
    if (seen_[i] == stamp) return Status::Invalid("column '{}': duplicate key", children_[i]->path_);
    seen_[i] = stamp;
    SLUICE_RETURN_NOT_OK(children_[i]->Append(kv.value));
  }
  for (size_t i = 0; i < children_.size(); ++i) {
    if (seen_[i] != stamp) SLUICE_RETURN_NOT_OK(children_[i]->AppendMissing());
  }
  return Status::OK();
}

Status JsonValueWriter::AppendObject(const dom::element& v) {
  dom::object obj;
  if (v.get_object().get(obj)) return WrongType(v);
  static_cast<columnar::StructBuilder*>(builder_)->Append();
  return AppendMembers(obj);
}

Status JsonValueWriter::Append(const dom::element& v) {
  const dom::element_type kind = v.type();
  if (kind == dom::element_type::NULL_VALUE) {
    if (!field_->nullable) return Status::Invalid("column '{}': null in a non-nullable column", path_);
    builder_->AppendNull();
    return Status::OK();
  }
  const DataType& type = *field_->type;
  bool wrong = false;
  Status st;
  switch (type.id) {
    case TypeId::kString: {
      if (kind == dom::element_type::STRING) {
        st = static_cast<columnar::BinaryBuilder*>(builder_)->Append(v.get_string().value_unsafe());
      } else {
        st = static_cast<columnar::BinaryBuilder*>(builder_)->Append(simdjson::minify(v));
      }
      break;
    }
    case TypeId::kBool:
      if (kind != dom::element_type::BOOL) return WrongType(v);
      static_cast<columnar::BoolBuilder*>(builder_)->Append(v.get_bool().value_unsafe());
      return Status::OK();
    case TypeId::kInt8:
      st = AppendInteger<int8_t>(v, builder_, &wrong);
      break;
    case TypeId::kInt16:
      st = AppendInteger<int16_t>(v, builder_, &wrong);
      break;
    case TypeId::kInt32:
      st = AppendInteger<int32_t>(v, builder_, &wrong);
      break;
    case TypeId::kInt64:
      st = AppendInteger<int64_t>(v, builder_, &wrong);
      break;
    case TypeId::kUInt8:
      st = AppendInteger<uint8_t>(v, builder_, &wrong);
      break;
    case TypeId::kUInt16:
      st = AppendInteger<uint16_t>(v, builder_, &wrong);
      break;
    case TypeId::kUInt32:
      st = AppendInteger<uint32_t>(v, builder_, &wrong);
      break;
    case TypeId::kUInt64:
      st = AppendInteger<uint64_t>(v, builder_, &wrong);
      break;
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      double d = 0;
      if (v.get_double().get(d)) return WrongType(v);
      if (type.id == TypeId::kFloat64) {
        static_cast<columnar::DoubleBuilder*>(builder_)->Append(d);
      } else {
        static_cast<columnar::FloatBuilder*>(builder_)->Append(static_cast<float>(d));
      }
      return Status::OK();
    }
    case TypeId::kDecimal128:
      if (kind == dom::element_type::STRING) return AppendText(v.get_string().value_unsafe());
      if (kind != dom::element_type::INT64 && kind != dom::element_type::UINT64 && kind != dom::element_type::DOUBLE) {
        return WrongType(v);
      }
      return AppendText(NumberText(v));
    case TypeId::kStruct:
      return AppendObject(v);
    case TypeId::kList: {
      dom::array arr;
      if (v.get_array().get(arr)) return WrongType(v);
      SLUICE_RETURN_NOT_OK(static_cast<columnar::ListBuilder*>(builder_)->Append());
      for (dom::element e : arr) SLUICE_RETURN_NOT_OK(children_[0]->Append(e));
      return Status::OK();
    }
    case TypeId::kMap: {
      dom::object obj;
      if (v.get_object().get(obj)) return WrongType(v);
      SLUICE_RETURN_NOT_OK(static_cast<columnar::MapBuilder*>(builder_)->Append());
      for (const dom::key_value_pair& kv : obj) {
        SLUICE_RETURN_NOT_OK(children_[0]->AppendText(kv.key));
        SLUICE_RETURN_NOT_OK(children_[1]->Append(kv.value));
      }
      return Status::OK();
    }
    default:
      // binary, date32, timestamp, time, fixed_size_binary: from strings.
      if (kind != dom::element_type::STRING) return WrongType(v);
      return AppendText(v.get_string().value_unsafe());
  }
  if (wrong) return WrongType(v);
  if (!st.ok()) return Status::Invalid("column '{}': {}", path_, st.message());
  return Status::OK();
}

}  // namespace sluice::formats
