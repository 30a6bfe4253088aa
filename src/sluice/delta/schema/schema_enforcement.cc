#include "sluice/delta/schema/schema_enforcement.h"

#include <algorithm>
#include <cctype>

#include "sluice/columnar/builder.h"
#include "sluice/columnar/cast.h"
#include "sluice/delta/schema/schema_json.h"

namespace sluice::delta {
namespace {

using columnar::DataType;
using columnar::DataTypePtr;
using columnar::TypeId;

bool SameNameIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

int FindField(const columnar::Schema& schema, std::string_view name) {
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    if (SameNameIgnoringCase(schema.fields[i]->name, name)) return static_cast<int>(i);
  }
  return -1;
}

Result<DataTypePtr> DeltaType(const DataTypePtr& t, const std::string& field) {
  switch (t->id) {
    case TypeId::kUInt8:
      return columnar::Int16();
    case TypeId::kUInt16:
      return columnar::Int32();
    case TypeId::kUInt32:
      return columnar::Int64();
    case TypeId::kFloat16:
      return columnar::Float32();
    case TypeId::kTimestamp:
      return columnar::Timestamp(columnar::TimeUnit::kMicro, t->utc);
    case TypeId::kStruct: {
      std::vector<columnar::FieldPtr> children;
      for (const auto& c : t->children) {
        SLUICE_ASSIGN_OR_RETURN(auto ct, DeltaType(c->type, field + "." + c->name));
        children.push_back(columnar::MakeField(c->name, std::move(ct), c->nullable, c->metadata));
      }
      return columnar::Struct(std::move(children));
    }
    case TypeId::kList: {
      const auto& e = t->children[0];
      SLUICE_ASSIGN_OR_RETURN(auto et, DeltaType(e->type, field + ".element"));
      return columnar::List(columnar::MakeField("element", std::move(et), e->nullable));
    }
    case TypeId::kMap: {
      const auto& entries = t->children[0]->type;
      const auto& k = entries->children[0];
      const auto& v = entries->children[1];
      SLUICE_ASSIGN_OR_RETURN(auto kt, DeltaType(k->type, field + ".key"));
      SLUICE_ASSIGN_OR_RETURN(auto vt, DeltaType(v->type, field + ".value"));
      return columnar::Map(columnar::MakeField("key", std::move(kt), false),
                           columnar::MakeField("value", std::move(vt), v->nullable));
    }
    case TypeId::kBool:
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kFloat32:
    case TypeId::kFloat64:
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kDate32:
    case TypeId::kDecimal128:
      return t;
    default:
      return Status::NotSupported("column '{}' has type {}, which Delta tables cannot store", field, t->ToString());
  }
}

// Returns the first null of a top-level column, or -1.
int64_t FirstNull(const columnar::Array& a) {
  if (a.null_count == 0) return -1;
  for (int64_t i = 0; i < a.length; ++i) {
    if (a.IsNull(i)) return i;
  }
  return -1;
}

}  // namespace

Result<columnar::SchemaPtr> DeltaSchemaFor(const columnar::Schema& input) {
  columnar::Schema converted;
  for (const auto& f : input.fields) {
    SLUICE_ASSIGN_OR_RETURN(auto t, DeltaType(f->type, f->name));
    converted.fields.push_back(columnar::MakeField(f->name, std::move(t), f->nullable, f->metadata));
  }
  for (size_t i = 0; i < converted.fields.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (SameNameIgnoringCase(converted.fields[i]->name, converted.fields[j]->name)) {
        return Status::Invalid("columns '{}' and '{}' differ only in case, which Delta does not allow",
                               converted.fields[j]->name, converted.fields[i]->name);
      }
    }
  }
  // Through the Delta schema JSON: the canonical form readers get back.
  SLUICE_ASSIGN_OR_RETURN(auto json, ToDeltaSchemaJson(converted));
  return ParseDeltaSchema(json);
}

Result<columnar::RecordBatch> ConformBatch(const columnar::RecordBatch& batch, const columnar::SchemaPtr& table) {
  const columnar::Schema& in = *batch.schema;
  for (const auto& f : in.fields) {
    if (FindField(*table, f->name) < 0) {
      return Status::Invalid("the input has column '{}' which the table does not have (use mergeSchema to add it)",
                             f->name);
    }
  }
  columnar::RecordBatch out;
  out.schema = table;
  out.num_rows = batch.num_rows;
  for (const auto& tf : table->fields) {
    const int i = FindField(in, tf->name);
    columnar::ArrayPtr column;
    if (i < 0) {
      if (!tf->nullable) return Status::Invalid("the input lacks non-nullable column '{}'", tf->name);
      SLUICE_ASSIGN_OR_RETURN(auto builder, columnar::MakeBuilder(tf->type));
      builder->AppendNulls(batch.num_rows);
      SLUICE_ASSIGN_OR_RETURN(column, builder->Finish());
    } else {
      const auto& src = batch.columns[i];
      auto cast = columnar::CastArray(src, tf->type);
      if (!cast.ok()) {
        return Status::Invalid("column '{}' has type {} in the table; the input's {} cannot be written to it", tf->name,
                               tf->type->ToString(), src->type->ToString());
      }
      column = std::move(*cast);
      if (!tf->nullable) {
        const int64_t row = FirstNull(*column);
        if (row >= 0) return Status::Invalid("NOT NULL column '{}' has a null in input row {}", tf->name, row);
      }
    }
    out.columns.push_back(std::move(column));
  }
  return out;
}

Result<columnar::SchemaPtr> MergeSchema(const columnar::SchemaPtr& table, const columnar::Schema& input) {
  columnar::Schema extra;
  for (const auto& f : input.fields) {
    const int i = FindField(*table, f->name);
    if (i < 0) {
      extra.fields.push_back(columnar::MakeField(f->name, f->type, true, f->metadata));
      continue;
    }
    const auto& tf = table->fields[i];
    if (!columnar::CanCastLosslessly(*f->type, *tf->type)) {
      return Status::Invalid("mergeSchema: column '{}' is {} in the table and {} in the input; types cannot change",
                             tf->name, tf->type->ToString(), f->type->ToString());
    }
  }
  if (extra.fields.empty()) return table;
  SLUICE_ASSIGN_OR_RETURN(auto extra_delta, DeltaSchemaFor(extra));
  auto merged = std::make_shared<columnar::Schema>(*table);
  for (const auto& f : extra_delta->fields) merged->fields.push_back(f);
  return columnar::SchemaPtr(merged);
}

}  // namespace sluice::delta
