// `sluice demo`: (1) writes a Parquet file of generated events with sluice's
// writer, reads it back with sluice's reader and prints a few rows; (2) runs
// the worked example (stream -> Delta table -> stream, count per key); (3)
// streams events through keyed windows into a Delta table while a second job
// tails it (demo_streaming.cc). The README's first command runs it (and then
// shows pyarrow and deltalake reading what it wrote).
#include <cstdio>
#include <filesystem>
#include <string>

#include "sluice/cli/commands.h"
#include "sluice/cli/demo_delta.h"
#include "sluice/cli/report.h"
#include "sluice/columnar/builder.h"
#include "sluice/columnar/json_format.h"
#include "sluice/parquet/file_reader.h"
#include "sluice/parquet/file_writer.h"

namespace sluice::cli {
namespace {

namespace col = sluice::columnar;

struct DemoArgs {
  std::string dir = "data/demo";
  int64_t rows = 100000;
  double seconds = 10;
  double rate = 20000;
};

// Generates `rows` deterministic events: id, event time, user, amount, tags.
Result<col::RecordBatch> MakeEvents(int64_t rows) {
  auto schema = std::make_shared<col::Schema>();
  schema->fields = {col::MakeField("id", col::Int64(), false),
                    col::MakeField("ts", col::Timestamp(col::TimeUnit::kMicro, true)),
                    col::MakeField("user", col::String()), col::MakeField("amount", col::Float64()),
                    col::MakeField("tags", col::List(col::MakeField("element", col::String())))};
  col::NumericBuilder<int64_t> id(col::Int64());
  col::NumericBuilder<int64_t> ts(col::Timestamp(col::TimeUnit::kMicro, true));
  col::BinaryBuilder user(col::String());
  col::NumericBuilder<double> amount(col::Float64());
  col::ListBuilder tags(schema->fields[4]->type, std::make_unique<col::BinaryBuilder>(col::String()));
  auto* tag = static_cast<col::BinaryBuilder*>(tags.value_builder());
  const char* kTags[] = {"web", "mobile", "promo", "returning"};
  const int64_t t0 = 1767225600000000;  // 2026-01-01T00:00:00Z
  uint64_t seed = 42;
  for (int64_t i = 0; i < rows; ++i) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    id.Append(i);
    ts.Append(t0 + i * 1000 + static_cast<int64_t>(seed >> 54));
    SLUICE_RETURN_NOT_OK(user.Append(fmt::format("user-{}", (seed >> 33) % 1000)));
    if (i % 17 == 0) {
      amount.AppendNull();
    } else {
      amount.Append(static_cast<double>((seed >> 20) % 100000) / 100.0);
    }
    SLUICE_RETURN_NOT_OK(tags.Append());
    for (uint64_t k = 0; k < (seed >> 60) % 3; ++k) SLUICE_RETURN_NOT_OK(tag->Append(kTags[(seed >> (k * 8)) % 4]));
  }
  col::RecordBatch batch{schema, rows, {}};
  for (col::ArrayBuilder* b : std::initializer_list<col::ArrayBuilder*>{&id, &ts, &user, &amount, &tags}) {
    SLUICE_ASSIGN_OR_RETURN(auto array, b->Finish());
    batch.columns.push_back(std::move(array));
  }
  SLUICE_RETURN_NOT_OK(batch.Validate());
  return batch;
}

Status RunDemo(const DemoArgs& a) {
  std::error_code ec;
  std::filesystem::create_directories(a.dir, ec);
  if (ec) return Status::IOError("{}: cannot create directory: {}", a.dir, ec.message());
  const std::string path = a.dir + "/events.parquet";
  SLUICE_ASSIGN_OR_RETURN(col::RecordBatch events, MakeEvents(a.rows));
  SLUICE_ASSIGN_OR_RETURN(auto writer, parquet::FileWriter::Open(path, events.schema));
  SLUICE_RETURN_NOT_OK(writer->Write(events));
  SLUICE_RETURN_NOT_OK(writer->Close());
  std::printf("wrote %lld rows to %s (%lld bytes)\n", static_cast<long long>(a.rows), path.c_str(),
              static_cast<long long>(std::filesystem::file_size(path)));

  SLUICE_ASSIGN_OR_RETURN(auto reader, parquet::FileReader::Open(path));
  std::printf("schema:\n%s", reader->schema()->ToString().c_str());
  SLUICE_ASSIGN_OR_RETURN(auto batches, reader->ReadAll());
  int64_t rows = 0;
  for (const auto& b : batches) rows += b.num_rows;
  std::printf("read back %lld rows; the first 5:\n", static_cast<long long>(rows));
  if (!batches.empty()) std::printf("%s", col::FormatTable(batches[0], 5).c_str());

  std::printf("\n== the worked example: a stream into a Delta table, read back as a stream\n");
  SLUICE_RETURN_NOT_OK(RunWorkedExampleDemo(std::filesystem::absolute(a.dir + "/my_table").string()));

  std::printf("\n== streaming into Delta, tailed live\n");
  if (a.seconds <= 0) return Status::OK();
  StreamingDemoOptions s;
  s.dir = a.dir;
  s.seconds = a.seconds;
  s.rate = a.rate;
  return RunStreamingDemo(s);
}

}  // namespace

void AddDemoCommand(CLI::App& app, int* exit_code) {
  auto* demo =
      app.add_subcommand("demo", "Parquet write/read, the worked Delta example, then a live stream into a Delta table");
  auto args = std::make_shared<DemoArgs>();
  demo->add_option("--dir", args->dir, "Folder for the demo's files (default data/demo)");
  demo->add_option("--rows", args->rows, "Number of events (default 100000)");
  demo->add_option("--seconds", args->seconds, "How long the streaming part runs (default 10; 0 = skip it)");
  demo->add_option("--rate", args->rate, "Events per second of the streaming part (default 20000)");
  demo->callback([=] { *exit_code = Report(RunDemo(*args)); });
}

}  // namespace sluice::cli
