#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sluice/columnar/scalar.h"
#include "sluice/common/status.h"
#include "sluice/stream/exchange/key_groups.h"

namespace sluice::stream {

using columnar::Scalar;
using columnar::Scalars;

enum class StateKind { kValue, kList, kMap };

// Keyed state of one operator subtask. Every access refers to the current
// key (set by the operator before it calls user code) and a namespace (empty
// for plain keyed state; the encoded window for window state). State is
// partitioned by key group so a snapshot can be split and redistributed at a
// different parallelism. The in-memory backend keeps Scalars in hash maps; a
// RocksDB backend stores their encodings (Scalar::EncodeTo).
class KeyedStateBackend {
 public:
  virtual ~KeyedStateBackend() = default;

  // Declares state `name`; returns its id (the same id for the same name).
  virtual Result<int> Register(std::string_view name, StateKind kind) = 0;

  // Sets the key (encoded, see EncodeKey) that later accesses refer to.
  virtual void SetCurrentKey(std::string_view key, int key_group) = 0;
  virtual std::string_view current_key() const = 0;
  virtual int current_key_group() const = 0;

  // Scalar state: the value, or nullopt when unset.
  virtual std::optional<Scalar> GetValue(int state, std::string_view ns) = 0;
  virtual void PutValue(int state, std::string_view ns, Scalar v) = 0;
  // List state (also holds aggregate accumulators): empty when unset.
  virtual Scalars GetList(int state, std::string_view ns) = 0;
  virtual void PutList(int state, std::string_view ns, Scalars v) = 0;
  virtual void AddToList(int state, std::string_view ns, Scalar v) = 0;
  // In-place access to list state for backends that keep objects (nullptr
  // when unsupported: use GetList/PutList). Creates an empty entry.
  virtual Scalars* MutableList(int state, std::string_view ns) = 0;
  // Map state.
  virtual std::optional<Scalar> GetMapEntry(int state, std::string_view ns, const Scalar& key) = 0;
  virtual void PutMapEntry(int state, std::string_view ns, Scalar key, Scalar v) = 0;
  virtual void RemoveMapEntry(int state, std::string_view ns, const Scalar& key) = 0;
  // Entries sorted by key.
  virtual std::vector<std::pair<Scalar, Scalar>> GetMapEntries(int state, std::string_view ns) = 0;
  // Removes the current key's entry of `state` in `ns` (any kind).
  virtual void Clear(int state, std::string_view ns) = 0;

  // A hint that `key` (of `key_group`) will soon be accessed in namespace
  // `ns`: in `state`, or in every registered state if `state` is -1. A
  // backend may start loading it from memory (operators call this a few rows
  // or timers ahead). Never changes any state or result; the default ignores it.
  virtual void Prefetch(int state, std::string_view key, int key_group, std::string_view ns) {
    (void)state, (void)key, (void)key_group, (void)ns;
  }

  // Calls fn(key, key_group, namespace) for every entry of `state`
  // (the order is unspecified). fn must not modify the state.
  virtual void ForEachEntry(int state,
                            const std::function<void(std::string_view, int, std::string_view)>& fn) const = 0;

  // Checkpoint hooks: serializes / restores all state of key group `kg`.
  virtual Status SnapshotKeyGroup(int kg, std::string* out) const = 0;
  virtual Status RestoreKeyGroup(int kg, std::string_view in) = 0;
};

// Creates the in-memory backend for key groups `range`.
std::unique_ptr<KeyedStateBackend> MakeMemoryStateBackend(KeyGroupRange range);

}  // namespace sluice::stream
