// Dremel record assembly: leaf levels + dense values -> nested arrays.
//
// Every node owns one "slot" (one array entry) per level index i of its first
// leaf with rep[i] <= node.rep_level and def[i] >= threshold, where threshold
// is the repeated_def_level of the closest enclosing list/map (0 at the top).
// A slot is valid iff def[i] >= node.def_level. For a list, the element slots
// between two list slots are its elements. Example, optional list<optional
// int32> (list def 1, repeated_def 2, element def 3, element rep 1):
//   levels (def,rep)  (0,0) (1,0) (2,0) (3,0) (3,1)
//   list slots        null  []    [     [           -> offsets 0 0 0 1 3
//   element slots                 null  7     8        (threshold 2)
#include "sluice/parquet/schema/record_assembly.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "sluice/parquet/encoding/levels.h"

namespace sluice::parquet {
namespace {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::TypeId;

std::string PathOf(const LeafColumn& leaf) {
  std::string s;
  for (const auto& p : leaf.path) s += (s.empty() ? "" : ".") + p;
  return s;
}

struct Levels {
  const LeafData* data = nullptr;
  const LeafColumn* column = nullptr;
  const int16_t* def = nullptr;  // null when max_def == 0
  const int16_t* rep = nullptr;  // null when max_rep == 0
  int64_t n = 0;
  std::vector<int16_t> repeated_def;  // [r] = repeated_def_level of the list at rep depth r (r >= 1)
};

// An immutable zeroed buffer of at least `size` bytes, shared by the arrays
// of value-less leaves (arrays never write to their buffers): one per thread,
// replaced by a larger one when needed, instead of zeroing fresh memory for
// each of the dozens of unused columns per batch of a Delta checkpoint.
BufferPtr SharedZeros(int64_t size) {
  thread_local BufferPtr zeros;
  if (!zeros || zeros->size() < size) zeros = std::make_shared<Buffer>(std::max<int64_t>(size, 64 * 1024));
  return zeros;
}

template <int W>
void CopyValue(uint8_t* dst, const uint8_t* src, int32_t w) {
  if constexpr (W > 0) {
    std::memcpy(dst, src, W);
  } else {
    std::memcpy(dst, src, static_cast<size_t>(w));
  }
}

class Assembler {
 public:
  Assembler(const SchemaDescriptor& schema, int first_leaf) : schema_(schema), first_leaf_(first_leaf) {}

  Status Prepare(const SchemaNode& node, const std::vector<const LeafData*>& leaves, int64_t num_rows);
  Result<ArrayPtr> Build(const SchemaNode& node, int16_t threshold, int16_t parent_def);

 private:
  void CollectRepeatedDefs(const SchemaNode& node, std::vector<int16_t>* stack);
  Status CheckLeaf(Levels* lv, int64_t num_rows);
  const Levels& FirstLeaf(const SchemaNode& node) const;
  Result<ArrayPtr> BuildLeaf(const SchemaNode& node, const Levels& lv, const int64_t* slots, int64_t n,
                             int16_t parent_def);
  template <bool kIdentity, int W>
  Status ScatterFixed(const SchemaNode& node, const Levels& lv, const int64_t* slots, int64_t n, int16_t parent_def,
                      uint8_t* validity, uint8_t* out, int64_t* null_count);
  template <bool kIdentity>
  Status Scatter(const SchemaNode& node, const Levels& lv, const int64_t* slots, int64_t n, int16_t parent_def,
                 Array* out);
  // Validity of `n` slots; sets *bitmap to null when all are valid. A slot of
  // a non-nullable node may only be absent when its parent is.
  // `slots` nullptr means slot k is level k.
  Status SlotValidity(const SchemaNode& node, const Levels& lv, const int64_t* slots, int64_t n, int16_t parent_def,
                      BufferPtr* bitmap, int64_t* null_count);
  // Children of a struct / list / map node (`out` has its own buffers set).
  Status BuildChildren(const SchemaNode& node, int16_t threshold, int64_t count, columnar::Array* out);

