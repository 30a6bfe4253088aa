#include "sluice/stream/time/timer_service.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace sluice::stream {
namespace {

// prefix + i, built by appending (g++ 12 warns falsely on "literal" + std::string).
std::string Name(std::string prefix, int64_t i) {
  prefix += std::to_string(i);
  return prefix;
}

using Fired = std::tuple<int64_t, std::string, std::string>;  // timestamp, key, ns

// Keys that stress the firing order: shared 8-byte prefixes that differ
// later, keys that are prefixes of others, zero bytes and bytes >= 0x80.
std::string TrickyKey(uint64_t r) {
  switch (r % 5) {
    case 0:
      return Name("prefix--", static_cast<int64_t>(r % 13));
    case 1: {
      std::string k("ab\0", 3);
      k.append(r % 4, '\0');
      return k;
    }
    case 2: {
      std::string k(1 + r % 3, static_cast<char>(0xff));
      k.push_back('z');
      return k;
    }
    case 3: {
      std::string k("i");
      k.append(r % 9, 'x');
      return k;
    }
    default:
      return std::to_string(r % 97);
  }
}

// Random registrations and deletions, many per timestamp (so buckets switch
// from scanning to the hash index), against a std::set model; Advance must
// fire exactly the model's timers in (timestamp, key, ns) order.
TEST(TimerServiceTest, FiresLikeAnOrderedSetUnderRandomRegistersAndDeletes) {
  TimerService t;
  std::set<Fired> model;
  std::mt19937_64 rng(11);
  for (int step = 0; step < 20000; ++step) {
    const int64_t ts = static_cast<int64_t>(rng() % 6) * 10;
    const std::string key = TrickyKey(rng());
    const std::string ns = rng() % 2 ? std::string() : std::string("w") + std::to_string(rng() % 3);
    if (rng() % 4 == 0) {
      t.Delete(TimeDomain::kEventTime, ts, key, ns);
      model.erase({ts, key, ns});
    } else {
      t.Register(TimeDomain::kEventTime, ts, key, static_cast<int>(key.size() % 4), ns);
      model.insert({ts, key, ns});
    }
    ASSERT_EQ(t.size(TimeDomain::kEventTime), model.size()) << step;
  }
  ASSERT_EQ(t.NextTimestamp(TimeDomain::kEventTime), std::get<0>(*model.begin()));
  std::vector<Fired> fired;
  std::vector<Fired> told;
  ASSERT_TRUE(t.Advance(
                   TimeDomain::kEventTime, 30,
                   [&](const Timer& x, TimeDomain) {
                     EXPECT_EQ(x.key_group, static_cast<int>(x.key.size() % 4));
                     fired.emplace_back(x.timestamp, x.key, x.ns);
                     return Status::OK();
                   },
                   [&](std::string_view key, int, std::string_view ns) {
                     told.emplace_back(0, std::string(key), std::string(ns));
                   })
                  .ok());
  std::vector<Fired> want;
  for (const Fired& f : model) {
    if (std::get<0>(f) <= 30) want.push_back(f);
  }
  EXPECT_EQ(fired, want);
  // `ahead` heard of every fired timer but the first kLookahead of each
  // timestamp before it fired, in firing order.
  ASSERT_EQ(told.size(), fired.size());
  for (size_t i = 0; i < told.size(); ++i) {
    EXPECT_EQ(std::get<1>(told[i]), std::get<1>(fired[i]));
    EXPECT_EQ(std::get<2>(told[i]), std::get<2>(fired[i]));
  }
  EXPECT_EQ(t.size(TimeDomain::kEventTime), model.size() - want.size());
  EXPECT_EQ(t.NextTimestamp(TimeDomain::kEventTime), 40);
}

// Callbacks of a large bucket delete a pending timer of it, register one that
// is still pending (a no-op) and one that already fired (fires again, in
// this Advance), as with the small buckets of OrderDedupDeleteAndSnapshot.
TEST(TimerServiceTest, CallbacksChangeTheBucketBeingFired) {
  TimerService t;
  for (int i = 0; i < 40; ++i) t.Register(TimeDomain::kEventTime, 5, Name("k", 100 + i), 0, {});
  std::vector<std::string> fired;
  bool again = false;
  ASSERT_TRUE(t.Advance(TimeDomain::kEventTime, 5, [&](const Timer& x, TimeDomain) {
                 fired.push_back(x.key);
                 if (x.key == "k100") {
                   t.Delete(TimeDomain::kEventTime, 5, "k120", {});
                   t.Register(TimeDomain::kEventTime, 5, "k130", 0, {});  // pending: stays one
                   EXPECT_EQ(t.size(TimeDomain::kEventTime), 38u);
                 }
                 if (x.key == "k139" && !again) {
                   again = true;
                   t.Register(TimeDomain::kEventTime, 5, "k101", 0, {});  // fired: fires again
                 }
                 return Status::OK();
               }).ok());
  ASSERT_EQ(fired.size(), 40u);  // 40 - 1 deleted + 1 again
  EXPECT_EQ(fired.front(), "k100");
  EXPECT_EQ(std::count(fired.begin(), fired.end(), "k120"), 0);
  EXPECT_EQ(std::count(fired.begin(), fired.end(), "k130"), 1);
  EXPECT_EQ(fired.back(), "k101");
  EXPECT_EQ(t.size(TimeDomain::kEventTime), 0u);
  EXPECT_EQ(t.NextTimestamp(TimeDomain::kEventTime), kMaxTimestamp);
}

TEST(TimerServiceTest, AFailingCallbackDropsTheRestOfItsBucket) {
  TimerService t;
  for (int i = 0; i < 20; ++i) t.Register(TimeDomain::kProcessingTime, 1, Name("k", i + 10), 0, {});
  t.Register(TimeDomain::kProcessingTime, 2, "later", 0, {});
  int calls = 0;
  Status st = t.Advance(TimeDomain::kProcessingTime, 2, [&](const Timer&, TimeDomain) {
    return ++calls == 3 ? Status::Invalid("boom") : Status::OK();
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(t.size(TimeDomain::kProcessingTime), 1u);
  EXPECT_EQ(t.NextTimestamp(TimeDomain::kProcessingTime), 2);
}

TEST(TimerServiceTest, SnapshotsAreSortedPerKeyGroupAndRestore) {
  TimerService a, b;
  std::mt19937_64 rng(5);
  std::vector<std::tuple<int64_t, std::string, int>> timers;
  for (int i = 0; i < 300; ++i) {
    timers.emplace_back(static_cast<int64_t>(rng() % 3), TrickyKey(rng()) + std::to_string(i), i % 4);
  }
  for (const auto& [ts, key, kg] : timers) a.Register(TimeDomain::kEventTime, ts, key, kg, "ns");
  // Registered in the opposite order: the same snapshot bytes.
  for (auto it = timers.rbegin(); it != timers.rend(); ++it) {
    b.Register(TimeDomain::kEventTime, std::get<0>(*it), std::get<1>(*it), std::get<2>(*it), "ns");
  }
  TimerService restored;
  for (int kg = 0; kg < 4; ++kg) {
    std::string sa, sb;
    a.SnapshotKeyGroup(kg, &sa);
    b.SnapshotKeyGroup(kg, &sb);
    EXPECT_EQ(sa, sb) << kg;
    ASSERT_TRUE(restored.RestoreKeyGroup(sa).ok());
  }
  EXPECT_EQ(restored.size(TimeDomain::kEventTime), a.size(TimeDomain::kEventTime));
  std::vector<std::string> from_a, from_restored;
  auto collect = [](std::vector<std::string>* out) {
    return [out](const Timer& x, TimeDomain) {
      out->push_back(std::to_string(x.timestamp) + "/" + x.key + "/" + std::to_string(x.key_group));
      return Status::OK();
    };
  };
  ASSERT_TRUE(a.Advance(TimeDomain::kEventTime, kMaxTimestamp, collect(&from_a)).ok());
  ASSERT_TRUE(restored.Advance(TimeDomain::kEventTime, kMaxTimestamp, collect(&from_restored)).ok());
  EXPECT_EQ(from_a, from_restored);
  std::string bad("e", 1);
  bad.append(8, '\0');
  bad.append("\xff\xff\xff\xff", 4);  // key group -1
  EXPECT_FALSE(restored.RestoreKeyGroup(bad).ok());
}

}  // namespace
}  // namespace sluice::stream
