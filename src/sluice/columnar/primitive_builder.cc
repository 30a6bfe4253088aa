#include "sluice/columnar/primitive_builder.h"

namespace sluice::columnar {

Result<ArrayPtr> NullBuilder::Finish() {
  auto a = std::make_shared<Array>();
  a->type = type_;
  a->length = validity_.length();
  a->null_count = a->length;
  validity_.Finish();
  return ArrayPtr(std::move(a));
}

void BoolBuilder::Reserve(int64_t n) {
  bits_->Reserve(bit_util::BytesForBits(length() + n));
  validity_.Reserve(n);
}

Result<ArrayPtr> BoolBuilder::Finish() {
  auto a = StartArray();
  a->buffers.push_back(std::move(bits_));
  bits_ = std::make_shared<Buffer>();
  return ArrayPtr(std::move(a));
}

}  // namespace sluice::columnar
