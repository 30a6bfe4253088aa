#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string_view>

#include "sluice/columnar/array_builder.h"

namespace sluice::columnar {

// Builds kString and kBinary arrays (int32 offsets, bytes). Appending fails
// once the bytes would exceed 2^31-1 (the int32 offset limit).
class BinaryBuilder final : public ArrayBuilder {
 public:
  // `type` is String() or Binary().
  explicit BinaryBuilder(DataTypePtr type);

  // Appends one valid value; fails (appending nothing) past 2^31-1 bytes.
  Status Append(std::string_view v) {
    if (static_cast<int64_t>(v.size()) > kMaxBytes - data_->size()) return TooLarge(v.size());
    data_->Append(v.data(), static_cast<int64_t>(v.size()));
    offsets_->AppendValue(static_cast<int32_t>(data_->size()));
    validity_.AppendValid();
    return Status::OK();
  }
  void AppendNull() override {
    offsets_->AppendValue(static_cast<int32_t>(data_->size()));
    validity_.AppendNull();
  }
  void Reserve(int64_t n) override;
  // Pre-allocates `bytes` more bytes of value data.
  void ReserveData(int64_t bytes);
  // Bytes of value data appended so far.
  int64_t data_size() const { return data_->size(); }
  Result<ArrayPtr> Finish() override;

  static constexpr int64_t kMaxBytes = std::numeric_limits<int32_t>::max();

 private:
  Status TooLarge(size_t n) const;
  void ResetBuffers();

  BufferPtr offsets_;  // holds the leading 0
  BufferPtr data_;
};

// Builds kFixedSizeBinary and kDecimal128 (16-byte little-endian) arrays.
class FixedSizeBinaryBuilder final : public ArrayBuilder {
 public:
  explicit FixedSizeBinaryBuilder(DataTypePtr type);

  int32_t byte_width() const { return width_; }
  // Appends one valid value of exactly byte_width() bytes.
  void AppendRaw(const void* bytes) {
    values_->Append(bytes, width_);
    validity_.AppendValid();
  }
  // Appends one valid value; fails unless v.size() == byte_width().
  Status Append(std::string_view v);
  // Appends a decimal128 value given as a 128-bit two's complement integer.
  void AppendDecimal(__int128 v) {
    values_->AppendValue(v);
    validity_.AppendValid();
  }
  void AppendNull() override {
    values_->Resize(values_->size() + width_);
    validity_.AppendNull();
  }
  void Reserve(int64_t n) override;
  Result<ArrayPtr> Finish() override;

 private:
  int32_t width_;
  BufferPtr values_;
};

}  // namespace sluice::columnar
