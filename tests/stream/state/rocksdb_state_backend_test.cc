#include "sluice/stream/state/rocksdb_state_backend.h"

#include <gtest/gtest.h>

#include "sluice/stream/state/keyed_state_backend.h"

namespace sluice::stream {
namespace {

std::unique_ptr<KeyedStateBackend> Make(KeyGroupRange r) {
  auto b = MakeRocksDbStateBackend(r, RocksDbOptions{}, "test");
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return std::move(b).value();
}

TEST(RocksDbStateBackendTest, ValueListMapAndClear) {
  auto b = Make({0, 4});
  int v = *b->Register("v", StateKind::kValue);
  int l = *b->Register("l", StateKind::kList);
  int m = *b->Register("m", StateKind::kMap);
  EXPECT_EQ(*b->Register("v", StateKind::kValue), v);
  EXPECT_FALSE(b->Register("v", StateKind::kList).ok());
  b->SetCurrentKey("k1", 1);
  EXPECT_FALSE(b->GetValue(v, "").has_value());
  b->PutValue(v, "", Scalar(int64_t{5}));
  b->PutValue(v, "ns", Scalar("x"));
  EXPECT_EQ(*b->GetValue(v, ""), Scalar(int64_t{5}));
  EXPECT_EQ(*b->GetValue(v, "ns"), Scalar("x"));
  EXPECT_EQ(b->MutableList(l, ""), nullptr);
  b->AddToList(l, "", Scalar(1));
  b->AddToList(l, "", Scalar(2));
  EXPECT_EQ(b->GetList(l, ""), (Scalars{Scalar(1), Scalar(2)}));
  b->PutMapEntry(m, "", Scalar("b"), Scalar(2));
  b->PutMapEntry(m, "", Scalar("a"), Scalar(1));
  b->PutMapEntry(m, "", Scalar("b"), Scalar(3));
  auto entries = b->GetMapEntries(m, "");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].first, Scalar("a"));
  EXPECT_EQ(entries[1].second, Scalar(3));
  b->RemoveMapEntry(m, "", Scalar("a"));
  EXPECT_FALSE(b->GetMapEntry(m, "", Scalar("a")).has_value());
  b->SetCurrentKey("k2", 2);
  EXPECT_FALSE(b->GetValue(v, "").has_value());  // other key
  b->PutValue(v, "", Scalar(9));
  int seen = 0;
  b->ForEachEntry(v, [&](std::string_view key, int kg, std::string_view) {
    ++seen;
    EXPECT_TRUE((key == "k1" && kg == 1) || (key == "k2" && kg == 2));
  });
  EXPECT_EQ(seen, 3);  // k1 "", k1 "ns", k2 ""
  b->Clear(v, "");
  EXPECT_FALSE(b->GetValue(v, "").has_value());
}

TEST(RocksDbStateBackendTest, SnapshotsAreInterchangeableWithTheMemoryBackend) {
  auto rocks = Make({0, 8});
  auto mem = MakeMemoryStateBackend({4, 8});
  for (KeyedStateBackend* b : {rocks.get(), mem.get()}) {
    ASSERT_EQ(*b->Register("count", StateKind::kList), 0);
    ASSERT_EQ(*b->Register("map", StateKind::kMap), 1);
  }
  rocks->SetCurrentKey("a", 5);
  rocks->PutList(0, "", {Scalar(41)});
  rocks->PutMapEntry(1, "w", Scalar(1), Scalar("one"));
  rocks->SetCurrentKey("b", 2);
  rocks->PutList(0, "", {Scalar(7)});
  std::string snap;
  ASSERT_TRUE(rocks->SnapshotKeyGroup(5, &snap).ok());
  ASSERT_TRUE(mem->RestoreKeyGroup(5, snap).ok());
  mem->SetCurrentKey("a", 5);
  EXPECT_EQ(mem->GetList(0, ""), Scalars{Scalar(41)});
  EXPECT_EQ(*mem->GetMapEntry(1, "w", Scalar(1)), Scalar("one"));
  std::string back;
  ASSERT_TRUE(mem->SnapshotKeyGroup(5, &back).ok());
  auto rocks2 = Make({4, 6});
  ASSERT_EQ(*rocks2->Register("count", StateKind::kList), 0);
  ASSERT_EQ(*rocks2->Register("map", StateKind::kMap), 1);
  ASSERT_TRUE(rocks2->RestoreKeyGroup(5, back).ok());
  rocks2->SetCurrentKey("a", 5);
  EXPECT_EQ(rocks2->GetList(0, ""), Scalars{Scalar(41)});
  EXPECT_FALSE(rocks2->RestoreKeyGroup(2, back).ok());  // not owned
  std::string empty;
  ASSERT_TRUE(rocks->SnapshotKeyGroup(3, &empty).ok());
  EXPECT_TRUE(empty.empty());
  EXPECT_FALSE(rocks2->RestoreKeyGroup(5, "\x01garbage").ok());
}

}  // namespace
}  // namespace sluice::stream
