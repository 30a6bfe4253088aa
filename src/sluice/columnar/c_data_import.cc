// Import half of the Arrow C Data Interface: foreign schemas become our types;
// foreign arrays are wrapped without copying and released when the last
// buffer referring to them goes away.

#include <cstring>
#include <limits>

#include "sluice/columnar/c_data_format.h"
#include "sluice/columnar/c_data_interface.h"

namespace sluice::columnar {
namespace {

constexpr int kMaxDepth = 64;

// Releases a foreign schema when leaving scope.
struct SchemaReleaser {
  ArrowSchema* schema;
  ~SchemaReleaser() {
    if (schema != nullptr && schema->release != nullptr) schema->release(schema);
  }
};

// A foreign type: our field plus, per node, whether offsets are 64-bit.
struct ForeignType {
  FieldPtr field;
  bool large_offsets = false;
  std::vector<ForeignType> children;
};

Result<ForeignType> ParseSchema(const ArrowSchema* s, int depth) {
  if (s == nullptr || s->format == nullptr) return Status::Invalid("ArrowSchema without format");
  if (depth > kMaxDepth) return Status::NotSupported("ArrowSchema nested deeper than {}", kMaxDepth);
  const std::string name = s->name != nullptr ? s->name : "";
  if (s->dictionary != nullptr) return Status::NotSupported("dictionary-encoded field '{}'", name);
  SLUICE_ASSIGN_OR_RETURN(internal::ParsedFormat parsed, internal::ParseFormat(s->format));
  SLUICE_ASSIGN_OR_RETURN(KeyValueMetadata metadata, internal::DecodeMetadata(s->metadata));
  ForeignType out;
  out.large_offsets = parsed.large_offsets;
  if (s->n_children < 0 || (s->n_children > 0 && s->children == nullptr)) {
    return Status::Invalid("ArrowSchema '{}': bad children", name);
  }
  std::vector<FieldPtr> fields;
  for (int64_t i = 0; i < s->n_children; ++i) {
    SLUICE_ASSIGN_OR_RETURN(ForeignType child, ParseSchema(s->children[i], depth + 1));
    fields.push_back(child.field);
    out.children.push_back(std::move(child));
  }
  DataTypePtr type = parsed.type;
  const size_t expected_children = parsed.id == TypeId::kList || parsed.id == TypeId::kMap ? 1 : 0;
  if (parsed.id == TypeId::kStruct) {
    type = Struct(std::move(fields));
  } else if (fields.size() != expected_children) {
    return Status::Invalid("ArrowSchema '{}' ({}) has {} children", name, s->format, fields.size());
  } else if (parsed.id == TypeId::kList) {
    type = List(fields[0]);
  } else if (parsed.id == TypeId::kMap) {
    const DataType& entries = *fields[0]->type;
    if (entries.id != TypeId::kStruct || entries.children.size() != 2) {
      return Status::Invalid("ArrowSchema '{}': map entries must be struct<key, value>", name);
    }
    type = Map(entries.children[0], entries.children[1]);
    // Keep the foreign entries name (Map() always says "entries").
    auto m = std::make_shared<DataType>(*type);
    m->children = {MakeField(fields[0]->name, type->children[0]->type, false)};
    type = m;
  }
  out.field = MakeField(name, std::move(type), (s->flags & ARROW_FLAG_NULLABLE) != 0, std::move(metadata));
  return out;
}

// The all-int32 foreign type of one of our types.
ForeignType FromType(const FieldPtr& field) {
  ForeignType out{field, false, {}};
  for (const auto& c : field->type->children) out.children.push_back(FromType(c));
  return out;
}

// Keeps an imported ArrowArray alive until the last wrapping buffer goes.
struct ImportedArray {
  ArrowArray array;
  ~ImportedArray() {
    if (array.release != nullptr) array.release(&array);
  }
};

class Importer {
 public:
  explicit Importer(std::shared_ptr<ImportedArray> owner) : owner_(std::move(owner)) {}

