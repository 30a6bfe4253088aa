#pragma once

#include <cstdint>
#include <memory>

#include "sluice/common/bit_util.h"
#include "sluice/common/buffer.h"

namespace sluice::columnar {

// Builds a validity bitmap lazily: no memory is touched until the first null,
// then the bitmap is back-filled with set bits. Appends are inline.
class ValidityBuilder {
 public:
  // Appends one slot, valid or null.
  void Append(bool valid) {
    if (valid) {
      if (bits_ != nullptr) PushBit(true);
    } else {
      if (bits_ == nullptr) Materialize();
      PushBit(false);
      ++null_count_;
    }
    ++length_;
  }
  void AppendValid() { Append(true); }
  void AppendNull() { Append(false); }
  // Appends `n` slots that are all valid (or all null).
  void AppendValid(int64_t n);
  void AppendNulls(int64_t n);
  // Appends `n` slots, slot i valid iff valid_bytes[i] != 0.
  void AppendValidBytes(const uint8_t* valid_bytes, int64_t n);
  // Pre-allocates room for `n` more slots once a bitmap exists.
  void Reserve(int64_t n);

  int64_t length() const { return length_; }
  int64_t null_count() const { return null_count_; }

  // Returns the bitmap (nullptr when no null was appended) and resets.
  BufferPtr Finish();

 private:
  void Materialize();
  void PushBit(bool v) {
    if ((length_ & 7) == 0) bits_->AppendValue<uint8_t>(0);
    if (v) bit_util::SetBit(bits_->mutable_data(), length_);
  }

  BufferPtr bits_;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
};

}  // namespace sluice::columnar
