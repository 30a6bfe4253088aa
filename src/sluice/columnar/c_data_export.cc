// Export half of the Arrow C Data Interface: our schemas and arrays handed to
// a consumer without copying buffers.

#include "sluice/columnar/c_data_format.h"
#include "sluice/columnar/c_data_interface.h"

namespace sluice::columnar {
namespace {

// Everything an exported ArrowSchema points to.
struct SchemaPrivate {
  std::string format;
  std::string name;
  std::string metadata;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_pointers;
};

void ReleaseSchema(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) return;
  auto* priv = static_cast<SchemaPrivate*>(schema->private_data);
  // Children moved out by the consumer have release == nullptr already.
  for (ArrowSchema& child : priv->children) {
    if (child.release != nullptr) child.release(&child);
  }
  delete priv;
  schema->release = nullptr;
}

// Fills `out` for a node named `name` of `type`; `children` are its child fields.
Status ExportNode(std::string_view name, const DataType& type, int64_t flags, const KeyValueMetadata& metadata,
                  const std::vector<FieldPtr>& children, ArrowSchema* out) {
  auto priv = std::make_unique<SchemaPrivate>();
  SLUICE_ASSIGN_OR_RETURN(priv->format, internal::FormatOf(type));
  priv->name = std::string(name);
  priv->metadata = internal::EncodeMetadata(metadata);
  priv->children.resize(children.size());
  for (size_t i = 0; i < children.size(); ++i) {
    Status st = ExportField(*children[i], &priv->children[i]);
    if (!st.ok()) {
      for (size_t j = 0; j < i; ++j) ReleaseSchema(&priv->children[j]);
      return st;
    }
    priv->child_pointers.push_back(&priv->children[i]);
  }
  out->format = priv->format.c_str();
  out->name = priv->name.c_str();
  out->metadata = priv->metadata.empty() ? nullptr : priv->metadata.data();
  out->flags = flags;  // map keys are not known to be sorted: ARROW_FLAG_MAP_KEYS_SORTED clear
  out->n_children = static_cast<int64_t>(children.size());
  out->children = priv->child_pointers.empty() ? nullptr : priv->child_pointers.data();
  out->dictionary = nullptr;
  out->release = ReleaseSchema;
  out->private_data = priv.release();
  return Status::OK();
}

// Everything an exported ArrowArray points to; holds the buffers alive.
struct ArrayPrivate {
  ArrayPtr array;
  std::vector<const void*> buffers;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_pointers;
};

void ReleaseArray(ArrowArray* array) {
  if (array == nullptr || array->release == nullptr) return;
  auto* priv = static_cast<ArrayPrivate*>(array->private_data);
  for (ArrowArray& child : priv->children) {
    if (child.release != nullptr) child.release(&child);
  }
  delete priv;
  array->release = nullptr;
}

// Some consumers dislike null pointers for non-validity buffers even when
// they are empty; point those at zeroed static memory instead.
alignas(64) const uint8_t kEmptyBuffer[64] = {};

const void* BufferPointer(const Array& a, size_t i) {
  if (i < a.buffers.size() && a.buffers[i] != nullptr && a.buffers[i]->data() != nullptr) {
    return a.buffers[i]->data();
  }
  return kEmptyBuffer;
}

// Number of buffers of the type's layout in the C interface.
int64_t BufferCount(TypeId id) {
  switch (id) {
    case TypeId::kNull:
      return 0;
    case TypeId::kStruct:
      return 1;
    case TypeId::kString:
    case TypeId::kBinary:
      return 3;
    default:
      return 2;
  }
}

}  // namespace

Status ExportField(const Field& field, ArrowSchema* out) {
  if (field.type == nullptr) return Status::Invalid("ExportField: field '{}' has no type", field.name);
  return ExportNode(field.name, *field.type, field.nullable ? ARROW_FLAG_NULLABLE : 0, field.metadata,
                    field.type->children, out);
}

Status ExportSchema(const Schema& schema, ArrowSchema* out) {
  return ExportNode("", *Struct(schema.fields), 0, schema.metadata, schema.fields, out);
}

Status ExportArray(const ArrayPtr& array, ArrowArray* out) {
  if (array == nullptr || array->type == nullptr) return Status::Invalid("ExportArray: no array or no type");
  const Array& a = *array;
  if (a.children.size() != a.type->children.size()) {
    return Status::Invalid("ExportArray: {} array has {} children", a.type->ToString(), a.children.size());
  }
  auto priv = std::make_unique<ArrayPrivate>();
  priv->array = array;
  const int64_t n_buffers = BufferCount(a.type->id);
  for (int64_t i = 0; i < n_buffers; ++i) {
    if (i == 0) {
      // Without nulls the bitmap may be absent (spec: "MAY be null only if the null count is 0").
      priv->buffers.push_back(a.null_count == 0 ? nullptr : a.validity());
    } else {
      priv->buffers.push_back(BufferPointer(a, static_cast<size_t>(i)));
    }
  }
  priv->children.resize(a.children.size());
  for (size_t i = 0; i < a.children.size(); ++i) {
    Status st = ExportArray(a.children[i], &priv->children[i]);
    if (!st.ok()) {
      for (size_t j = 0; j < i; ++j) ReleaseArray(&priv->children[j]);
      return st;
    }
    priv->child_pointers.push_back(&priv->children[i]);
  }
  out->length = a.length;
  out->null_count = a.type->id == TypeId::kNull ? a.length : a.null_count;
  out->offset = a.offset;
  out->n_buffers = n_buffers;
  out->n_children = static_cast<int64_t>(a.children.size());
  out->buffers = priv->buffers.empty() ? nullptr : priv->buffers.data();
  out->children = priv->child_pointers.empty() ? nullptr : priv->child_pointers.data();
  out->dictionary = nullptr;
  out->release = ReleaseArray;
  out->private_data = priv.release();
  return Status::OK();
}

Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out_array, ArrowSchema* out_schema) {
  if (batch.schema == nullptr) return Status::Invalid("ExportRecordBatch: no schema");
  auto as_struct = std::make_shared<Array>();
  as_struct->type = Struct(batch.schema->fields);
  as_struct->length = batch.num_rows;
  as_struct->buffers = {nullptr};
  as_struct->children = batch.columns;
  SLUICE_RETURN_NOT_OK(ExportSchema(*batch.schema, out_schema));
  Status st = ExportArray(as_struct, out_array);
  if (!st.ok()) ReleaseSchema(out_schema);
  return st;
}

}  // namespace sluice::columnar
