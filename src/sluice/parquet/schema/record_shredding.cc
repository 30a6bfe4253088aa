// Dremel record shredding: nested arrays -> per-leaf levels + dense values.
// The inverse of record_assembly.cc: a slot that is null (or an empty list)
// at node N writes one level entry to every leaf below N, with def level
// N.def_level - 1 (N.repeated_def_level - 1 for an empty list); the first
// slot of a range takes the caller's repetition level, the others
// N.rep_level.
#include <cstring>
#include <vector>

#include "sluice/parquet/schema/record_assembly.h"

namespace sluice::parquet {
namespace {

using columnar::Array;
using columnar::TypeId;

// Makes `buf` an owned buffer we may append to (copy-on-write after a
// zero-copy hand-over of an array's buffer).
void EnsureOwned(BufferPtr* buf) {
  if ((*buf)->owned()) return;
  *buf = Buffer::CopyOf((*buf)->span());
}

// Returns true iff a slot in [start, start+n) of `a` is null.
bool RangeHasNull(const Array& a, int64_t start, int64_t n) {
  if (a.type->id == TypeId::kNull) return n > 0;
  if (a.null_count == 0 || a.validity() == nullptr) return false;
  return bit_util::CountSetBits(a.validity(), a.offset + start, n) != n;
}

class Shredder {
 public:
  Shredder(const SchemaDescriptor& schema, int first_leaf, const std::vector<LeafData*>& out)
      : schema_(schema), first_leaf_(first_leaf), out_(out) {}

  // Shreds slots [start, start+n) of `a` (logical indices) for `node`.
  Status Shred(const SchemaNode& node, const Array& a, int64_t start, int64_t n, int16_t first_rep);

 private:
  // Writes `n` absent slots of `node` (def level `def`) to every leaf below it;
  // the first has repetition level first_rep, the others rest_rep.
  void EmitAbsent(const SchemaNode& node, int64_t n, int16_t first_rep, int16_t rest_rep, int16_t def);
  void AppendLevels(LeafData* d, const LeafColumn& c, int64_t n, int16_t first_rep, int16_t rest_rep);
  Status ShredLeaf(const SchemaNode& node, const Array& a, int64_t start, int64_t n, int16_t first_rep);
  Status AppendValues(const LeafColumn& c, const Array& a, int64_t start, int64_t n, LeafData* d);

