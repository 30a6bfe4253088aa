#include "sluice/stream/api/environment.h"

#include "sluice/stream/graph/filter_pushdown.h"
#include "sluice/stream/runtime/executor.h"
#include "sluice/stream/runtime/job_control.h"
#include "sluice/stream/sources/memory_source.h"

namespace sluice::stream {

StreamEnvironment::StreamEnvironment(StreamOptions options) : options_(std::move(options)) {}

int StreamEnvironment::AddNode(StreamNode node) {
  node.id = static_cast<int>(graph_.nodes.size());
  graph_.nodes.push_back(std::move(node));
  return graph_.nodes.back().id;
}

int StreamEnvironment::Fail(Status st, int node) {
  if (graph_.build_error.ok()) graph_.build_error = std::move(st);
  return node;
}

DataStream StreamEnvironment::FromSource(std::shared_ptr<Source> source, WatermarkStrategy watermarks,
                                         std::string name) {
  StreamNode n;
  n.name = std::move(name);
  n.schema = source->schema();
  n.parallelism = options_.parallelism;
  n.timestamp_column = watermarks.timestamp_column;
  n.source = std::move(source);
  n.watermarks = std::move(watermarks);
  int id = AddNode(std::move(n));
  const StreamNode& added = graph_.nodes[id];
  if (added.watermarks.has_event_time() && added.schema->FieldIndex(added.watermarks.timestamp_column) < 0) {
    Fail(Status::NotFound("source '{}': no timestamp column '{}'", added.name, added.watermarks.timestamp_column), id);
  }
  return DataStream(this, id);
}

DataStream StreamEnvironment::FromBatches(std::vector<columnar::RecordBatch> batches, WatermarkStrategy watermarks,
                                          std::string name) {
  if (batches.empty()) {
    auto empty = std::make_shared<columnar::Schema>();
    int id = AddNode(StreamNode{});
    return DataStream(this, Fail(Status::Invalid("FromBatches needs at least one batch"), id));
  }
  SchemaPtr schema = batches[0].schema;
  return FromSource(std::make_shared<MemorySource>(schema, std::move(batches)), std::move(watermarks), std::move(name));
}

DataStream StreamEnvironment::FailedSource(const Status& error, std::string name) {
  int id = AddNode(StreamNode{});
  graph_.nodes[id].name = name;
  graph_.nodes[id].schema = std::make_shared<columnar::Schema>();
  return DataStream(this, Fail(error.WithContext("source '" + name + "'"), id));
}

namespace {

Status RunNamed(const JobGraph& graph, const StreamOptions& options, const std::string& job_name,
                runtime::JobControl* control) {
  Status st = options.parallelism <= 0 ? Status::Invalid("parallelism {} <= 0", options.parallelism)
                                       : runtime::RunJob(graph, options, control);
  if (!st.ok() && options.parallelism <= 0 && control) control->JobEnded(st);
  return st.ok() ? st : st.WithContext("job '" + job_name + "'");
}

}  // namespace

Status StreamEnvironment::Execute(const std::string& job_name) {
  PushFiltersIntoSources(&graph_);
  return RunNamed(graph_, options_, job_name, nullptr);
}

std::unique_ptr<JobClient> StreamEnvironment::ExecuteAsync(const std::string& job_name) {
  StreamOptions options = options_;
  if (!options.metrics) options.metrics = std::make_shared<MetricsRegistry>();
  auto control = std::make_shared<runtime::JobControl>();
  auto result = std::make_shared<Status>();
  auto client = std::make_unique<JobClient>(control, options.metrics);
  PushFiltersIntoSources(&graph_);
  client->Start(std::thread([this, options = std::move(options), control, result, job_name] {
                  *result = RunNamed(graph_, options, job_name, control.get());
                }),
                result);
  return client;
}

}  // namespace sluice::stream
