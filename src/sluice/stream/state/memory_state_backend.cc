#include <array>
#include <cstring>

#include "sluice/stream/state/keyed_state_backend.h"
#include "sluice/stream/state/state_id.h"
#include "sluice/stream/state/state_table.h"

namespace sluice::stream {
namespace {

// Keyed state in memory: per (state, key group) a StateTable of the state's
// kind. An access hashes nothing but a non-empty namespace (the key's hash
// is taken once, in SetCurrentKey), probes one flat index and compares one
// inline id. Snapshot entries are (name, id = u32 len(key) + key +
// namespace, payload), the format the RocksDB backend reads and writes.
class MemoryStateBackend final : public KeyedStateBackend {
 public:
  explicit MemoryStateBackend(KeyGroupRange range) : range_(range) {}

  Result<int> Register(std::string_view name, StateKind kind) override {
    for (size_t i = 0; i < states_.size(); ++i) {
      if (states_[i].name == name) {
        if (states_[i].kind != kind) return Status::Invalid("state '{}' registered with two kinds", name);
        return static_cast<int>(i);
      }
    }
    states_.push_back(State{std::string(name), kind, std::vector<Group>(static_cast<size_t>(range_.size()))});
    return static_cast<int>(states_.size() - 1);
  }

  void SetCurrentKey(std::string_view key, int key_group) override {
    key_.assign(key);
    key_group_ = key_group;
    key_hash_ = HashStateKey(key);
  }
  std::string_view current_key() const override { return key_; }
  int current_key_group() const override { return key_group_; }

  std::optional<Value> GetValue(int state, std::string_view ns) override {
    const Value* v = G(state).values.Find(HashStateId(key_hash_, ns), key_, ns);
    if (v == nullptr) return std::nullopt;
    return *v;
  }
  void PutValue(int state, std::string_view ns, Value v) override {
    *G(state).values.FindOrCreate(HashStateId(key_hash_, ns), key_, ns) = std::move(v);
  }
  Values GetList(int state, std::string_view ns) override {
    const Values* l = G(state).lists.Find(HashStateId(key_hash_, ns), key_, ns);
    return l == nullptr ? Values{} : *l;
  }
  void PutList(int state, std::string_view ns, Values v) override { *MutableList(state, ns) = std::move(v); }
  void AddToList(int state, std::string_view ns, Value v) override { MutableList(state, ns)->push_back(std::move(v)); }
  Values* MutableList(int state, std::string_view ns) override {
    return G(state).lists.FindOrCreate(HashStateId(key_hash_, ns), key_, ns);
  }
  std::optional<Value> GetMapEntry(int state, std::string_view ns, const Value& key) override {
    const ValueMap* m = G(state).maps.Find(HashStateId(key_hash_, ns), key_, ns);
    const Value* v = m == nullptr ? nullptr : m->Find(key);
    if (v == nullptr) return std::nullopt;
    return *v;
  }
  void PutMapEntry(int state, std::string_view ns, Value key, Value v) override {
    G(state).maps.FindOrCreate(HashStateId(key_hash_, ns), key_, ns)->Put(std::move(key), std::move(v));
  }
  void RemoveMapEntry(int state, std::string_view ns, const Value& key) override {
    const uint64_t h = HashStateId(key_hash_, ns);
    StateTable<ValueMap>& t = G(state).maps;
    ValueMap* m = t.Find(h, key_, ns);
    if (m == nullptr) return;
    m->Erase(key);
    if (m->empty()) t.Erase(h, key_, ns);
  }
  std::vector<std::pair<Value, Value>> GetMapEntries(int state, std::string_view ns) override {
    const ValueMap* m = G(state).maps.Find(HashStateId(key_hash_, ns), key_, ns);
    std::vector<std::pair<Value, Value>> out;
    if (m != nullptr) {
      out.reserve(m->size());
      m->ForEach([&](const Value& k, const Value& v) { out.emplace_back(k, v); });
    }
    return out;
  }
  void Clear(int state, std::string_view ns) override {
    const uint64_t h = HashStateId(key_hash_, ns);
    Group& g = G(state);
    // Any kind, as the interface says; only a misused state has more than one.
    if (g.values.size() != 0) g.values.Erase(h, key_, ns);
    if (g.lists.size() != 0) g.lists.Erase(h, key_, ns);
    if (g.maps.size() != 0) g.maps.Erase(h, key_, ns);
  }

  // Step one for every state asked for; step two for the request made
  // kPrefetchDelay requests earlier, whose slot has had time to arrive.
  void Prefetch(int state, std::string_view key, int key_group, std::string_view ns) override {
    if (!range_.Contains(key_group) || state >= static_cast<int>(states_.size())) return;
    const uint64_t h = HashStateId(HashStateKey(key), ns);
    const size_t first = state < 0 ? 0 : static_cast<size_t>(state);
    const size_t last = state < 0 ? states_.size() : first + 1;
    for (size_t s = first; s < last; ++s) {
      const Group* g = &states_[s].groups[key_group - range_.start];
      const StateKind kind = states_[s].kind;
      switch (kind) {
        case StateKind::kValue:
          g->values.PrefetchSlot(h);
          break;
        case StateKind::kList:
          g->lists.PrefetchSlot(h);
          break;
        case StateKind::kMap:
          g->maps.PrefetchSlot(h);
          break;
      }
      PendingPrefetch& p = prefetches_[prefetch_count_++ % kPrefetchDelay];
      if (p.group != nullptr) {
        switch (p.kind) {
          case StateKind::kValue:
            p.group->values.PrefetchEntry(p.hash);
            break;
          case StateKind::kList:
            p.group->lists.PrefetchEntry(p.hash);
            break;
          case StateKind::kMap:
            p.group->maps.PrefetchEntry(p.hash);
            break;
        }
      }
      p = PendingPrefetch{g, kind, h};
    }
  }

