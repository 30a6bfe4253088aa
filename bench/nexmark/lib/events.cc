#include "nexmark/lib/events.h"

#include <algorithm>

namespace sluice::nexmark {
namespace {

constexpr std::string_view kFirstNames[] = {"Peter", "Paul",  "Luke",  "John",   "Saul",  "Vicky",
                                            "Kate",  "Julie", "Sarah", "Deiter", "Walter"};
constexpr std::string_view kLastNames[] = {"Shultz", "Abrams", "Spencer", "White", "Bartels",
                                           "Walton", "Smith",  "Jones",   "Noris"};
constexpr std::string_view kCities[] = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland",
                                        "Bend",    "Redmond",     "Seattle",       "Kent",  "Cheyenne"};
constexpr std::string_view kStates[] = {"AZ", "CA", "ID", "OR", "WA", "WY"};
constexpr std::string_view kHotChannels[] = {"Google", "Facebook", "Baidu", "Apple"};
constexpr std::string_view kHotUrls[] = {
    "https://www.nexmark.com/google/item.htm?query=1", "https://www.nexmark.com/facebook/item.htm?query=1",
    "https://www.nexmark.com/baidu/item.htm?query=1", "https://www.nexmark.com/apple/item.htm?query=1"};

template <size_t N>
std::string_view Pick(Rng* r, const std::string_view (&names)[N]) {
  return names[r->NextInt(static_cast<int64_t>(N))];
}

void AppendDigits4(int64_t v, std::string* out) {
  char d[4] = {static_cast<char>('0' + v / 1000), static_cast<char>('0' + v / 100 % 10),
               static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)};
  out->append(d, 4);
}

}  // namespace

ChannelTable::ChannelTable(uint64_t seed) {
  channels_.reserve(kNumChannels);
  urls_.reserve(kNumChannels);
  for (int n = 0; n < kNumChannels; ++n) {
    Rng r(seed, n, kChannelStream);
    channels_.push_back("channel-" + std::to_string(n));
    std::string url = "https://www.nexmark.com/";
    for (int part = 0; part < 3; ++part) {
      AppendString(&r, 5, '_', &url);
      url += '/';
    }
    url += "item.htm?query=1&channel_id=" + std::to_string(n);
    urls_.push_back(std::move(url));
  }
}

void GeneratePerson(const NexmarkConfig& c, int64_t event, Person* p) {
  Rng r(c.seed, event, kEventStream);
  p->id = LastBase0PersonId(event) + kFirstPersonId;
  p->name.assign(Pick(&r, kFirstNames));
  p->name += ' ';
  p->name += Pick(&r, kLastNames);
  p->email_address.clear();
  AppendString(&r, 7, ' ', &p->email_address);
  p->email_address += '@';
  AppendString(&r, 5, ' ', &p->email_address);
  p->email_address += ".com";
  p->credit_card.clear();
  for (int g = 0; g < 4; ++g) {
    if (g > 0) p->credit_card += ' ';
    AppendDigits4(r.NextInt(10000), &p->credit_card);
  }
  p->city.assign(Pick(&r, kCities));
  p->state.assign(Pick(&r, kStates));
  p->date_time = EventTimestamp(c, event);
  int64_t size = 8 + static_cast<int64_t>(p->name.size() + p->email_address.size() + p->credit_card.size() +
                                          p->city.size() + p->state.size());
  NextExtra(&r, size, kAvgPersonBytes, &p->extra);
}

void GenerateAuction(const NexmarkConfig& c, int64_t event, Auction* a) {
  Rng r(c.seed, event, kEventStream);
  a->id = LastBase0AuctionId(event) + kFirstAuctionId;
  int64_t seller =
      r.NextInt(kHotSellerRatio) > 0 ? LastBase0PersonId(event) / kHotGroup * kHotGroup : NextBase0PersonId(&r, event);
  a->seller = seller + kFirstPersonId;
  a->category = kFirstCategoryId + r.NextInt(kNumCategories);
  a->initial_bid = NextPrice(&r);
  a->date_time = EventTimestamp(c, event);
  // Auctions stay open for up to twice the time until kNumInFlightAuctions
  // more auctions have been generated.
  int64_t events_ahead = kNumInFlightAuctions * kTotalProportion / kAuctionProportion;
  int64_t horizon = EventTimestamp(c, event + events_ahead) - a->date_time;
  a->expires = a->date_time + 1 + r.NextInt(std::clamp<int64_t>(horizon * 2, 1, int64_t{1} << 31));
  a->item_name.clear();
  AppendString(&r, 20, ' ', &a->item_name);
  a->description.clear();
  AppendString(&r, 100, ' ', &a->description);
  a->reserve = a->initial_bid + NextPrice(&r);
  int64_t size = 8 + static_cast<int64_t>(a->item_name.size() + a->description.size()) + 8 * 5;
  NextExtra(&r, size, kAvgAuctionBytes, &a->extra);
}

void GenerateBid(const NexmarkConfig& c, const ChannelTable& channels, int64_t event, Bid* b) {
  Rng r(c.seed, event, kEventStream);
  int64_t auction = r.NextInt(kHotAuctionRatio) > 0 ? LastBase0AuctionId(event) / kHotGroup * kHotGroup
                                                    : NextBase0AuctionId(&r, event);
  b->auction = auction + kFirstAuctionId;
  int64_t bidder = r.NextInt(kHotBidderRatio) > 0 ? LastBase0PersonId(event) / kHotGroup * kHotGroup + 1
                                                  : NextBase0PersonId(&r, event);
  b->bidder = bidder + kFirstPersonId;
  b->price = NextPrice(&r);
  if (r.NextInt(kHotChannelRatio) > 0) {
    int64_t i = r.NextInt(4);
    b->channel = kHotChannels[i];
    b->url = kHotUrls[i];
  } else {
    int64_t n = r.NextInt(kNumChannels);
    b->channel = channels.channel(n);
    b->url = channels.url(n);
  }
  b->date_time = EventTimestamp(c, event);
  NextExtra(&r, 32, kAvgBidBytes, &b->extra);
}

}  // namespace sluice::nexmark
