#include "nexmark/lib/join_input.h"

#include "sluice/columnar/builder.h"

namespace sluice::nexmark {

using columnar::ArrayPtr;
using columnar::RecordBatch;

columnar::SchemaPtr JoinSchema(std::vector<columnar::FieldPtr> fields) {
  auto s = std::make_shared<columnar::Schema>();
  s->fields.push_back(columnar::MakeField("key", columnar::Int64(), false));
  s->fields.push_back(columnar::MakeField("side", columnar::Int64(), false));
  for (auto& f : fields) s->fields.push_back(columnar::MakeField(f->name, f->type, true));
  s->fields.push_back(columnar::MakeField("dateTime", columnar::Timestamp(columnar::TimeUnit::kMilli, true), false));
  return s;
}

namespace {

Result<ArrayPtr> Repeat(const columnar::DataTypePtr& type, int64_t n, const int64_t* value) {
  SLUICE_ASSIGN_OR_RETURN(auto b, columnar::MakeBuilder(type));
  if (value == nullptr) {
    b->AppendNulls(n);
  } else {
    auto* ib = static_cast<columnar::Int64Builder*>(b.get());
    ib->Reserve(n);
    for (int64_t i = 0; i < n; ++i) ib->Append(*value);
  }
  return b->Finish();
}

}  // namespace

stream::DataStream ToJoinInput(const stream::DataStream& in, columnar::SchemaPtr schema, std::string key_column,
                               int64_t side, std::vector<std::string> sources) {
  sources.push_back("dateTime");
  auto fn = [schema, key_column, side, sources](const RecordBatch& batch) -> Result<RecordBatch> {
    RecordBatch out;
    out.schema = schema;
    out.num_rows = batch.num_rows;
    int key = batch.schema->FieldIndex(key_column);
    if (key < 0) return Status::NotFound("join input: no column '{}'", key_column);
    out.columns.push_back(batch.columns[key]);
    SLUICE_ASSIGN_OR_RETURN(ArrayPtr s, Repeat(columnar::Int64(), batch.num_rows, &side));
    out.columns.push_back(std::move(s));
    for (size_t i = 0; i < sources.size(); ++i) {
      const auto& field = schema->fields[i + 2];
      if (sources[i].empty()) {
        SLUICE_ASSIGN_OR_RETURN(ArrayPtr nulls, Repeat(field->type, batch.num_rows, nullptr));
        out.columns.push_back(std::move(nulls));
        continue;
      }
      int c = batch.schema->FieldIndex(sources[i]);
      if (c < 0) return Status::NotFound("join input: no column '{}'", sources[i]);
      out.columns.push_back(batch.columns[c]);
    }
    return out;
  };
  return in.MapBatches(schema, fn).Name("JoinInput");
}

}  // namespace sluice::nexmark
