#include "sluice/stream/timer_service.h"

#include <cstring>
#include <vector>

namespace sluice::stream {

Status TimerService::Advance(TimeDomain domain, int64_t time, const FireFn& fire) {
  auto& q = queue(domain);
  while (!q.empty() && q.begin()->timestamp <= time) {
    Timer t = std::move(q.extract(q.begin()).value());
    SLUICE_RETURN_NOT_OK(fire(t, domain));
  }
  return Status::OK();
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
    for (const Timer& t : queue(d)) {
      if (t.key_group != kg) continue;
      out->push_back(d == TimeDomain::kEventTime ? 'e' : 'p');
      out->append(reinterpret_cast<const char*>(&t.timestamp), 8);
      out->append(reinterpret_cast<const char*>(&t.key_group), 4);
      PutString(out, t.key);
      PutString(out, t.ns);
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
