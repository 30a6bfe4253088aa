#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sluice/columnar/array_builder.h"

namespace sluice::columnar {

// Builds kList arrays: Append() opens a list, then the caller appends its
// elements to value_builder(); the list ends where the next one starts.
class ListBuilder final : public ArrayBuilder {
 public:
  // `type` is a kList type; `values` builds its element type (owned).
  ListBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> values);

  // Starts a valid list; fails once the child passes 2^31-1 elements.
  Status Append() {
    SLUICE_RETURN_NOT_OK(PushOffset());
    validity_.AppendValid();
    return Status::OK();
  }
  // Appends a valid, empty list.
  Status AppendEmpty() { return Append(); }
  void AppendNull() override;
  void Reserve(int64_t n) override;
  Result<ArrayPtr> Finish() override;

  ArrayBuilder* value_builder() const { return values_.get(); }

 private:
  Status PushOffset();

  std::unique_ptr<ArrayBuilder> values_;
  BufferPtr offsets_;  // list starts; the end offset is added by Finish()
};

// Builds kMap arrays: Append() opens a map, then the caller appends the same
// number of keys and items to key_builder() and item_builder().
class MapBuilder final : public ArrayBuilder {
 public:
  // `type` is a kMap type; keys and items build its key and value types.
  MapBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> keys, std::unique_ptr<ArrayBuilder> items);

  // Starts a valid map; fails once there are more than 2^31-1 entries.
  Status Append() {
    SLUICE_RETURN_NOT_OK(PushOffset());
    validity_.AppendValid();
    return Status::OK();
  }
  // Appends a valid, empty map.
  Status AppendEmpty() { return Append(); }
  void AppendNull() override;
  void Reserve(int64_t n) override;
  // Fails (Invalid) when key and item counts differ or a key is null.
  Result<ArrayPtr> Finish() override;

  ArrayBuilder* key_builder() const { return keys_.get(); }
  ArrayBuilder* item_builder() const { return items_.get(); }

 private:
  Status PushOffset();

  std::unique_ptr<ArrayBuilder> keys_;
  std::unique_ptr<ArrayBuilder> items_;
  BufferPtr offsets_;
};

// Builds kStruct arrays: Append() marks a valid row, for which the caller
// appends one value to every field_builder(i). AppendNull() appends a null to
// every child itself (Arrow needs a child slot for each struct slot).
class StructBuilder final : public ArrayBuilder {
 public:
  // `type` is a kStruct type; one builder per field, in order.
  StructBuilder(DataTypePtr type, std::vector<std::unique_ptr<ArrayBuilder>> fields);

  // Marks one valid row (the caller fills the children).
  void Append() { validity_.AppendValid(); }
  void AppendNull() override;
  void AppendNulls(int64_t n) override;
  void Reserve(int64_t n) override;
  // Fails (Invalid) when a child's length differs from length().
  Result<ArrayPtr> Finish() override;

  int num_fields() const { return static_cast<int>(fields_.size()); }
  ArrayBuilder* field_builder(int i) const { return fields_[i].get(); }

 private:
  std::vector<std::unique_ptr<ArrayBuilder>> fields_;
};

}  // namespace sluice::columnar
