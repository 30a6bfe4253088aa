// Times the Delta write path on one thread: file statistics alone (against a
// memcpy of the same bytes), and DataWriter writing a partitioned table
// (against sluice's Parquet writer writing the same rows to one file, the
// floor the partition split and stats add to).
//
// Usage: data_writer_bench OUT_DIR [ROWS] [PARTITIONS] [REPEAT]
// Prints one JSON object with best-of-REPEAT seconds and rows/s.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "bench_util.h"
#include "sluice/columnar/builder.h"
#include "sluice/delta/schema/schema_json.h"
#include "sluice/delta/write/data_writer.h"
#include "sluice/parquet/file_writer.h"

namespace {

using namespace sluice;            // NOLINT
using namespace sluice::columnar;  // NOLINT
using sluice::bench::BestOf;
using sluice::bench::Clock;

void Check(const Status& st) {
  if (!st.ok()) {
    std::fprintf(stderr, "data_writer_bench: %s\n", st.ToString().c_str());
    std::exit(1);
  }
}

// id long, x double, name string, ts timestamp, part string (interleaved).
RecordBatch MakeBatch(int64_t start, int64_t rows, int partitions) {
  Int64Builder id(Int64()), ts(Timestamp(TimeUnit::kMicro, true));
  DoubleBuilder x(Float64());
  BinaryBuilder name(String()), part(String());
  for (int64_t i = start; i < start + rows; ++i) {
    id.Append(i);
    x.Append(static_cast<double>((i * 7919) % 100003) / 7.0);
    Check(name.Append(fmt::format("name-{}", (i * 31) % 1000003)));
    ts.Append(1704103200000000 + i * 1000);
    Check(part.Append(fmt::format("p{}", i % partitions)));
  }
  auto schema = std::make_shared<Schema>();
  schema->fields = {MakeField("id", Int64()), MakeField("x", Float64()), MakeField("name", String()),
                    MakeField("ts", Timestamp(TimeUnit::kMicro, true)), MakeField("part", String())};
  return RecordBatch{schema, rows, {*id.Finish(), *x.Finish(), *name.Finish(), *ts.Finish(), *part.Finish()}};
}

int64_t RawBytes(const Array& a) {
  int64_t n = 0;
  for (size_t i = 1; i < a.buffers.size(); ++i) n += a.buffers[i] ? a.buffers[i]->size() : 0;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR [ROWS] [PARTITIONS] [REPEAT]\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  const int64_t rows = argc > 2 ? std::atoll(argv[2]) : 2000000;
  const int partitions = argc > 3 ? std::atoi(argv[3]) : 16;
  const int repeat = argc > 4 ? std::max(1, std::atoi(argv[4])) : 3;
  constexpr int64_t kBatch = 64 * 1024;
  std::vector<RecordBatch> batches;
  for (int64_t s = 0; s < rows; s += kBatch) batches.push_back(MakeBatch(s, std::min(kBatch, rows - s), partitions));
  const SchemaPtr& schema = batches[0].schema;
  int64_t bytes = 0;
  for (const auto& b : batches) {
    for (const auto& c : b.columns) bytes += RawBytes(*c);
  }

  // Statistics over all columns of every batch.
  std::string stats;
  const double stats_s = BestOf(repeat, [&] {
    delta::FileStatsCollector c(schema, {});
    for (const auto& b : batches) c.Add(b);
    stats = c.ToJson();
  });
  std::vector<uint8_t> sink(static_cast<size_t>(bytes));
  const double memcpy_s = BestOf(repeat, [&] {
    size_t pos = 0;
    for (const auto& b : batches) {
      for (const auto& c : b.columns) {
        for (size_t i = 1; i < c->buffers.size(); ++i) {
          if (!c->buffers[i]) continue;
          std::memcpy(sink.data() + pos, c->buffers[i]->data(), static_cast<size_t>(c->buffers[i]->size()));
          pos += static_cast<size_t>(c->buffers[i]->size());
        }
      }
    }
  });

  // The Parquet writer alone, all rows into one file.
  const double parquet_s = BestOf(repeat, [&] {
    auto w = parquet::FileWriter::Open(dir + "/plain.parquet", schema);
    Check(w.status());
    for (const auto& b : batches) Check((*w)->Write(b));
    Check((*w)->Close());
  });

  // DataWriter: partitioned by `part`, stats on.
  delta::Metadata md;
  md.id = "bench";
  auto json = delta::ToDeltaSchemaJson(*schema);
  Check(json.status());
  md.schema_string = *json;
  md.partition_columns = {"part"};
  size_t files = 0;
  const double delta_s = BestOf(repeat, [&] {
    std::filesystem::remove_all(dir + "/table");
    auto w = delta::DataWriter::Make(io::LocalFileSystem(), dir + "/table", md);
    Check(w.status());
    for (const auto& b : batches) Check((*w)->Write(b));
    auto adds = (*w)->Finish();
    Check(adds.status());
    files = adds->size();
  });
  std::filesystem::remove_all(dir + "/table");
  std::filesystem::remove(dir + "/plain.parquet");

  std::printf(
      "{\"rows\": %lld, \"partitions\": %d, \"files\": %zu, \"raw_bytes\": %lld,\n"
      " \"stats_s\": %.4f, \"stats_rows_per_s\": %.0f, \"memcpy_s\": %.4f,\n"
      " \"parquet_write_s\": %.4f, \"parquet_rows_per_s\": %.0f,\n"
      " \"delta_write_s\": %.4f, \"delta_rows_per_s\": %.0f, \"delta_over_parquet\": %.2f}\n",
      static_cast<long long>(rows), partitions, files, static_cast<long long>(bytes), stats_s, rows / stats_s, memcpy_s,
      parquet_s, rows / parquet_s, delta_s, rows / delta_s, delta_s / parquet_s);
  return 0;
}
