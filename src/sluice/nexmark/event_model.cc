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

namespace {

// 1/k! for k = 0..12, each from the previous by one IEEE division.
struct InverseFactorials {
  double c[13];
  InverseFactorials() {
    c[0] = 1.0;
    for (int k = 1; k <= 12; ++k) c[k] = c[k - 1] / k;
  }
};

// Byte -> character: bytes < 20 are `special`, the others 'a' + byte % 26.
struct CharTable {
  char c[256];
  explicit CharTable(char special) {
    for (int b = 0; b < 256; ++b) c[b] = b < 20 ? special : static_cast<char>('a' + b % 26);
  }
};

}  // namespace

double Pow10(double x) {
  static constexpr double kPowers[] = {1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0};
  static const InverseFactorials inv;
  int k = static_cast<int>(x);
  double f = x - k;
  double y = f * 2.302585092994046 / 16.0;
  double sum = inv.c[12];
  for (int i = 11; i >= 0; --i) sum = sum * y + inv.c[i];
  for (int i = 0; i < 4; ++i) sum = sum * sum;
  return sum * kPowers[k];
}

void AppendChars(Rng* r, int64_t len, char special, std::string* out) {
  size_t at = out->size();
  out->resize(at + static_cast<size_t>(len));
  char* p = out->data() + at;
  static const CharTable spaces(' '), underscores('_');
  const char* table = special == '_' ? underscores.c : special == ' ' ? spaces.c : nullptr;
  if (table == nullptr) {
    // Other special characters are not used by the generator; kept general.
    static thread_local CharTable other(special);
    if (other.c[0] != special) other = CharTable(special);
    table = other.c;
  }
  int64_t j = 0;
  for (; j + 8 <= len; j += 8) {
    uint64_t bits = r->Next();
    for (int k = 0; k < 8; ++k) p[j + k] = table[(bits >> (8 * k)) & 0xff];
  }
  if (j < len) {
    uint64_t bits = r->Next();
    for (int k = 0; j < len; ++j, ++k) p[j] = table[(bits >> (8 * k)) & 0xff];
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
