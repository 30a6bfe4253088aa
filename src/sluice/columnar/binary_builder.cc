#include "sluice/columnar/binary_builder.h"

namespace sluice::columnar {

BinaryBuilder::BinaryBuilder(DataTypePtr type) : ArrayBuilder(std::move(type)) {
  assert(type_->IsBinaryLike());
  ResetBuffers();
}

void BinaryBuilder::ResetBuffers() {
  offsets_ = std::make_shared<Buffer>();
  offsets_->AppendValue<int32_t>(0);
  data_ = std::make_shared<Buffer>();
}

Status BinaryBuilder::TooLarge(size_t n) const {
  return Status::Invalid("{} array would exceed {} bytes: {} bytes held, appending {}", type_->ToString(), kMaxBytes,
                         data_->size(), n);
}

void BinaryBuilder::Reserve(int64_t n) {
  offsets_->Reserve(offsets_->size() + n * 4);
  validity_.Reserve(n);
}

void BinaryBuilder::ReserveData(int64_t bytes) { data_->Reserve(data_->size() + bytes); }

Result<ArrayPtr> BinaryBuilder::Finish() {
  auto a = StartArray();
  a->buffers.push_back(std::move(offsets_));
  a->buffers.push_back(std::move(data_));
  ResetBuffers();
  return ArrayPtr(std::move(a));
}

FixedSizeBinaryBuilder::FixedSizeBinaryBuilder(DataTypePtr type)
    : ArrayBuilder(std::move(type)), width_(type_->FixedWidth()), values_(std::make_shared<Buffer>()) {
  assert(type_->id == TypeId::kFixedSizeBinary || type_->id == TypeId::kDecimal128);
}

Status FixedSizeBinaryBuilder::Append(std::string_view v) {
  if (static_cast<int64_t>(v.size()) != width_) {
    return Status::Invalid("{} value of {} bytes", type_->ToString(), v.size());
  }
  AppendRaw(v.data());
  return Status::OK();
}

void FixedSizeBinaryBuilder::Reserve(int64_t n) {
  values_->Reserve(values_->size() + n * width_);
  validity_.Reserve(n);
}

Result<ArrayPtr> FixedSizeBinaryBuilder::Finish() {
  auto a = StartArray();
  a->buffers.push_back(std::move(values_));
  values_ = std::make_shared<Buffer>();
  return ArrayPtr(std::move(a));
}

}  // namespace sluice::columnar
