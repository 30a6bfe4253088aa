// q3, q4 and q8 against brute force over the generated events.
#include <map>
#include <set>

#include "nexmark/nexmark_test_util.h"

namespace sluice::nexmark {
namespace {

using columnar::Scalar;
using columnar::Scalars;
using testing::AllEvents;
using testing::ExpectQuery;
using testing::GenerateAll;
using testing::SmallConfig;

TEST(NexmarkQueriesTest, Q3JoinsSellersInOregonIdahoCaliforniaWithCategory10) {
  NexmarkConfig c = SmallConfig();
  AllEvents e = GenerateAll(c);
  std::map<int64_t, const Person*> people;
  for (const Person& p : e.persons) {
    if (p.state == "OR" || p.state == "ID" || p.state == "CA") people[p.id] = &p;
  }
  std::vector<Scalars> want;
  for (const Auction& a : e.auctions) {
    auto it = people.find(a.seller);
    if (a.category == 10 && it != people.end()) {
      want.push_back({it->second->name, it->second->city, it->second->state, a.id});
    }
  }
  EXPECT_GT(ExpectQuery("q3", c, want), 10u);
}

TEST(NexmarkQueriesTest, Q4AveragesWinningBidsPerCategory) {
  NexmarkConfig c = SmallConfig();
  AllEvents e = GenerateAll(c);
  std::map<int64_t, const Auction*> auctions;
  for (const Auction& a : e.auctions) auctions[a.id] = &a;
  std::map<int64_t, int64_t> winning;  // auction -> highest valid price
  for (const Bid& b : e.bids) {
    auto it = auctions.find(b.auction);
    if (it == auctions.end()) continue;
    const Auction& a = *it->second;
    if (b.date_time < a.date_time || b.date_time > a.expires) continue;
    winning[a.id] = std::max(winning[a.id], b.price);
  }
  std::map<int64_t, std::pair<int64_t, int64_t>> per_category;  // sum, count
  for (const auto& [id, price] : winning) {
    auto& [sum, n] = per_category[auctions[id]->category];
    sum += price;
    ++n;
  }
  std::vector<Scalars> want;
  for (const auto& [cat, sc] : per_category) {
    want.push_back({cat, static_cast<double>(sc.first) / static_cast<double>(sc.second)});
  }
  EXPECT_GT(winning.size(), 100u);
  EXPECT_EQ(ExpectQuery("q4", c, want), 5u);
}

TEST(NexmarkQueriesTest, Q8FindsPeopleWithAnAuctionInTheirFirstWindow) {
  NexmarkConfig c = SmallConfig();
  c.window_ms = 2000;  // 15 windows
  AllEvents e = GenerateAll(c);
  std::set<std::pair<int64_t, int64_t>> sellers;  // (seller, window start)
  for (const Auction& a : e.auctions) sellers.insert({a.seller, WindowStart(a.date_time, c.window_ms)});
  std::vector<Scalars> want;
  for (const Person& p : e.persons) {
    int64_t s = WindowStart(p.date_time, c.window_ms);
    if (sellers.count({p.id, s})) want.push_back({p.id, p.name, s});
  }
  size_t n = ExpectQuery("q8", c, want);
  EXPECT_GT(n, 10u);
  EXPECT_LT(n, e.persons.size());
}

}  // namespace
}  // namespace sluice::nexmark
