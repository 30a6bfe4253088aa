#include "nexmark/lib/event_file.h"

#include "nexmark/lib/event_batches.h"
#include "sluice/columnar/builder.h"
#include "sluice/columnar/json_format.h"
#include "sluice/io/filesystem.h"
#include "sluice/parquet/file_writer.h"

namespace sluice::nexmark {

namespace {

constexpr EventKind kKinds[] = {EventKind::kPerson, EventKind::kAuction, EventKind::kBid};
constexpr int64_t kChunkEvents = 64 * 1024;

}  // namespace

columnar::SchemaPtr AllEventsSchema() {
  static const columnar::SchemaPtr schema = [] {
    auto s = std::make_shared<columnar::Schema>();
    s->fields.push_back(columnar::MakeField("event_type", columnar::String(), false));
    for (EventKind k : kKinds) {
      for (const auto& f : SchemaOf(k)->fields) {
        s->fields.push_back(columnar::MakeField(std::string(KindName(k)) + "_" + f->name, f->type, true));
      }
    }
    return columnar::SchemaPtr(s);
  }();
  return schema;
}

Result<columnar::RecordBatch> GenerateAllEvents(const NexmarkConfig& config, int64_t begin, int64_t end) {
  columnar::SchemaPtr schema = AllEventsSchema();
  std::vector<std::unique_ptr<columnar::ArrayBuilder>> builders;
  for (const auto& f : schema->fields) {
    SLUICE_ASSIGN_OR_RETURN(auto b, columnar::MakeBuilder(f->type));
    builders.push_back(std::move(b));
  }
  columnar::RecordBatch parts[3];
  int64_t next_row[3] = {0, 0, 0};
  size_t first_col[3];
  size_t col = 1;
  for (int k = 0; k < 3; ++k) {
    SLUICE_ASSIGN_OR_RETURN(parts[k], GenerateBatch(config, kKinds[k], begin, end));
    first_col[k] = col;
    col += parts[k].columns.size();
  }
  auto* type_builder = static_cast<columnar::BinaryBuilder*>(builders[0].get());
  for (int64_t e = begin; e < end; ++e) {
    const int k = static_cast<int>(KindOf(e));
    SLUICE_RETURN_NOT_OK(type_builder->Append(KindName(kKinds[k])));
    for (int other = 0; other < 3; ++other) {
      const columnar::RecordBatch& part = parts[other];
      for (size_t c = 0; c < part.columns.size(); ++c) {
        columnar::ArrayBuilder* b = builders[first_col[other] + c].get();
        if (other != k) {
          b->AppendNull();
          continue;
        }
        const columnar::Array& a = *part.columns[c];
        if (a.type->id == columnar::TypeId::kString) {
          SLUICE_RETURN_NOT_OK(static_cast<columnar::BinaryBuilder*>(b)->Append(a.StringValue(next_row[k])));
        } else {
          static_cast<columnar::Int64Builder*>(b)->Append(a.values<int64_t>()[next_row[k]]);
        }
      }
    }
    ++next_row[k];
  }
  columnar::RecordBatch out;
  out.schema = schema;
  out.num_rows = end - begin;
  for (auto& b : builders) {
    SLUICE_ASSIGN_OR_RETURN(columnar::ArrayPtr a, b->Finish());
    out.columns.push_back(std::move(a));
  }
  return out;
}

Status WriteEventFile(const NexmarkConfig& config, const std::string& path) {
  auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  const bool parquet = ends_with(".parquet");
  if (!parquet && !ends_with(".jsonl") && !ends_with(".json")) {
    return Status::Invalid("{}: unknown output format (use .parquet or .jsonl)", path);
  }
  std::unique_ptr<parquet::FileWriter> pw;
  std::unique_ptr<io::OutputFile> jw;
  if (parquet) {
    SLUICE_ASSIGN_OR_RETURN(pw, parquet::FileWriter::Open(path, AllEventsSchema()));
  } else {
    SLUICE_ASSIGN_OR_RETURN(jw, io::LocalFileSystem()->OpenWrite(path));
  }
  for (int64_t begin = 0; begin < config.events; begin += kChunkEvents) {
    SLUICE_ASSIGN_OR_RETURN(columnar::RecordBatch batch,
                            GenerateAllEvents(config, begin, std::min(config.events, begin + kChunkEvents)));
    if (pw) {
      SLUICE_RETURN_NOT_OK(pw->Write(batch));
    } else {
      std::string lines = columnar::RecordBatchToJsonLines(batch);
      SLUICE_RETURN_NOT_OK(jw->Write(lines.data(), static_cast<int64_t>(lines.size())));
    }
  }
  return pw ? pw->Close() : jw->Close();
}

}  // namespace sluice::nexmark
