#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sluice/columnar/scalar.h"
#include "sluice/common/status.h"
#include "sluice/stream/api/row.h"
#include "sluice/stream/state/keyed_state_backend.h"
#include "sluice/stream/time/time.h"

namespace sluice::stream {

using columnar::Scalar;
using columnar::Scalars;

// Handles to keyed state of the current key (Flink's ValueState, ListState,
// MapState). Obtain them in KeyedProcessFunction::Open(); they stay valid.
class ValueState {
 public:
  ValueState() = default;
  ValueState(KeyedStateBackend* b, int id) : backend_(b), id_(id) {}
  // The value, or nullopt when unset for the current key.
  std::optional<Scalar> value() const { return backend_->GetValue(id_, {}); }
  void Update(Scalar v) { backend_->PutValue(id_, {}, std::move(v)); }
  void Clear() { backend_->Clear(id_, {}); }

 private:
  KeyedStateBackend* backend_ = nullptr;
  int id_ = -1;
};

class ListState {
 public:
  ListState() = default;
  ListState(KeyedStateBackend* b, int id) : backend_(b), id_(id) {}
  Scalars Get() const { return backend_->GetList(id_, {}); }
  void Add(Scalar v) { backend_->AddToList(id_, {}, std::move(v)); }
  void Update(Scalars v) { backend_->PutList(id_, {}, std::move(v)); }
  void Clear() { backend_->Clear(id_, {}); }

 private:
  KeyedStateBackend* backend_ = nullptr;
  int id_ = -1;
};

class MapState {
 public:
  MapState() = default;
  MapState(KeyedStateBackend* b, int id) : backend_(b), id_(id) {}
  std::optional<Scalar> Get(const Scalar& key) const { return backend_->GetMapEntry(id_, {}, key); }
  void Put(Scalar key, Scalar v) { backend_->PutMapEntry(id_, {}, std::move(key), std::move(v)); }
  void Remove(const Scalar& key) { backend_->RemoveMapEntry(id_, {}, key); }
  bool Contains(const Scalar& key) const { return Get(key).has_value(); }
  // Entries sorted by key.
  std::vector<std::pair<Scalar, Scalar>> Entries() const { return backend_->GetMapEntries(id_, {}); }
  void Clear() { backend_->Clear(id_, {}); }

 private:
  KeyedStateBackend* backend_ = nullptr;
  int id_ = -1;
};

// What a keyed process function sees while handling a row or a timer.
class ProcessContext {
 public:
  virtual ~ProcessContext() = default;
  // State of the current key, registered by name.
  virtual Result<ValueState> GetValueState(const std::string& name) = 0;
  virtual Result<ListState> GetListState(const std::string& name) = 0;
  virtual Result<MapState> GetMapState(const std::string& name) = 0;
  // The current key's values (key columns in KeyBy order).
  virtual Scalars CurrentKey() const = 0;
  // Event time of the current row (kMinTimestamp without event time) or the
  // firing timer's timestamp.
  virtual int64_t timestamp() const = 0;
  virtual int64_t CurrentWatermark() const = 0;
  virtual int64_t CurrentProcessingTime() const = 0;
  // Timers of the current key; each fires OnTimer once.
  virtual void RegisterEventTimeTimer(int64_t ts) = 0;
  virtual void RegisterProcessingTimeTimer(int64_t ts) = 0;
  virtual void DeleteEventTimeTimer(int64_t ts) = 0;
  virtual void DeleteProcessingTimeTimer(int64_t ts) = 0;
  // Rows of the function's output schema.
  virtual BatchBuilder* out() = 0;
};

// Flink's KeyedProcessFunction over rows, with keyed state and timers.
class KeyedProcessFunction {
 public:
  virtual ~KeyedProcessFunction() = default;
  // Called once per subtask before any row (register state handles here).
  virtual Status Open(ProcessContext* ctx) {
    (void)ctx;
    return Status::OK();
  }
  // Handles one row of the current key.
  virtual Status ProcessElement(const Row& row, ProcessContext* ctx) = 0;
  // A timer of the current key fired at `timestamp`.
  virtual Status OnTimer(int64_t timestamp, TimeDomain domain, ProcessContext* ctx) {
    (void)timestamp;
    (void)domain;
    (void)ctx;
    return Status::OK();
  }
};

}  // namespace sluice::stream
