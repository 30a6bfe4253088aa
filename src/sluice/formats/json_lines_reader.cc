#include <simdjson.h>

#include <cstring>

#include "sluice/columnar/builder.h"
#include "sluice/formats/json_value_writer.h"
#include "sluice/formats/schema_inference.h"
#include "sluice/formats/text_reader_base.h"
#include "sluice/formats/text_readers.h"

namespace sluice::formats {
namespace {

namespace dom = simdjson::dom;
using columnar::RecordBatch;
using columnar::SchemaPtr;

// Walks the non-blank lines of a JSON-lines text and parses each.
class JsonLineCursor {
 public:
  JsonLineCursor(std::string_view content, std::string path) : content_(content), path_(std::move(path)) {
    if (content_.size() >= 3 && std::memcmp(content_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  }

  // Parses the next non-blank line into *doc; false at the end.
  // Invalid "<file>:<line>: not valid JSON (...)" for a malformed line.
  Result<bool> Next(dom::element* doc) {
    for (;;) {
      if (pos_ >= content_.size()) return false;
      const char* nl = static_cast<const char*>(std::memchr(content_.data() + pos_, '\n', content_.size() - pos_));
      const size_t end = nl == nullptr ? content_.size() : static_cast<size_t>(nl - content_.data());
      std::string_view line = content_.substr(pos_, end - pos_);
      const size_t after = content_.size() - end;  // readable bytes past the line
      pos_ = end + 1;
      ++line_;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      // simdjson reads up to SIMDJSON_PADDING bytes past the end: the next
      // lines serve as padding; lines near the end are copied into a padded buffer.
      const char* data = line.data();
      if (after < simdjson::SIMDJSON_PADDING) {
        scratch_.assign(line);
        scratch_.append(simdjson::SIMDJSON_PADDING, ' ');
        data = scratch_.data();
      }
      if (auto err = parser_.parse(data, line.size(), /*realloc_if_needed=*/false).get(*doc)) {
        return Status::Invalid("{}:{}: not valid JSON ({})", path_, line_, simdjson::error_message(err));
      }
      return true;
    }
  }

  // Starts again from the first line.
  void Rewind() {
    pos_ = content_.size() >= 3 && std::memcmp(content_.data(), "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    line_ = 0;
  }
  int64_t line() const { return line_; }
  const std::string& path() const { return path_; }

 private:
  std::string_view content_;
  std::string path_;
  size_t pos_ = 0;
  int64_t line_ = 0;
  dom::parser parser_;
  std::string scratch_;
};

void Observe(const dom::element& v, TypeInference* t) {
  switch (v.type()) {
    case dom::element_type::NULL_VALUE:
      return;
    case dom::element_type::BOOL:
      return t->AddBool();
    case dom::element_type::INT64:
      return t->AddInt();
    case dom::element_type::UINT64:  // above int64's range
    case dom::element_type::DOUBLE:
      return t->AddDouble();
    case dom::element_type::STRING:
      return t->AddJsonString(v.get_string().value_unsafe());
    case dom::element_type::OBJECT: {
      t->AddObject();
      dom::object obj;
      if (v.get_object().get(obj)) return;  // cannot happen: the type was checked
      for (const dom::key_value_pair& kv : obj) Observe(kv.value, t->Member(kv.key));
      return;
    }
    case dom::element_type::ARRAY: {
      t->AddList();
      dom::array arr;
      if (v.get_array().get(arr)) return;  // cannot happen: the type was checked
      for (dom::element e : arr) Observe(e, t->Element());
      return;
    }
  }
}

Status NotAnObject(const JsonLineCursor& cursor, const dom::element& doc) {
  return Status::Invalid("{}:{}: expected a JSON object, found {}", cursor.path(), cursor.line(),
                         doc.is_array() ? "an array" : "a scalar");
}

class JsonLinesReader final : public TextReaderBase {
 public:
  static Result<std::unique_ptr<columnar::RecordBatchReader>> Open(const std::string& path,
                                                                   const TextReadOptions& options) {
    if (options.batch_rows < 1 || options.infer_rows < 1) {
      return Status::Invalid("{}: batch_rows and infer_rows must be positive", path);
    }
    SLUICE_ASSIGN_OR_RETURN(BufferPtr data, MapWholeFile(path));
    std::unique_ptr<JsonLinesReader> r(new JsonLinesReader(std::move(data), path, options.batch_rows));
    r->schema_ = options.schema;
    if (r->schema_ == nullptr) {
      SLUICE_ASSIGN_OR_RETURN(r->schema_, r->InferSchema(options.infer_rows));
    }
    std::vector<columnar::ArrayBuilder*> builders;
    for (const auto& field : r->schema_->fields) {
      SLUICE_ASSIGN_OR_RETURN(auto b, columnar::MakeBuilder(field->type));
      builders.push_back(b.get());
      r->builders_.push_back(std::move(b));
    }
    auto root = JsonValueWriter::MakeRoot(*r->schema_, builders);
    if (!root.ok()) return root.status().WithContext(path);
    r->root_ = std::move(*root);
    return std::unique_ptr<columnar::RecordBatchReader>(std::move(r));
  }

 private:
  JsonLinesReader(BufferPtr data, const std::string& path, int64_t batch_rows)
      : data_(std::move(data)), cursor_(data_->view(), path), batch_rows_(batch_rows) {}

  Result<SchemaPtr> InferSchema(int64_t infer_rows) {
    TypeInference root;
    int64_t rows = 0;
    dom::element doc;
    while (rows < infer_rows) {
      SLUICE_ASSIGN_OR_RETURN(bool any, cursor_.Next(&doc));
      if (!any) break;
      if (!doc.is_object()) return NotAnObject(cursor_, doc);
      Observe(doc, &root);
      ++rows;
    }
    if (rows == 0) return Status::Invalid("{}: the file has no JSON lines to infer a schema from", cursor_.path());
    cursor_.Rewind();
    auto schema = std::make_shared<columnar::Schema>();
    schema->fields = root.MemberFields();
    return SchemaPtr(std::move(schema));
  }

  Result<std::optional<RecordBatch>> ReadBatch() override {
    int64_t rows = 0;
    dom::element doc;
    while (rows < batch_rows_) {
      SLUICE_ASSIGN_OR_RETURN(bool any, cursor_.Next(&doc));
      if (!any) break;
      dom::object obj;
      if (doc.get_object().get(obj)) return NotAnObject(cursor_, doc);
      Status st = root_->AppendMembers(obj);
      if (!st.ok()) return st.WithContext(fmt::format("{}:{}", cursor_.path(), cursor_.line()));
      ++rows;
    }
    if (rows == 0) return std::optional<RecordBatch>();
    RecordBatch batch;
    batch.schema = schema_;
    batch.num_rows = rows;
    for (auto& b : builders_) {
      SLUICE_ASSIGN_OR_RETURN(columnar::ArrayPtr a, b->Finish());
      batch.columns.push_back(std::move(a));
    }
    return std::optional<RecordBatch>(std::move(batch));
  }

  BufferPtr data_;  // the mapped file
  JsonLineCursor cursor_;
  int64_t batch_rows_;
  std::vector<std::unique_ptr<columnar::ArrayBuilder>> builders_;
  std::unique_ptr<JsonValueWriter> root_;
};

}  // namespace

Result<std::unique_ptr<columnar::RecordBatchReader>> OpenJsonLines(const std::string& path, TextReadOptions options) {
  return JsonLinesReader::Open(path, options);
}

}  // namespace sluice::formats
