#include "sluice/stream/state/state_table.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "sluice/stream/state/flat_index.h"
#include "sluice/stream/state/slab.h"
#include "sluice/stream/state/state_id.h"

namespace sluice::stream {
namespace {

// prefix + i, built by appending (g++ 12 warns falsely on "literal" + std::string).
std::string Name(std::string prefix, int64_t i) {
  prefix += std::to_string(i);
  return prefix;
}

// Random inserts, finds and erases against std::unordered_map, with hashes
// squeezed into few distinct tags and homes so that probe runs are long,
// wrap around the end of the slot array and backward shifts move entries.
TEST(FlatIndexTest, MatchesAReferenceMapUnderChurnAndCollisions) {
  for (uint64_t tag_bits : {2, 6, 32}) {
    FlatIndex index;
    std::vector<uint64_t> entry_hash;  // entry -> hash (the index's owner side)
    std::vector<bool> live;
    std::unordered_map<uint64_t, uint32_t> ref;  // key -> entry
    std::mt19937_64 rng(tag_bits);
    auto hash_of = [&](uint64_t key) {
      const uint64_t tag = (key * 0x9e3779b97f4a7c15ULL) >> (64 - tag_bits);
      return (tag << 32) | key;  // low bits keep keys apart for the owner
    };
    for (int step = 0; step < 20000; ++step) {
      const uint64_t key = rng() % 500;
      const uint64_t h = hash_of(key);
      auto eq = [&](uint32_t e) { return live[e] && entry_hash[e] == h; };
      const uint32_t found = index.Find(h, eq);
      auto it = ref.find(key);
      ASSERT_EQ(found == FlatIndex::kNone, it == ref.end()) << "step " << step;
      if (it != ref.end()) {
        ASSERT_EQ(found, it->second);
      }
      if (rng() % 3 == 0 && it != ref.end()) {
        ASSERT_TRUE(index.Erase(h, it->second));
        live[it->second] = false;
        ref.erase(it);
      } else if (it == ref.end()) {
        const uint32_t e = static_cast<uint32_t>(entry_hash.size());
        entry_hash.push_back(h);
        live.push_back(true);
        index.Insert(h, e);
        ref[key] = e;
      }
      ASSERT_EQ(index.size(), ref.size());
    }
    size_t visited = 0;
    index.ForEach([&](uint32_t e) {
      EXPECT_TRUE(live[e]);
      ++visited;
    });
    EXPECT_EQ(visited, ref.size());
    EXPECT_FALSE(index.Erase(hash_of(100000), 12345));
    index.Clear();
    EXPECT_EQ(index.size(), 0u);
    EXPECT_EQ(index.Find(hash_of(1), [](uint32_t) { return true; }), FlatIndex::kNone);
  }
}

TEST(SlabTest, AddressesStayPutAndFreedNumbersAreReused) {
  Slab<std::string> slab;
  std::vector<std::string*> addr;
  for (int i = 0; i < 5000; ++i) {
    const uint32_t n = slab.Allocate();
    ASSERT_EQ(n, static_cast<uint32_t>(i));
    slab[n] = Name("value ", i);
    addr.push_back(&slab[n]);
  }
  for (int i = 0; i < 5000; ++i) {
    ASSERT_EQ(&slab[static_cast<uint32_t>(i)], addr[i]);
    ASSERT_EQ(slab[static_cast<uint32_t>(i)], Name("value ", i));
  }
  slab[17].clear();
  slab.Free(17);
  EXPECT_EQ(slab.live(), 4999u);
  EXPECT_EQ(slab.Allocate(), 17u);
  EXPECT_EQ(slab.constructed(), 5000u);
  slab.Reset();
  EXPECT_EQ(slab.live(), 0u);
  EXPECT_EQ(slab.Allocate(), 0u);
}

std::string Id(int i) { return Name("key-", i); }

// Keys and namespaces of every length class (empty, inline, on the heap), in
// one table, against std::map; payload addresses must survive growth.
TEST(StateTableTest, FindCreateEraseAgainstAReferenceMap) {
  StateTable<Scalars> table;
  std::map<std::pair<std::string, std::string>, int64_t> ref;
  std::vector<std::string> nss = {"", "w", std::string(16, 'n'), std::string(40, 'h')};
  std::mt19937_64 rng(7);
  for (int step = 0; step < 30000; ++step) {
    const std::string key = rng() % 8 == 0 ? std::string(30, 'k') + Id(rng() % 50) : Id(rng() % 300);
    const std::string& ns = nss[rng() % nss.size()];
    const uint64_t h = HashStateId(HashStateKey(key), ns);
    auto it = ref.find({key, ns});
    Scalars* found = table.Find(h, key, ns);
    ASSERT_EQ(found == nullptr, it == ref.end());
    if (found != nullptr) {
      ASSERT_EQ((*found)[0].int_value(), it->second);
    }
    if (it != ref.end() && rng() % 4 == 0) {
      ASSERT_TRUE(table.Erase(h, key, ns));
      ASSERT_FALSE(table.Erase(h, key, ns));
      ref.erase(it);
    } else {
      Scalars* p = table.FindOrCreate(h, key, ns, 0);
      if (it == ref.end()) {
        ASSERT_TRUE(p->empty());  // a reused entry starts empty
        p->emplace_back(int64_t{step});
        ref[{key, ns}] = step;
      }
      ASSERT_EQ(table.Find(h, key, ns), p);
    }
    ASSERT_EQ(table.size(), ref.size());
  }
  std::map<std::pair<std::string, std::string>, int64_t> seen;
  table.ForEach([&](std::string_view k, std::string_view ns, int, const Scalars& v) {
    seen[{std::string(k), std::string(ns)}] = v[0].int_value();
  });
  EXPECT_EQ(seen, ref);
}

TEST(StateTableTest, PayloadAddressesSurviveOtherInsertsAndAnEmptiedTableIsReusable) {
  StateTable<Scalars> table;
  std::vector<Scalars*> lists;
  for (int i = 0; i < 3000; ++i) {
    const std::string key = Id(i);
    lists.push_back(table.FindOrCreate(HashStateKey(key), key, {}, 0));
    lists.back()->emplace_back(int64_t{i});
  }
  for (int i = 0; i < 3000; ++i) {
    const std::string key = Id(i);
    ASSERT_EQ(table.Find(HashStateKey(key), key, {}), lists[i]);
    ASSERT_EQ((*lists[i])[0].int_value(), i);
  }
  // Emptying a large table releases its memory; it keeps working after.
  for (int i = 0; i < 3000; ++i) ASSERT_TRUE(table.Erase(HashStateKey(Id(i)), Id(i), {}));
  EXPECT_EQ(table.size(), 0u);
  EXPECT_EQ(table.Find(HashStateKey(Id(5)), Id(5), {}), nullptr);
  table.FindOrCreate(HashStateKey(Id(5)), Id(5), {}, 0)->emplace_back(int64_t{-5});
  EXPECT_EQ((*table.Find(HashStateKey(Id(5)), Id(5), {}))[0].int_value(), -5);
}

TEST(StateTableTest, KeyAndNamespaceBoundaryMatters) {
  // "ab" + "c" and "a" + "bc" have the same bytes but are different ids.
  StateTable<Scalar> table;
  *table.FindOrCreate(HashStateId(HashStateKey("ab"), "c"), "ab", "c", 0) = Scalar(1);
  EXPECT_EQ(table.Find(HashStateId(HashStateKey("a"), "bc"), "a", "bc"), nullptr);
  *table.FindOrCreate(HashStateId(HashStateKey("a"), "bc"), "a", "bc", 0) = Scalar(2);
  EXPECT_EQ(*table.Find(HashStateId(HashStateKey("ab"), "c"), "ab", "c"), Scalar(1));
  EXPECT_EQ(*table.Find(HashStateId(HashStateKey("a"), "bc"), "a", "bc"), Scalar(2));
  EXPECT_EQ(table.size(), 2u);
}

}  // namespace
}  // namespace sluice::stream

