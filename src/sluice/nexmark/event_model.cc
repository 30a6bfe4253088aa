#include "sluice/nexmark/event_model.h"

#include <algorithm>

namespace sluice::nexmark {

int64_t NextEventOfKind(int64_t event, EventKind kind) {
  int64_t epoch = event / kTotalProportion;
  int64_t off = event % kTotalProportion;
  int64_t lo = 0, hi = kPersonProportion;  // offsets [lo, hi) of `kind` in an epoch
  if (kind == EventKind::kAuction) {
    lo = kPersonProportion;
    hi = kPersonProportion + kAuctionProportion;
  } else if (kind == EventKind::kBid) {
    lo = kPersonProportion + kAuctionProportion;
    hi = kTotalProportion;
  }
  if (off < lo) return epoch * kTotalProportion + lo;
  if (off < hi) return event;
  return (epoch + 1) * kTotalProportion + lo;
}

int64_t CountOfKind(int64_t n, EventKind kind) {
  int64_t lo = 0, per = kPersonProportion;
  if (kind == EventKind::kAuction) {
    lo = kPersonProportion;
    per = kAuctionProportion;
  } else if (kind == EventKind::kBid) {
    lo = kPersonProportion + kAuctionProportion;
    per = kBidProportion;
  }
  int64_t epochs = n / kTotalProportion;
  int64_t rest = n % kTotalProportion;
  return epochs * per + std::clamp<int64_t>(rest - lo, 0, per);
}

int64_t LastBase0PersonId(int64_t event) {
  int64_t epoch = event / kTotalProportion;
  int64_t off = event % kTotalProportion;
  if (off >= kPersonProportion) off = kPersonProportion - 1;
  return epoch * kPersonProportion + off;
}

int64_t LastBase0AuctionId(int64_t event) {
  int64_t epoch = event / kTotalProportion;
  int64_t off = event % kTotalProportion;
  if (off < kPersonProportion) {
    --epoch;
    off = kAuctionProportion - 1;
  } else if (off >= kPersonProportion + kAuctionProportion) {
    off = kAuctionProportion - 1;
  } else {
    off -= kPersonProportion;
  }
  return epoch * kAuctionProportion + off;
}

double Pow10(double x) {
  static constexpr double kPowers[] = {1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0};
  int k = static_cast<int>(x);
  double f = x - k;
  double y = f * 2.302585092994046 / 16.0;
  double term = 1.0;
  double sum = 1.0;
  for (int i = 1; i <= 12; ++i) {
    term = term * y / i;
    sum += term;
  }
  for (int i = 0; i < 4; ++i) sum = sum * sum;
  return sum * kPowers[k];
}

void AppendChars(Rng* r, int64_t len, char special, std::string* out) {
  size_t at = out->size();
  out->resize(at + static_cast<size_t>(len));
  char* p = out->data() + at;
  uint64_t bits = 0;
  for (int64_t j = 0; j < len; ++j) {
    if ((j & 7) == 0) bits = r->Next();
    auto b = static_cast<unsigned>(bits & 0xff);
    bits >>= 8;
    p[j] = b < 20 ? special : static_cast<char>('a' + b % 26);
  }
}

void NextExtra(Rng* r, int64_t current, int64_t avg, std::string* out) {
  out->clear();
  if (current > avg) return;
  int64_t desired = avg - current;
  int64_t delta = (desired + 2) / 5;  // about 20%
  int64_t size = desired - delta + (delta == 0 ? 0 : r->NextInt(2 * delta));
  AppendChars(r, size, ' ', out);
}

int64_t NextBase0PersonId(Rng* r, int64_t event) {
  int64_t people = LastBase0PersonId(event) + 1;
  int64_t active = std::min(people, kNumActivePeople);
  return people - active + r->NextInt(active + kPersonIdLead);
}

int64_t NextBase0AuctionId(Rng* r, int64_t event) {
  int64_t last = LastBase0AuctionId(event);
  int64_t lo = std::max<int64_t>(last - kNumInFlightAuctions, 0);
  return lo + r->NextInt(last - lo + 1 + kAuctionIdLead);
}

}  // namespace sluice::nexmark
