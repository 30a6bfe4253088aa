#include "sluice/stream/time/timer_service.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "sluice/stream/state/state_id.h"

namespace sluice::stream {

uint64_t TimerService::Bucket::Hash(std::string_view key, std::string_view ns) const {
  return HashStateId(HashStateKey(key), ns);
}

uint32_t TimerService::Bucket::FindEntry(std::string_view key, std::string_view ns, uint64_t* hash) const {
  if (entries_.size() < kIndexFrom) {
    for (uint32_t i = 0; i < entries_.size(); ++i) {
      if (entries_[i].key_group >= 0 && Equals(entries_[i], key, ns)) return i;
    }
    return FlatIndex::kNone;
  }
  *hash = Hash(key, ns);
  return index_.Find(*hash, [&](uint32_t i) { return Equals(entries_[i], key, ns); });
}

TimerService::Bucket::Entry* TimerService::Bucket::Find(std::string_view key, std::string_view ns) {
  uint64_t hash = 0;
  const uint32_t i = FindEntry(key, ns, &hash);
  return i == FlatIndex::kNone ? nullptr : &entries_[i];
}

bool TimerService::Bucket::Add(std::string_view key, int key_group, std::string_view ns) {
  uint64_t hash = 0;
  if (FindEntry(key, ns, &hash) != FlatIndex::kNone) return false;
  const uint32_t n = static_cast<uint32_t>(entries_.size());
  entries_.push_back(
      Entry{bytes_.size(), static_cast<uint32_t>(key.size()), static_cast<uint32_t>(ns.size()), key_group});
  bytes_.append(key);
  bytes_.append(ns);
  ++live_;
  if (n + 1 == kIndexFrom) {  // the bucket outgrew scanning: index the pending entries
    for (uint32_t i = 0; i <= n; ++i) {
      if (entries_[i].key_group >= 0) index_.Insert(Hash(this->key(entries_[i]), this->ns(entries_[i])), i);
    }
  } else if (n + 1 > kIndexFrom) {
    index_.Insert(hash, n);
  }
  return true;
}

bool TimerService::Bucket::Remove(std::string_view key, std::string_view ns) {
  uint64_t hash = 0;
  const uint32_t i = FindEntry(key, ns, &hash);
  if (i == FlatIndex::kNone || entries_[i].key_group < 0) return false;
  if (entries_.size() >= kIndexFrom) index_.Erase(hash, i);
  entries_[i].key_group = -1;
  --live_;
  return true;
}

void TimerService::Bucket::SortedPending(int key_group, std::vector<std::pair<uint64_t, uint32_t>>* scratch,
                                         std::vector<uint32_t>* out) const {
  // Sorts (first 8 id bytes as a big-endian number, entry) pairs: most
  // comparisons are one integer compare on contiguous memory; only equal
  // prefixes look at the bytes.
  scratch->clear();
  for (uint32_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    if (e.key_group < 0 || (key_group >= 0 && e.key_group != key_group)) continue;
    scratch->emplace_back(Prefix(key(e)), i);
  }
  std::sort(scratch->begin(), scratch->end(), [this](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    const Entry& x = entries_[a.second];
    const Entry& y = entries_[b.second];
    const int c = key(x).compare(key(y));
    return c != 0 ? c < 0 : ns(x) < ns(y);
  });
  out->resize(scratch->size());
  for (size_t i = 0; i < scratch->size(); ++i) (*out)[i] = (*scratch)[i].second;
}

uint64_t TimerService::Bucket::Prefix(std::string_view key) {
  // Zero-padded, so a shorter key that is a prefix of a longer one sorts
  // first or ties (and the tie is broken by the full comparison).
  unsigned char b[8] = {};
  std::memcpy(b, key.data(), std::min<size_t>(8, key.size()));
  uint64_t v = 0;
  for (unsigned char c : b) v = (v << 8) | c;
  return v;
}

void TimerService::Register(TimeDomain domain, int64_t timestamp, std::string_view key, int key_group,
                            std::string_view ns) {
  Queue& q = queue(domain);
  if (q.firing && timestamp == q.firing_ts) {
    const Bucket::Entry* e = q.firing_bucket.Find(key, ns);
    if (e != nullptr && e->key_group >= 0) return;  // pending already
  }
  if (q.buckets[timestamp].Add(key, key_group, ns)) ++q.size;
}

void TimerService::Delete(TimeDomain domain, int64_t timestamp, std::string_view key, std::string_view ns) {
  Queue& q = queue(domain);
  if (q.firing && timestamp == q.firing_ts) {
    Bucket::Entry* e = q.firing_bucket.Find(key, ns);
    if (e != nullptr && e->key_group >= 0) {
      q.firing_bucket.MarkFired(e);
      --q.size;
      return;
    }
  }
  auto it = q.buckets.find(timestamp);
  if (it == q.buckets.end() || !it->second.Remove(key, ns)) return;
  --q.size;
  if (it->second.live() == 0) q.buckets.erase(it);
}

int64_t TimerService::NextTimestamp(TimeDomain domain) const {
  const Queue& q = queue(domain);
  int64_t next = q.buckets.empty() ? kMaxTimestamp : q.buckets.begin()->first;
  if (q.firing && q.firing_bucket.live() > 0) return std::min(next, q.firing_ts);
  return next;
}

Status TimerService::Advance(TimeDomain domain, int64_t time, const FireFn& fire, const AheadFn& ahead) {
  Queue& q = queue(domain);
  Status st;
  while (st.ok() && !q.buckets.empty() && q.buckets.begin()->first <= time) {
    auto node = q.buckets.extract(q.buckets.begin());
    q.firing_ts = node.key();
    q.firing_bucket = std::move(node.mapped());
    q.firing_bucket.SortedPending(-1, &q.sort_scratch, &q.firing_order);
    q.firing = true;
    Timer& t = q.fired;
    const std::vector<uint32_t>& order = q.firing_order;
    std::vector<Bucket::Entry>& entries = q.firing_bucket.entries();
    // The sorted order visits the bucket at random. A pipeline hides the
    // misses: entry pos + 3L is loaded, then the bytes of pos + 2L (its entry
    // is cached by then), and `ahead` hears of pos + L (its bytes are cached).
    const size_t n = order.size();
    const Bucket& b = q.firing_bucket;
    auto step = [&](size_t pos) {
      if (pos + 3 * kLookahead < n) b.PrefetchEntry(order[pos + 3 * kLookahead]);
      if (pos + 2 * kLookahead < n) b.PrefetchBytes(order[pos + 2 * kLookahead]);
      if (ahead && pos + kLookahead < n) {
        const Bucket::Entry& a = entries[order[pos + kLookahead]];
        if (a.key_group >= 0) ahead(b.key(a), a.key_group, b.ns(a));
      }
    };
    // Warm-up: what the steps of positions -3L .. -1 would have done.
    for (size_t k = 0; k < std::min(n, 3 * kLookahead); ++k) b.PrefetchEntry(order[k]);
    for (size_t k = 0; k < std::min(n, 2 * kLookahead); ++k) b.PrefetchBytes(order[k]);
    for (size_t k = 0; ahead && k < std::min(n, kLookahead); ++k) {
      const Bucket::Entry& a = entries[order[k]];
      ahead(b.key(a), a.key_group, b.ns(a));
    }
    for (size_t pos = 0; pos < n; ++pos) {
      step(pos);
      Bucket::Entry& e = entries[order[pos]];
      if (e.key_group < 0) continue;  // deleted by an earlier callback
      t.timestamp = q.firing_ts;
      t.key.assign(q.firing_bucket.key(e));
      t.key_group = e.key_group;
      t.ns.assign(q.firing_bucket.ns(e));
      q.firing_bucket.MarkFired(&e);
      --q.size;
      st = fire(t, domain);
      if (!st.ok()) break;
    }
    q.size -= q.firing_bucket.live();  // left over only after a failure
    q.firing = false;
    q.firing_bucket = Bucket();
  }
  return st;
}

namespace {

void PutString(std::string* out, std::string_view s) {
  uint32_t n = static_cast<uint32_t>(s.size());
  out->append(reinterpret_cast<const char*>(&n), 4);
  out->append(s);
}

bool GetString(std::string_view in, size_t* pos, std::string_view* out) {
  if (in.size() - *pos < 4) return false;
  uint32_t n;
  std::memcpy(&n, in.data() + *pos, 4);
  *pos += 4;
  if (in.size() - *pos < n) return false;
  *out = in.substr(*pos, n);
  *pos += n;
  return true;
}

}  // namespace

void TimerService::SnapshotKeyGroup(int kg, std::string* out) const {
  std::vector<uint32_t> order;  // sorted, so snapshots are deterministic
  std::vector<std::pair<uint64_t, uint32_t>> scratch;
  for (TimeDomain d : {TimeDomain::kEventTime, TimeDomain::kProcessingTime}) {
    for (const auto& [ts, bucket] : queue(d).buckets) {
      bucket.SortedPending(kg, &scratch, &order);
      for (uint32_t i : order) {
        const Bucket::Entry& e = bucket.entries()[i];
        out->push_back(d == TimeDomain::kEventTime ? 'e' : 'p');
        out->append(reinterpret_cast<const char*>(&ts), 8);
        out->append(reinterpret_cast<const char*>(&kg), 4);
        PutString(out, bucket.key(e));
        PutString(out, bucket.ns(e));
      }
    }
  }
}

Status TimerService::RestoreKeyGroup(std::string_view in) {
  size_t pos = 0;
  while (pos < in.size()) {
    char d = in[pos++];
    int64_t ts;
    int kg;
    std::string_view key, ns;
    if ((d != 'e' && d != 'p') || in.size() - pos < 12) return Status::Corrupt("timer snapshot: bad entry at {}", pos);
    std::memcpy(&ts, in.data() + pos, 8);
    std::memcpy(&kg, in.data() + pos + 8, 4);
    pos += 12;
    if (kg < 0) return Status::Corrupt("timer snapshot: negative key group at {}", pos - 4);
    if (!GetString(in, &pos, &key) || !GetString(in, &pos, &ns)) {
      return Status::Corrupt("timer snapshot: truncated at {}", pos);
    }
    Register(d == 'e' ? TimeDomain::kEventTime : TimeDomain::kProcessingTime, ts, key, kg, ns);
  }
  return Status::OK();
}

}  // namespace sluice::stream
