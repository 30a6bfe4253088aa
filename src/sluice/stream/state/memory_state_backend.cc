#include <array>
#include <cstring>

#include "sluice/stream/state/keyed_state_backend.h"
#include "sluice/stream/state/state_id.h"
#include "sluice/stream/state/state_table.h"

namespace sluice::stream {
namespace {

// Keyed state in memory: one StateTable per state (of the state's kind) for
// all owned key groups, each entry tagged with its key group. An access
// hashes nothing but a non-empty namespace (the key's hash is taken once, in
// SetCurrentKey), probes one flat index and compares one inline id. One
// large table rather than one per key group lets its memory sit on huge
// pages. Snapshot entries are (name, id = u32 len(key) + key + namespace,
// payload), the format the RocksDB backend reads and writes.
class MemoryStateBackend final : public KeyedStateBackend {
 public:
  explicit MemoryStateBackend(KeyGroupRange range) : range_(range) {}

  Result<int> Register(std::string_view name, StateKind kind) override {
    for (size_t i = 0; i < states_.size(); ++i) {
      if (states_[i]->name == name) {
        if (states_[i]->kind != kind) return Status::Invalid("state '{}' registered with two kinds", name);
        return static_cast<int>(i);
      }
    }
    auto s = std::make_unique<State>();
    s->name = std::string(name);
    s->kind = kind;
    states_.push_back(std::move(s));
    return static_cast<int>(states_.size() - 1);
  }

  void SetCurrentKey(std::string_view key, int key_group) override {
    assert(range_.Contains(key_group));
    key_.assign(key);
    key_group_ = key_group;
    key_hash_ = HashStateKey(key);
  }
  std::string_view current_key() const override { return key_; }
  int current_key_group() const override { return key_group_; }

  std::optional<Scalar> GetValue(int state, std::string_view ns) override {
    const Scalar* v = states_[state]->values.Find(HashStateId(key_hash_, ns), key_, ns);
    if (v == nullptr) return std::nullopt;
    return *v;
  }
  void PutValue(int state, std::string_view ns, Scalar v) override {
    *states_[state]->values.FindOrCreate(HashStateId(key_hash_, ns), key_, ns, key_group_) = std::move(v);
  }
  Scalars GetList(int state, std::string_view ns) override {
    const Scalars* l = states_[state]->lists.Find(HashStateId(key_hash_, ns), key_, ns);
    return l == nullptr ? Scalars{} : *l;
  }
  void PutList(int state, std::string_view ns, Scalars v) override { *MutableList(state, ns) = std::move(v); }
  void AddToList(int state, std::string_view ns, Scalar v) override { MutableList(state, ns)->push_back(std::move(v)); }
  Scalars* MutableList(int state, std::string_view ns) override {
    return states_[state]->lists.FindOrCreate(HashStateId(key_hash_, ns), key_, ns, key_group_);
  }
  std::optional<Scalar> GetMapEntry(int state, std::string_view ns, const Scalar& key) override {
    const ValueMap* m = states_[state]->maps.Find(HashStateId(key_hash_, ns), key_, ns);
    const Scalar* v = m == nullptr ? nullptr : m->Find(key);
    if (v == nullptr) return std::nullopt;
    return *v;
  }
  void PutMapEntry(int state, std::string_view ns, Scalar key, Scalar v) override {
    states_[state]
        ->maps.FindOrCreate(HashStateId(key_hash_, ns), key_, ns, key_group_)
        ->Put(std::move(key), std::move(v));
  }
  void RemoveMapEntry(int state, std::string_view ns, const Scalar& key) override {
    const uint64_t h = HashStateId(key_hash_, ns);
    StateTable<ValueMap>& t = states_[state]->maps;
    ValueMap* m = t.Find(h, key_, ns);
    if (m == nullptr) return;
    m->Erase(key);
    if (m->empty()) t.Erase(h, key_, ns);
  }
  std::vector<std::pair<Scalar, Scalar>> GetMapEntries(int state, std::string_view ns) override {
    const ValueMap* m = states_[state]->maps.Find(HashStateId(key_hash_, ns), key_, ns);
    std::vector<std::pair<Scalar, Scalar>> out;
    if (m != nullptr) {
      out.reserve(m->size());
      m->ForEach([&](const Scalar& k, const Scalar& v) { out.emplace_back(k, v); });
    }
    return out;
  }
  void Clear(int state, std::string_view ns) override {
    const uint64_t h = HashStateId(key_hash_, ns);
    State& s = *states_[state];
    // Any kind, as the interface says; only a misused state has more than one.
    if (s.values.size() != 0) s.values.Erase(h, key_, ns);
    if (s.lists.size() != 0) s.lists.Erase(h, key_, ns);
    if (s.maps.size() != 0) s.maps.Erase(h, key_, ns);
  }