  const SchemaDescriptor& schema_;
  int first_leaf_;
  std::vector<Levels> levels_;
};

void Assembler::CollectRepeatedDefs(const SchemaNode& node, std::vector<int16_t>* stack) {
  if (node.kind == SchemaNode::Kind::kLeaf) {
    levels_[node.leaf_index - first_leaf_].repeated_def = *stack;
    return;
  }
  const bool repeats = node.kind == SchemaNode::Kind::kList || node.kind == SchemaNode::Kind::kMap;
  if (repeats) stack->push_back(node.repeated_def_level);
  for (const auto& c : node.children) CollectRepeatedDefs(c, stack);
  if (repeats) stack->pop_back();
}

Status Assembler::Prepare(const SchemaNode& node, const std::vector<const LeafData*>& leaves, int64_t num_rows) {
  levels_.resize(leaves.size());
  std::vector<int16_t> stack = {0};
  CollectRepeatedDefs(node, &stack);
  for (size_t k = 0; k < leaves.size(); ++k) {
    Levels& lv = levels_[k];
    lv.column = &schema_.leaves()[first_leaf_ + k];
    lv.data = leaves[k];
    if (lv.data == nullptr) return Status::Invalid("no leaf data for column '{}'", PathOf(*lv.column));
    SLUICE_RETURN_NOT_OK(CheckLeaf(&lv, num_rows));
  }
  return Status::OK();
}

// Validates one leaf's levels against the schema before any of them is used.
Status Assembler::CheckLeaf(Levels* lv, int64_t num_rows) {
  const LeafData& d = *lv->data;
  const LeafColumn& c = *lv->column;
  const int16_t max_def = c.max_def_level;
  const int16_t max_rep = c.max_rep_level;
  const int64_t n = d.num_levels;
  if (n < 0 || d.num_values < 0) return Status::Corrupt("column '{}': negative level/value count", PathOf(c));
  if (max_def > 0 && d.def_levels->size() < n * 2) {
    return Status::Corrupt("column '{}': {} definition levels expected, buffer holds {}", PathOf(c), n,
                           d.def_levels->size() / 2);
  }
  if (max_rep > 0 && d.rep_levels->size() < n * 2) {
    return Status::Corrupt("column '{}': {} repetition levels expected, buffer holds {}", PathOf(c), n,
                           d.rep_levels->size() / 2);
  }
  lv->n = n;
  lv->def = max_def > 0 ? d.def_levels->data_as<int16_t>() : nullptr;
  lv->rep = max_rep > 0 ? d.rep_levels->data_as<int16_t>() : nullptr;
  int64_t values = n;
  int64_t records = n;
  // Vectorised passes over the levels (every leaf, unused ones included).
  if (lv->def) {
    if (encoding::MaxLevelUnsigned(lv->def, n) > static_cast<uint16_t>(max_def)) {
      return Status::Corrupt("column '{}': definition level outside [0, {}]", PathOf(c), max_def);
    }
    values = encoding::CountLevels(lv->def, n, max_def);
  }
  if (lv->rep) {
    if (n > 0 && lv->rep[0] != 0) return Status::Corrupt("column '{}': first repetition level is not 0", PathOf(c));
    records = encoding::CountLevels(lv->rep, n, 0);
    for (int64_t i = 0; i < n; ++i) {
      const int16_t r = lv->rep[i];
      if (r == 0) continue;
      if (r < 0 || r > max_rep) {
        return Status::Corrupt("column '{}': repetition level {} at {} outside [0, {}]", PathOf(c), r, i, max_rep);
      }
      // Continuing the list at depth r needs that list non-empty before and now.
      if (lv->def[i] < lv->repeated_def[r] || lv->def[i - 1] < lv->repeated_def[r]) {
        return Status::Corrupt("column '{}': repetition level {} at {} continues an empty or null list", PathOf(c), r,
                               i);
      }
    }
  }
  if (records != num_rows) {
    return Status::Corrupt("column '{}': {} records, expected {}", PathOf(c), records, num_rows);
  }
  if (c.type->id == TypeId::kNull) return Status::OK();
  if (values != d.num_values) {
    return Status::Corrupt("column '{}': levels say {} values, leaf holds {}", PathOf(c), values, d.num_values);
  }
  const int64_t nv = d.num_values;
  if (c.type->IsBinaryLike()) {
    if (nv == 0 && d.values->size() < 4) return Status::OK();  // no values: offsets may be absent
    if (d.values->size() < (nv + 1) * 4) return Status::Corrupt("column '{}': offsets buffer too short", PathOf(c));
    const int32_t* o = d.values->data_as<int32_t>();
    if (o[0] != 0 || o[nv] < 0 || o[nv] > d.data->size()) {
      return Status::Corrupt("column '{}': value offsets out of bounds", PathOf(c));
    }
  } else if (c.type->id == TypeId::kBool) {
    if (d.values->size() < bit_util::BytesForBits(nv)) return Status::Corrupt("column '{}': short values", PathOf(c));
  } else if (d.values->size() < nv * c.type->FixedWidth()) {
    return Status::Corrupt("column '{}': values buffer too short", PathOf(c));
  }
  return Status::OK();
}

const Levels& Assembler::FirstLeaf(const SchemaNode& node) const {
  const SchemaNode* n = &node;
  while (n->kind != SchemaNode::Kind::kLeaf) n = &n->children[0];
  return levels_[n->leaf_index - first_leaf_];
}

Status Assembler::SlotValidity(const SchemaNode& node, const Levels& lv, const int64_t* slots, int64_t n,
                               int16_t parent_def, BufferPtr* bitmap, int64_t* null_count) {
  *null_count = 0;
  *bitmap = nullptr;
  if (lv.def == nullptr || node.def_level == 0) return Status::OK();
  auto bits = std::make_shared<Buffer>(bit_util::BytesForBits(n));
  uint8_t* b = bits->mutable_data();
  int64_t nulls = 0;
  for (int64_t k = 0; k < n; ++k) {
    const int16_t d = lv.def[slots ? slots[k] : k];
    if (d >= node.def_level) {
      bit_util::SetBit(b, k);
    } else if (!node.nullable && d >= parent_def) {
      return Status::Corrupt("column '{}': null in non-nullable field '{}'", PathOf(*lv.column), node.field->name);
    } else {
      ++nulls;
    }
  }
  if (node.nullable && nulls > 0) {
    *bitmap = std::move(bits);
    *null_count = nulls;
  }
  return Status::OK();
}

Result<ArrayPtr> Assembler::Build(const SchemaNode& node, int16_t threshold, int16_t parent_def) {
  const Levels& lv = FirstLeaf(node);
  if (node.kind == SchemaNode::Kind::kLeaf && lv.rep == nullptr) {
    return BuildLeaf(node, lv, nullptr, lv.n, parent_def);
  }
  auto out = std::make_shared<Array>();
  out->type = node.field->type;
  if (lv.rep == nullptr && node.kind == SchemaNode::Kind::kStruct) {
    // No repetition above: slot k is level k (a struct of flat fields). (A
    // list's leaf has rep levels; it only lacks them when it has no levels.)
    out->length = lv.n;
    BufferPtr bitmap;
    SLUICE_RETURN_NOT_OK(SlotValidity(node, lv, nullptr, lv.n, parent_def, &bitmap, &out->null_count));
    out->buffers.push_back(std::move(bitmap));
    SLUICE_RETURN_NOT_OK(BuildChildren(node, threshold, lv.n, out.get()));
    return ArrayPtr(std::move(out));
  }
  if (node.kind != SchemaNode::Kind::kStruct && node.kind != SchemaNode::Kind::kLeaf && threshold == 0 &&
      node.rep_level == 0 && lv.n > 0) {
    // A top-level list or map present in no record (an unused action column
    // of a Delta checkpoint): with no list present no level can repeat
    // (CheckLeaf), so slot k is level k, every offset is 0, no elements.
    int16_t max_def = 0;
    for (int64_t i = 0; i < lv.n; ++i) max_def = std::max(max_def, lv.def[i]);
    if (max_def < node.def_level && (node.nullable || max_def < parent_def)) {
      const int64_t n = lv.n;
      out->length = n;
      out->null_count = node.nullable ? n : 0;
      out->buffers = {node.nullable ? SharedZeros(bit_util::BytesForBits(n)) : nullptr, SharedZeros((n + 1) * 4)};
      SLUICE_RETURN_NOT_OK(BuildChildren(node, threshold, 0, out.get()));
      return ArrayPtr(std::move(out));
    }
  }
  // Slots of this node in its first leaf (see the file comment).
  std::vector<int64_t> slots;
  const int16_t r = node.rep_level;
  // Inside a list no entry of which is present anywhere (the elements of an
  // unused list or map), no level reaches the threshold: no slots, no scan.
  if (threshold == 0 || encoding::MaxLevelUnsigned(lv.def, lv.n) >= static_cast<uint16_t>(threshold)) {
    for (int64_t i = 0; i < lv.n; ++i) {
      if ((lv.rep == nullptr || lv.rep[i] <= r) && lv.def[i] >= threshold) slots.push_back(i);
    }
  }
  const int64_t n = static_cast<int64_t>(slots.size());
  if (node.kind == SchemaNode::Kind::kLeaf) return BuildLeaf(node, lv, slots.data(), n, parent_def);

  out->length = n;
  BufferPtr bitmap;
  SLUICE_RETURN_NOT_OK(SlotValidity(node, lv, slots.data(), n, parent_def, &bitmap, &out->null_count));
  out->buffers.push_back(bitmap);
  if (node.kind == SchemaNode::Kind::kStruct) {
    SLUICE_RETURN_NOT_OK(BuildChildren(node, threshold, n, out.get()));
    return ArrayPtr(std::move(out));
  }
  // List or map: count the element slots that follow each list slot.
  const int16_t rdl = node.repeated_def_level;
  const int16_t elem_rep = static_cast<int16_t>(node.rep_level + 1);
  auto offsets = std::make_shared<Buffer>((n + 1) * 4);
  int32_t* o = offsets->mutable_data_as<int32_t>();
  int64_t count = 0;
  int64_t k = 0;
  for (int64_t i = 0; i < lv.n; ++i) {
    if (k < n && slots[k] == i) {
      if (count > INT32_MAX) return Status::NotSupported("list '{}' has over 2^31 elements", node.field->name);
      o[k++] = static_cast<int32_t>(count);
    }
    count += lv.rep[i] <= elem_rep && lv.def[i] >= rdl;
  }
  if (count > INT32_MAX) return Status::NotSupported("list '{}' has over 2^31 elements", node.field->name);
  o[n] = static_cast<int32_t>(count);
  out->buffers.push_back(std::move(offsets));
  SLUICE_RETURN_NOT_OK(BuildChildren(node, threshold, count, out.get()));
  return ArrayPtr(std::move(out));
}

Status Assembler::BuildChildren(const SchemaNode& node, int16_t threshold, int64_t count, Array* out) {
  if (node.kind == SchemaNode::Kind::kStruct) {
    for (const auto& c : node.children) {
      SLUICE_ASSIGN_OR_RETURN(ArrayPtr child, Build(c, threshold, node.def_level));
      if (child->length != count) {
        return Status::Corrupt("leaves of struct '{}' disagree: {} vs {} values", node.field->name, count,
                               child->length);
      }
      out->children.push_back(std::move(child));
    }
    return Status::OK();
  }
  const int16_t rdl = node.repeated_def_level;
  if (node.kind == SchemaNode::Kind::kList) {
    SLUICE_ASSIGN_OR_RETURN(ArrayPtr child, Build(node.children[0], rdl, rdl));
    if (child->length != count) return Status::Corrupt("list '{}': element count mismatch", node.field->name);
    out->children.push_back(std::move(child));
    return Status::OK();
  }
  auto entries = std::make_shared<Array>();
  entries->type = node.field->type->children[0]->type;
  entries->length = count;
  entries->buffers.push_back(nullptr);
  for (const auto& c : node.children) {
    SLUICE_ASSIGN_OR_RETURN(ArrayPtr child, Build(c, rdl, rdl));
    if (child->length != count) return Status::Corrupt("map '{}': key/value count mismatch", node.field->name);
    entries->children.push_back(std::move(child));
  }
  out->children.push_back(std::move(entries));
  return Status::OK();
}

template <bool kIdentity, int W>
Status Assembler::ScatterFixed(const SchemaNode& node, const Levels& lv, const int64_t* slots, int64_t n,
                               int16_t parent_def, uint8_t* validity, uint8_t* out, int64_t* null_count) {
  const int32_t w = lv.column->type->FixedWidth();
  const uint8_t* in = lv.data->values->data();
  const int16_t max_def = node.def_level;
  int64_t v = 0;
  int64_t nulls = 0;
  for (int64_t k = 0; k < n; ++k) {
    const int16_t d = lv.def[kIdentity ? k : slots[k]];
    if (d == max_def) {
      bit_util::SetBit(validity, k);
      CopyValue<W>(out + k * w, in + v * w, w);
      ++v;
    } else {
      if (!node.nullable && d >= parent_def) {
        return Status::Corrupt("column '{}': null in non-nullable field", PathOf(*lv.column));
      }
      ++nulls;
    }
  }
  *null_count = nulls;
  return Status::OK();
}

template <bool kIdentity>
Status Assembler::Scatter(const SchemaNode& node, const Levels& lv, const int64_t* slots, int64_t n, int16_t parent_def,
                          Array* out) {
  auto validity = std::make_shared<Buffer>(bit_util::BytesForBits(n));
  uint8_t* bits = validity->mutable_data();
  const LeafData& d = *lv.data;
  const TypeId id = lv.column->type->id;
  if (id == TypeId::kBool || lv.column->type->IsBinaryLike()) {
    const bool binary = id != TypeId::kBool;
    auto values = std::make_shared<Buffer>(binary ? (n + 1) * 4 : bit_util::BytesForBits(n));
    const uint8_t* in_bits = d.values->data();
    const int32_t* in_off = d.values->data_as<int32_t>();
    int32_t* o = values->mutable_data_as<int32_t>();
    if (binary) o[0] = 0;
    int64_t v = 0;
    for (int64_t k = 0; k < n; ++k) {
      const int16_t lvl = lv.def[kIdentity ? k : slots[k]];
      const bool valid = lvl == node.def_level;
      if (!valid && !node.nullable && lvl >= parent_def) {
        return Status::Corrupt("column '{}': null in non-nullable field", PathOf(*lv.column));
      }
      if (valid) bit_util::SetBit(bits, k);
      if (binary) {
        o[k + 1] = valid ? in_off[v + 1] : o[k];
      } else if (valid && bit_util::GetBit(in_bits, v)) {
        bit_util::SetBit(values->mutable_data(), k);
      }
      v += valid;
      out->null_count += !valid;
    }
    out->buffers = {validity, values};
    if (binary) out->buffers.push_back(d.data);  // the bytes are shared, only offsets are rebuilt
  } else {
    const int32_t w = lv.column->type->FixedWidth();
    auto values = std::make_shared<Buffer>(n * w);
    uint8_t* o = values->mutable_data();
    int64_t nulls = 0;
    Status st;
    switch (w) {
      case 1:
        st = ScatterFixed<kIdentity, 1>(node, lv, slots, n, parent_def, bits, o, &nulls);
        break;
      case 2:
        st = ScatterFixed<kIdentity, 2>(node, lv, slots, n, parent_def, bits, o, &nulls);
        break;
      case 4:
        st = ScatterFixed<kIdentity, 4>(node, lv, slots, n, parent_def, bits, o, &nulls);
        break;
      case 8:
        st = ScatterFixed<kIdentity, 8>(node, lv, slots, n, parent_def, bits, o, &nulls);
        break;
      case 16:
        st = ScatterFixed<kIdentity, 16>(node, lv, slots, n, parent_def, bits, o, &nulls);
        break;
      default:
        st = ScatterFixed<kIdentity, 0>(node, lv, slots, n, parent_def, bits, o, &nulls);
        break;
    }
    SLUICE_RETURN_NOT_OK(st);
    out->null_count = nulls;
    out->buffers = {validity, values};
  }
  if (!node.nullable || out->null_count == 0) {
    out->buffers[0] = nullptr;
    out->null_count = 0;
  }
  return Status::OK();
}

Result<ArrayPtr> Assembler::BuildLeaf(const SchemaNode& node, const Levels& lv, const int64_t* slots, int64_t n,
                                      int16_t parent_def) {
  auto out = std::make_shared<Array>();
  out->type = node.field->type;
  out->length = n;
  if (lv.column->type->id == TypeId::kNull) {
    out->null_count = n;
    return ArrayPtr(std::move(out));
  }
  // No value at all (an unused optional column, e.g. every remove.* leaf of
  // an add-only Delta checkpoint): every slot is null, zeroed buffers and no
  // per-slot work. No slot can then be a null of a non-nullable node inside a
  // present parent: that would need def == max_def, i.e. a value.
  if (lv.def != nullptr && lv.data->num_values == 0 && node.def_level == lv.column->max_def_level) {
    const columnar::DataType& type = *lv.column->type;
    const bool binary = type.IsBinaryLike();
    const int64_t bytes = binary                     ? (n + 1) * 4
                          : type.id == TypeId::kBool ? bit_util::BytesForBits(n)
                                                     : n * type.FixedWidth();
    BufferPtr values = SharedZeros(bytes);
    if (node.nullable && n > 0) {
      out->buffers = {SharedZeros(bit_util::BytesForBits(n)), std::move(values)};
      out->null_count = n;
    } else {
      out->buffers = {nullptr, std::move(values)};
    }
    if (binary) out->buffers.push_back(lv.data->data);
    return ArrayPtr(std::move(out));
  }
  // Hot path: no levels at all, or a flat optional leaf without nulls
  // (CheckLeaf counted one value per def == max_def): every slot is the next
  // dense value. Zero-copy.
  const bool all_present =
      slots == nullptr && n > 0 && lv.data->num_values == n && node.def_level == lv.column->max_def_level;
  if (lv.def == nullptr || all_present) {
    out->buffers = {nullptr, lv.data->values};
    if (lv.column->type->IsBinaryLike()) {
      if (lv.data->values->size() < 4) out->buffers[1] = std::make_shared<Buffer>(4);  // offsets {0}
      out->buffers.push_back(lv.data->data);
    }
    return ArrayPtr(std::move(out));
  }
  if (slots == nullptr) {
    SLUICE_RETURN_NOT_OK(Scatter<true>(node, lv, nullptr, n, parent_def, out.get()));
  } else {
    SLUICE_RETURN_NOT_OK(Scatter<false>(node, lv, slots, n, parent_def, out.get()));
  }
  return ArrayPtr(std::move(out));
}

}  // namespace

Result<ArrayPtr> AssembleField(const SchemaDescriptor& schema, int field_index,
                               const std::vector<const LeafData*>& leaves, int64_t num_rows) {
  if (field_index < 0 || static_cast<size_t>(field_index) >= schema.fields().size()) {
    return Status::Invalid("field index {} out of range", field_index);
  }
  const auto [first, last] = schema.LeafRange(field_index);
  if (static_cast<int>(leaves.size()) != last - first) {
    return Status::Invalid("field {} has {} leaves, got {}", field_index, last - first, leaves.size());
  }
  const SchemaNode& node = schema.fields()[field_index];
  Assembler assembler(schema, first);
  SLUICE_RETURN_NOT_OK(assembler.Prepare(node, leaves, num_rows));
  SLUICE_ASSIGN_OR_RETURN(ArrayPtr out, assembler.Build(node, 0, 0));
  if (out->length != num_rows) {
    return Status::Corrupt("field '{}': {} records assembled, expected {}", node.field->name, out->length, num_rows);
  }
  return ArrayPtr(std::move(out));
}

}  // namespace sluice::parquet
