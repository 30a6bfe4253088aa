#include <algorithm>

#include "sluice/columnar/builder.h"
#include "sluice/formats/csv_column.h"
#include "sluice/formats/csv_tokenizer.h"
#include "sluice/formats/schema_inference.h"
#include "sluice/formats/text_reader_base.h"
#include "sluice/formats/text_readers.h"
#include "sluice/formats/value_parsers.h"

namespace sluice::formats {
namespace {

using columnar::RecordBatch;
using columnar::SchemaPtr;

// Fields tokenized per pass (16 bytes each, 1 MiB): batches are split into
// passes so that the field table stays in a core's L2 cache.
constexpr int64_t kFieldsPerPass = 64 * 1024;

class CsvReader final : public TextReaderBase {
 public:
  static Result<std::unique_ptr<columnar::RecordBatchReader>> Open(const std::string& path,
                                                                   const TextReadOptions& options,
                                                                   const CsvOptions& csv);

 private:
  CsvReader(BufferPtr data, const std::string& path, const CsvOptions& csv)
      : data_(std::move(data)), tokenizer_(data_->view(), csv, path), null_value_(csv.null_value) {}

  // Reads the header (or sizes the first row) and sets names_ and num_columns_.
  Result<bool> ReadLayout(const TextReadOptions& options, const CsvOptions& csv);
  // Maps the given schema's fields to CSV columns.
  Status MatchSchema(const SchemaPtr& schema, bool header, bool exact);
  // Infers the schema from up to `infer_rows` rows, then rewinds.
  Status InferSchema(int64_t infer_rows);
  Status Prepare(int64_t batch_rows);
  Result<std::optional<RecordBatch>> ReadBatch() override;
  const std::string& path() const { return tokenizer_.path(); }

