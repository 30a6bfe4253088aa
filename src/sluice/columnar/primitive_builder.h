#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>

#include "sluice/columnar/array_builder.h"

namespace sluice::columnar {

// Builds kNull arrays: every slot is null and there are no buffers.
class NullBuilder final : public ArrayBuilder {
 public:
  NullBuilder() : ArrayBuilder(Null()) {}
  void AppendNull() override { validity_.AppendValid(); }
  void AppendNulls(int64_t n) override { validity_.AppendValid(n); }
  void Reserve(int64_t) override {}
  // Returns a kNull array of length() slots, null_count == length.
  Result<ArrayPtr> Finish() override;
};

// Builds kBool arrays (bit-packed values).
class BoolBuilder final : public ArrayBuilder {
 public:
  BoolBuilder() : ArrayBuilder(Bool()), bits_(std::make_shared<Buffer>()) {}

  // Appends one valid value.
  void Append(bool v) {
    if ((length() & 7) == 0) bits_->AppendValue<uint8_t>(0);
    if (v) bit_util::SetBit(bits_->mutable_data(), length());
    validity_.AppendValid();
  }
  // Appends `n` valid values, value i = values[i] != 0.
  void AppendValues(const uint8_t* values, int64_t n) {
    for (int64_t i = 0; i < n; ++i) Append(values[i] != 0);
  }
  void AppendNull() override {
    if ((length() & 7) == 0) bits_->AppendValue<uint8_t>(0);
    validity_.AppendNull();
  }
  void Reserve(int64_t n) override;
  Result<ArrayPtr> Finish() override;

 private:
  BufferPtr bits_;
};

// Builds fixed-width arrays whose values are C type T: ints, floats, float16
// (T = uint16_t), date32/time32 (int32_t), time64/timestamp (int64_t).
// `type` must have FixedWidth() == sizeof(T).
template <typename T>
class NumericBuilder final : public ArrayBuilder {
 public:
  explicit NumericBuilder(DataTypePtr type) : ArrayBuilder(std::move(type)), values_(std::make_shared<Buffer>()) {
    assert(type_->FixedWidth() == static_cast<int32_t>(sizeof(T)));
  }

  // Appends one valid value.
  void Append(T v) {
    values_->AppendValue(v);
    validity_.AppendValid();
  }
  // Appends valid values in bulk (one memcpy).
  void AppendValues(std::span<const T> v) {
    values_->Append(v.data(), static_cast<int64_t>(v.size_bytes()));
    validity_.AppendValid(static_cast<int64_t>(v.size()));
  }
  // Appends values in bulk, slot i null iff valid_bytes[i] == 0 (its value is kept).
  void AppendValues(std::span<const T> v, const uint8_t* valid_bytes) {
    values_->Append(v.data(), static_cast<int64_t>(v.size_bytes()));
    validity_.AppendValidBytes(valid_bytes, static_cast<int64_t>(v.size()));
  }
  void AppendNull() override {
    values_->AppendValue(T{});
    validity_.AppendNull();
  }
  void AppendNulls(int64_t n) override {
    values_->Resize(values_->size() + n * static_cast<int64_t>(sizeof(T)));
    validity_.AppendNulls(n);
  }
  void Reserve(int64_t n) override {
    values_->Reserve(values_->size() + n * static_cast<int64_t>(sizeof(T)));
    validity_.Reserve(n);
  }
  Result<ArrayPtr> Finish() override {
    auto a = StartArray();
    a->buffers.push_back(std::move(values_));
    values_ = std::make_shared<Buffer>();
    return ArrayPtr(std::move(a));
  }

 private:
  BufferPtr values_;
};

using Int8Builder = NumericBuilder<int8_t>;
using Int16Builder = NumericBuilder<int16_t>;
using Int32Builder = NumericBuilder<int32_t>;
using Int64Builder = NumericBuilder<int64_t>;
using UInt8Builder = NumericBuilder<uint8_t>;
using UInt16Builder = NumericBuilder<uint16_t>;
using UInt32Builder = NumericBuilder<uint32_t>;
using UInt64Builder = NumericBuilder<uint64_t>;
using FloatBuilder = NumericBuilder<float>;
using DoubleBuilder = NumericBuilder<double>;

}  // namespace sluice::columnar
