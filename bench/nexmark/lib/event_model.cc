#include "nexmark/lib/event_model.h"

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

namespace {

// 1/k! for k = 0..12, each from the previous by one IEEE division.
struct InverseFactorials {
  double c[13];
  InverseFactorials() {
    c[0] = 1.0;
    for (int k = 1; k <= 12; ++k) c[k] = c[k - 1] / k;
  }
};

}  // namespace

double Pow10(double x) {
  static constexpr double kPowers[] = {1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0};
  static const InverseFactorials inv;
  const double* c = inv.c;
  int k = static_cast<int>(x);
  double f = x - k;
  double y = f * 2.302585092994046 / 16.0;
  // Estrin's scheme (independent products, so the CPU overlaps them).
  double y2 = y * y;
  double y4 = y2 * y2;
  double y8 = y4 * y4;
  double a0 = c[0] + c[1] * y, a1 = c[2] + c[3] * y, a2 = c[4] + c[5] * y;
  double a3 = c[6] + c[7] * y, a4 = c[8] + c[9] * y, a5 = c[10] + c[11] * y;
  double b0 = a0 + a1 * y2, b1 = a2 + a3 * y2, b2 = a4 + a5 * y2;
  double d0 = b0 + b1 * y4, d1 = b2 + c[12] * y4;
  double sum = d0 + d1 * y8;
  for (int i = 0; i < 4; ++i) sum = sum * sum;
  return sum * kPowers[k];
}

void AppendChars(Rng* r, int64_t len, char special, std::string* out) {
  if (len <= 0) return;
  const size_t at = out->size();
  const int64_t words = (len + 7) / 8;
  out->resize(at + static_cast<size_t>(words * 8));
  auto* p = reinterpret_cast<unsigned char*>(out->data() + at);
  // Random bytes first (byte k of a draw is bits 8k..8k+7: little-endian),
  // then one branch-free pass the compiler vectorizes.
  for (int64_t w = 0; w < words; ++w) {
    uint64_t bits = r->Next();
    for (int k = 0; k < 8; ++k) p[w * 8 + k] = static_cast<unsigned char>(bits >> (8 * k));
  }
  const auto sp = static_cast<unsigned char>(special);
  for (int64_t j = 0; j < len; ++j) {
    unsigned b = p[j];
    unsigned q = (b * 2521u) >> 16;  // b / 26 for every byte
    p[j] = b < 20 ? sp : static_cast<unsigned char>('a' + (b - q * 26));
  }
  out->resize(at + static_cast<size_t>(len));
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
