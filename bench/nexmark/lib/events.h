#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nexmark/lib/config.h"
#include "nexmark/lib/event_model.h"

namespace sluice::nexmark {

// The three Nexmark records. Generators fill a caller-owned record so its
// strings keep their capacity from one event to the next (no allocation per
// event once warm).
struct Person {
  int64_t id = 0;
  std::string name;
  std::string email_address;
  std::string credit_card;
  std::string city;
  std::string state;
  int64_t date_time = 0;
  std::string extra;
};

struct Auction {
  int64_t id = 0;
  std::string item_name;
  std::string description;
  int64_t initial_bid = 0;
  int64_t reserve = 0;
  int64_t date_time = 0;
  int64_t expires = 0;
  int64_t seller = 0;
  int64_t category = 0;
  std::string extra;
};

struct Bid {
  int64_t auction = 0;
  int64_t bidder = 0;
  int64_t price = 0;
  // Borrowed from the ChannelTable (or a hot channel constant).
  std::string_view channel;
  std::string_view url;
  int64_t date_time = 0;
  std::string extra;
};

// The 10,000 channels bids come from besides the hot ones: "channel-<n>" and
// a URL drawn from random stream kChannelStream at n.
class ChannelTable {
 public:
  explicit ChannelTable(uint64_t seed);
  std::string_view channel(int64_t n) const { return channels_[static_cast<size_t>(n)]; }
  std::string_view url(int64_t n) const { return urls_[static_cast<size_t>(n)]; }

 private:
  std::vector<std::string> channels_;
  std::vector<std::string> urls_;
};

// Generates event `event` (which must be of the record's kind). The random
// draws happen in the order the fields are listed here:
//   person:  name (first, last), email (local, domain), credit card (4 groups),
//            city, state, extra
//   auction: seller (hot?, id), category, initial bid, expires, item name,
//            description, reserve (initial bid + price), extra
//   bid:     auction (hot?, id), bidder (hot?, id), price, channel (hot?,
//            which), extra
void GeneratePerson(const NexmarkConfig& c, int64_t event, Person* out);
void GenerateAuction(const NexmarkConfig& c, int64_t event, Auction* out);
void GenerateBid(const NexmarkConfig& c, const ChannelTable& channels, int64_t event, Bid* out);

}  // namespace sluice::nexmark