  Result<ArrayPtr> Import(const ArrowArray* c, const ForeignType& ft, int depth) {
    const DataTypePtr& type = ft.field->type;
    if (c == nullptr) return Status::Invalid("ArrowArray: missing child for {}", type->ToString());
    if (depth > kMaxDepth) return Status::NotSupported("ArrowArray nested deeper than {}", kMaxDepth);
    // Cap sizes so that byte counts below cannot overflow.
    constexpr int64_t kMaxEnd = int64_t{1} << 48;
    if (c->length < 0 || c->offset < 0 || c->length > kMaxEnd || c->offset > kMaxEnd) {
      return Status::Invalid("ArrowArray {}: bad length {} or offset {}", type->ToString(), c->length, c->offset);
    }
    if (c->null_count < -1 || c->null_count > c->length) {
      return Status::Invalid("ArrowArray {}: bad null_count {}", type->ToString(), c->null_count);
    }
    const TypeId id = type->id;
    const int64_t want_buffers = id == TypeId::kNull ? 0 : id == TypeId::kStruct ? 1 : type->IsBinaryLike() ? 3 : 2;
    // Null arrays: be liberal, pre-1.0 producers sent a validity slot.
    if (id != TypeId::kNull && c->n_buffers != want_buffers) {
      return Status::Invalid("ArrowArray {}: {} buffers, expected {}", type->ToString(), c->n_buffers, want_buffers);
    }
    if (c->n_buffers > 0 && c->buffers == nullptr) return Status::Invalid("ArrowArray: null buffers pointer");
    if (c->n_children != static_cast<int64_t>(ft.children.size()) || (c->n_children > 0 && c->children == nullptr)) {
      return Status::Invalid("ArrowArray {}: {} children, expected {}", type->ToString(), c->n_children,
                             ft.children.size());
    }
    auto a = std::make_shared<Array>();
    a->type = type;
    a->length = c->length;
    a->offset = c->offset;
    if (id == TypeId::kNull) {
      a->null_count = c->length;
      return ArrayPtr(std::move(a));
    }
    const int64_t end = c->offset + c->length;
    const void* validity = c->buffers[0];
    if (validity == nullptr) {
      if (c->null_count > 0) return Status::Invalid("ArrowArray {}: nulls but no validity", type->ToString());
      a->buffers.push_back(nullptr);
    } else {
      BufferPtr bits = Wrap(validity, bit_util::BytesForBits(end));
      a->null_count =
          c->null_count >= 0 ? c->null_count : c->length - bit_util::CountSetBits(bits->data(), c->offset, c->length);
      a->buffers.push_back(a->null_count > 0 ? std::move(bits) : nullptr);
    }
    if (id == TypeId::kBool) {
      SLUICE_ASSIGN_OR_RETURN(auto values, Values(c->buffers[1], bit_util::BytesForBits(end), *type));
      a->buffers.push_back(std::move(values));
    } else if (const int32_t w = type->FixedWidth(); w > 0) {
      SLUICE_ASSIGN_OR_RETURN(auto values, Values(c->buffers[1], end * w, *type));
      a->buffers.push_back(std::move(values));
    } else if (id != TypeId::kStruct) {
      SLUICE_ASSIGN_OR_RETURN(auto offsets, Offsets(c->buffers[1], end, ft.large_offsets, *type));
      const int32_t last = offsets->data_as<int32_t>()[end];
      a->buffers.push_back(std::move(offsets));
      if (type->IsBinaryLike()) {
        SLUICE_ASSIGN_OR_RETURN(auto data, Values(c->buffers[2], last < 0 ? 0 : last, *type));
        a->buffers.push_back(std::move(data));
      }
    }
    for (int64_t i = 0; i < c->n_children; ++i) {
      SLUICE_ASSIGN_OR_RETURN(ArrayPtr child, Import(c->children[i], ft.children[i], depth + 1));
      if (!child->type->Equals(*type->children[i]->type)) {
        return Status::Invalid("ArrowArray {}: child {} has type {}", type->ToString(), i, child->type->ToString());
      }
      a->children.push_back(std::move(child));
    }
    return ArrayPtr(std::move(a));
  }

 private:
  BufferPtr Wrap(const void* p, int64_t size) { return Buffer::Wrap(p, size, owner_); }

  // A values or data buffer of `size` bytes; null is fine only when empty.
  Result<BufferPtr> Values(const void* p, int64_t size, const DataType& type) {
    if (p != nullptr) return Wrap(p, size);
    if (size > 0) return Status::Invalid("ArrowArray {}: null buffer for {} bytes", type.ToString(), size);
    return std::make_shared<Buffer>();
  }

