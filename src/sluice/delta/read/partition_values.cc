#include "sluice/delta/read/partition_values.h"

namespace sluice::delta {

Result<Scalar> ParsePartitionValue(const columnar::DataType& type, const std::optional<std::string>& text) {
  // PROTOCOL.md "Partition Value Serialization": an empty string is null.
  if (!text.has_value() || text->empty()) return Scalar{};
  auto v = columnar::ParseScalar(type, *text);
  if (!v.ok() && v.status().code() == StatusCode::kNotSupported) {
    return Status::NotSupported("partition values of type {} are not supported", type.ToString());
  }
  return v;
}

}  // namespace sluice::delta
