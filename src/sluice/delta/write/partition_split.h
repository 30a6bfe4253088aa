#pragma once

// Internal to the data writer: splitting a batch by partition values.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"

namespace sluice::delta {

// Rows of a batch that share their partition values.
struct PartitionPart {
  // Serialized values, one per partition column (SerializePartitionValue;
  // empty strings become null, as Spark writes them).
  std::vector<std::optional<std::string>> values;
  columnar::RecordBatch rows;  // the data columns only
};

// Splits `batch` by the values of its columns `partition_columns`; each part
// keeps the columns `data_columns` (whose schema is `data_schema`). Parts come
// in the order of their first row. Zero-copy when every row has the same
// values or each group of rows is one run; otherwise rows are gathered once.
Result<std::vector<PartitionPart>> SplitByPartition(const columnar::RecordBatch& batch,
                                                    std::span<const int> partition_columns,
                                                    std::span<const int> data_columns,
                                                    const columnar::SchemaPtr& data_schema);

}  // namespace sluice::delta
