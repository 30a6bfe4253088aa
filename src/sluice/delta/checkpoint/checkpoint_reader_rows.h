#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"
#include "sluice/delta/checkpoint/checkpoint_reader.h"
#include "sluice/delta/protocol/actions.h"

namespace sluice::delta {

// The action kinds read from checkpoint columns.
enum class CheckpointColumn {
  kProtocol,
  kMetaData,
  kTxn,
  kDomainMetadata,
  kAdd,
  kRemove,
  kSidecar,
  kCheckpointMetadata
};

// The top-level column name of `kind` ("add", "metaData", ...).
std::string_view CheckpointColumnName(CheckpointColumn kind);

// One action column (a struct array) of a checkpoint batch with its fields
// looked up once per batch, not per row.
class CheckpointColumnReader {
 public:
  // Resolves the fields of `column` (a struct array of action `kind`); file
  // names the checkpoint in errors.
  CheckpointColumnReader(CheckpointColumn kind, const columnar::Array& column, const std::string& file);

  // Appends the action in row `r` of the column to `out` (nothing when the
  // row is null); Corrupt names the file, row and field when a required field
  // is null or has an unexpected type.
  Status Read(int64_t r, int64_t file_row, CheckpointActions* out) const;

 private:
  CheckpointColumn kind_;
  const columnar::Array& column_;
  const std::string& file_;
  std::vector<const columnar::Array*> fields_;  // by the kind's FieldTable; nullptr when absent
};

}  // namespace sluice::delta
