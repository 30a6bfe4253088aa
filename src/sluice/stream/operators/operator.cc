#include "sluice/stream/operators/operator.h"

#include <fmt/format.h>

namespace sluice::stream {

std::string OperatorContext::Describe() const {
  return fmt::format("operator '{}' (subtask {}/{})", name, subtask + 1, parallelism);
}

Status Operator::UserError(const Status& st, int64_t row) const {
  return st.WithContext(
      fmt::format("{}, record {} (row {} of batch {})", ctx_->Describe(), records_in_ + row, row, batches_in_ + 1));
}

}  // namespace sluice::stream
