#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/columnar/nested_builder.h"
#include "sluice/common/status.h"
#include "sluice/delta/protocol/actions.h"

namespace sluice::delta {

// The columns of a classic checkpoint (PROTOCOL.md "Checkpoint Schema"), in
// Spark's order: txn, add, remove, metaData, protocol, and domainMetadata
// when `with_domain_metadata`, each with the fields of its table in
// protocol/action_fields.h (which checkpoint_reader_rows.cc reads too).
// Every field is nullable (as Spark writes them); map keys are required.
// Types are what Spark and delta-rs read: versions int32,
// deletionVector.offset/sizeInBytes int32, everything else of "long" int64.
columnar::SchemaPtr CheckpointSchema(bool with_domain_metadata);

// Builds checkpoint rows, one action per row (the other columns null). Adds
// and removes are written with dataChange=false: a checkpoint is state, not
// change (what Spark writes).
class CheckpointBatchBuilder {
 public:
  static Result<std::unique_ptr<CheckpointBatchBuilder>> Make(bool with_domain_metadata);

  Status Append(const Protocol& p);
  Status Append(const Metadata& m);
  Status Append(const Txn& t);
  Status Append(const DomainMetadata& d);
  Status Append(const Add& a);
  Status Append(const Remove& r);

  int64_t num_rows() const { return rows_; }
  // Returns the rows appended since the last Finish.
  Result<columnar::RecordBatch> Finish();

 private:
  CheckpointBatchBuilder() = default;
  // Starts a row whose action goes to column `column`: nulls in the others.
  columnar::StructBuilder* StartRow(int column);

  columnar::SchemaPtr schema_;
  std::vector<std::unique_ptr<columnar::StructBuilder>> columns_;
  int64_t rows_ = 0;
};

}  // namespace sluice::delta