  // Prefetching is a two-step pipeline per (state, key, ns): step one loads
  // the index slot; kPrefetchDelay requests later, when that slot has had
  // time to arrive, step two loads the entry it points to.
  void Prefetch(int state, std::string_view key, int key_group, std::string_view ns) override {
    if (!range_.Contains(key_group) || state >= static_cast<int>(states_.size())) return;
    const uint64_t h = HashStateId(HashStateKey(key), ns);
    const size_t first = state < 0 ? 0 : static_cast<size_t>(state);
    const size_t last = state < 0 ? states_.size() : first + 1;
    for (size_t s = first; s < last; ++s) {
      const State* st = states_[s].get();
      switch (st->kind) {
        case StateKind::kValue:
          st->values.PrefetchSlot(h);
          break;
        case StateKind::kList:
          st->lists.PrefetchSlot(h);
          break;
        case StateKind::kMap:
          st->maps.PrefetchSlot(h);
          break;
      }
      PendingPrefetch& p = prefetches_[prefetch_count_++ % kPrefetchDelay];
      if (p.state != nullptr) {
        switch (p.state->kind) {
          case StateKind::kValue:
            p.state->values.PrefetchEntry(p.hash);
            break;
          case StateKind::kList:
            p.state->lists.PrefetchEntry(p.hash);
            break;
          case StateKind::kMap:
            p.state->maps.PrefetchEntry(p.hash);
            break;
        }
      }
      p = PendingPrefetch{st, h};
    }
  }

  void ForEachEntry(int state, const std::function<void(std::string_view, int, std::string_view)>& fn) const override {
    const State& s = *states_[state];
    auto visit = [&](std::string_view key, std::string_view ns, int kg, const auto&) { fn(key, kg, ns); };
    s.values.ForEach(visit);
    s.lists.ForEach(visit);
    s.maps.ForEach(visit);
  }

  Status SnapshotKeyGroup(int kg, std::string* out) const override {
    if (!range_.Contains(kg)) return Status::OutOfRange("key group {} not in [{}, {})", kg, range_.start, range_.end);
    std::string id;
    Scalars flat;
    for (const auto& state : states_) {
      const State& s = *state;
      auto header = [&](std::string_view key, std::string_view ns) {
        Scalar::EncodeString(s.name, out);
        const uint32_t n = static_cast<uint32_t>(key.size());
        id.assign(reinterpret_cast<const char*>(&n), 4);
        id.append(key);
        id.append(ns);
        Scalar::EncodeString(id, out);
      };
      switch (s.kind) {
        case StateKind::kValue:
          for (uint32_t e : EntriesOf(s, s.values, kg)) {
            s.values.Visit(e, [&](std::string_view key, std::string_view ns, int, const Scalar& v) {
              header(key, ns);
              v.EncodeTo(out);
            });
          }
          break;
        case StateKind::kList:
          for (uint32_t e : EntriesOf(s, s.lists, kg)) {
            s.lists.Visit(e, [&](std::string_view key, std::string_view ns, int, const Scalars& l) {
              header(key, ns);
              EncodeScalars(l, out);
            });
          }
          break;
        case StateKind::kMap:
          for (uint32_t e : EntriesOf(s, s.maps, kg)) {
            s.maps.Visit(e, [&](std::string_view key, std::string_view ns, int, const ValueMap& m) {
              header(key, ns);
              flat.clear();
              m.ForEach([&](const Scalar& k, const Scalar& v) {
                flat.push_back(k);
                flat.push_back(v);
              });
              EncodeScalars(flat, out);
            });
          }
          break;
      }
    }
    return Status::OK();
  }

