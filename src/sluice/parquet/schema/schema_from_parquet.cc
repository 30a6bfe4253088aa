// SchemaDescriptor::FromParquet: the flat, depth-first FileMetaData.schema
// list -> columnar schema + leaves + level tree, with the backward-compatibility
// rules of LogicalTypes.md ("Lists" and "Maps", section "Backward-compatibility rules").
#include <string>
#include <utility>
#include <vector>

#include "sluice/parquet/schema/schema_descriptor_builder.h"
#include "sluice/parquet/schema/type_mapping.h"

namespace sluice::parquet {

using columnar::FieldPtr;
using format::ConvertedType;
using format::FieldRepetitionType;
using format::SchemaElement;
using Kind = format::LogicalType::Kind;

Status SchemaDescriptorBuilder::ParseTree(int depth, int* out_index) {
  if (depth > kMaxDepth) return Status::Corrupt("schema nests deeper than {} groups", kMaxDepth);
  if (pos_ >= elements_.size()) return Status::Corrupt("schema: num_children claim more than {} elements", pos_);
  const int idx = static_cast<int>(pos_++);
  *out_index = idx;
  const SchemaElement& e = elements_[idx];
  if (!e.num_children) return Status::OK();
  const int32_t n = *e.num_children;
  if (n < 0 || static_cast<size_t>(n) > elements_.size() - pos_) {
    return Status::Corrupt("schema element {} '{}': num_children {} but {} elements follow", idx, e.name, n,
                           elements_.size() - pos_);
  }
  for (int32_t i = 0; i < n; ++i) {
    int child = 0;
    SLUICE_RETURN_NOT_OK(ParseTree(depth + 1, &child));
    children_[idx].push_back(child);
  }
  return Status::OK();
}

Result<std::shared_ptr<SchemaDescriptor>> SchemaDescriptorBuilder::Build() {
  if (elements_.empty()) return Status::Corrupt("empty schema: no root element");
  const SchemaElement& root = elements_[0];
  if (!root.num_children || root.type) {
    return Status::Corrupt("schema element 0 '{}' is not a root group", root.name);
  }
  children_.resize(elements_.size());
  int root_index = 0;
  SLUICE_RETURN_NOT_OK(ParseTree(0, &root_index));
  if (pos_ != elements_.size()) {
    return Status::Corrupt("schema root '{}' covers {} elements, the list has {}", root.name, pos_, elements_.size());
  }
  auto d = std::make_shared<SchemaDescriptor>();
  auto schema = std::make_shared<columnar::Schema>();
  for (int child : children_[0]) {
    const int first = static_cast<int>(leaves_.size());
    std::vector<std::string> prefix;
    SLUICE_ASSIGN_OR_RETURN(SchemaNode node, Convert(child, 0, 0, prefix, false));
    schema->fields.push_back(node.field);
    d->fields_.push_back(std::move(node));
    d->leaf_ranges_.emplace_back(first, static_cast<int>(leaves_.size()));
  }
  d->schema_ = std::move(schema);
  d->elements_ = elements_;
  d->leaves_ = std::move(leaves_);
  return d;
}

Result<SchemaNode> SchemaDescriptorBuilder::Convert(int idx, int16_t def, int16_t rep, std::vector<std::string>& prefix,
                                                    bool force_required) {
  const SchemaElement& e = elements_[idx];
  const auto repetition =
      force_required ? FieldRepetitionType::REQUIRED : e.repetition_type.value_or(FieldRepetitionType::REQUIRED);
  if (repetition != FieldRepetitionType::REQUIRED && repetition != FieldRepetitionType::OPTIONAL &&
      repetition != FieldRepetitionType::REPEATED) {
    return Status::Corrupt("schema element {} '{}': invalid repetition type {}", idx, e.name,
                           static_cast<int32_t>(repetition));
  }
  if (repetition == FieldRepetitionType::REPEATED) {
    // A repeated field outside a LIST/MAP is a required list of required
    // elements named after the field (LogicalTypes.md, "Lists", unannotated
    // repeated fields; repeated_no_annotation / repeated_primitive_no_list.parquet).
    SchemaNode list;
    list.kind = SchemaNode::Kind::kList;
    list.nullable = false;
    list.def_level = def;
    list.rep_level = rep;
    list.repeated_def_level = static_cast<int16_t>(def + 1);
    SLUICE_ASSIGN_OR_RETURN(SchemaNode element, Convert(idx, def + 1, rep + 1, prefix, true));
    list.field = columnar::MakeField(e.name, columnar::List(element.field), false);
    list.children.push_back(std::move(element));
    return list;
  }
  const bool nullable = repetition == FieldRepetitionType::OPTIONAL;
  const int16_t node_def = static_cast<int16_t>(def + (nullable ? 1 : 0));
  if (!IsGroup(e)) {
    if (e.num_children && !e.type) return Status::NotSupported("schema element {} '{}': empty group", idx, e.name);
    return ConvertLeaf(idx, node_def, rep, nullable, prefix);
  }
  const bool is_list =
      (e.logical_type && e.logical_type->kind == Kind::kList) || e.converted_type == ConvertedType::LIST;
  const bool is_map = (e.logical_type && e.logical_type->kind == Kind::kMap) ||
                      e.converted_type == ConvertedType::MAP || e.converted_type == ConvertedType::MAP_KEY_VALUE;
  if (is_list) return ConvertList(idx, node_def, rep, nullable, prefix);
  if (is_map) return ConvertMap(idx, node_def, rep, nullable, prefix);
  SchemaNode node;
  node.kind = SchemaNode::Kind::kStruct;
  node.nullable = nullable;
  node.def_level = node_def;
  node.rep_level = rep;
  prefix.push_back(e.name);
  std::vector<FieldPtr> fields;
  for (int child : children_[idx]) {
    SLUICE_ASSIGN_OR_RETURN(SchemaNode c, Convert(child, node_def, rep, prefix, false));
    fields.push_back(c.field);
    node.children.push_back(std::move(c));
  }
  prefix.pop_back();
  node.field = columnar::MakeField(e.name, columnar::Struct(std::move(fields)), nullable);
  return node;
}

Result<SchemaNode> SchemaDescriptorBuilder::ConvertLeaf(int idx, int16_t def, int16_t rep, bool nullable,
                                                        std::vector<std::string>& prefix) {
  const SchemaElement& e = elements_[idx];
  SLUICE_ASSIGN_OR_RETURN(columnar::DataTypePtr type, ReadLeafType(e));
  LeafColumn leaf;
  leaf.index = static_cast<int>(leaves_.size());
  leaf.path = prefix;
  leaf.path.push_back(e.name);
  leaf.element = e;
  leaf.physical_type = *e.type;
  leaf.type_length = e.type_length.value_or(0);
  leaf.max_def_level = def;
  leaf.max_rep_level = rep;
  leaf.type = type;
  SchemaNode node;
  node.kind = SchemaNode::Kind::kLeaf;
  node.nullable = nullable;
  node.def_level = def;
  node.rep_level = rep;
  node.leaf_index = leaf.index;
  node.field = columnar::MakeField(e.name, std::move(type), nullable);
  leaves_.push_back(std::move(leaf));
  return node;
}

Result<SchemaNode> SchemaDescriptorBuilder::ConvertList(int idx, int16_t def, int16_t rep, bool nullable,
                                                        std::vector<std::string>& prefix) {
  const SchemaElement& e = elements_[idx];
  if (children_[idx].size() != 1) {
    return Status::Corrupt("LIST group {} '{}' has {} children, expected one", idx, e.name, children_[idx].size());
  }
  const int r = children_[idx][0];
  const SchemaElement& re = elements_[r];
  if (re.repetition_type != FieldRepetitionType::REPEATED) {
    return Status::Corrupt("LIST group {} '{}': child '{}' is not repeated", idx, e.name, re.name);
  }
  SchemaNode list;
  list.kind = SchemaNode::Kind::kList;
  list.nullable = nullable;
  list.def_level = def;
  list.rep_level = rep;
  list.repeated_def_level = static_cast<int16_t>(def + 1);
  prefix.push_back(e.name);
  SchemaNode element;
  // 2-level forms: a repeated primitive, a repeated group with several
  // fields, or one named "array" / "<list>_tuple" is itself the required
  // element (LogicalTypes.md backward-compatibility rules 1-3;
  // old_list_structure.parquet). Otherwise the repeated group wraps the element.
  const bool two_level = !IsGroup(re) || children_[r].size() > 1 || re.name == "array" || re.name == e.name + "_tuple";
  if (two_level) {
    SLUICE_ASSIGN_OR_RETURN(element, Convert(r, def + 1, rep + 1, prefix, true));
  } else {
    prefix.push_back(re.name);
    SLUICE_ASSIGN_OR_RETURN(element, Convert(children_[r][0], def + 1, rep + 1, prefix, false));
    prefix.pop_back();
  }
  prefix.pop_back();
  list.field = columnar::MakeField(e.name, columnar::List(element.field), nullable);
  list.children.push_back(std::move(element));
  return list;
}

Result<SchemaNode> SchemaDescriptorBuilder::ConvertMap(int idx, int16_t def, int16_t rep, bool nullable,
                                                       std::vector<std::string>& prefix) {
  const SchemaElement& e = elements_[idx];
  if (children_[idx].size() != 1) {
    return Status::Corrupt("MAP group {} '{}' has {} children, expected one", idx, e.name, children_[idx].size());
  }
  const int kv = children_[idx][0];
  const SchemaElement& kve = elements_[kv];
  if (kve.repetition_type != FieldRepetitionType::REPEATED || !IsGroup(kve) || children_[kv].size() > 2) {
    return Status::Corrupt("MAP group {} '{}': child '{}' must be a repeated group of key and value", idx, e.name,
                           kve.name);
  }
  SchemaNode map;
  map.nullable = nullable;
  map.def_level = def;
  map.rep_level = rep;
  map.repeated_def_level = static_cast<int16_t>(def + 1);
  prefix.push_back(e.name);
  prefix.push_back(kve.name);
  SLUICE_ASSIGN_OR_RETURN(SchemaNode key, Convert(children_[kv][0], def + 1, rep + 1, prefix, false));
  // Keys are never null; an OPTIONAL key (Presto/Trino, incorrect_map_schema.parquet)
  // is tolerated, and a key that is actually null is Corrupt in AssembleField.
  key.nullable = false;
  key.field = columnar::MakeField(key.field->name, key.field->type, false);
  if (children_[kv].size() == 1) {
    // A MAP with only keys reads as a list of keys, as pyarrow does (map_no_value.parquet).
    map.kind = SchemaNode::Kind::kList;
    map.field = columnar::MakeField(e.name, columnar::List(key.field), nullable);
    map.children.push_back(std::move(key));
  } else {
    SLUICE_ASSIGN_OR_RETURN(SchemaNode value, Convert(children_[kv][1], def + 1, rep + 1, prefix, false));
    map.kind = SchemaNode::Kind::kMap;
    map.field = columnar::MakeField(e.name, columnar::Map(key.field, value.field), nullable);
    map.children.push_back(std::move(key));
    map.children.push_back(std::move(value));
  }
  prefix.pop_back();
  prefix.pop_back();
  return map;
}

void SchemaDescriptorBuilder::AdoptField(SchemaNode* node, const FieldPtr& field) {
  node->field = field;
  const auto& kids = field->type->children;
  switch (node->kind) {
    case SchemaNode::Kind::kStruct:
    case SchemaNode::Kind::kList:
      for (size_t i = 0; i < node->children.size() && i < kids.size(); ++i) AdoptField(&node->children[i], kids[i]);
      break;
    case SchemaNode::Kind::kMap: {
      const auto& kv = kids[0]->type->children;
      for (size_t i = 0; i < node->children.size() && i < kv.size(); ++i) AdoptField(&node->children[i], kv[i]);
      break;
    }
    case SchemaNode::Kind::kLeaf:
      break;
  }
}

void SchemaDescriptorBuilder::AdoptColumnar(SchemaDescriptor* d, columnar::SchemaPtr schema) {
  for (size_t i = 0; i < d->fields_.size(); ++i) AdoptField(&d->fields_[i], schema->fields[i]);
  d->schema_ = std::move(schema);
}

Result<std::shared_ptr<const SchemaDescriptor>> SchemaDescriptor::FromParquet(
    const std::vector<format::SchemaElement>& elements) {
  SchemaDescriptorBuilder builder(elements);
  SLUICE_ASSIGN_OR_RETURN(auto d, builder.Build());
  return std::shared_ptr<const SchemaDescriptor>(std::move(d));
}

std::pair<int, int> SchemaDescriptor::LeafRange(int field_index) const { return leaf_ranges_[field_index]; }

}  // namespace sluice::parquet
