#include "sluice/formats/csv_string_builder.h"

#include <cstring>
#include <limits>

#include "sluice/formats/csv_column.h"

namespace sluice::formats {

namespace {
constexpr int64_t kMaxBytes = std::numeric_limits<int32_t>::max();
}  // namespace

CsvStringBuilder::CsvStringBuilder(columnar::DataTypePtr type) : ArrayBuilder(std::move(type)) { ResetBuffers(); }

void CsvStringBuilder::ResetBuffers() {
  offsets_ = std::make_shared<Buffer>();
  offsets_->AppendValue<int32_t>(0);
  data_ = std::make_shared<Buffer>();
}

void CsvStringBuilder::AppendNull() {
  offsets_->AppendValue(static_cast<int32_t>(data_->size()));
  validity_.AppendNull();
}

void CsvStringBuilder::Reserve(int64_t n) {
  offsets_->Reserve(offsets_->size() + n * 4);
  validity_.Reserve(n);
}

Status CsvStringBuilder::AppendFields(std::span<const CsvField> fields, const CsvColumnContext& ctx) {
  const int64_t n = static_cast<int64_t>(fields.size());
  int64_t bytes = 0;
  for (const CsvField& f : fields) bytes += f.size;  // an upper bound: nulls count too
  const int64_t start = data_->size();
  int64_t size = start;
  if (bytes > kMaxBytes - start) {
    // Find the value that does not fit, to name its line.
    for (int64_t r = 0; r < n; ++r) {
      size += fields[r].size;
      if (size > kMaxBytes) {
        return Status::Invalid(
            "{}:{}: column '{}': more than {} bytes of text in one batch; read with fewer rows per batch", *ctx.path,
            ctx.lines[r], ctx.field->name, kMaxBytes);
      }
    }
  }
  const int64_t first = offsets_->size();
  offsets_->ResizeUninitialized(first + n * 4);
  data_->ResizeUninitialized(start + bytes);
  auto* offsets = reinterpret_cast<int32_t*>(offsets_->mutable_data() + first);
  uint8_t* dst = data_->mutable_data();
  const bool nullable = ctx.field->nullable;
  validity_.Reserve(n);
  size = start;
  for (int64_t r = 0; r < n; ++r) {
    const CsvField& f = fields[r];
    if (IsCsvNull(f, ctx.null_value, /*string_like=*/true)) {
      if (!nullable) {
        return Status::Invalid("{}:{}: column '{}': null in a non-nullable column", *ctx.path, ctx.lines[r],
                               ctx.field->name);
      }
      validity_.AppendNull();
    } else {
      if (f.size != 0) {  // (dst is null while no byte was stored)
        std::memcpy(dst + size, f.data, f.size);
        size += f.size;
      }
      validity_.AppendValid();
    }
    offsets[r] = static_cast<int32_t>(size);
  }
  data_->ResizeUninitialized(size);
  return Status::OK();
}

Result<columnar::ArrayPtr> CsvStringBuilder::Finish() {
  auto a = StartArray();
  a->buffers.push_back(std::move(offsets_));
  a->buffers.push_back(std::move(data_));
  ResetBuffers();
  return columnar::ArrayPtr(std::move(a));
}

}  // namespace sluice::formats
