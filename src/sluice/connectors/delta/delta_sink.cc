#include "sluice/connectors/delta/delta_sink.h"

#include "sluice/common/failpoint.h"
#include "sluice/delta/log/log_json.h"
#include "sluice/delta/log/log_json_text.h"
#include "sluice/delta/schema/schema_enforcement.h"
#include "sluice/delta/schema/schema_json.h"
#include "sluice/delta/txn/transaction.h"
#include "sluice/delta/write/table_writer.h"

namespace sluice::connectors {
namespace {

using delta::AppendJsonString;

class DeltaSinkWriter final : public stream::SinkWriter {
 public:
  explicit DeltaSinkWriter(DeltaSink* sink) : sink_(sink) {}
  ~DeltaSinkWriter() override {
    if (writer_) writer_->Abort();
  }

  Status Write(const columnar::RecordBatch& batch) override {
    if (batch.num_rows == 0) return Status::OK();
    if (!metadata_) {
      SLUICE_ASSIGN_OR_RETURN(auto m, sink_->PrepareTable(batch.schema));
      SLUICE_ASSIGN_OR_RETURN(schema_, delta::ParseDeltaSchema(m.schema_string));
      metadata_ = std::move(m);
    }
    if (!writer_) {
      const auto& o = sink_->options();
      SLUICE_ASSIGN_OR_RETURN(writer_, delta::DataWriter::Make(o.fs, o.table_root, *metadata_, o.data));
    }
    SLUICE_ASSIGN_OR_RETURN(auto conformed, delta::ConformBatch(batch, schema_));
    return writer_->Write(conformed);
  }

  Result<std::vector<std::string>> PrepareCommit(int64_t) override {
    std::vector<std::string> out;
    if (!writer_) return out;
    auto writer = std::move(writer_);
    SLUICE_ASSIGN_OR_RETURN(auto adds, writer->Finish());
    for (const auto& a : adds) out.push_back(delta::SerializeAction(a));
    return out;
  }

