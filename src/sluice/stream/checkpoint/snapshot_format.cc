#include "sluice/stream/checkpoint/snapshot_format.h"

#include <cstring>

namespace sluice::stream::checkpoint {
namespace {

constexpr uint32_t kSnapshotMagic = 0x534c5353;  // "SSLS"
constexpr uint32_t kMetadataMagic = 0x534c434d;  // "MCLS"

class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}
  void U32(uint32_t v) {
    char b[4];
    for (int i = 0; i < 4; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    out_->append(b, 4);
  }
  void I64(int64_t v) {
    U32(static_cast<uint32_t>(static_cast<uint64_t>(v)));
    U32(static_cast<uint32_t>(static_cast<uint64_t>(v) >> 32));
  }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_->append(s);
  }

 private:
  std::string* out_;
};

// Bounds-checked reader: every length is checked against the remaining bytes.
class Reader {
 public:
  Reader(std::string_view in, const char* what) : in_(in), what_(what) {}
  Status U32(uint32_t* v, const char* field) {
    if (in_.size() - pos_ < 4) return Status::Corrupt("{}: truncated at byte {} reading {}", what_, pos_, field);
    *v = 0;
    for (int i = 0; i < 4; ++i) *v |= static_cast<uint32_t>(static_cast<uint8_t>(in_[pos_ + i])) << (8 * i);
    pos_ += 4;
    return Status::OK();
  }
  Status I64(int64_t* v, const char* field) {
    uint32_t lo = 0, hi = 0;
    SLUICE_RETURN_NOT_OK(U32(&lo, field));
    SLUICE_RETURN_NOT_OK(U32(&hi, field));
    *v = static_cast<int64_t>((static_cast<uint64_t>(hi) << 32) | lo);
    return Status::OK();
  }
  Status Str(std::string* s, const char* field) {
    uint32_t n = 0;
    SLUICE_RETURN_NOT_OK(U32(&n, field));
    if (n > in_.size() - pos_) {
      return Status::Corrupt("{}: {} of {} bytes at byte {} exceeds the {} bytes left", what_, field, n, pos_,
                             in_.size() - pos_);
    }
    s->assign(in_.substr(pos_, n));
    pos_ += n;
    return Status::OK();
  }
  // Reads a count of items each at least `min_item_bytes` long.
  Status Count(uint32_t* n, size_t min_item_bytes, const char* field) {
    SLUICE_RETURN_NOT_OK(U32(n, field));
    if (static_cast<uint64_t>(*n) * min_item_bytes > in_.size() - pos_) {
      return Status::Corrupt("{}: {} count {} at byte {} exceeds the remaining bytes", what_, field, *n, pos_ - 4);
    }
    return Status::OK();
  }
  Status Magic(uint32_t expected) {
    uint32_t m = 0;
    SLUICE_RETURN_NOT_OK(U32(&m, "magic"));
    if (m != expected) return Status::Corrupt("{}: bad magic {:#x}", what_, m);
    return Status::OK();
  }
  Status End() {
    if (pos_ != in_.size()) return Status::Corrupt("{}: {} trailing bytes at byte {}", what_, in_.size() - pos_, pos_);
    return Status::OK();
  }

 private:
  std::string_view in_;
  const char* what_;
  size_t pos_ = 0;
};

}  // namespace

std::string EncodeSubtaskSnapshot(const SubtaskSnapshot& s) {
  std::string out;
  Writer w(&out);
  w.U32(kSnapshotMagic);
  w.Str(s.operator_state);
  w.U32(static_cast<uint32_t>(s.splits.size()));
  for (const auto& sp : s.splits) {
    w.Str(sp.id);
    w.Str(sp.position);
  }
  w.U32(static_cast<uint32_t>(s.key_groups.size()));
  for (const auto& kg : s.key_groups) {
    w.U32(static_cast<uint32_t>(kg.key_group));
    w.Str(kg.state);
    w.Str(kg.timers);
  }
  return out;
}

