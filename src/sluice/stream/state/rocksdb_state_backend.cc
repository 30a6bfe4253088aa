#include "sluice/stream/state/rocksdb_state_backend.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>

namespace sluice::stream {
namespace {

std::atomic<int64_t> g_db_counter{0};

// Keyed state in one RocksDB database per operator subtask. Every key starts
// with the key group (big-endian, so one group is one contiguous range) and
// the state id; then len(key) + key + namespace. A value/list/map entry is
// stored as one RocksDB value in the encoding the snapshots use, so snapshots
// of the two backends are interchangeable.
class RocksDbStateBackend final : public KeyedStateBackend {
 public:
  RocksDbStateBackend(KeyGroupRange range, std::string dir) : range_(range), dir_(std::move(dir)) {}
  ~RocksDbStateBackend() override {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  Status Open(const RocksDbOptions& o) {
    rocksdb::Options opts;
    opts.create_if_missing = true;
    opts.error_if_exists = false;
    opts.write_buffer_size = static_cast<size_t>(o.write_buffer_bytes);
    opts.max_write_buffer_number = 2;
    opts.max_open_files = 256;
    opts.max_background_jobs = 2;
    opts.target_file_size_base = 16 << 20;
    rocksdb::BlockBasedTableOptions t;
    t.block_cache = rocksdb::NewLRUCache(static_cast<size_t>(o.block_cache_bytes));
    t.cache_index_and_filter_blocks = true;
    t.pin_l0_filter_and_index_blocks_in_cache = true;
    // Most lookups of a first-seen key miss: bloom filters keep them off the disk.
    t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    opts.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
    rocksdb::DB* db = nullptr;
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    std::filesystem::create_directories(dir_, ec);
    rocksdb::Status s = rocksdb::DB::Open(opts, dir_, &db);
    if (!s.ok()) return Status::IOError("rocksdb open {}: {}", dir_, s.ToString());
    db_.reset(db);
    write_.disableWAL = true;  // durability comes from checkpoints
    return Status::OK();
  }

  Result<int> Register(std::string_view name, StateKind kind) override {
    for (size_t i = 0; i < states_.size(); ++i) {
      if (states_[i].first == name) {
        if (states_[i].second != kind) return Status::Invalid("state '{}' registered with two kinds", name);
        return static_cast<int>(i);
      }
    }
    if (states_.size() >= 65535) return Status::Invalid("too many states");
    states_.emplace_back(std::string(name), kind);
    return static_cast<int>(states_.size() - 1);
  }

  void SetCurrentKey(std::string_view key, int key_group) override {
    key_.assign(key);
    key_group_ = key_group;
  }
  std::string_view current_key() const override { return key_; }
  int current_key_group() const override { return key_group_; }

  std::optional<Scalar> GetValue(int state, std::string_view ns) override {
    if (!Load(state, ns)) return std::nullopt;
    Scalar v;
    size_t pos = 0;
    if (!Scalar::DecodeFrom(scratch_, &pos, &v)) return std::nullopt;
    return v;
  }
  void PutValue(int state, std::string_view ns, Scalar v) override {
    scratch_.clear();
    v.EncodeTo(&scratch_);
    Store(state, ns);
  }
  Scalars GetList(int state, std::string_view ns) override {
    Scalars out;
    size_t pos = 0;
    if (Load(state, ns) && !DecodeScalars(scratch_, &pos, &out)) out.clear();
    return out;
  }
  void PutList(int state, std::string_view ns, Scalars v) override {
    scratch_.clear();
    EncodeScalars(v, &scratch_);
    Store(state, ns);
  }
  void AddToList(int state, std::string_view ns, Scalar v) override {
    Scalars l = GetList(state, ns);
    l.push_back(std::move(v));
    PutList(state, ns, std::move(l));
  }
  Scalars* MutableList(int, std::string_view) override { return nullptr; }
  std::optional<Scalar> GetMapEntry(int state, std::string_view ns, const Scalar& key) override {
    Scalars flat = GetList(state, ns);
    for (size_t i = 0; i + 1 < flat.size(); i += 2) {
      if (flat[i] == key) return flat[i + 1];
    }
    return std::nullopt;
  }
  void PutMapEntry(int state, std::string_view ns, Scalar key, Scalar v) override {
    Scalars flat = GetList(state, ns);
    size_t i = 0;
    while (i + 1 < flat.size() && flat[i] < key) i += 2;
    if (i + 1 < flat.size() && flat[i] == key) {
      flat[i + 1] = std::move(v);
    } else {
      flat.insert(flat.begin() + static_cast<std::ptrdiff_t>(i), {std::move(key), std::move(v)});
    }
    PutList(state, ns, std::move(flat));
  }
  void RemoveMapEntry(int state, std::string_view ns, const Scalar& key) override {
    Scalars flat = GetList(state, ns);
    for (size_t i = 0; i + 1 < flat.size(); i += 2) {
      if (flat[i] == key) {
        flat.erase(flat.begin() + static_cast<std::ptrdiff_t>(i), flat.begin() + static_cast<std::ptrdiff_t>(i) + 2);
        if (flat.empty()) {
          Clear(state, ns);
        } else {
          PutList(state, ns, std::move(flat));
        }
        return;
      }
    }
  }
  std::vector<std::pair<Scalar, Scalar>> GetMapEntries(int state, std::string_view ns) override {
    Scalars flat = GetList(state, ns);
    std::vector<std::pair<Scalar, Scalar>> out;
    for (size_t i = 0; i + 1 < flat.size(); i += 2) out.emplace_back(flat[i], flat[i + 1]);
    return out;
  }
  void Clear(int state, std::string_view ns) override {
    MakeKey(key_group_, state, ns);
    db_->Delete(write_, rk_);
  }

  void ForEachEntry(int state, const std::function<void(std::string_view, int, std::string_view)>& fn) const override {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      rocksdb::Slice k = it->key();
      if (k.size() < 8) continue;
      const auto* b = reinterpret_cast<const uint8_t*>(k.data());
      int kg = (b[0] << 8) | b[1];
      int s = (b[2] << 8) | b[3];
      if (s != state) continue;
      uint32_t n;
      std::memcpy(&n, k.data() + 4, 4);
      std::string_view id(k.data() + 8, k.size() - 8);
      fn(id.substr(0, n), kg, id.substr(n));
    }
  }

