#include <cstring>
#include <map>
#include <unordered_map>

#include "sluice/stream/state/keyed_state_backend.h"

namespace sluice::stream {
namespace {

// One state entry; which member is used depends on the state's kind.
struct Entry {
  Value value;
  Values list;
  std::map<Value, Value> map;
};

// Keyed state in hash maps, one map per (state, key group), keyed by
// len(key) + key + namespace.
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
    states_.push_back(Table{std::string(name), kind, std::vector<Map>(static_cast<size_t>(range_.size()))});
    return static_cast<int>(states_.size() - 1);
  }

  void SetCurrentKey(std::string_view key, int key_group) override {
    key_.assign(key);
    key_group_ = key_group;
  }
  std::string_view current_key() const override { return key_; }
  int current_key_group() const override { return key_group_; }

  std::optional<Value> GetValue(int state, std::string_view ns) override {
    Entry* e = Find(state, ns);
    if (e == nullptr) return std::nullopt;
    return e->value;
  }
  void PutValue(int state, std::string_view ns, Value v) override { FindOrCreate(state, ns)->value = std::move(v); }
  Values GetList(int state, std::string_view ns) override {
    Entry* e = Find(state, ns);
    return e == nullptr ? Values{} : e->list;
  }
  void PutList(int state, std::string_view ns, Values v) override { FindOrCreate(state, ns)->list = std::move(v); }
  void AddToList(int state, std::string_view ns, Value v) override {
    FindOrCreate(state, ns)->list.push_back(std::move(v));
  }
  Values* MutableList(int state, std::string_view ns) override { return &FindOrCreate(state, ns)->list; }
  std::optional<Value> GetMapEntry(int state, std::string_view ns, const Value& key) override {
    Entry* e = Find(state, ns);
    if (e == nullptr) return std::nullopt;
    auto it = e->map.find(key);
    if (it == e->map.end()) return std::nullopt;
    return it->second;
  }
  void PutMapEntry(int state, std::string_view ns, Value key, Value v) override {
    FindOrCreate(state, ns)->map[std::move(key)] = std::move(v);
  }
  void RemoveMapEntry(int state, std::string_view ns, const Value& key) override {
    Entry* e = Find(state, ns);
    if (e == nullptr) return;
    e->map.erase(key);
    if (e->map.empty()) Clear(state, ns);
  }
  std::vector<std::pair<Value, Value>> GetMapEntries(int state, std::string_view ns) override {
    Entry* e = Find(state, ns);
    if (e == nullptr) return {};
    return {e->map.begin(), e->map.end()};
  }
  void Clear(int state, std::string_view ns) override {
    MakeId(ns);
    TableFor(state).erase(id_);
  }

  void ForEachEntry(int state, const std::function<void(std::string_view, int, std::string_view)>& fn) const override {
    const Table& t = states_[state];
    for (int g = 0; g < range_.size(); ++g) {
      for (const auto& [id, entry] : t.groups[g]) {
        uint32_t n;
        std::memcpy(&n, id.data(), 4);
        fn(std::string_view(id).substr(4, n), range_.start + g, std::string_view(id).substr(4 + n));
      }
    }
  }

  Status SnapshotKeyGroup(int kg, std::string* out) const override {
    if (!range_.Contains(kg)) return Status::OutOfRange("key group {} not in [{}, {})", kg, range_.start, range_.end);
    for (size_t s = 0; s < states_.size(); ++s) {
      const Map& m = states_[s].groups[kg - range_.start];
      for (const auto& [id, e] : m) {
        Value(states_[s].name).EncodeTo(out);
        Value(id).EncodeTo(out);
        switch (states_[s].kind) {
          case StateKind::kValue:
            e.value.EncodeTo(out);
            break;
          case StateKind::kList:
            EncodeValues(e.list, out);
            break;
          case StateKind::kMap: {
            Values flat;
            for (const auto& [k, v] : e.map) {
              flat.push_back(k);
              flat.push_back(v);
            }
            EncodeValues(flat, out);
            break;
          }
        }
      }
    }
    return Status::OK();
  }

  Status RestoreKeyGroup(int kg, std::string_view in) override {
    if (!range_.Contains(kg)) return Status::OutOfRange("key group {} not in [{}, {})", kg, range_.start, range_.end);
    size_t pos = 0;
    while (pos < in.size()) {
      Value name, id;
      if (!Value::DecodeFrom(in, &pos, &name) || !Value::DecodeFrom(in, &pos, &id) || !name.is_string() ||
          !id.is_string()) {
        return Status::Corrupt("state snapshot of key group {}: bad entry header at byte {}", kg, pos);
      }
      int s = -1;
      for (size_t i = 0; i < states_.size(); ++i) {
        if (states_[i].name == name.string_value()) s = static_cast<int>(i);
      }
      if (s < 0) return Status::NotFound("state snapshot names unregistered state '{}'", name.string_value());
      Entry& e = states_[s].groups[kg - range_.start][id.string_value()];
      bool ok = true;
      switch (states_[s].kind) {
        case StateKind::kValue:
          ok = Value::DecodeFrom(in, &pos, &e.value);
          break;
        case StateKind::kList:
          ok = DecodeValues(in, &pos, &e.list);
          break;
        case StateKind::kMap: {
          Values flat;
          ok = DecodeValues(in, &pos, &flat) && flat.size() % 2 == 0;
          for (size_t i = 0; ok && i < flat.size(); i += 2) e.map[flat[i]] = flat[i + 1];
          break;
        }
      }
      if (!ok) return Status::Corrupt("state snapshot of key group {}: bad value at byte {}", kg, pos);
    }
    return Status::OK();
  }

 private:
  using Map = std::unordered_map<std::string, Entry>;
  struct Table {
    std::string name;
    StateKind kind;
    std::vector<Map> groups;  // index: key group - range_.start
  };

  void MakeId(std::string_view ns) {
    uint32_t n = static_cast<uint32_t>(key_.size());
    id_.assign(reinterpret_cast<const char*>(&n), 4);
    id_.append(key_);
    id_.append(ns);
  }
  Map& TableFor(int state) {
    assert(range_.Contains(key_group_));
    return states_[state].groups[key_group_ - range_.start];
  }
  Entry* Find(int state, std::string_view ns) {
    MakeId(ns);
    Map& m = TableFor(state);
    auto it = m.find(id_);
    return it == m.end() ? nullptr : &it->second;
  }
  Entry* FindOrCreate(int state, std::string_view ns) {
    MakeId(ns);
    return &TableFor(state)[id_];
  }

  KeyGroupRange range_;
  std::vector<Table> states_;
  std::string key_;
  int key_group_ = 0;
  std::string id_;  // scratch: the composite id of the last access
};

}  // namespace

std::unique_ptr<KeyedStateBackend> MakeMemoryStateBackend(KeyGroupRange range) {
  return std::make_unique<MemoryStateBackend>(range);
}

}  // namespace sluice::stream
