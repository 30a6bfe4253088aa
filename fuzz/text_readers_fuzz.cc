// Feeds arbitrary bytes to the CSV and JSON-lines readers, with the schema
// inferred and given, in tiny batches: they must return a Status, never
// crash, hang or read out of bounds, and every batch they return must be
// valid for its schema. The CSV tokenizer's fast path must also split the
// bytes exactly as its scalar path does.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "sluice/columnar/data_type.h"
#include "sluice/formats/csv_tokenizer.h"
#include "sluice/formats/text_readers.h"

namespace {

using sluice::columnar::MakeField;

void ReadAll(sluice::Result<std::unique_ptr<sluice::columnar::RecordBatchReader>> reader) {
  if (!reader.ok()) return;
  for (int i = 0; i < 1000; ++i) {
    auto batch = (*reader)->Next();
    if (!batch.ok() || !*batch) return;
    if (!(*batch)->Validate().ok() || !(*batch)->schema->Equals(*(*reader)->schema())) __builtin_trap();
  }
}

sluice::columnar::SchemaPtr GivenSchema() {
  namespace c = sluice::columnar;
  auto s = std::make_shared<c::Schema>();
  s->fields = {
      MakeField("a", c::Int32()),
      MakeField("b", c::String()),
      MakeField("c", c::Decimal128(9, 2)),
      MakeField("d", c::Timestamp(c::TimeUnit::kMicro, true)),
      MakeField("e",
                c::Struct({MakeField("x", c::Float64()), MakeField("y", c::List(MakeField("element", c::Bool())))})),
  };
  return s;
}

// Everything the tokenizer reads, as text (fields, quoted flags, lines, error).
std::string Tokens(const std::string& text, const sluice::formats::CsvOptions& csv, int columns, bool scalar) {
  sluice::formats::CsvTokenizer t(text, csv, "fuzz.csv", scalar);
  sluice::formats::CsvRows rows;
  std::string out;
  for (int64_t batch = 1;; batch = batch % 5 + 1) {
    sluice::Status st = t.ReadRows(columns, batch, &rows);
    if (!st.ok()) return out + st.message();
    if (rows.num_rows == 0) return out;
    for (int64_t r = 0; r < rows.num_rows; ++r) {
      out += std::to_string(rows.lines[r]);
      for (int c = 0; c < columns; ++c) {
        const auto& f = rows.column(c)[r];
        out += (f.quoted ? "|q" : "|") + std::string(f.view());
      }
      out += "\n";
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t flags = data[0];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  static const std::string base = "/tmp/sluice_text_fuzz_" + std::to_string(::getpid());
  const std::string csv_path = base + ".csv", json_path = base + ".jsonl";
  for (const std::string* path : {&csv_path, &json_path}) {
    FILE* f = std::fopen(path->c_str(), "wb");
    if (f == nullptr) return 0;
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  sluice::formats::CsvOptions csv;
  csv.header = (flags & 32) == 0;
  if (flags & 64) csv.delimiter = ';';
  if (flags & 128) csv.null_value = "NA";
  const int columns = 1 + (flags & 3);
  if (Tokens(text, csv, columns, false) != Tokens(text, csv, columns, true)) __builtin_trap();
  sluice::formats::TextReadOptions options;
  options.batch_rows = 1 + (flags & 3);
  options.infer_rows = 1 + ((flags >> 2) & 3);
  if (flags & 16) options.schema = GivenSchema();
  if (options.schema == nullptr) ReadAll(sluice::formats::OpenCsv(csv_path, options, csv));
  ReadAll(sluice::formats::OpenJsonLines(json_path, options));
  // The CSV reader with the flat part of the given schema.
  if (flags & 16) {
    auto flat = std::make_shared<sluice::columnar::Schema>(*GivenSchema());
    flat->fields.pop_back();
    options.schema = flat;
    ReadAll(sluice::formats::OpenCsv(csv_path, options, csv));
  }
  ::unlink(csv_path.c_str());
  ::unlink(json_path.c_str());
  return 0;
}
