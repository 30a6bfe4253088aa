#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <utility>

#include "sluice/columnar/scalar.h"

namespace sluice::stream {

using columnar::Scalar;
using columnar::Scalars;

// Map state's payload: entries sorted by key. One entry lives in the object
// itself; a second moves both into a std::map. Keyed maps of windowed jobs
// mostly hold one entry (the current window's), which then costs no node
// allocation and no pointer to chase.
class ValueMap {
 public:
  bool empty() const { return big_ == nullptr ? !has_one_ : big_->empty(); }
  size_t size() const { return big_ == nullptr ? (has_one_ ? 1 : 0) : big_->size(); }

  // The value of `key`, or nullptr.
  const Scalar* Find(const Scalar& key) const {
    if (big_ == nullptr) return has_one_ && key_ == key ? &value_ : nullptr;
    auto it = big_->find(key);
    return it == big_->end() ? nullptr : &it->second;
  }

  void Put(Scalar key, Scalar value) {
    if (big_ == nullptr) {
      if (!has_one_ || key_ == key) {
        key_ = std::move(key);
        value_ = std::move(value);
        has_one_ = true;
        return;
      }
      big_ = std::make_unique<std::map<Scalar, Scalar>>();
      big_->emplace(std::move(key_), std::move(value_));
      key_ = Scalar();
      value_ = Scalar();
      has_one_ = false;
    }
    (*big_)[std::move(key)] = std::move(value);
  }

  // Removes `key`; false if it was not there.
  bool Erase(const Scalar& key) {
    if (big_ != nullptr) {
      const bool erased = big_->erase(key) > 0;
      if (big_->empty()) big_.reset();  // the next entry is inline again
      return erased;
    }
    if (!has_one_ || !(key_ == key)) return false;
    Clear();
    return true;
  }

  void Clear() {
    big_.reset();
    key_ = Scalar();
    value_ = Scalar();
    has_one_ = false;
  }

  // Calls fn(key, value) for every entry, in key order.
  template <class Fn>
  void ForEach(const Fn& fn) const {
    if (big_ == nullptr) {
      if (has_one_) fn(key_, value_);
      return;
    }
    for (const auto& [k, v] : *big_) fn(k, v);
  }

 private:
  Scalar key_;
  Scalar value_;
  bool has_one_ = false;
  std::unique_ptr<std::map<Scalar, Scalar>> big_;  // all entries once there were two
};

}  // namespace sluice::stream
