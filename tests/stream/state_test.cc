#include <gtest/gtest.h>

#include "sluice/stream/state/keyed_state_backend.h"
#include "sluice/stream/timer_service.h"
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
  b->PutValue(v, {}, Value(5));
  b->AddToList(l, "ns", Value("x"));
  b->AddToList(l, "ns", Value("y"));
  b->PutMapEntry(m, {}, Value(2), Value("two"));
  b->PutMapEntry(m, {}, Value(1), Value("one"));
  b->SetCurrentKey("k2", 3);
  EXPECT_FALSE(b->GetValue(v, {}).has_value());
  b->PutValue(v, {}, Value(7));
  b->SetCurrentKey("k1", 1);
  EXPECT_EQ(*b->GetValue(v, {}), Value(5));
  EXPECT_TRUE(b->GetList(l, {}).empty());
  EXPECT_EQ(b->GetList(l, "ns"), (Values{Value("x"), Value("y")}));
  auto entries = b->GetMapEntries(m, {});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].first, Value(1));  // sorted by key
  b->RemoveMapEntry(m, {}, Value(1));
  EXPECT_FALSE(b->GetMapEntry(m, {}, Value(1)).has_value());
  EXPECT_EQ(*b->GetMapEntry(m, {}, Value(2)), Value("two"));
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
    a->PutValue(v, {}, Value(kg * 10));
    a->PutList(l, "w", Values{Value(kg), Value("s")});
    a->PutMapEntry(m, {}, Value("mk"), Value(1.5));
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
  EXPECT_EQ(*b->GetValue(v, {}), Value(30));
  EXPECT_EQ(b->GetList(l, "w"), (Values{Value(3), Value("s")}));
  EXPECT_EQ(*b->GetMapEntry(m, {}, Value("mk")), Value(1.5));
  std::string snap;
  EXPECT_EQ(b->SnapshotKeyGroup(0, &snap).code(), StatusCode::kOutOfRange);
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