  void ForEachEntry(int state, const std::function<void(std::string_view, int, std::string_view)>& fn) const override {
    const State& s = states_[state];
    for (int i = 0; i < range_.size(); ++i) {
      const int kg = range_.start + i;
      auto visit = [&](std::string_view key, std::string_view ns, const auto&) { fn(key, kg, ns); };
      s.groups[i].values.ForEach(visit);
      s.groups[i].lists.ForEach(visit);
      s.groups[i].maps.ForEach(visit);
    }
  }

  Status SnapshotKeyGroup(int kg, std::string* out) const override {
    if (!range_.Contains(kg)) return Status::OutOfRange("key group {} not in [{}, {})", kg, range_.start, range_.end);
    std::string id;
    Values flat;
    for (const State& s : states_) {
      const Group& g = s.groups[kg - range_.start];
      auto header = [&](std::string_view key, std::string_view ns) {
        Value::EncodeString(s.name, out);
        const uint32_t n = static_cast<uint32_t>(key.size());
        id.assign(reinterpret_cast<const char*>(&n), 4);
        id.append(key);
        id.append(ns);
        Value::EncodeString(id, out);
      };
      switch (s.kind) {
        case StateKind::kValue:
          g.values.ForEach([&](std::string_view key, std::string_view ns, const Value& v) {
            header(key, ns);
            v.EncodeTo(out);
          });
          break;
        case StateKind::kList:
          g.lists.ForEach([&](std::string_view key, std::string_view ns, const Values& l) {
            header(key, ns);
            EncodeValues(l, out);
          });
          break;
        case StateKind::kMap:
          g.maps.ForEach([&](std::string_view key, std::string_view ns, const ValueMap& m) {
            header(key, ns);
            flat.clear();
            m.ForEach([&](const Value& k, const Value& v) {
              flat.push_back(k);
              flat.push_back(v);
            });
            EncodeValues(flat, out);
          });
          break;
      }
    }
    return Status::OK();
  }

  Status RestoreKeyGroup(int kg, std::string_view in) override {
    if (!range_.Contains(kg)) return Status::OutOfRange("key group {} not in [{}, {})", kg, range_.start, range_.end);
    size_t pos = 0;
    Value name, id;
    Values flat;
    while (pos < in.size()) {
      if (!Value::DecodeFrom(in, &pos, &name) || !Value::DecodeFrom(in, &pos, &id) || !name.is_string() ||
          !id.is_string()) {
        return Status::Corrupt("state snapshot of key group {}: bad entry header at byte {}", kg, pos);
      }
      int s = -1;
      for (size_t i = 0; i < states_.size(); ++i) {
        if (states_[i].name == name.string_value()) s = static_cast<int>(i);
      }
      if (s < 0) return Status::NotFound("state snapshot names unregistered state '{}'", name.string_value());
      std::string_view raw = id.string_value();
      uint32_t n = 0;
      if (raw.size() >= 4) std::memcpy(&n, raw.data(), 4);
      if (raw.size() < 4 || n > raw.size() - 4) {
        return Status::Corrupt("state snapshot of key group {}: bad entry id before byte {}", kg, pos);
      }
      const std::string_view key = raw.substr(4, n), ns = raw.substr(4 + n);
      const uint64_t h = HashStateId(HashStateKey(key), ns);
      Group& g = states_[s].groups[kg - range_.start];
      bool ok = true;
      switch (states_[s].kind) {
        case StateKind::kValue:
          ok = Value::DecodeFrom(in, &pos, g.values.FindOrCreate(h, key, ns));
          break;
        case StateKind::kList:
          ok = DecodeValues(in, &pos, g.lists.FindOrCreate(h, key, ns));
          break;
        case StateKind::kMap: {
          ok = DecodeValues(in, &pos, &flat) && flat.size() % 2 == 0;
          if (!ok) break;
          ValueMap* m = g.maps.FindOrCreate(h, key, ns);
          for (size_t i = 0; i < flat.size(); i += 2) m->Put(std::move(flat[i]), std::move(flat[i + 1]));
          break;
        }
      }
      if (!ok) return Status::Corrupt("state snapshot of key group {}: bad value at byte {}", kg, pos);
    }
    return Status::OK();
  }

 private:
  struct Group {
    StateTable<Value> values;
    StateTable<Values> lists;
    StateTable<ValueMap> maps;
  };
  struct State {
    std::string name;
    StateKind kind;
    std::vector<Group> groups;  // index: key group - range_.start
  };

  Group& G(int state) {
    assert(range_.Contains(key_group_));
    return states_[state].groups[key_group_ - range_.start];
  }

  struct PendingPrefetch {
    const Group* group = nullptr;
    StateKind kind = StateKind::kValue;
    uint64_t hash = 0;
  };
  static constexpr size_t kPrefetchDelay = 8;

  KeyGroupRange range_;
  std::vector<State> states_;
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
