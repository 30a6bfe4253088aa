// `sluice demo`, part 2: the worked example (the same steps as
// examples/delta_key_count.cc, which stays a standalone program to read).
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "sluice/cli/demo_delta.h"
#include "sluice/connectors/delta/delta_sink.h"
#include "sluice/connectors/delta/delta_source.h"
#include "sluice/delta/schema/schema_ddl.h"
#include "sluice/delta/write/table_writer.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/sinks/collect_sink.h"

namespace sluice::cli {

using columnar::Scalar;

Status RunWorkedExampleDemo(const std::string& table) {
  std::error_code ec;
  std::filesystem::remove_all(table, ec);  // a fresh table each run
  std::printf("CREATE TABLE my_table (key STRING, value STRING) USING DELTA   -- at %s\n", table.c_str());
  SLUICE_ASSIGN_OR_RETURN(auto schema, delta::ParseSchemaDdl("key STRING, value STRING"));
  SLUICE_RETURN_NOT_OK(delta::CreateTable(io::LocalFileSystem(), table, *schema).status());

  // A stream of 10 records (key-i, value-i) into the table, exactly once.
  {
    stream::StreamEnvironment env;
    stream::BatchBuilder rows(schema);
    for (int i = 0; i < 10; ++i) {
      SLUICE_RETURN_NOT_OK(rows.Append({Scalar("key-" + std::to_string(i)), Scalar("value-" + std::to_string(i))}));
    }
    SLUICE_ASSIGN_OR_RETURN(auto batch, rows.Finish());
    connectors::DeltaSinkOptions sink;
    sink.table_root = table;
    sink.app_id = "delta-key-count-writer";
    SLUICE_ASSIGN_OR_RETURN(auto delta_sink, connectors::DeltaSink::Make(sink));
    env.FromBatches({batch}, stream::WatermarkStrategy::NoWatermarks()).SinkTo(delta_sink);
    SLUICE_RETURN_NOT_OK(env.Execute("write my_table"));
    std::printf("wrote 10 records through the exactly-once Delta sink (table version %lld)\n",
                static_cast<long long>(delta_sink->last_version()));
  }

  // Read the table back as a stream and count records per key.
  stream::StreamEnvironment env;
  connectors::DeltaSourceOptions source;
  source.table_root = table;
  SLUICE_ASSIGN_OR_RETURN(auto delta_source, connectors::DeltaSource::Make(source));
  auto counts = std::make_shared<stream::CollectSink>();
  env.FromSource(delta_source, stream::WatermarkStrategy::NoWatermarks())
      .KeyBy({"key"})
      .Window(stream::windows::Global())
      .Aggregate({stream::agg::Count("count")})
      .SinkTo(counts);
  SLUICE_RETURN_NOT_OK(env.Execute("count my_table"));
  std::printf("read it back as a stream; records per key:\n");
  for (const columnar::Scalars& row : counts->SortedRows()) {  // key, window_start, window_end, count
    std::printf("  %s: %lld\n", row[0].string_value().c_str(), static_cast<long long>(row[3].int_value()));
  }
  return Status::OK();
}

}  // namespace sluice::cli
