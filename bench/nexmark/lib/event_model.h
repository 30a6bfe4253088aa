#pragma once

#include <cstdint>
#include <string>

#include "nexmark/lib/config.h"

// The Nexmark event model: which event index is which kind, the id
// arithmetic, and the counter-based random numbers every field is drawn from.
// Event i is a pure function of (seed, i), so any range of indexes can be
// generated alone (splits, restarts) and the Flink side of the benchmark
// (bench/nexmark/flink, Model.java) reproduces every event bit for bit: keep
// the two in step. The proportions, id leads, hot ratios and field sizes are
// those of the Nexmark benchmark; the random number generator and the string
// alphabet are our own (cheap and reproducible in both languages).
namespace sluice::nexmark {

inline constexpr int64_t kPersonProportion = 1;
inline constexpr int64_t kAuctionProportion = 3;
inline constexpr int64_t kBidProportion = 46;
inline constexpr int64_t kTotalProportion = kPersonProportion + kAuctionProportion + kBidProportion;

inline constexpr int64_t kFirstPersonId = 1000;
inline constexpr int64_t kFirstAuctionId = 1000;
inline constexpr int64_t kFirstCategoryId = 10;
inline constexpr int64_t kNumCategories = 5;
inline constexpr int64_t kNumActivePeople = 1000;     // bidders/sellers drawn among the newest people
inline constexpr int64_t kNumInFlightAuctions = 100;  // bids go to the newest auctions
inline constexpr int64_t kPersonIdLead = 10;          // ids may run ahead of the people generated so far
inline constexpr int64_t kAuctionIdLead = 10;
inline constexpr int64_t kHotAuctionRatio = 2;  // 1 - 1/2 of bids go to a hot auction
inline constexpr int64_t kHotSellerRatio = 4;   // 1 - 1/4 of auctions have a hot seller
inline constexpr int64_t kHotBidderRatio = 4;   // 1 - 1/4 of bids come from a hot bidder
inline constexpr int64_t kHotChannelRatio = 2;  // 1 - 1/2 of bids come from a hot channel
inline constexpr int64_t kHotGroup = 100;       // hot ids are multiples of 100 (bidders: + 1)
inline constexpr int kAvgPersonBytes = 200;
inline constexpr int kAvgAuctionBytes = 500;
inline constexpr int kAvgBidBytes = 100;
inline constexpr int kNumChannels = 10000;

enum class EventKind { kPerson = 0, kAuction = 1, kBid = 2 };

// The kind of event `event` (by its index modulo the total proportion).
inline EventKind KindOf(int64_t event) {
  int64_t off = event % kTotalProportion;
  if (off < kPersonProportion) return EventKind::kPerson;
  return off < kPersonProportion + kAuctionProportion ? EventKind::kAuction : EventKind::kBid;
}
// The first index >= `event` whose kind is `kind`.
int64_t NextEventOfKind(int64_t event, EventKind kind);
// Number of events of `kind` among indexes [0, n).
int64_t CountOfKind(int64_t n, EventKind kind);
// 0-based id of the last person generated at or before `event`.
int64_t LastBase0PersonId(int64_t event);
// 0-based id of the last auction generated at or before `event` (-1 before the first).
int64_t LastBase0AuctionId(int64_t event);
// Event time of `event` in milliseconds.
inline int64_t EventTimestamp(const NexmarkConfig& c, int64_t event) {
  return c.base_time_ms + event * 1000 / c.events_per_second;
}

// splitmix64 over a counter started from (seed, index, stream):
//   state = seed * G ^ index * C1 ^ stream * C2;  Next(): state += G, return mix(state)
class Rng {
 public:
  Rng(uint64_t seed, int64_t index, uint64_t stream)
      : state_(seed * 0x9E3779B97F4A7C15ULL ^ static_cast<uint64_t>(index) * 0xC2B2AE3D27D4EB4FULL ^
               stream * 0x165667B19E3779F9ULL) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n) for n in [1, 2^31] (the high 32 bits scaled by n).
  int64_t NextInt(int64_t n) { return static_cast<int64_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32); }
  // Uniform in [0, 1) with 53 random bits.
  double NextDouble() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

// Random streams: events draw from stream 0 at their index, channel URLs from
// stream 1 at the channel number.
inline constexpr uint64_t kEventStream = 0;
inline constexpr uint64_t kChannelStream = 1;

// 10^x for x in [0, 7) with a fixed sequence of IEEE operations (so Java
// computes the same bits): y = (x - floor(x)) * ln10 / 16, e^y by its Taylor
// polynomial of degree 12 (coefficients 1/k!, each the previous divided by k)
// in Estrin's scheme, squared 4 times, times 10^floor(x).
double Pow10(double x);
// A price in cents, log-uniform in [100, 10^8].
inline int64_t NextPrice(Rng* r) {
  double p = Pow10(r->NextDouble() * 6.0) * 100.0;
  return static_cast<int64_t>(p + 0.5);  // p >= 100: truncation is floor
}
// Appends `len` characters: one random byte each (8 per draw); bytes < 20
// give `special`, the others 'a' + byte % 26.
void AppendChars(Rng* r, int64_t len, char special, std::string* out);
// Appends 3 .. max_len-1 random characters.
inline void AppendString(Rng* r, int64_t max_len, char special, std::string* out) {
  AppendChars(r, 3 + r->NextInt(max_len - 3), special, out);
}
// Sets `out` to padding that brings a record of `current` bytes to about
// `avg` bytes (+-20%); empty when it is already larger.
void NextExtra(Rng* r, int64_t current, int64_t avg, std::string* out);
// A 0-based person id for a seller or bidder at `event`: one of the newest
// kNumActivePeople people, or up to kPersonIdLead ahead.
int64_t NextBase0PersonId(Rng* r, int64_t event);
// A 0-based auction id for a bid at `event`: one of the newest in-flight
// auctions, or up to kAuctionIdLead ahead.
int64_t NextBase0AuctionId(Rng* r, int64_t event);

}  // namespace sluice::nexmark