  const SchemaDescriptor& schema_;
  int first_leaf_;
  const std::vector<LeafData*>& out_;
};

void Shredder::AppendLevels(LeafData* d, const LeafColumn& c, int64_t n, int16_t first_rep, int16_t rest_rep) {
  if (c.max_rep_level > 0 && n > 0) {
    EnsureOwned(&d->rep_levels);
    const int64_t old = d->rep_levels->size();
    d->rep_levels->ResizeUninitialized(old + n * 2);
    int16_t* r = reinterpret_cast<int16_t*>(d->rep_levels->mutable_data() + old);
    r[0] = first_rep;
    for (int64_t i = 1; i < n; ++i) r[i] = rest_rep;
  }
  d->num_levels += n;
}

void Shredder::EmitAbsent(const SchemaNode& node, int64_t n, int16_t first_rep, int16_t rest_rep, int16_t def) {
  if (n == 0) return;
  if (node.kind != SchemaNode::Kind::kLeaf) {
    for (const auto& c : node.children) EmitAbsent(c, n, first_rep, rest_rep, def);
    return;
  }
  LeafData* d = out_[node.leaf_index - first_leaf_];
  const LeafColumn& c = schema_.leaves()[node.leaf_index];
  if (c.max_def_level > 0) {
    EnsureOwned(&d->def_levels);
    const int64_t old = d->def_levels->size();
    d->def_levels->ResizeUninitialized(old + n * 2);
    int16_t* p = reinterpret_cast<int16_t*>(d->def_levels->mutable_data() + old);
    for (int64_t i = 0; i < n; ++i) p[i] = def;
  }
  AppendLevels(d, c, n, first_rep, rest_rep);
}

Status Shredder::Shred(const SchemaNode& node, const Array& a, int64_t start, int64_t n, int16_t first_rep) {
  if (n == 0) return Status::OK();
  if (node.kind == SchemaNode::Kind::kLeaf) return ShredLeaf(node, a, start, n, first_rep);
  if (!node.nullable && RangeHasNull(a, start, n)) {
    return Status::Invalid("null in non-nullable field '{}'", node.field->name);
  }
  const int16_t absent_def = static_cast<int16_t>(node.def_level - 1);
  if (node.kind == SchemaNode::Kind::kStruct) {
    // Runs of equal validity: valid runs descend, null runs end here.
    int64_t i = start;
    while (i < start + n) {
      const bool valid = a.IsValid(i);
      int64_t j = i + 1;
      while (j < start + n && a.IsValid(j) == valid) ++j;
      const int16_t rep = i == start ? first_rep : node.rep_level;
      if (valid) {
        for (size_t c = 0; c < node.children.size(); ++c) {
          SLUICE_RETURN_NOT_OK(Shred(node.children[c], *a.children[c], a.offset + i, j - i, rep));
        }
      } else {
        EmitAbsent(node, j - i, rep, node.rep_level, absent_def);
      }
      i = j;
    }
    return Status::OK();
  }
  const int32_t* o = a.offsets();
  const Array& child = *a.children[0];
  for (int64_t i = start; i < start + n; ++i) {
    const int16_t rep = i == start ? first_rep : node.rep_level;
    if (!a.IsValid(i)) {
      EmitAbsent(node, 1, rep, rep, absent_def);
      continue;
    }
    const int64_t len = o[i + 1] - o[i];
    if (len == 0) {
      EmitAbsent(node, 1, rep, rep, static_cast<int16_t>(node.repeated_def_level - 1));
    } else if (node.kind == SchemaNode::Kind::kList) {
      SLUICE_RETURN_NOT_OK(Shred(node.children[0], child, o[i], len, rep));
    } else {
      for (size_t c = 0; c < node.children.size(); ++c) {
        SLUICE_RETURN_NOT_OK(Shred(node.children[c], *child.children[c], child.offset + o[i], len, rep));
      }
    }
  }
  return Status::OK();
}

Status Shredder::ShredLeaf(const SchemaNode& node, const Array& a, int64_t start, int64_t n, int16_t first_rep) {
  LeafData* d = out_[node.leaf_index - first_leaf_];
  const LeafColumn& c = schema_.leaves()[node.leaf_index];
  const bool is_null_type = a.type->id == TypeId::kNull;
  const bool has_nulls = RangeHasNull(a, start, n);
  if (has_nulls && !node.nullable) return Status::Invalid("null in non-nullable field '{}'", node.field->name);
  if (c.max_def_level > 0) {
    EnsureOwned(&d->def_levels);
    const int64_t old = d->def_levels->size();
    d->def_levels->ResizeUninitialized(old + n * 2);
    int16_t* p = reinterpret_cast<int16_t*>(d->def_levels->mutable_data() + old);
    const int16_t present = node.def_level;
    if (!has_nulls) {
      for (int64_t i = 0; i < n; ++i) p[i] = present;
    } else {
      const int16_t absent = static_cast<int16_t>(present - 1);
      for (int64_t i = 0; i < n; ++i) p[i] = a.IsValid(start + i) ? present : absent;
    }
  }
  AppendLevels(d, c, n, first_rep, node.rep_level);
  if (is_null_type) return Status::OK();
  return AppendValues(c, a, start, n, d);
}

Status Shredder::AppendValues(const LeafColumn& c, const Array& a, int64_t start, int64_t n, LeafData* d) {
  const bool has_nulls = RangeHasNull(a, start, n);
  const int64_t pos = a.offset + start;
  const bool fresh = d->num_values == 0 && d->values->size() == 0 && d->data->size() == 0;
  const bool seconds = a.type->id == TypeId::kTimestamp && a.type->unit == columnar::TimeUnit::kSecond;
  if (a.type->id == TypeId::kBool) {
    EnsureOwned(&d->values);
    int64_t v = d->num_values;
    d->values->Resize(bit_util::BytesForBits(v + n));
    for (int64_t i = 0; i < n; ++i) {
      if (has_nulls && !a.IsValid(start + i)) continue;
      if (a.BoolValue(start + i)) bit_util::SetBit(d->values->mutable_data(), v);
      ++v;
    }
    d->values->Resize(bit_util::BytesForBits(v));
    d->num_values = v;
    return Status::OK();
  }
  if (a.type->IsBinaryLike()) {
    const int32_t* o = a.buffers[1]->data_as<int32_t>() + pos;
    const uint8_t* bytes = a.buffers[2] ? a.buffers[2]->data() : nullptr;
    if (fresh && !has_nulls && o[0] == 0) {
      // Zero-copy: the array's offsets already start at 0.
      d->values = Buffer::Wrap(o, (n + 1) * 4, a.buffers[1]);
      d->data = Buffer::Wrap(bytes, o[n], a.buffers[2]);
      d->num_values = n;
      return Status::OK();
    }
    EnsureOwned(&d->values);
    EnsureOwned(&d->data);
    if (d->values->size() == 0) d->values->AppendValue<int32_t>(0);
    int64_t v = d->num_values;
    for (int64_t i = 0; i < n; ++i) {
      if (has_nulls && !a.IsValid(start + i)) continue;
      d->data->Append(bytes + o[i], o[i + 1] - o[i]);
      if (d->data->size() > INT32_MAX) return Status::NotSupported("column '{}': over 2 GiB of bytes", c.path.back());
      d->values->AppendValue<int32_t>(static_cast<int32_t>(d->data->size()));
      ++v;
    }
    d->num_values = v;
    return Status::OK();
  }
  const int32_t w = a.type->FixedWidth();
  const uint8_t* src = a.buffers[1]->data() + pos * w;
  if (fresh && !has_nulls && !seconds) {
    // Zero-copy: hand the array's values to the leaf.
    d->values = Buffer::Wrap(src, n * w, a.buffers[1]);
    d->num_values = n;
    return Status::OK();
  }
  EnsureOwned(&d->values);
  const int64_t old = d->values->size();
  d->values->Reserve(old + n * w);
  int64_t added = 0;
  if (!has_nulls) {
    d->values->Append(src, n * w);
    added = n;
  } else {
    for (int64_t i = 0; i < n; ++i) {
      if (!a.IsValid(start + i)) continue;
      d->values->Append(src + i * w, w);
      ++added;
    }
  }
  if (seconds) {
    // timestamp[s] is written as TIMESTAMP(MILLIS) (WRITE mapping).
    int64_t* t = reinterpret_cast<int64_t*>(d->values->mutable_data() + old);
    for (int64_t i = 0; i < added; ++i) {
      if (__builtin_mul_overflow(t[i], int64_t{1000}, &t[i])) {
        return Status::Invalid("column '{}': timestamp[s] value overflows milliseconds", c.path.back());
      }
    }
  }
  d->num_values += added;
  return Status::OK();
}

}  // namespace

Status ShredField(const SchemaDescriptor& schema, int field_index, const columnar::Array& array,
                  const std::vector<LeafData*>& out) {
  if (field_index < 0 || static_cast<size_t>(field_index) >= schema.fields().size()) {
    return Status::Invalid("field index {} out of range", field_index);
  }
  const auto [first, last] = schema.LeafRange(field_index);
  if (static_cast<int>(out.size()) != last - first) {
    return Status::Invalid("field {} has {} leaves, got {} outputs", field_index, last - first, out.size());
  }
  for (LeafData* d : out) {
    if (d == nullptr) return Status::Invalid("null LeafData output");
  }
  const SchemaNode& node = schema.fields()[field_index];
  if (!array.type->Equals(*node.field->type)) {
    return Status::Invalid("field '{}': array type {} differs from schema type {}", node.field->name,
                           array.type->ToString(), node.field->type->ToString());
  }
  Shredder shredder(schema, first, out);
  return shredder.Shred(node, array, 0, array.length, 0);
}

}  // namespace sluice::parquet
