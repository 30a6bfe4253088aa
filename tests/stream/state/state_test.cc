#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "sluice/stream/state/keyed_state_backend.h"
#include "sluice/stream/time/timer_service.h"
#include "stream/stream_test_util.h"

namespace sluice::stream {
namespace {

TEST(MemoryStateBackendTest, ValueListMapStatePerKeyAndNamespace) {
  auto b = MakeMemoryStateBackend({0, 4});
  int v = *b->Register("v", StateKind::kValue);
  int l = *b->Register("l", StateKind::kList);
  int m = *b->Register("m", StateKind::kMap);
  EXPECT_EQ(*b->Register("v", StateKind::kValue), v);
  EXPECT_FALSE(b->Register("v", StateKind::kList).ok());

  b->SetCurrentKey("k1", 1);
  EXPECT_FALSE(b->GetValue(v, {}).has_value());
  b->PutValue(v, {}, Scalar(5));
  b->AddToList(l, "ns", Scalar("x"));
  b->AddToList(l, "ns", Scalar("y"));
  b->PutMapEntry(m, {}, Scalar(2), Scalar("two"));
  b->PutMapEntry(m, {}, Scalar(1), Scalar("one"));
  b->SetCurrentKey("k2", 3);
  EXPECT_FALSE(b->GetValue(v, {}).has_value());
  b->PutValue(v, {}, Scalar(7));
  b->SetCurrentKey("k1", 1);
  EXPECT_EQ(*b->GetValue(v, {}), Scalar(5));
  EXPECT_TRUE(b->GetList(l, {}).empty());
  EXPECT_EQ(b->GetList(l, "ns"), (Scalars{Scalar("x"), Scalar("y")}));
  auto entries = b->GetMapEntries(m, {});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].first, Scalar(1));  // sorted by key
  b->RemoveMapEntry(m, {}, Scalar(1));
  EXPECT_FALSE(b->GetMapEntry(m, {}, Scalar(1)).has_value());
  EXPECT_EQ(*b->GetMapEntry(m, {}, Scalar(2)), Scalar("two"));
  int entries_seen = 0;
  b->ForEachEntry(v, [&](std::string_view, int, std::string_view) { ++entries_seen; });
  EXPECT_EQ(entries_seen, 2);
  b->Clear(l, "ns");
  EXPECT_TRUE(b->GetList(l, "ns").empty());
}

TEST(MemoryStateBackendTest, SnapshotAndRestoreKeyGroupsIntoAnotherBackend) {
  auto a = MakeMemoryStateBackend({0, 4});
  int v = *a->Register("v", StateKind::kValue);
  int l = *a->Register("l", StateKind::kList);
  int m = *a->Register("m", StateKind::kMap);
  for (int kg = 0; kg < 4; ++kg) {
    std::string key = "key" + std::to_string(kg);
    a->SetCurrentKey(key, kg);
    a->PutValue(v, {}, Scalar(kg * 10));
    a->PutList(l, "w", Scalars{Scalar(kg), Scalar("s")});
    a->PutMapEntry(m, {}, Scalar("mk"), Scalar(1.5));
  }
  // Rescale: key groups 2 and 3 move to a backend owning [2, 4).
  auto b = MakeMemoryStateBackend({2, 4});
  ASSERT_TRUE(b->Register("v", StateKind::kValue).ok());
  ASSERT_TRUE(b->Register("l", StateKind::kList).ok());
  ASSERT_TRUE(b->Register("m", StateKind::kMap).ok());
  for (int kg = 2; kg < 4; ++kg) {
    std::string snap;
    ASSERT_TRUE(a->SnapshotKeyGroup(kg, &snap).ok());
    ASSERT_TRUE(b->RestoreKeyGroup(kg, snap).ok());
    // Truncated snapshots are rejected, never crash.
    for (size_t cut = 1; cut < snap.size(); cut += 7) {
      auto c = MakeMemoryStateBackend({2, 4});
      ASSERT_TRUE(c->Register("v", StateKind::kValue).ok());
      ASSERT_TRUE(c->Register("l", StateKind::kList).ok());
      ASSERT_TRUE(c->Register("m", StateKind::kMap).ok());
      EXPECT_FALSE(c->RestoreKeyGroup(kg, std::string_view(snap).substr(0, cut)).ok()) << cut;
    }
  }
  b->SetCurrentKey("key3", 3);
  EXPECT_EQ(*b->GetValue(v, {}), Scalar(30));
  EXPECT_EQ(b->GetList(l, "w"), (Scalars{Scalar(3), Scalar("s")}));
  EXPECT_EQ(*b->GetMapEntry(m, {}, Scalar("mk")), Scalar(1.5));
  std::string snap;
  EXPECT_EQ(b->SnapshotKeyGroup(0, &snap).code(), StatusCode::kOutOfRange);
}

