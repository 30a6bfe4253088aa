#pragma once

#include <optional>

#include "sluice/columnar/array.h"
#include "sluice/common/status.h"

namespace sluice::columnar {

// A stream of RecordBatches of one schema: files being read, a scan, a
// source. Next() returns std::nullopt after the last batch.
class RecordBatchReader {
 public:
  virtual ~RecordBatchReader() = default;
  virtual const SchemaPtr& schema() const = 0;
  virtual Result<std::optional<RecordBatch>> Next() = 0;
};

}  // namespace sluice::columnar
