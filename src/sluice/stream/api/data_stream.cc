#include "sluice/stream/api/data_stream.h"

#include "sluice/expr/binder.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/operators/keyed_operators.h"
#include "sluice/stream/operators/map_operators.h"
#include "sluice/stream/sinks/collect_sink.h"

namespace sluice::stream {

using columnar::Schema;

namespace {

// The node's event-time column if `schema` still has it.
std::string KeepTimestamp(const StreamNode& in, const Schema& schema) {
  return schema.FieldIndex(in.timestamp_column) >= 0 ? in.timestamp_column : std::string();
}

// Adds a one-input node after `from` running `factory`.
int AddOperator(StreamEnvironment* env, int from, std::string name, SchemaPtr schema,
                std::function<Result<std::unique_ptr<Operator>>()> factory) {
  const StreamNode& in = env->graph().nodes[from];
  StreamNode n;
  n.name = std::move(name);
  n.timestamp_column = KeepTimestamp(in, *schema);
  n.schema = std::move(schema);
  n.parallelism = in.parallelism;
  n.inputs = {{from, {}}};
  n.factory = std::move(factory);
  return env->AddNode(std::move(n));
}

template <typename F>
std::function<Result<std::unique_ptr<Operator>>()> Factory(F f) {
  return [f]() -> Result<std::unique_ptr<Operator>> { return f(); };
}

Result<std::vector<int>> ResolveKeys(const Schema& schema, const std::vector<std::string>& keys) {
  if (keys.empty()) return Status::Invalid("KeyBy needs at least one column");
  std::vector<int> out;
  for (const auto& k : keys) {
    int c = schema.FieldIndex(k);
    if (c < 0) return Status::NotFound("KeyBy: no column '{}' in {}", k, schema.ToString());
    out.push_back(c);
  }
  return out;
}

// Adds a keyed node (hash exchange on `keys`) after `from`.
int AddKeyedOperator(StreamEnvironment* env, int from, const std::vector<int>& keys, std::string name, SchemaPtr schema,
                     std::function<Result<std::unique_ptr<Operator>>()> factory) {
  int id = AddOperator(env, from, std::move(name), std::move(schema), std::move(factory));
  StreamNode& n = env->graph().nodes[id];
  n.partitioning = Partitioning::kHash;
  n.key_columns = keys;
  n.keyed = true;
  return id;
}

}  // namespace

SchemaPtr DataStream::schema() const { return env_->graph().nodes[node_].schema; }

DataStream DataStream::Map(SchemaPtr schema, MapFunction fn) const {
  auto s = schema;
  return {env_, AddOperator(env_, node_, "Map", schema, Factory([s, fn] { return MakeMapOperator(s, fn); }))};
}

DataStream DataStream::MapBatches(SchemaPtr schema, BatchFunction fn) const {
  SchemaPtr out = schema ? schema : this->schema();
  return {env_, AddOperator(env_, node_, "MapBatches", out,
                            Factory([schema, fn] { return MakeMapBatchesOperator(schema, fn); }))};
}

DataStream DataStream::Filter(RowPredicate pred) const {
  return {env_, AddOperator(env_, node_, "Filter", schema(), Factory([pred] { return MakeRowFilterOperator(pred); }))};
}

DataStream DataStream::Filter(BatchPredicate pred) const {
  return {env_,
          AddOperator(env_, node_, "Filter", schema(), Factory([pred] { return MakeBatchFilterOperator(pred); }))};
}

DataStream DataStream::Filter(Expr pred) const {
  auto bound = expr::BindPredicate(pred, *schema());
  if (!bound.ok()) {
    int id = AddOperator(env_, node_, "Filter", schema(), Factory([] { return MakeIdentityOperator(); }));
    return {env_, env_->Fail(bound.status().WithContext("Filter"), id)};
  }
  expr::BoundExpr b = std::move(*bound);
  int id = AddOperator(env_, node_, "Filter", schema(), Factory([b] { return MakeExprFilterOperator(b); }));
  env_->graph().nodes[id].filter = pred;
  return {env_, id};
}

DataStream DataStream::FlatMap(SchemaPtr schema, FlatMapFunction fn) const {
  auto s = schema;
  return {env_, AddOperator(env_, node_, "FlatMap", schema, Factory([s, fn] { return MakeFlatMapOperator(s, fn); }))};
}

DataStream DataStream::Project(std::vector<std::pair<std::string, Expr>> columns) const {
  auto s = std::make_shared<Schema>();
  std::vector<expr::BoundExpr> exprs;
  Status error;
  for (auto& [name, e] : columns) {
    auto b = expr::Bind(e, *schema());
    if (!b.ok()) {
      if (error.ok()) error = b.status().WithContext("Project");
      b = expr::Bind(Lit(Scalar(int64_t{0})), *schema());
    }
    expr::BoundExpr bound = expr::Fold(std::move(*b));
    const bool nullable = bound.op != expr::Op::kColumn || schema()->fields[bound.column]->nullable;
    s->fields.push_back(columnar::MakeField(name, bound.type, nullable));
    exprs.push_back(std::move(bound));
  }
  SchemaPtr out = s;
  int id = AddOperator(env_, node_, "Project", out, Factory([out, exprs] { return MakeProjectOperator(out, exprs); }));
  if (!error.ok()) env_->Fail(error, id);
  return {env_, id};
}

DataStream DataStream::WithColumn(std::string name, Expr expr) const {
  std::vector<std::pair<std::string, Expr>> cols;
  bool replaced = false;
  for (const auto& f : schema()->fields) {
    if (f->name == name) {
      cols.push_back({name, expr});
      replaced = true;
    } else {
      cols.push_back({f->name, Col(f->name)});
    }
  }
  if (!replaced) cols.push_back({std::move(name), std::move(expr)});
  return Project(std::move(cols)).Name("WithColumn");
}

KeyedStream DataStream::KeyBy(std::vector<std::string> columns) const {
  return KeyedStream(env_, node_, std::move(columns));
}

DataStream DataStream::Union(std::vector<DataStream> others) const {
  int id = AddOperator(env_, node_, "Union", schema(), Factory([] { return MakeIdentityOperator(); }));
  StreamNode& n = env_->graph().nodes[id];
  Status error;
  for (const auto& o : others) {
    if (!o.schema()->Equals(*schema())) {
      error = Status::Invalid("Union: schema {} differs from {}", o.schema()->ToString(), schema()->ToString());
    }
    n.inputs.push_back({o.node_id(), {}});
    if (env_->graph().nodes[o.node_id()].timestamp_column != n.timestamp_column) n.timestamp_column.clear();
  }
  if (!error.ok()) env_->Fail(error, id);
  return {env_, id};
}

DataStream DataStream::GetSideOutput(const std::string& tag) const {
  const StreamNode& in = env_->graph().nodes[node_];
  auto it = in.side_outputs.find(tag);
  SchemaPtr schema = it == in.side_outputs.end() ? this->schema() : it->second;
  int id = AddOperator(env_, node_, "SideOutput:" + tag, schema, Factory([] { return MakeIdentityOperator(); }));
  env_->graph().nodes[id].inputs[0].side_tag = tag;
  if (it == in.side_outputs.end()) return {env_, env_->Fail(Status::NotFound("no side output '{}'", tag), id)};
  env_->graph().nodes[id].timestamp_column = env_->graph().nodes[node_].timestamp_column;
  return {env_, id};
}

void DataStream::SinkTo(std::shared_ptr<Sink> sink, std::string name) const {
  int id = AddOperator(env_, node_, std::move(name), schema(), nullptr);
  env_->graph().nodes[id].sink = std::move(sink);
}

void DataStream::Print() const { SinkTo(std::make_shared<PrintSink>(), "Print"); }

DataStream DataStream::Name(std::string name) const {
  env_->graph().nodes[node_].name = std::move(name);
  return *this;
}

DataStream DataStream::SetParallelism(int parallelism) const {
  if (parallelism <= 0) return {env_, env_->Fail(Status::Invalid("parallelism {} <= 0", parallelism), node_)};
  env_->graph().nodes[node_].parallelism = parallelism;
  return *this;
}

DataStream KeyedStream::Aggregate(std::vector<AggregateSpec> aggs) const {
  SchemaPtr in = env_->graph().nodes[node_].schema;
  auto keys = ResolveKeys(*in, keys_);
  auto aggregation = keys.ok() ? Aggregation::ForAggregates(aggs, *in) : Result<Aggregation>(keys.status());
  if (!aggregation.ok()) return {env_, env_->Fail(aggregation.status().WithContext("Aggregate"), node_)};
  auto s = std::make_shared<Schema>();
  for (int c : *keys) s->fields.push_back(in->fields[c]);
  for (const auto& f : aggregation->fields()) s->fields.push_back(f);
  SchemaPtr out = s;
  std::vector<int> k = *keys;
  Aggregation a = *aggregation;
  return {env_, AddKeyedOperator(env_, node_, k, "Aggregate", out,
                                 Factory([out, k, a] { return MakeRollingAggregateOperator(out, k, a); }))};
}

DataStream KeyedStream::Reduce(ReduceFunction fn) const {
  SchemaPtr in = env_->graph().nodes[node_].schema;
  auto keys = ResolveKeys(*in, keys_);
  auto aggregation = keys.ok() ? Aggregation::ForReduce(fn, *in) : Result<Aggregation>(keys.status());
  if (!aggregation.ok()) return {env_, env_->Fail(aggregation.status().WithContext("Reduce"), node_)};
  std::vector<int> k = *keys;
  Aggregation a = *aggregation;
  return {env_, AddKeyedOperator(env_, node_, k, "Reduce", in,
                                 Factory([in, k, a] { return MakeRollingAggregateOperator(in, k, a); }))};
}

DataStream KeyedStream::Process(SchemaPtr schema, std::shared_ptr<KeyedProcessFunction> fn) const {
  const StreamNode& node = env_->graph().nodes[node_];
  SchemaPtr in = node.schema;
  auto keys = ResolveKeys(*in, keys_);
  if (!keys.ok()) return {env_, env_->Fail(keys.status().WithContext("Process"), node_)};
  int ts = in->FieldIndex(node.timestamp_column);
  std::vector<int> k = *keys;
  return {env_, AddKeyedOperator(env_, node_, k, "Process", schema,
                                 Factory([schema, k, ts, fn] { return MakeProcessOperator(schema, k, ts, fn); }))};
}

DataStream KeyedStream::Process(SchemaPtr schema,
                                std::function<std::shared_ptr<KeyedProcessFunction>()> factory) const {
  const StreamNode& node = env_->graph().nodes[node_];
  SchemaPtr in = node.schema;
  auto keys = ResolveKeys(*in, keys_);
  if (!keys.ok()) return {env_, env_->Fail(keys.status().WithContext("Process"), node_)};
  int ts = in->FieldIndex(node.timestamp_column);
  std::vector<int> k = *keys;
  return {env_, AddKeyedOperator(env_, node_, k, "Process", schema, Factory([schema, k, ts, factory] {
                                   return MakeProcessOperator(schema, k, ts, factory());
                                 }))};
}

WindowedStream KeyedStream::Window(WindowSpec spec) const { return WindowedStream(*this, node_, spec); }

WindowedStream WindowedStream::AllowedLateness(int64_t ms) const {
  WindowedStream w = *this;
  w.allowed_lateness_ = ms < 0 ? 0 : ms;
  return w;
}

WindowedStream WindowedStream::SideOutputLateData(std::string tag) const {
  WindowedStream w = *this;
  w.late_tag_ = std::move(tag);
  return w;
}

namespace {

DataStream AddWindow(StreamEnvironment* env, int node, const std::vector<std::string>& key_names, WindowSpec spec,
                     int64_t lateness, const std::string& late_tag, Result<Aggregation> aggregation, const char* name) {
  const StreamNode& in = env->graph().nodes[node];
  SchemaPtr in_schema = in.schema;
  auto keys = ResolveKeys(*in_schema, key_names);
  if (!keys.ok()) return {env, env->Fail(keys.status().WithContext("Window"), node)};
  if (!aggregation.ok()) return {env, env->Fail(aggregation.status().WithContext("Window"), node)};
  WindowOperatorOptions o;
  o.spec = spec;
  o.allowed_lateness = spec.domain == TimeDomain::kEventTime ? lateness : 0;
  o.late_tag = late_tag;
  o.timestamp_column = in_schema->FieldIndex(in.timestamp_column);
  o.key_columns = *keys;
  Aggregation a = std::move(aggregation).value();
  SchemaPtr out = WindowOutputSchema(*in_schema, o.key_columns, a);
  int id = AddKeyedOperator(env, node, o.key_columns, name, out,
                            Factory([out, o, a] { return MakeWindowOperator(out, o, a); }));
  if (!late_tag.empty()) env->graph().nodes[id].side_outputs[late_tag] = in_schema;
  return {env, id};
}

}  // namespace

DataStream WindowedStream::Aggregate(std::vector<AggregateSpec> aggs) const {
  SchemaPtr in = keyed_.env_->graph().nodes[node_].schema;
  return AddWindow(keyed_.env_, node_, keyed_.keys_, spec_, allowed_lateness_, late_tag_,
                   Aggregation::ForAggregates(aggs, *in), "Window");
}

DataStream WindowedStream::Reduce(ReduceFunction fn) const {
  SchemaPtr in = keyed_.env_->graph().nodes[node_].schema;
  return AddWindow(keyed_.env_, node_, keyed_.keys_, spec_, allowed_lateness_, late_tag_,
                   Aggregation::ForReduce(std::move(fn), *in), "WindowReduce");
}

}  // namespace sluice::stream
