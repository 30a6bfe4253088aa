#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/columnar/data_type.h"
#include "sluice/common/status.h"
#include "sluice/parquet/format/parquet_types.h"

namespace sluice::parquet {

// One primitive (leaf) column of a Parquet schema: what a column chunk holds.
struct LeafColumn {
  int index = 0;                  // ordinal of the leaf = index of its ColumnChunk in a RowGroup
  std::vector<std::string> path;  // ColumnMetaData.path_in_schema
  format::SchemaElement element;  // the leaf's schema element (physical type, annotations)
  format::Type physical_type = format::Type::INT32;
  int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY width
  int16_t max_def_level = 0;
  int16_t max_rep_level = 0;
  // The in-memory type of the leaf's values as sluice reads/writes them, e.g.
  // INT96 -> timestamp[us], INT32+DATE -> date32, BYTE_ARRAY+DECIMAL -> decimal128.
  columnar::DataTypePtr type;
};

// A node of the tree that maps columnar fields onto Parquet levels. Every
// field of the columnar schema has one node. Levels (Dremel encoding):
//   def_level  the definition level a value has when this node is present
//              (non-null). A nullable node adds one level; a list/map adds one
//              for "non-empty" on top of its own nullability.
//   rep_level  the repetition level of this node's repeated ancestor chain;
//              lists and maps raise it by one for their elements.
// Worked example, optional list<optional int32> written as the 3-level form
//   optional group a (LIST) { repeated group list { optional int32 element } }
//   row                 def  rep      a node: def 1 (present), list node: rep 1
//   null                0    0        element node: def 3 (value present)
//   []                  1    0
//   [null]              2    0
//   [7, 8]              3,3  0,1
struct SchemaNode {
  enum class Kind { kLeaf, kStruct, kList, kMap };
  Kind kind = Kind::kLeaf;
  columnar::FieldPtr field;  // the columnar field this node produces
  bool nullable = true;      // the field can be null at this level
  int16_t def_level = 0;     // def level at which this node is non-null
  int16_t rep_level = 0;     // rep level of this node (ancestors' repetition)
  // kList: children[0] = element node (repeated); kMap: children[0] = key,
  // children[1] = value (entries repeated); kStruct: one child per field.
  std::vector<SchemaNode> children;
  // For kList/kMap: the def level at which the list is present AND has at
  // least one element (= def level of the repeated group).
  int16_t repeated_def_level = 0;
  int leaf_index = -1;  // kLeaf: index into SchemaDescriptor::leaves()
};

// Both views of one schema: the columnar schema, the Parquet schema elements,
// the leaves, and the level tree connecting them.
class SchemaDescriptor {
 public:
  // Builds from a Parquet footer's schema, applying every backward-compatibility
  // rule of LogicalTypes.md (legacy 2-level lists, unannotated repeated fields,
  // MAP_KEY_VALUE, optional map keys, unknown logical types).
  static Result<std::shared_ptr<const SchemaDescriptor>> FromParquet(
      const std::vector<format::SchemaElement>& elements);
  // Builds the Parquet schema sluice writes for `schema` (strict modern form:
  // 3-level lists, MAP with key_value, logical + converted types).
  static Result<std::shared_ptr<const SchemaDescriptor>> FromColumnar(const columnar::Schema& schema);

  const columnar::SchemaPtr& schema() const { return schema_; }
  const std::vector<format::SchemaElement>& elements() const { return elements_; }
  const std::vector<LeafColumn>& leaves() const { return leaves_; }
  // One node per top-level field.
  const std::vector<SchemaNode>& fields() const { return fields_; }
  // Leaves [first, last) belonging to top-level field `i`.
  std::pair<int, int> LeafRange(int field_index) const;

 private:
  columnar::SchemaPtr schema_;
  std::vector<format::SchemaElement> elements_;
  std::vector<LeafColumn> leaves_;
  std::vector<SchemaNode> fields_;
  std::vector<std::pair<int, int>> leaf_ranges_;
  friend class SchemaDescriptorBuilder;
};

using SchemaDescriptorPtr = std::shared_ptr<const SchemaDescriptor>;

}  // namespace sluice::parquet
