// The worked example: write a stream into a Delta table, read the table back
// as a stream, and count records per key (the Flink + Delta connector
// quick-start, in sluice).
//
//   build/bin/delta_key_count [TABLE_DIR]     (default: data/my_table)
#include <cstdio>
#include <filesystem>
#include <string>

#include "sluice/connectors/delta/delta_sink.h"
#include "sluice/connectors/delta/delta_source.h"
#include "sluice/delta/schema/schema_ddl.h"
#include "sluice/delta/write/table_writer.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/sinks/collect_sink.h"

using namespace sluice;
using namespace sluice::stream;

Status Run(const std::string& table) {
  // CREATE TABLE my_table (key STRING, value STRING) USING DELTA
  SLUICE_ASSIGN_OR_RETURN(auto schema, delta::ParseSchemaDdl("key STRING, value STRING"));
  SLUICE_RETURN_NOT_OK(delta::CreateTable(io::LocalFileSystem(), table, *schema).status());

  // A stream of 10 records (key-i, value-i) into the table, exactly once.
  {
    StreamEnvironment env;
    BatchBuilder rows(schema);
    for (int i = 0; i < 10; ++i) {
      SLUICE_RETURN_NOT_OK(rows.Append({Scalar("key-" + std::to_string(i)), Scalar("value-" + std::to_string(i))}));
    }
    SLUICE_ASSIGN_OR_RETURN(auto batch, rows.Finish());
    connectors::DeltaSinkOptions sink;
    sink.table_root = table;
    sink.app_id = "delta-key-count-writer";
    SLUICE_ASSIGN_OR_RETURN(auto delta_sink, connectors::DeltaSink::Make(sink));
    env.FromBatches({batch}, WatermarkStrategy::NoWatermarks()).SinkTo(delta_sink);
    SLUICE_RETURN_NOT_OK(env.Execute("write my_table"));
  }

  // Read the table back as a stream and count records per key.
  StreamEnvironment env;
  connectors::DeltaSourceOptions source;
  source.table_root = table;
  SLUICE_ASSIGN_OR_RETURN(auto delta_source, connectors::DeltaSource::Make(source));
  auto counts = std::make_shared<CollectSink>();
  env.FromSource(delta_source, WatermarkStrategy::NoWatermarks())
      .KeyBy({"key"})
      .Window(windows::Global())
      .Aggregate({agg::Count("count")})
      .SinkTo(counts);
  SLUICE_RETURN_NOT_OK(env.Execute("count my_table"));
  for (const Scalars& row : counts->SortedRows()) {  // key, window_start, window_end, count
    std::printf("%s: %lld\n", row[0].string_value().c_str(), static_cast<long long>(row[3].int_value()));
  }
  return Status::OK();
}

int main(int argc, char** argv) {
  const std::string table = std::filesystem::absolute(argc > 1 ? argv[1] : "data/my_table").string();
  std::error_code ec;
  std::filesystem::remove_all(table, ec);  // a fresh table each run
  Status st = Run(table);
  if (!st.ok()) {
    std::fprintf(stderr, "delta_key_count: %s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}