namespace sluice::stream {
namespace {

// One entry inline, two or more in a std::map, back to inline once empty:
// against std::map under random puts and erases.
TEST(ValueMapTest, MatchesStdMapThroughInlineAndSpilledStates) {
  ValueMap m;
  std::map<Scalar, Scalar> ref;
  std::mt19937_64 rng(9);
  for (int step = 0; step < 5000; ++step) {
    const Scalar key(static_cast<int64_t>(rng() % (step % 500 < 250 ? 2 : 6)));
    if (rng() % 3 == 0) {
      ASSERT_EQ(m.Erase(key), ref.erase(key) > 0);
    } else {
      m.Put(key, Scalar(Name("v", step)));
      ref[key] = Scalar(Name("v", step));
    }
    ASSERT_EQ(m.size(), ref.size());
    ASSERT_EQ(m.empty(), ref.empty());
    for (int64_t k = 0; k < 6; ++k) {
      const Scalar* v = m.Find(Scalar(k));
      auto it = ref.find(Scalar(k));
      ASSERT_EQ(v == nullptr, it == ref.end());
      if (v != nullptr) {
        ASSERT_EQ(*v, it->second);
      }
    }
    std::vector<std::pair<Scalar, Scalar>> got;
    m.ForEach([&](const Scalar& k, const Scalar& v) { got.emplace_back(k, v); });
    ASSERT_EQ(got, (std::vector<std::pair<Scalar, Scalar>>(ref.begin(), ref.end())));
  }
  m.Clear();
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.Find(Scalar(0)), nullptr);
}

}  // namespace
}  // namespace sluice::stream
