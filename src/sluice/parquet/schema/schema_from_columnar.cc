// SchemaDescriptor::FromColumnar: the strict, widely readable Parquet schema
// sluice writes (3-level lists, MAP + key_value, logical + converted types).
#include <vector>

#include "sluice/parquet/schema/schema_descriptor_builder.h"
#include "sluice/parquet/schema/type_mapping.h"

namespace sluice::parquet {
namespace {

using columnar::Field;
using columnar::TypeId;
using format::FieldRepetitionType;
using format::SchemaElement;
using Kind = format::LogicalType::Kind;

constexpr int kMaxDepth = 60;

format::LogicalType Logical(Kind kind) {
  format::LogicalType l;
  l.kind = kind;
  return l;
}

SchemaElement Group(const std::string& name, FieldRepetitionType rep, int32_t num_children) {
  SchemaElement e;
  e.name = name;
  e.repetition_type = rep;
  e.num_children = num_children;
  return e;
}

Status AppendField(const Field& f, int depth, std::vector<SchemaElement>* out) {
  if (depth > kMaxDepth) return Status::NotSupported("field '{}' nests deeper than {}", f.name, kMaxDepth);
  const auto rep = f.nullable ? FieldRepetitionType::OPTIONAL : FieldRepetitionType::REQUIRED;
  const columnar::DataType& t = *f.type;
  switch (t.id) {
    case TypeId::kStruct: {
      if (t.children.empty()) return Status::NotSupported("struct '{}' without fields cannot be written", f.name);
      out->push_back(Group(f.name, rep, static_cast<int32_t>(t.children.size())));
      for (const auto& c : t.children) SLUICE_RETURN_NOT_OK(AppendField(*c, depth + 1, out));
      return Status::OK();
    }
    case TypeId::kList: {
      SchemaElement g = Group(f.name, rep, 1);
      g.converted_type = format::ConvertedType::LIST;
      g.logical_type = Logical(Kind::kList);
      out->push_back(std::move(g));
      out->push_back(Group("list", FieldRepetitionType::REPEATED, 1));
      return AppendField(*t.children[0], depth + 1, out);
    }
    case TypeId::kMap: {
      const auto& kv = t.children[0]->type->children;
      if (kv.size() != 2) return Status::Invalid("map '{}' entries need key and value", f.name);
      SchemaElement g = Group(f.name, rep, 1);
      g.converted_type = format::ConvertedType::MAP;
      g.logical_type = Logical(Kind::kMap);
      out->push_back(std::move(g));
      out->push_back(Group("key_value", FieldRepetitionType::REPEATED, 2));
      Field key = *kv[0];
      key.nullable = false;  // map keys are always required
      SLUICE_RETURN_NOT_OK(AppendField(key, depth + 1, out));
      return AppendField(*kv[1], depth + 1, out);
    }
    default: {
      SchemaElement e;
      e.name = f.name;
      // A null-typed column is all nulls, so it must be OPTIONAL.
      e.repetition_type = t.id == TypeId::kNull ? FieldRepetitionType::OPTIONAL : rep;
      SLUICE_RETURN_NOT_OK(WriteLeafType(t, &e));
      out->push_back(std::move(e));
      return Status::OK();
    }
  }
}

}  // namespace

Result<std::shared_ptr<const SchemaDescriptor>> SchemaDescriptor::FromColumnar(const columnar::Schema& schema) {
  std::vector<SchemaElement> elements;
  elements.push_back(Group("schema", FieldRepetitionType::REQUIRED, static_cast<int32_t>(schema.fields.size())));
  elements.back().repetition_type.reset();
  for (const auto& f : schema.fields) SLUICE_RETURN_NOT_OK(AppendField(*f, 0, &elements));
  SchemaDescriptorBuilder builder(elements);
  SLUICE_ASSIGN_OR_RETURN(auto d, builder.Build());
  SchemaDescriptorBuilder::AdoptColumnar(d.get(), std::make_shared<columnar::Schema>(schema));
  return std::shared_ptr<const SchemaDescriptor>(std::move(d));
}

}  // namespace sluice::parquet