  BufferPtr data_;  // the mapped file
  CsvTokenizer tokenizer_;
  std::string null_value_;
  std::vector<std::string> names_;  // header names (or f0, f1, ...)
  int num_columns_ = 0;
  bool empty_ = false;       // no header and no rows
  std::vector<int> source_;  // CSV column of each schema field, -1 = missing (null)
  std::vector<std::unique_ptr<columnar::ArrayBuilder>> builders_;
  int64_t batch_rows_ = 0;
  int64_t pass_rows_ = 0;
  CsvRows rows_;
  std::vector<int64_t> batch_lines_;
};

Result<bool> CsvReader::ReadLayout(const TextReadOptions& options, const CsvOptions& csv) {
  std::vector<CsvField> fields;
  int64_t line = 0;
  if (csv.header) {
    SLUICE_ASSIGN_OR_RETURN(bool any, tokenizer_.ReadRow(&fields, &line));
    if (!any) return false;
    for (const CsvField& f : fields) names_.emplace_back(f.view());
  } else if (options.schema != nullptr) {
    for (const auto& f : options.schema->fields) names_.push_back(f->name);
  } else {
    const auto start = tokenizer_.position();
    SLUICE_ASSIGN_OR_RETURN(bool any, tokenizer_.ReadRow(&fields, &line));
    if (!any) return false;
    tokenizer_.Seek(start);
    for (size_t i = 0; i < fields.size(); ++i) names_.push_back(fmt::format("f{}", i));
  }
  num_columns_ = static_cast<int>(names_.size());
  return true;
}

Status CsvReader::MatchSchema(const SchemaPtr& schema, bool header, bool exact) {
  if (header && exact) {
    for (const std::string& name : names_) {
      if (schema->FieldIndex(name) < 0) {
        return Status::Invalid("{}: column '{}' of the header is not in the schema ({})", path(), name,
                               schema->ToString());
      }
    }
  }
  for (size_t i = 0; i < schema->fields.size(); ++i) {
    const columnar::Field& field = *schema->fields[i];
    if (!IsTextParsable(*field.type)) {
      return Status::NotSupported("{}: column '{}': cannot read {} values from CSV", path(), field.name,
                                  field.type->ToString());
    }
    int src = static_cast<int>(i);
    if (header) {
      auto it = std::find(names_.begin(), names_.end(), field.name);
      src = it == names_.end() ? -1 : static_cast<int>(it - names_.begin());
    }
    if (src < 0 && exact) return Status::Invalid("{}: column '{}' is not in the header", path(), field.name);
    if (src < 0 && !field.nullable) {
      return Status::Invalid("{}: non-nullable column '{}' is not in the header", path(), field.name);
    }
    source_.push_back(src);
  }
  schema_ = schema;
  return Status::OK();
}

Status CsvReader::InferSchema(int64_t infer_rows) {
  std::vector<TypeInference> columns(static_cast<size_t>(num_columns_));
  const auto start = tokenizer_.position();
  for (int64_t seen = 0; seen < infer_rows;) {
    SLUICE_RETURN_NOT_OK(tokenizer_.ReadRows(num_columns_, std::min(infer_rows - seen, pass_rows_), &rows_));
    if (rows_.num_rows == 0) break;
    for (int c = 0; c < num_columns_; ++c) {
      for (const CsvField& f : rows_.column(c)) {
        // Empty text is null for every type but string, so it says nothing.
        if (f.size == 0 || IsCsvNull(f, null_value_, /*string_like=*/true)) continue;
        columns[static_cast<size_t>(c)].AddText(f.view());
      }
    }
    seen += rows_.num_rows;
  }
  tokenizer_.Seek(start);
  schema_ = InferredSchema(names_, columns);
  for (int c = 0; c < num_columns_; ++c) source_.push_back(c);
  return Status::OK();
}

Status CsvReader::Prepare(int64_t batch_rows) {
  batch_rows_ = batch_rows;
  for (const auto& field : schema_->fields) {
    SLUICE_ASSIGN_OR_RETURN(auto b, MakeCsvColumnBuilder(field->type));
    builders_.push_back(std::move(b));
  }
  return Status::OK();
}

Result<std::unique_ptr<columnar::RecordBatchReader>> CsvReader::Open(const std::string& path,
                                                                     const TextReadOptions& options,
                                                                     const CsvOptions& csv) {
  if (options.batch_rows < 1 || options.infer_rows < 1) {
    return Status::Invalid("{}: batch_rows and infer_rows must be positive", path);
  }
  if (csv.delimiter == csv.quote || csv.delimiter == '\n' || csv.delimiter == '\r' || csv.quote == '\n' ||
      csv.quote == '\r') {
    return Status::Invalid("{}: the CSV delimiter and quote must differ and not be line ends", path);
  }
  SLUICE_ASSIGN_OR_RETURN(BufferPtr data, MapWholeFile(path));
  std::unique_ptr<CsvReader> r(new CsvReader(std::move(data), path, csv));
  SLUICE_ASSIGN_OR_RETURN(bool any, r->ReadLayout(options, csv));
  if (!any) {
    if (options.schema == nullptr) {
      return Status::Invalid("{}: the file is empty: no header or row to take columns from", path);
    }
    r->empty_ = true;
  }
  r->pass_rows_ = std::clamp<int64_t>(kFieldsPerPass / std::max(r->num_columns_, 1), 1, options.batch_rows);
  if (options.schema != nullptr) {
    SLUICE_RETURN_NOT_OK(r->MatchSchema(options.schema, csv.header && any, options.exact_columns));
  } else {
    SLUICE_RETURN_NOT_OK(r->InferSchema(options.infer_rows));
  }
  SLUICE_RETURN_NOT_OK(r->Prepare(options.batch_rows));
  return std::unique_ptr<columnar::RecordBatchReader>(std::move(r));
}

Result<std::optional<RecordBatch>> CsvReader::ReadBatch() {
  if (empty_) return std::optional<RecordBatch>();
  int64_t rows = 0;
  batch_lines_.clear();
  while (rows < batch_rows_) {
    SLUICE_RETURN_NOT_OK(tokenizer_.ReadRows(num_columns_, std::min(pass_rows_, batch_rows_ - rows), &rows_));
    if (rows_.num_rows == 0) break;
    for (size_t i = 0; i < builders_.size(); ++i) {
      if (source_[i] < 0) {
        builders_[i]->AppendNulls(rows_.num_rows);
        continue;
      }
      CsvColumnContext ctx{&path(), schema_->fields[i].get(), null_value_, rows_.lines.data()};
      SLUICE_RETURN_NOT_OK(AppendCsvColumn(rows_.column(source_[i]), ctx, builders_[i].get()));
    }
    batch_lines_.insert(batch_lines_.end(), rows_.lines.begin(), rows_.lines.begin() + rows_.num_rows);
    rows += rows_.num_rows;
  }
  if (rows == 0) return std::optional<RecordBatch>();
  RecordBatch batch;
  batch.schema = schema_;
  batch.num_rows = rows;
  for (size_t i = 0; i < builders_.size(); ++i) {
    SLUICE_ASSIGN_OR_RETURN(columnar::ArrayPtr a, builders_[i]->Finish());
    CsvColumnContext ctx{&path(), schema_->fields[i].get(), null_value_, batch_lines_.data()};
    SLUICE_RETURN_NOT_OK(ValidateUtf8Column(*a, ctx));
    batch.columns.push_back(std::move(a));
  }
  return std::optional<RecordBatch>(std::move(batch));
}

}  // namespace

Result<std::unique_ptr<columnar::RecordBatchReader>> OpenCsv(const std::string& path, TextReadOptions options,
                                                             CsvOptions csv) {
  return CsvReader::Open(path, options, csv);
}

}  // namespace sluice::formats