  // Offsets [0, end] as int32: wrapped, or narrowed from int64 when they fit.
  Result<BufferPtr> Offsets(const void* p, int64_t end, bool large, const DataType& type) {
    if (p == nullptr) {
      if (end > 0) return Status::Invalid("ArrowArray {}: null offsets buffer", type.ToString());
      auto zero = std::make_shared<Buffer>();
      zero->Resize(4);
      return zero;
    }
    if (!large) return Wrap(p, (end + 1) * 4);
    auto narrow = std::make_shared<Buffer>();
    narrow->Resize((end + 1) * 4);
    const auto* wide = static_cast<const int64_t*>(p);
    int32_t* out = narrow->mutable_data_as<int32_t>();
    for (int64_t i = 0; i <= end; ++i) {
      if (wide[i] < 0 || wide[i] > std::numeric_limits<int32_t>::max()) {
        return Status::NotSupported("{} with 64-bit offset {} at {} beyond int32", type.ToString(), wide[i], i);
      }
      out[i] = static_cast<int32_t>(wide[i]);
    }
    return narrow;
  }

  std::shared_ptr<ImportedArray> owner_;
};

Result<ArrayPtr> ImportWith(ArrowArray* array, const ForeignType& ft) {
  if (array == nullptr || array->release == nullptr) return Status::Invalid("ImportArray: array already released");
  // Move the struct out (spec: "Moving an array"); the owner releases it.
  auto owner = std::make_shared<ImportedArray>();
  owner->array = *array;
  array->release = nullptr;
  SLUICE_ASSIGN_OR_RETURN(ArrayPtr out, Importer(owner).Import(&owner->array, ft, 0));
  SLUICE_RETURN_NOT_OK(ValidateArray(*out).WithContext("ImportArray"));
  return out;
}

}  // namespace

Result<FieldPtr> ImportField(ArrowSchema* schema) {
  SchemaReleaser releaser{schema};
  if (schema == nullptr || schema->release == nullptr) return Status::Invalid("ImportField: schema already released");
  SLUICE_ASSIGN_OR_RETURN(ForeignType ft, ParseSchema(schema, 0));
  return ft.field;
}

Result<SchemaPtr> ImportSchema(ArrowSchema* schema) {
  SLUICE_ASSIGN_OR_RETURN(FieldPtr field, ImportField(schema));
  if (field->type->id != TypeId::kStruct) {
    return Status::Invalid("ImportSchema: expected a struct schema, got {}", field->type->ToString());
  }
  return std::make_shared<const Schema>(Schema{field->type->children, field->metadata});
}

Result<ArrayPtr> ImportArray(ArrowArray* array, const DataTypePtr& type) {
  if (type == nullptr) {
    if (array != nullptr && array->release != nullptr) array->release(array);
    return Status::Invalid("ImportArray: no type");
  }
  return ImportWith(array, FromType(MakeField("", type)));
}

Result<ArrayPtr> ImportArray(ArrowArray* array, ArrowSchema* schema) {
  SchemaReleaser releaser{schema};
  if (schema == nullptr || schema->release == nullptr) return Status::Invalid("ImportArray: schema already released");
  SLUICE_ASSIGN_OR_RETURN(ForeignType ft, ParseSchema(schema, 0));
  return ImportWith(array, ft);
}

Result<RecordBatch> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema) {
  SchemaReleaser releaser{schema};
  if (schema == nullptr || schema->release == nullptr) return Status::Invalid("ImportRecordBatch: no schema");
  SLUICE_ASSIGN_OR_RETURN(ForeignType ft, ParseSchema(schema, 0));
  const DataTypePtr& type = ft.field->type;
  if (type->id != TypeId::kStruct) return Status::Invalid("ImportRecordBatch: schema is {}", type->ToString());
  SLUICE_ASSIGN_OR_RETURN(ArrayPtr root, ImportWith(array, ft));
  if (root->null_count > 0) return Status::Invalid("ImportRecordBatch: struct array has {} nulls", root->null_count);
  RecordBatch batch;
  batch.schema = std::make_shared<const Schema>(Schema{type->children, ft.field->metadata});
  batch.num_rows = root->length;
  for (const ArrayPtr& child : root->children) {
    // A struct's offset applies to its children (spec: "Struct layout").
    const bool whole = root->offset == 0 && child->length == root->length;
    batch.columns.push_back(whole ? child : child->Slice(root->offset, root->length));
  }
  SLUICE_RETURN_NOT_OK(batch.Validate().WithContext("ImportRecordBatch"));
  return batch;
}

}  // namespace sluice::columnar
