#pragma once

#include <cstdint>
#include <span>

#include "sluice/columnar/array_builder.h"
#include "sluice/formats/csv_tokenizer.h"

namespace sluice::formats {

struct CsvColumnContext;

// Builds string and binary arrays from CSV fields a column at a time: sizes
// once, then one copy and one offset per value (BinaryBuilder::Append checks
// capacity and size per value, which costs as much as the copy for short text).
class CsvStringBuilder final : public columnar::ArrayBuilder {
 public:
  // `type` is String() or Binary().
  explicit CsvStringBuilder(columnar::DataTypePtr type);

  // Appends `fields` (null as IsCsvNull says); Invalid naming the line for a
  // null in a non-nullable column or past 2^31-1 bytes of text in one batch.
  Status AppendFields(std::span<const CsvField> fields, const CsvColumnContext& ctx);
  void AppendNull() override;
  void Reserve(int64_t n) override;
  Result<columnar::ArrayPtr> Finish() override;

 private:
  void ResetBuffers();

  BufferPtr offsets_;  // length() + 1 int32 offsets
  BufferPtr data_;
};

}  // namespace sluice::formats