  Status SnapshotKeyGroup(int kg, std::string* out) const override {
    if (!range_.Contains(kg)) return Status::OutOfRange("key group {} not in [{}, {})", kg, range_.start, range_.end);
    std::string prefix = {static_cast<char>(kg >> 8), static_cast<char>(kg & 0xff)};
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      rocksdb::Slice k = it->key();
      const auto* b = reinterpret_cast<const uint8_t*>(k.data());
      size_t s = (static_cast<size_t>(b[2]) << 8) | b[3];
      if (s >= states_.size()) return Status::Corrupt("rocksdb state: unknown state id {}", s);
      Scalar(states_[s].first).EncodeTo(out);
      Scalar(std::string_view(k.data() + 4, k.size() - 4)).EncodeTo(out);
      out->append(it->value().data(), it->value().size());
    }
    if (!it->status().ok()) return Status::IOError("rocksdb snapshot: {}", it->status().ToString());
    return Status::OK();
  }

  Status RestoreKeyGroup(int kg, std::string_view in) override {
    if (!range_.Contains(kg)) return Status::OutOfRange("key group {} not in [{}, {})", kg, range_.start, range_.end);
    size_t pos = 0;
    rocksdb::WriteBatch batch;
    while (pos < in.size()) {
      Scalar name, id;
      if (!Scalar::DecodeFrom(in, &pos, &name) || !Scalar::DecodeFrom(in, &pos, &id) || !name.is_string() ||
          !id.is_string()) {
        return Status::Corrupt("state snapshot of key group {}: bad entry header at byte {}", kg, pos);
      }
      int s = -1;
      for (size_t i = 0; i < states_.size(); ++i) {
        if (states_[i].first == name.string_value()) s = static_cast<int>(i);
      }
      if (s < 0) return Status::NotFound("state snapshot names unregistered state '{}'", name.string_value());
      size_t start = pos;
      bool ok;
      if (states_[s].second == StateKind::kValue) {
        Scalar v;
        ok = Scalar::DecodeFrom(in, &pos, &v);
      } else {
        Scalars v;
        ok = DecodeScalars(in, &pos, &v);
      }
      if (!ok) return Status::Corrupt("state snapshot of key group {}: bad value at byte {}", kg, start);
      std::string k = {static_cast<char>(kg >> 8), static_cast<char>(kg & 0xff), static_cast<char>(s >> 8),
                       static_cast<char>(s & 0xff)};
      k += id.string_value();
      batch.Put(k, rocksdb::Slice(in.data() + start, pos - start));
    }
    rocksdb::Status st = db_->Write(write_, &batch);
    if (!st.ok()) return Status::IOError("rocksdb restore: {}", st.ToString());
    return Status::OK();
  }

 private:
  void MakeKey(int kg, int state, std::string_view ns) {
    rk_.clear();
    rk_.push_back(static_cast<char>(kg >> 8));
    rk_.push_back(static_cast<char>(kg & 0xff));
    rk_.push_back(static_cast<char>(state >> 8));
    rk_.push_back(static_cast<char>(state & 0xff));
    uint32_t n = static_cast<uint32_t>(key_.size());
    rk_.append(reinterpret_cast<const char*>(&n), 4);
    rk_.append(key_);
    rk_.append(ns);
  }
  bool Load(int state, std::string_view ns) {
    MakeKey(key_group_, state, ns);
    return db_->Get(rocksdb::ReadOptions(), rk_, &scratch_).ok();
  }
  void Store(int state, std::string_view ns) {
    MakeKey(key_group_, state, ns);
    db_->Put(write_, rk_, scratch_);
  }

  KeyGroupRange range_;
  std::string dir_;
  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::WriteOptions write_;
  std::vector<std::pair<std::string, StateKind>> states_;
  std::string key_;
  int key_group_ = 0;
  std::string rk_;       // scratch: the RocksDB key of the last access
  std::string scratch_;  // scratch: the value of the last access
};

}  // namespace

Result<std::unique_ptr<KeyedStateBackend>> MakeRocksDbStateBackend(KeyGroupRange range, const RocksDbOptions& options,
                                                                   const std::string& instance) {
  std::string base = options.dir.empty() ? std::filesystem::temp_directory_path().string() : options.dir;
  std::string safe;
  for (char c : instance) safe += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  std::string dir =
      base + "/sluice-rocksdb-" + std::to_string(::getpid()) + "-" + std::to_string(g_db_counter++) + "-" + safe;
  auto backend = std::make_unique<RocksDbStateBackend>(range, dir);
  SLUICE_RETURN_NOT_OK(backend->Open(options));
  return std::unique_ptr<KeyedStateBackend>(std::move(backend));
}

}  // namespace sluice::stream
