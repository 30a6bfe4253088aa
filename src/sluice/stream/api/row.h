#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "sluice/columnar/array.h"
#include "sluice/columnar/array_builder.h"
#include "sluice/columnar/scalar.h"
#include "sluice/common/status.h"

namespace sluice::stream {

using columnar::Scalar;
using columnar::Scalars;

using columnar::ArrayPtr;
using columnar::RecordBatch;
using columnar::SchemaPtr;

// A light view of row `index` of a batch, for user lambdas. Cheap to copy;
// valid while the batch lives.
class Row {
 public:
  Row(const RecordBatch* batch, int64_t index) : batch_(batch), index_(index) {}

  int64_t index() const { return index_; }
  int num_columns() const { return static_cast<int>(batch_->columns.size()); }
  const RecordBatch& batch() const { return *batch_; }
  // Index of column `name`, or -1.
  int ColumnIndex(std::string_view name) const { return batch_->schema->FieldIndex(name); }

  bool IsNull(int col) const { return batch_->columns[col]->IsNull(index_); }
  // Integer-like columns (ints, date, time, timestamp, bool) as int64; 0 if null.
  int64_t GetInt64(int col) const;
  // Numeric columns as double; 0 if null.
  double GetDouble(int col) const;
  // String/binary columns; empty if null.
  std::string_view GetString(int col) const;
  bool GetBool(int col) const;
  // Any flat column as a Scalar (null when null).
  Scalar Get(int col) const;
  // The column named `name` as a Scalar; null if there is no such column.
  Scalar Get(std::string_view name) const;

 private:
  const RecordBatch* batch_;
  int64_t index_;
};

// Returns value i of a flat array as a Scalar (nested types give null).
Scalar ArrayValue(const columnar::Array& array, int64_t i);

// Returns true iff values of type `id` are integers in memory (ints, dates, times, timestamps).
bool IsIntegerLike(columnar::TypeId id);

// Builds a RecordBatch of a fixed schema row by row from Scalars, converting
// each Scalar to its column's type (ints narrowed, ints to floats, etc.).
class BatchBuilder {
 public:
  // Fails (at Append) for nested column types.
  explicit BatchBuilder(SchemaPtr schema);

  const SchemaPtr& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  // Appends one row; `row` must have one value per column.
  Status Append(std::span<const Scalar> row);
  Status Append(std::initializer_list<Scalar> row) { return Append(std::span<const Scalar>(row.begin(), row.size())); }
  // Appends `v` to column `col` only (callers fill every column, then call EndRow()).
  Status AppendValue(int col, const Scalar& v);
  // Counts one row after AppendValue() was called once per column.
  void EndRow() { ++num_rows_; }
  // Returns the rows built so far and resets to empty.
  Result<RecordBatch> Finish();

 private:
  SchemaPtr schema_;
  std::vector<std::unique_ptr<columnar::ArrayBuilder>> builders_;
  Status init_status_;
  int64_t num_rows_ = 0;
};

}  // namespace sluice::stream
