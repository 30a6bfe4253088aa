#include "sluice/common/buffer.h"

#include <algorithm>
#include <cstdlib>
#include <new>

namespace sluice {

Buffer::~Buffer() {
  if (owned_) std::free(data_);
}

Buffer::Buffer(Buffer&& other) noexcept
    : data_(other.data_),
      size_(other.size_),
      capacity_(other.capacity_),
      owned_(other.owned_),
      foreign_owner_(std::move(other.foreign_owner_)) {
  other.data_ = nullptr;
  other.size_ = other.capacity_ = 0;
  other.owned_ = true;
}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
  if (this != &other) {
    if (owned_) std::free(data_);
    data_ = other.data_;
    size_ = other.size_;
    capacity_ = other.capacity_;
    owned_ = other.owned_;
    foreign_owner_ = std::move(other.foreign_owner_);
    other.data_ = nullptr;
    other.size_ = other.capacity_ = 0;
    other.owned_ = true;
  }
  return *this;
}

std::shared_ptr<Buffer> Buffer::Wrap(const void* data, int64_t size, std::shared_ptr<void> owner) {
  auto b = std::make_shared<Buffer>();
  b->data_ = const_cast<uint8_t*>(static_cast<const uint8_t*>(data));
  b->size_ = b->capacity_ = size;
  b->owned_ = false;
  b->foreign_owner_ = std::move(owner);
  return b;
}

std::shared_ptr<Buffer> Buffer::CopyOf(std::span<const uint8_t> bytes) {
  auto b = std::make_shared<Buffer>();
  b->Append(bytes.data(), static_cast<int64_t>(bytes.size()));
  return b;
}

void Buffer::Reserve(int64_t capacity) {
  assert(owned_ && "Reserve on a borrowed buffer");
  if (capacity <= capacity_) return;
  int64_t new_cap = std::max<int64_t>({capacity, capacity_ * 2, 64});
  new_cap = (new_cap + kAlignment - 1) / kAlignment * kAlignment;
  auto* p = static_cast<uint8_t*>(std::aligned_alloc(kAlignment, static_cast<size_t>(new_cap + kPadding)));
  if (p == nullptr) throw std::bad_alloc();
  if (size_ > 0) std::memcpy(p, data_, static_cast<size_t>(size_));
  // Only the padding is zeroed here; Resize() zeroes bytes it exposes.
  std::memset(p + new_cap, 0, static_cast<size_t>(kPadding));
  std::free(data_);
  data_ = p;
  capacity_ = new_cap;
}

void Buffer::Resize(int64_t size) {
  if (size > capacity_) Reserve(size);
  if (size > size_) std::memset(data_ + size_, 0, static_cast<size_t>(size - size_));
  size_ = size;
}

}  // namespace sluice
