#include "sluice/columnar/nested_builder.h"

#include <limits>

namespace sluice::columnar {
namespace {

constexpr int64_t kMaxOffset = std::numeric_limits<int32_t>::max();

// Appends `child_length` as the next int32 offset, or fails when it overflows.
Status PushOffsetOf(const DataType& type, int64_t child_length, Buffer* offsets) {
  if (child_length > kMaxOffset) {
    return Status::Invalid("{} array would exceed {} child values", type.ToString(), kMaxOffset);
  }
  offsets->AppendValue(static_cast<int32_t>(child_length));
  return Status::OK();
}

}  // namespace

ListBuilder::ListBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> values)
    : ArrayBuilder(std::move(type)), values_(std::move(values)), offsets_(std::make_shared<Buffer>()) {
  assert(type_->id == TypeId::kList);
}

Status ListBuilder::PushOffset() { return PushOffsetOf(*type_, values_->length(), offsets_.get()); }

void ListBuilder::AppendNull() {
  // A null list is empty: same start as the next one. If the child already
  // overflowed, Finish() reports it.
  offsets_->AppendValue(static_cast<int32_t>(std::min(values_->length(), kMaxOffset)));
  validity_.AppendNull();
}

void ListBuilder::Reserve(int64_t n) {
  offsets_->Reserve(offsets_->size() + (n + 1) * 4);
  validity_.Reserve(n);
}

Result<ArrayPtr> ListBuilder::Finish() {
  SLUICE_RETURN_NOT_OK(PushOffset());
  SLUICE_ASSIGN_OR_RETURN(ArrayPtr child, values_->Finish());
  auto a = StartArray();
  a->buffers.push_back(std::move(offsets_));
  a->children.push_back(std::move(child));
  offsets_ = std::make_shared<Buffer>();
  return ArrayPtr(std::move(a));
}

MapBuilder::MapBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> keys, std::unique_ptr<ArrayBuilder> items)
    : ArrayBuilder(std::move(type)),
      keys_(std::move(keys)),
      items_(std::move(items)),
      offsets_(std::make_shared<Buffer>()) {
  assert(type_->id == TypeId::kMap);
}

Status MapBuilder::PushOffset() { return PushOffsetOf(*type_, keys_->length(), offsets_.get()); }

void MapBuilder::AppendNull() {
  offsets_->AppendValue(static_cast<int32_t>(std::min(keys_->length(), kMaxOffset)));
  validity_.AppendNull();
}

void MapBuilder::Reserve(int64_t n) {
  offsets_->Reserve(offsets_->size() + (n + 1) * 4);
  validity_.Reserve(n);
}

Result<ArrayPtr> MapBuilder::Finish() {
  if (keys_->length() != items_->length()) {
    return Status::Invalid("{}: {} keys but {} items", type_->ToString(), keys_->length(), items_->length());
  }
  if (keys_->null_count() > 0) return Status::Invalid("{}: {} null keys", type_->ToString(), keys_->null_count());
  SLUICE_RETURN_NOT_OK(PushOffset());
  SLUICE_ASSIGN_OR_RETURN(ArrayPtr keys, keys_->Finish());
  SLUICE_ASSIGN_OR_RETURN(ArrayPtr items, items_->Finish());
  auto entries = std::make_shared<Array>();
  entries->type = type_->children[0]->type;
  entries->length = keys->length;
  entries->buffers = {nullptr};
  entries->children = {std::move(keys), std::move(items)};
  auto a = StartArray();
  a->buffers.push_back(std::move(offsets_));
  a->children.push_back(std::move(entries));
  offsets_ = std::make_shared<Buffer>();
  return ArrayPtr(std::move(a));
}

StructBuilder::StructBuilder(DataTypePtr type, std::vector<std::unique_ptr<ArrayBuilder>> fields)
    : ArrayBuilder(std::move(type)), fields_(std::move(fields)) {
  assert(type_->id == TypeId::kStruct && fields_.size() == type_->children.size());
}

void StructBuilder::AppendNull() {
  validity_.AppendNull();
  for (auto& f : fields_) f->AppendNull();
}

void StructBuilder::AppendNulls(int64_t n) {
  validity_.AppendNulls(n);
  for (auto& f : fields_) f->AppendNulls(n);
}

void StructBuilder::Reserve(int64_t n) {
  validity_.Reserve(n);
  for (auto& f : fields_) f->Reserve(n);
}

Result<ArrayPtr> StructBuilder::Finish() {
  std::vector<ArrayPtr> children;
  children.reserve(fields_.size());
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i]->length() != length()) {
      return Status::Invalid("{}: field '{}' has {} values, struct has {}", type_->ToString(), type_->children[i]->name,
                             fields_[i]->length(), length());
    }
  }
  for (auto& f : fields_) {
    SLUICE_ASSIGN_OR_RETURN(ArrayPtr c, f->Finish());
    children.push_back(std::move(c));
  }
  auto a = StartArray();
  a->children = std::move(children);
  return ArrayPtr(std::move(a));
}

}  // namespace sluice::columnar