// prefix + i, built by appending (g++ 12 warns falsely on "literal" + std::string).
std::string Name(std::string prefix, int64_t i) {
  prefix += std::to_string(i);
  return prefix;
}

// Random operations on value, list and map state of many keys, namespaces
// and key groups against a reference model; then every key group is
// snapshotted into a fresh backend, which must hold the same state.
TEST(MemoryStateBackendTest, RandomOperationsMatchAReferenceAndSurviveSnapshots) {
  const KeyGroupRange range{0, 8};
  auto b = MakeMemoryStateBackend(range);
  const int v = *b->Register("v", StateKind::kValue);
  const int l = *b->Register("l", StateKind::kList);
  const int m = *b->Register("m", StateKind::kMap);
  using Id = std::pair<std::string, std::string>;  // key, ns
  std::map<Id, Scalar> ref_v;
  std::map<Id, Scalars> ref_l;
  std::map<Id, std::map<Scalar, Scalar>> ref_m;
  std::map<std::string, int> group_of;
  const std::vector<std::string> nss = {"", "ns", std::string(16, 'w'), std::string(45, 'x')};
  std::mt19937_64 rng(3);
  for (int step = 0; step < 20000; ++step) {
    const int k = static_cast<int>(rng() % 200);
    const std::string key = Name(k % 10 == 0 ? std::string(40, 'L') + "k" : std::string("k"), k);
    group_of[key] = k % range.end;
    b->SetCurrentKey(key, k % range.end);
    const std::string& ns = nss[rng() % nss.size()];
    const Id id{key, ns};
    b->Prefetch(-1, key, k % range.end, ns);  // a hint: must change nothing
    switch (rng() % 9) {
      case 0:
        b->PutValue(v, ns, Scalar(int64_t{step}));
        ref_v[id] = Scalar(int64_t{step});
        break;
      case 1:
        b->AddToList(l, ns, Scalar(std::to_string(step)));
        ref_l[id].emplace_back(std::to_string(step));
        break;
      case 2: {
        Scalar mk(static_cast<int64_t>(rng() % 4));
        b->PutMapEntry(m, ns, mk, Scalar(step * 0.5));
        ref_m[id][mk] = Scalar(step * 0.5);
        break;
      }
      case 3: {
        Scalar mk(static_cast<int64_t>(rng() % 4));
        b->RemoveMapEntry(m, ns, mk);
        auto it = ref_m.find(id);
        if (it != ref_m.end() && it->second.erase(mk) > 0 && it->second.empty()) ref_m.erase(it);
        break;
      }
      case 4: {
        const int s = static_cast<int>(rng() % 3);
        b->Clear(s, ns);
        if (s == v) ref_v.erase(id);
        if (s == l) ref_l.erase(id);
        if (s == m) ref_m.erase(id);
        break;
      }
      default: {
        auto gv = b->GetValue(v, ns);
        auto it = ref_v.find(id);
        ASSERT_EQ(gv.has_value(), it != ref_v.end()) << step;
        if (gv) {
          ASSERT_EQ(*gv, it->second);
        }
        auto il = ref_l.find(id);
        ASSERT_EQ(b->GetList(l, ns), il == ref_l.end() ? Scalars{} : il->second) << step;
        auto im = ref_m.find(id);
        std::vector<std::pair<Scalar, Scalar>> want;
        if (im != ref_m.end()) want.assign(im->second.begin(), im->second.end());
        ASSERT_EQ(b->GetMapEntries(m, ns), want) << step;
      }
    }
  }
  auto c = MakeMemoryStateBackend(range);
  ASSERT_EQ(*c->Register("v", StateKind::kValue), v);
  ASSERT_EQ(*c->Register("l", StateKind::kList), l);
  ASSERT_EQ(*c->Register("m", StateKind::kMap), m);
  for (int kg = range.start; kg < range.end; ++kg) {
    std::string snap;
    ASSERT_TRUE(b->SnapshotKeyGroup(kg, &snap).ok());
    ASSERT_TRUE(c->RestoreKeyGroup(kg, snap).ok());
  }
  size_t entries = 0;
  c->ForEachEntry(v, [&](std::string_view key, int kg, std::string_view ns) {
    ++entries;
    EXPECT_EQ(group_of[std::string(key)], kg);
    EXPECT_TRUE(ref_v.count({std::string(key), std::string(ns)}));
  });
  EXPECT_EQ(entries, ref_v.size());
  for (const auto& [id, value] : ref_v) {
    c->SetCurrentKey(id.first, group_of[id.first]);
    EXPECT_EQ(c->GetValue(v, id.second), value);
  }
  for (const auto& [id, list] : ref_l) {
    c->SetCurrentKey(id.first, group_of[id.first]);
    EXPECT_EQ(c->GetList(l, id.second), list);
  }
  for (const auto& [id, map] : ref_m) {
    c->SetCurrentKey(id.first, group_of[id.first]);
    EXPECT_EQ(c->GetMapEntries(m, id.second), (std::vector<std::pair<Scalar, Scalar>>(map.begin(), map.end())));
  }
}

