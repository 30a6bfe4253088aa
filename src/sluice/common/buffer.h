#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>

#include "sluice/common/status.h"

namespace sluice {

// A contiguous block of bytes. Either owns 64-byte-aligned, zero-padded memory
// that can grow (Reserve/Resize/Append), or borrows memory kept alive by a
// foreign owner (e.g. an imported Arrow array or a memory-mapped file).
// Not copyable; share immutable buffers through std::shared_ptr<Buffer>.
class Buffer {
 public:
  static constexpr int64_t kAlignment = 64;
  // Owned buffers always keep this many readable bytes past capacity, so
  // decoders may read a word past the end of the last value.
  static constexpr int64_t kPadding = 64;

  Buffer() = default;
  explicit Buffer(int64_t size) { Resize(size); }
  ~Buffer();
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  Buffer(Buffer&& other) noexcept;
  Buffer& operator=(Buffer&& other) noexcept;

  // Returns a buffer borrowing [data, data+size), kept alive by `owner`.
  static std::shared_ptr<Buffer> Wrap(const void* data, int64_t size, std::shared_ptr<void> owner);
  // Returns an owned buffer holding a copy of `bytes`.
  static std::shared_ptr<Buffer> CopyOf(std::span<const uint8_t> bytes);

  const uint8_t* data() const { return data_; }
  uint8_t* mutable_data() { return data_; }
  int64_t size() const { return size_; }
  int64_t capacity() const { return capacity_; }
  bool owned() const { return owned_; }
  std::span<const uint8_t> span() const { return {data_, static_cast<size_t>(size_)}; }
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), static_cast<size_t>(size_)}; }
  template <typename T>
  const T* data_as() const {
    return reinterpret_cast<const T*>(data_);
  }
  template <typename T>
  T* mutable_data_as() {
    return reinterpret_cast<T*>(data_);
  }

  // Ensures capacity >= `capacity` (geometric growth); keeps contents.
  // Only for owned buffers.
  void Reserve(int64_t capacity);
  // Sets size, growing capacity as needed; new bytes are zero.
  void Resize(int64_t size);
  // Sets size without zeroing new bytes (for outputs about to be overwritten).
  void ResizeUninitialized(int64_t size) {
    if (size > capacity_) Reserve(size);
    size_ = size;
  }
  void Clear() { size_ = 0; }
  // Appends `n` bytes from `src`.
  void Append(const void* src, int64_t n) {
    if (size_ + n > capacity_) Reserve(size_ + n);
    if (n > 0) std::memcpy(data_ + size_, src, static_cast<size_t>(n));
    size_ += n;
  }
  template <typename T>
  void AppendValue(const T& v) {
    Append(&v, sizeof(T));
  }

 private:
  uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
  bool owned_ = true;
  std::shared_ptr<void> foreign_owner_;
};

using BufferPtr = std::shared_ptr<Buffer>;

}  // namespace sluice
