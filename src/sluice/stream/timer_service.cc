#include "sluice/stream/timer_service.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace sluice::stream {

std::pair<TimerService::Id, int>* TimerService::Queue::FindFiring(const Id& id) {
  if (!firing || firing_pos + 1 >= firing_list.size()) return nullptr;
  auto it = std::lower_bound(firing_list.begin() + static_cast<ptrdiff_t>(firing_pos) + 1, firing_list.end(), id,
                             [](const std::pair<Id, int>& e, const Id& v) { return e.first < v; });
  if (it == firing_list.end() || !(it->first == id) || it->second < 0) return nullptr;
  return &*it;
}

void TimerService::Register(TimeDomain domain, Timer t) {
  Queue& q = queue(domain);
  Id id{std::move(t.key), std::move(t.ns)};
  if (q.firing && t.timestamp == q.firing_ts && q.FindFiring(id) != nullptr) return;  // pending already
  if (q.buckets[t.timestamp].try_emplace(std::move(id), t.key_group).second) ++q.size;
}

void TimerService::Delete(TimeDomain domain, const Timer& t) {
  Queue& q = queue(domain);
  Id id{t.key, t.ns};
  if (q.firing && t.timestamp == q.firing_ts) {
    if (auto* e = q.FindFiring(id)) {
      e->second = -1;
      --q.size;
      return;
    }
  }
  auto it = q.buckets.find(t.timestamp);
  if (it == q.buckets.end() || it->second.erase(id) == 0) return;
  --q.size;
  if (it->second.empty()) q.buckets.erase(it);
}

int64_t TimerService::NextTimestamp(TimeDomain domain) const {
  const Queue& q = queue(domain);
  int64_t next = q.buckets.empty() ? kMaxTimestamp : q.buckets.begin()->first;
  if (q.firing) {
    for (size_t i = q.firing_pos; i < q.firing_list.size(); ++i) {
      if (q.firing_list[i].second >= 0) return std::min(next, q.firing_ts);
    }
  }
  return next;
}

Status TimerService::Advance(TimeDomain domain, int64_t time, const FireFn& fire) {
  Queue& q = queue(domain);
  Status st;
  while (st.ok() && !q.buckets.empty() && q.buckets.begin()->first <= time) {
    auto node = q.buckets.extract(q.buckets.begin());
    Bucket& bucket = node.mapped();
    q.firing_list.clear();
    q.firing_list.reserve(bucket.size());
    while (!bucket.empty()) {
      auto entry = bucket.extract(bucket.begin());
      q.firing_list.emplace_back(std::move(entry.key()), entry.mapped());
    }
    std::sort(q.firing_list.begin(), q.firing_list.end(),
              [](const std::pair<Id, int>& a, const std::pair<Id, int>& b) { return a.first < b.first; });
    q.firing = true;
    q.firing_ts = node.key();
    for (q.firing_pos = 0; q.firing_pos < q.firing_list.size(); ++q.firing_pos) {
      auto& [id, kg] = q.firing_list[q.firing_pos];
      if (kg < 0) continue;  // deleted by an earlier callback
      Timer t{q.firing_ts, std::move(id.key), kg, std::move(id.ns)};
      kg = -1;
      --q.size;
      st = fire(t, domain);
      if (!st.ok()) break;
    }
    for (size_t i = q.firing_pos; i < q.firing_list.size(); ++i) {
      if (q.firing_list[i].second >= 0) --q.size;  // left over only after a failure
    }
    q.firing = false;
    q.firing_list.clear();
  }
  return st;
}

namespace {

void PutString(std::string* out, std::string_view s) {
  uint32_t n = static_cast<uint32_t>(s.size());
  out->append(reinterpret_cast<const char*>(&n), 4);
  out->append(s);
}

bool GetString(std::string_view in, size_t* pos, std::string* out) {
  if (in.size() - *pos < 4) return false;
  uint32_t n;
  std::memcpy(&n, in.data() + *pos, 4);
  *pos += 4;
  if (in.size() - *pos < n) return false;
  out->assign(in.substr(*pos, n));
  *pos += n;
  return true;
}

}  // namespace

void TimerService::SnapshotKeyGroup(int kg, std::string* out) const {
  for (TimeDomain d : {TimeDomain::kEventTime, TimeDomain::kProcessingTime}) {
    for (const auto& [ts, bucket] : queue(d).buckets) {
      std::vector<const Id*> ids;  // sorted, so snapshots are deterministic
      for (const auto& [id, group] : bucket) {
        if (group == kg) ids.push_back(&id);
      }
      std::sort(ids.begin(), ids.end(), [](const Id* a, const Id* b) { return *a < *b; });
      for (const Id* id : ids) {
        out->push_back(d == TimeDomain::kEventTime ? 'e' : 'p');
        out->append(reinterpret_cast<const char*>(&ts), 8);
        out->append(reinterpret_cast<const char*>(&kg), 4);
        PutString(out, id->key);
        PutString(out, id->ns);
      }
    }
  }
}

Status TimerService::RestoreKeyGroup(std::string_view in) {
  size_t pos = 0;
  while (pos < in.size()) {
    char d = in[pos++];
    Timer t;
    if ((d != 'e' && d != 'p') || in.size() - pos < 12) return Status::Corrupt("timer snapshot: bad entry at {}", pos);
    std::memcpy(&t.timestamp, in.data() + pos, 8);
    std::memcpy(&t.key_group, in.data() + pos + 8, 4);
    pos += 12;
    if (!GetString(in, &pos, &t.key) || !GetString(in, &pos, &t.ns)) {
      return Status::Corrupt("timer snapshot: truncated at {}", pos);
    }
    Register(d == 'e' ? TimeDomain::kEventTime : TimeDomain::kProcessingTime, std::move(t));
  }
  return Status::OK();
}

}  // namespace sluice::stream