// The window operator keeps MutableList pointers of one key's windows while
// it creates that key's other windows.
TEST(MemoryStateBackendTest, MutableListPointersSurviveCreatingOtherEntries) {
  auto b = MakeMemoryStateBackend({0, 1});
  const int l = *b->Register("l", StateKind::kList);
  b->SetCurrentKey("key", 0);
  Scalars* first = b->MutableList(l, "w0");
  first->emplace_back(42);
  for (int i = 1; i < 5000; ++i) b->MutableList(l, Name("w", i))->emplace_back(i);
  EXPECT_EQ(b->MutableList(l, "w0"), first);
  EXPECT_EQ(*first, Scalars{Scalar(42)});
}

TEST(MemoryStateBackendTest, RestoreRejectsAnIdWhoseKeyLengthOverrunsIt) {
  auto b = MakeMemoryStateBackend({0, 1});
  ASSERT_TRUE(b->Register("v", StateKind::kValue).ok());
  std::string snap;
  Scalar::EncodeString("v", &snap);
  Scalar::EncodeString(std::string_view("\x09\x00\x00\x00"
                                        "abc",
                                        7),
                       &snap);  // says 9 key bytes, has 3
  Scalar(1).EncodeTo(&snap);
  Status st = b->RestoreKeyGroup(0, snap);
  EXPECT_EQ(st.code(), StatusCode::kCorrupt) << st.ToString();
}

TEST(TimerServiceTest, OrderDedupDeleteAndSnapshot) {
  TimerService t;
  t.Register(TimeDomain::kEventTime, {20, "b", 1, ""});
  t.Register(TimeDomain::kEventTime, {10, "z", 2, ""});
  t.Register(TimeDomain::kEventTime, {20, "a", 1, ""});
  t.Register(TimeDomain::kEventTime, {20, "a", 1, ""});  // duplicate
  t.Register(TimeDomain::kEventTime, {30, "c", 2, ""});
  t.Register(TimeDomain::kProcessingTime, {5, "p", 1, "ns"});
  t.Delete(TimeDomain::kEventTime, {30, "c", 2, ""});
  EXPECT_EQ(t.size(TimeDomain::kEventTime), 3u);
  std::string snap;
  t.SnapshotKeyGroup(1, &snap);
  std::vector<std::string> fired;
  ASSERT_TRUE(t.Advance(TimeDomain::kEventTime, 25, [&](const Timer& x, TimeDomain) {
                 fired.push_back(std::to_string(x.timestamp) + x.key);
                 if (x.key == "z") t.Register(TimeDomain::kEventTime, {15, "new", 1, ""});
                 return Status::OK();
               }).ok());
  EXPECT_EQ(fired, (std::vector<std::string>{"10z", "15new", "20a", "20b"}));
  TimerService restored;
  ASSERT_TRUE(restored.RestoreKeyGroup(snap).ok());
  EXPECT_EQ(restored.size(TimeDomain::kEventTime), 2u);  // 20a, 20b (key group 1)
  EXPECT_EQ(restored.size(TimeDomain::kProcessingTime), 1u);
  EXPECT_EQ(restored.NextTimestamp(TimeDomain::kEventTime), 20);
  EXPECT_FALSE(restored.RestoreKeyGroup(std::string_view(snap).substr(0, snap.size() - 1)).ok());
}

}  // namespace
}  // namespace sluice::stream