 private:
  DeltaSink* sink_;
  std::optional<delta::Metadata> metadata_;
  columnar::SchemaPtr schema_;
  std::unique_ptr<delta::DataWriter> writer_;
};

}  // namespace

Result<std::shared_ptr<DeltaSink>> DeltaSink::Make(DeltaSinkOptions options) {
  if (options.table_root.empty()) return Status::Invalid("Delta sink: table_root is required");
  if (options.app_id.empty()) {
    return Status::Invalid("Delta sink for {}: app_id is required (a stable id of the job, for exactly-once commits)",
                           options.table_root);
  }
  if (!options.fs) return Status::Invalid("Delta sink: no file system");
  if (options.compact_every_commits < 0) {
    return Status::Invalid("Delta sink for {}: compact_every_commits {} < 0", options.table_root,
                           options.compact_every_commits);
  }
  auto sink = std::shared_ptr<DeltaSink>(new DeltaSink(std::move(options)));
  const auto& o = sink->options_;
  if (o.compact_every_commits > 0) {
    delta::OptimizeOptions opt;
    opt.target_file_bytes = o.compact_target_bytes;
    opt.data = o.data;
    sink->compactor_ = std::make_unique<BackgroundCompactor>(o.fs, o.table_root, std::move(opt));
  }
  return sink;
}

Result<delta::Metadata> DeltaSink::PrepareTable(const columnar::SchemaPtr& schema) {
  std::lock_guard<std::mutex> lock(mu_);
  if (metadata_) return *metadata_;
  const auto& o = options_;
  auto snap = delta::LoadSnapshot(o.fs, o.table_root);
  if (!snap.ok() && snap.status().code() == StatusCode::kNotFound && o.create_if_missing) {
    delta::WriteOptions w;
    w.partition_columns = o.partition_columns;
    w.configuration = o.properties;
    auto created = delta::CreateTable(o.fs, o.table_root, *schema, w);
    if (!created.ok() && created.status().code() != StatusCode::kConflict) {
      return created.status().WithContext("Delta sink: creating " + o.table_root);
    }
    snap = delta::LoadSnapshot(o.fs, o.table_root);
  }
  if (!snap.ok()) return snap.status().WithContext("Delta sink");
  delta::Metadata metadata = (*snap)->metadata();
  if (o.merge_schema) {
    SLUICE_ASSIGN_OR_RETURN(auto merged, delta::MergeSchema((*snap)->schema(), *schema));
    if (merged != (*snap)->schema()) {
      SLUICE_ASSIGN_OR_RETURN(metadata.schema_string, delta::ToDeltaSchemaJson(*merged));
      SLUICE_ASSIGN_OR_RETURN(auto txn, delta::Transaction::Begin(*snap));
      txn->SetMetadata(metadata);
      delta::CommitOptions co;
      co.operation = "SET TBLPROPERTIES";
      auto r = txn->Commit(co);
      if (!r.ok()) return r.status().WithContext("Delta sink: evolving the schema of " + o.table_root);
    }
  }
  metadata_ = metadata;
  return metadata;
}

Result<std::unique_ptr<stream::SinkWriter>> DeltaSink::CreateWriter(int, int) {
  return std::unique_ptr<stream::SinkWriter>(new DeltaSinkWriter(this));
}

Status DeltaSink::Commit(int64_t checkpoint_id, std::vector<std::string> committables) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto& o = options_;
  if (committables.empty() && checkpoint_id == 0) return Status::OK();
  auto snap = delta::LoadSnapshot(o.fs, o.table_root);
  if (!snap.ok()) {
    // Nothing was ever written (no table yet) and nothing to add: done.
    if (committables.empty() && snap.status().code() == StatusCode::kNotFound) return Status::OK();
    return snap.status().WithContext("Delta sink commit");
  }
  if (checkpoint_id > 0) {
    auto done = (*snap)->TxnVersion(o.app_id);
    if (done && *done >= checkpoint_id) return Status::OK();  // committed before a restart
  }
  SLUICE_ASSIGN_OR_RETURN(auto txn, delta::Transaction::Begin(*snap));
  int64_t bytes = 0, files = 0;
  for (const auto& c : committables) {
    SLUICE_ASSIGN_OR_RETURN(auto actions, delta::ParseLogJson(c, "committable"));
    for (auto& a : actions) {
      if (auto* add = std::get_if<delta::Add>(&a)) {
        bytes += add->size;
        ++files;
        txn->AddFile(std::move(*add));
      }
    }
  }
  if (checkpoint_id > 0) txn->SetTxn(o.app_id, checkpoint_id);
  delta::CommitOptions co;
  co.operation = "STREAMING UPDATE";
  co.operation_parameters["outputMode"] = "\"Append\"";
  AppendJsonString(&co.operation_parameters["queryId"], o.app_id);
  co.operation_parameters["epochId"] = "\"" + std::to_string(checkpoint_id) + "\"";
  co.operation_metrics["numAddedFiles"] = std::to_string(files);
  co.operation_metrics["numOutputBytes"] = std::to_string(bytes);
  Failpoint("delta_sink.before_commit");
  auto r = txn->Commit(co);
  if (!r.ok()) return r.status().WithContext("Delta sink commit of checkpoint " + std::to_string(checkpoint_id));
  ++commits_;
  last_version_ = r->version;
  if (compactor_ && commits_ % o.compact_every_commits == 0) compactor_->Start();
  return Status::OK();
}

void DeltaSink::WaitForCompaction() {
  if (compactor_) compactor_->Wait();
}

BackgroundCompactor::Stats DeltaSink::compaction_stats() const {
  return compactor_ ? compactor_->stats() : BackgroundCompactor::Stats{};
}

int64_t DeltaSink::commits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return commits_;
}

int64_t DeltaSink::last_version() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_version_;
}

}  // namespace sluice::connectors
