#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sluice/parquet/schema/schema_descriptor.h"

namespace sluice::parquet {

// Internal: builds a SchemaDescriptor from schema elements (FromParquet) and
// lets FromColumnar put the caller's columnar fields in place.
class SchemaDescriptorBuilder {
 public:
  explicit SchemaDescriptorBuilder(const std::vector<format::SchemaElement>& elements) : elements_(elements) {}

  Result<std::shared_ptr<SchemaDescriptor>> Build();
  // Replaces the columnar side of `d` by `schema` (same shape).
  static void AdoptColumnar(SchemaDescriptor* d, columnar::SchemaPtr schema);

 private:
  // Maximum group nesting; deeper schemas are rejected (bounds recursion).
  static constexpr int kMaxDepth = 64;

  Status ParseTree(int depth, int* out_index);
  bool IsGroup(const format::SchemaElement& e) const { return e.num_children.has_value() && *e.num_children > 0; }
  Result<SchemaNode> Convert(int idx, int16_t def, int16_t rep, std::vector<std::string>& prefix, bool force_required);
  Result<SchemaNode> ConvertLeaf(int idx, int16_t def, int16_t rep, bool nullable, std::vector<std::string>& prefix);
  Result<SchemaNode> ConvertList(int idx, int16_t def, int16_t rep, bool nullable, std::vector<std::string>& prefix);
  Result<SchemaNode> ConvertMap(int idx, int16_t def, int16_t rep, bool nullable, std::vector<std::string>& prefix);
  static void AdoptField(SchemaNode* node, const columnar::FieldPtr& field);

  const std::vector<format::SchemaElement>& elements_;
  std::vector<std::vector<int>> children_;  // per element: indices of its children
  size_t pos_ = 0;
  std::vector<LeafColumn> leaves_;
};

}  // namespace sluice::parquet
