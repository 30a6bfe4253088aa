#include "sluice/columnar/validity_builder.h"

namespace sluice::columnar {

void ValidityBuilder::Materialize() {
  bits_ = std::make_shared<Buffer>();
  bits_->Resize(bit_util::BytesForBits(length_));
  bit_util::SetBitsTo(bits_->mutable_data(), 0, length_, true);
}

void ValidityBuilder::AppendValid(int64_t n) {
  if (bits_ != nullptr) {
    bits_->Resize(bit_util::BytesForBits(length_ + n));
    bit_util::SetBitsTo(bits_->mutable_data(), length_, n, true);
  }
  length_ += n;
}

void ValidityBuilder::AppendNulls(int64_t n) {
  if (n <= 0) return;
  if (bits_ == nullptr) Materialize();
  // Resize zero-fills the new bytes, so the new slots are already null.
  bits_->Resize(bit_util::BytesForBits(length_ + n));
  length_ += n;
  null_count_ += n;
}

void ValidityBuilder::AppendValidBytes(const uint8_t* valid_bytes, int64_t n) {
  for (int64_t i = 0; i < n; ++i) Append(valid_bytes[i] != 0);
}

void ValidityBuilder::Reserve(int64_t n) {
  if (bits_ != nullptr) bits_->Reserve(bit_util::BytesForBits(length_ + n));
}

BufferPtr ValidityBuilder::Finish() {
  BufferPtr out = std::move(bits_);
  bits_ = nullptr;
  length_ = 0;
  null_count_ = 0;
  return out;
}

}  // namespace sluice::columnar