  Status RestoreKeyGroup(int kg, std::string_view in) override {
    if (!range_.Contains(kg)) return Status::OutOfRange("key group {} not in [{}, {})", kg, range_.start, range_.end);
    size_t pos = 0;
    Scalar name, id;
    Scalars flat;
    while (pos < in.size()) {
      if (!Scalar::DecodeFrom(in, &pos, &name) || !Scalar::DecodeFrom(in, &pos, &id) || !name.is_string() ||
          !id.is_string()) {
        return Status::Corrupt("state snapshot of key group {}: bad entry header at byte {}", kg, pos);
      }
      State* s = nullptr;
      for (const auto& state : states_) {
        if (state->name == name.string_value()) s = state.get();
      }
      if (s == nullptr) return Status::NotFound("state snapshot names unregistered state '{}'", name.string_value());
      std::string_view raw = id.string_value();
      uint32_t n = 0;
      if (raw.size() >= 4) std::memcpy(&n, raw.data(), 4);
      if (raw.size() < 4 || n > raw.size() - 4) {
        return Status::Corrupt("state snapshot of key group {}: bad entry id before byte {}", kg, pos);
      }
      const std::string_view key = raw.substr(4, n), ns = raw.substr(4 + n);
      const uint64_t h = HashStateId(HashStateKey(key), ns);
      bool ok = true;
      switch (s->kind) {
        case StateKind::kValue:
          ok = Scalar::DecodeFrom(in, &pos, s->values.FindOrCreate(h, key, ns, kg));
          break;
        case StateKind::kList:
          ok = DecodeScalars(in, &pos, s->lists.FindOrCreate(h, key, ns, kg));
          break;
        case StateKind::kMap: {
          ok = DecodeScalars(in, &pos, &flat) && flat.size() % 2 == 0;
          if (!ok) break;
          ValueMap* m = s->maps.FindOrCreate(h, key, ns, kg);
          for (size_t i = 0; i < flat.size(); i += 2) m->Put(std::move(flat[i]), std::move(flat[i + 1]));
          break;
        }
      }
      if (!ok) return Status::Corrupt("state snapshot of key group {}: bad value at byte {}", kg, pos);
    }
    return Status::OK();
  }

 private:
  struct State {
    std::string name;
    StateKind kind = StateKind::kValue;
    StateTable<Scalar> values;
    StateTable<Scalars> lists;
    StateTable<ValueMap> maps;
    // Snapshot helper: the entries of the state's kind by key group, built
    // in one pass for the first key group a checkpoint asks for and reused
    // for the others while no entry is added or removed.
    mutable std::vector<std::vector<uint32_t>> by_group;
    mutable uint64_t by_group_generation = UINT64_MAX;
  };
  struct PendingPrefetch {
    const State* state = nullptr;
    uint64_t hash = 0;
  };
  static constexpr size_t kPrefetchDelay = 8;

  template <class Payload>
  const std::vector<uint32_t>& EntriesOf(const State& s, const StateTable<Payload>& table, int kg) const {
    if (s.by_group_generation != table.generation()) {
      s.by_group.assign(static_cast<size_t>(range_.size()), {});
      table.GroupEntries(range_.start, &s.by_group);
      s.by_group_generation = table.generation();
    }
    return s.by_group[kg - range_.start];
  }

  KeyGroupRange range_;
  std::vector<std::unique_ptr<State>> states_;  // stable addresses (pending prefetches)
  std::array<PendingPrefetch, kPrefetchDelay> prefetches_{};
  size_t prefetch_count_ = 0;
  std::string key_;
  int key_group_ = 0;
  uint64_t key_hash_ = 0;
};

}  // namespace

std::unique_ptr<KeyedStateBackend> MakeMemoryStateBackend(KeyGroupRange range) {
  return std::make_unique<MemoryStateBackend>(range);
}

}  // namespace sluice::stream