Result<SubtaskSnapshot> DecodeSubtaskSnapshot(std::string_view in) {
  Reader r(in, "subtask snapshot");
  SubtaskSnapshot s;
  SLUICE_RETURN_NOT_OK(r.Magic(kSnapshotMagic));
  SLUICE_RETURN_NOT_OK(r.Str(&s.operator_state, "operator state"));
  uint32_t n = 0;
  SLUICE_RETURN_NOT_OK(r.Count(&n, 8, "split"));
  s.splits.resize(n);
  for (auto& sp : s.splits) {
    SLUICE_RETURN_NOT_OK(r.Str(&sp.id, "split id"));
    SLUICE_RETURN_NOT_OK(r.Str(&sp.position, "split position"));
  }
  SLUICE_RETURN_NOT_OK(r.Count(&n, 12, "key group"));
  s.key_groups.resize(n);
  for (auto& kg : s.key_groups) {
    uint32_t g = 0;
    SLUICE_RETURN_NOT_OK(r.U32(&g, "key group"));
    if (g > (1u << 20)) return Status::Corrupt("subtask snapshot: key group {} out of range", g);
    kg.key_group = static_cast<int>(g);
    SLUICE_RETURN_NOT_OK(r.Str(&kg.state, "key group state"));
    SLUICE_RETURN_NOT_OK(r.Str(&kg.timers, "key group timers"));
  }
  SLUICE_RETURN_NOT_OK(r.End());
  return s;
}

std::string EncodeMetadata(const CheckpointMetadata& m) {
  std::string out;
  Writer w(&out);
  w.U32(kMetadataMagic);
  w.I64(m.checkpoint_id);
  w.U32(m.savepoint ? 1 : 0);
  w.U32(static_cast<uint32_t>(m.files.size()));
  for (const auto& f : m.files) {
    w.Str(f.node);
    w.U32(static_cast<uint32_t>(f.subtask));
    w.U32(static_cast<uint32_t>(f.parallelism));
    w.Str(f.file);
  }
  w.U32(static_cast<uint32_t>(m.sinks.size()));
  for (const auto& s : m.sinks) {
    w.Str(s.node);
    w.U32(static_cast<uint32_t>(s.committables.size()));
    for (const auto& c : s.committables) w.Str(c);
  }
  return out;
}

Result<CheckpointMetadata> DecodeMetadata(std::string_view in) {
  Reader r(in, "checkpoint metadata");
  CheckpointMetadata m;
  SLUICE_RETURN_NOT_OK(r.Magic(kMetadataMagic));
  SLUICE_RETURN_NOT_OK(r.I64(&m.checkpoint_id, "checkpoint id"));
  uint32_t flag = 0, n = 0;
  SLUICE_RETURN_NOT_OK(r.U32(&flag, "savepoint flag"));
  m.savepoint = flag != 0;
  SLUICE_RETURN_NOT_OK(r.Count(&n, 16, "state file"));
  m.files.resize(n);
  for (auto& f : m.files) {
    uint32_t sub = 0, par = 0;
    SLUICE_RETURN_NOT_OK(r.Str(&f.node, "node"));
    SLUICE_RETURN_NOT_OK(r.U32(&sub, "subtask"));
    SLUICE_RETURN_NOT_OK(r.U32(&par, "parallelism"));
    SLUICE_RETURN_NOT_OK(r.Str(&f.file, "file"));
    if (par == 0 || sub >= par || par > (1u << 16)) {
      return Status::Corrupt("checkpoint metadata: subtask {} of parallelism {} for '{}'", sub, par, f.node);
    }
    f.subtask = static_cast<int>(sub);
    f.parallelism = static_cast<int>(par);
    if (f.file.empty() || f.file.find('/') != std::string::npos || f.file[0] == '.') {
      return Status::Corrupt("checkpoint metadata: bad state file name '{}'", f.file);
    }
  }
  SLUICE_RETURN_NOT_OK(r.Count(&n, 8, "sink"));
  m.sinks.resize(n);
  for (auto& s : m.sinks) {
    uint32_t c = 0;
    SLUICE_RETURN_NOT_OK(r.Str(&s.node, "sink node"));
    SLUICE_RETURN_NOT_OK(r.Count(&c, 4, "committable"));
    s.committables.resize(c);
    for (auto& x : s.committables) SLUICE_RETURN_NOT_OK(r.Str(&x, "committable"));
  }
  SLUICE_RETURN_NOT_OK(r.End());
  return m;
}

}  // namespace sluice::stream::checkpoint
