#include <algorithm>
#include <cctype>

#include "sluice/columnar/builder.h"
#include "sluice/formats/text_readers.h"
#include "sluice/parquet/file_reader.h"

namespace sluice::formats {
namespace {

using columnar::RecordBatch;
using columnar::SchemaPtr;

// A Parquet file's batches with the columns of a wanted schema: selected by
// name, checked against its types, and null where the file lacks a nullable one.
class ParquetDataReader final : public columnar::RecordBatchReader {
 public:
  static Result<std::unique_ptr<columnar::RecordBatchReader>> Open(const std::string& path,
                                                                   const TextReadOptions& options) {
    if (options.batch_rows < 1) return Status::Invalid("{}: batch_rows must be positive", path);
    parquet::ReadOptions ro;
    ro.batch_rows = options.batch_rows;
    SLUICE_ASSIGN_OR_RETURN(auto file, parquet::FileReader::Open(path, ro));
    std::unique_ptr<ParquetDataReader> r(new ParquetDataReader());
    const SchemaPtr& file_schema = file->schema();
    r->schema_ = options.schema != nullptr ? options.schema : file_schema;
    if (options.schema != nullptr && options.exact_columns) {
      for (const auto& f : file_schema->fields) {
        if (options.schema->FieldIndex(f->name) < 0) {
          return Status::Invalid("{}: column '{}' is not in the schema ({})", path, f->name,
                                 options.schema->ToString());
        }
      }
    }
    std::vector<int> selected;
    for (const auto& field : r->schema_->fields) {
      const int i = file_schema->FieldIndex(field->name);
      if (i < 0) {
        if (options.exact_columns) return Status::Invalid("{}: no column named '{}'", path, field->name);
        if (!field->nullable) return Status::Invalid("{}: no column named '{}' (non-nullable)", path, field->name);
        r->source_.push_back(-1);
        continue;
      }
      const columnar::Field& found = *file_schema->fields[static_cast<size_t>(i)];
      if (!found.type->Equals(*field->type)) {
        return Status::Invalid("{}: column '{}' is {} in the file, {} in the schema", path, field->name,
                               found.type->ToString(), field->type->ToString());
      }
      r->source_.push_back(static_cast<int>(selected.size()));
      selected.push_back(i);
    }
    if (selected.empty()) {
      // Nothing to read but the row count: read the first column, drop it.
      if (file_schema->fields.empty()) return Status::Invalid("{}: the file has no columns", path);
      selected.push_back(0);
    }
    SLUICE_ASSIGN_OR_RETURN(r->inner_, file->NewBatchReader(std::move(selected)));
    r->file_ = std::move(file);
    return std::unique_ptr<columnar::RecordBatchReader>(std::move(r));
  }

  const SchemaPtr& schema() const override { return schema_; }

  Result<std::optional<RecordBatch>> Next() override {
    SLUICE_ASSIGN_OR_RETURN(auto in, inner_->Next());
    if (!in) return std::optional<RecordBatch>();
    RecordBatch out;
    out.schema = schema_;
    out.num_rows = in->num_rows;
    for (size_t i = 0; i < source_.size(); ++i) {
      const columnar::Field& field = *schema_->fields[i];
      if (source_[i] < 0) {
        SLUICE_ASSIGN_OR_RETURN(auto b, columnar::MakeBuilder(field.type));
        b->AppendNulls(in->num_rows);
        SLUICE_ASSIGN_OR_RETURN(columnar::ArrayPtr nulls, b->Finish());
        out.columns.push_back(std::move(nulls));
        continue;
      }
      columnar::ArrayPtr a = in->columns[static_cast<size_t>(source_[i])];
      if (!field.nullable && a->null_count > 0) {
        return Status::Invalid("{}: column '{}' has nulls but is not nullable in the schema", file_->path(),
                               field.name);
      }
      out.columns.push_back(std::move(a));
    }
    return std::optional<RecordBatch>(std::move(out));
  }

 private:
  ParquetDataReader() = default;

  std::unique_ptr<parquet::FileReader> file_;
  std::unique_ptr<columnar::RecordBatchReader> inner_;  // borrows file_
  SchemaPtr schema_;
  std::vector<int> source_;  // column of the inner batch for each schema field, -1 = missing
};

// The lower-case extension of the file name, without the dot.
std::string Extension(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

}  // namespace

Result<DataFileFormat> DataFileFormatOf(const std::string& path) {
  const std::string ext = Extension(path);
  if (ext == "parquet") return DataFileFormat::kParquet;
  if (ext == "csv") return DataFileFormat::kCsv;
  if (ext == "json" || ext == "jsonl" || ext == "ndjson") return DataFileFormat::kJsonLines;
  return Status::Invalid("{}: unknown data file extension '{}' (expected .parquet, .csv, .json, .jsonl or .ndjson)",
                         path, ext);
}

Result<std::unique_ptr<columnar::RecordBatchReader>> OpenDataFile(const std::string& path, DataFileFormat format,
                                                                  TextReadOptions options, CsvOptions csv) {
  switch (format) {
    case DataFileFormat::kParquet:
      return ParquetDataReader::Open(path, options);
    case DataFileFormat::kCsv:
      return OpenCsv(path, std::move(options), std::move(csv));
    case DataFileFormat::kJsonLines:
      return OpenJsonLines(path, std::move(options));
  }
  return Status::Invalid("{}: unknown data file format", path);
}

Result<std::unique_ptr<columnar::RecordBatchReader>> OpenDataFile(const std::string& path, TextReadOptions options) {
  SLUICE_ASSIGN_OR_RETURN(DataFileFormat format, DataFileFormatOf(path));
  return OpenDataFile(path, format, std::move(options));
}

}  // namespace sluice::formats
