#include "sluice/parquet/format/field_table.h"

namespace sluice::parquet::format {

Status MissingRequiredField(const CompactReader& r, const char* struct_name, std::span<const FieldInfo> fields,
                            uint32_t seen) {
  for (const FieldInfo& f : fields) {
    if (f.required && ((seen >> f.id) & 1) == 0) {
      return Status::Corrupt("thrift compact: {} is missing required field {} ({}) in struct ending at byte {}",
                             struct_name, f.name, f.id, r.bytes_read());
    }
  }
  return Status::OK();
}

}  // namespace sluice::parquet::format
