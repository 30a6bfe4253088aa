#pragma once

#include <cstdint>
#include <memory>

#include "sluice/columnar/array.h"
#include "sluice/columnar/data_type.h"
#include "sluice/columnar/validity_builder.h"
#include "sluice/common/status.h"

namespace sluice::columnar {

// Base of all builders: appends values of one type and produces an Array.
// Typed builders add inline, non-virtual Append* methods; the virtual ones
// here are for generic code that works per batch or per null.
class ArrayBuilder {
 public:
  explicit ArrayBuilder(DataTypePtr type) : type_(std::move(type)) {}
  virtual ~ArrayBuilder() = default;
  ArrayBuilder(const ArrayBuilder&) = delete;
  ArrayBuilder& operator=(const ArrayBuilder&) = delete;

  const DataTypePtr& type() const { return type_; }
  // Number of slots appended since construction or the last Finish().
  int64_t length() const { return validity_.length(); }
  // Number of null slots appended since the last Finish().
  int64_t null_count() const { return validity_.null_count(); }

  // Appends one null slot (nested builders also give children a slot where
  // the layout needs one).
  virtual void AppendNull() = 0;
  // Appends `n` null slots.
  virtual void AppendNulls(int64_t n) {
    for (int64_t i = 0; i < n; ++i) AppendNull();
  }
  // Pre-allocates room for `n` more slots (not for children's values).
  virtual void Reserve(int64_t n) = 0;
  // Returns the built array and resets the builder to empty.
  virtual Result<ArrayPtr> Finish() = 0;

 protected:
  // Returns a new array of type_ with the validity built so far (resets it).
  std::shared_ptr<Array> StartArray();

  DataTypePtr type_;
  ValidityBuilder validity_;
};

// Returns a builder for `type`, with child builders for nested types.
// Downcast to the typed builder (see builder.h for the id -> class table).
Result<std::unique_ptr<ArrayBuilder>> MakeBuilder(const DataTypePtr& type);

}  // namespace sluice::columnar
