#include "sluice/delta/snapshot/file_key_index.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace sluice::delta {
namespace {

TEST(FileKeyIndexTest, PathKeyHash) {
  EXPECT_NE(FileKeyIndex::PathKeyHash("x=1/part-0.parquet", false), 0u);
  EXPECT_EQ(FileKeyIndex::PathKeyHash("x=1/part-0.parquet", false), FileKeyIndex::Hash("x=1/part-0.parquet"));
  EXPECT_EQ(FileKeyIndex::PathKeyHash("x=1/part-0.parquet", true), 0u);  // the key carries the DV id
  EXPECT_EQ(FileKeyIndex::PathKeyHash("a%20b.parquet", false), 0u);      // not canonical
  EXPECT_EQ(FileKeyIndex::PathKeyHash("file:/t/a.parquet", false), 0u);
  EXPECT_EQ(FileKeyIndex::PathKeyHash("/t/a.parquet", false), 0u);
  EXPECT_TRUE(FileKeyIndex::IsPlainRelative("a/b.parquet"));
  EXPECT_FALSE(FileKeyIndex::IsPlainRelative("s3://b/a.parquet"));
}

// Random upserts and erases against std::unordered_map. `fold` squeezes the
// hashes into few values so that probe runs are long, tags collide (forcing
// key comparisons) and backward-shift deletion moves entries across the
// table's wrap-around.
void RunAgainstReference(uint32_t fold, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> keys;  // the "actions": key of position p
  for (int i = 0; i < 3000; ++i) keys.push_back("part-" + std::to_string(rng() % 700) + ".parquet");
  auto key_of = [&](uint32_t pos) { return std::string_view(keys[pos]); };
  auto hash = [&](std::string_view k) { return (FileKeyIndex::Hash(k) & fold) | 0x80000000u; };
  FileKeyIndex index;
  std::unordered_map<std::string, uint32_t> ref;
  for (uint32_t pos = 0; pos < keys.size(); ++pos) {
    const std::string& k = keys[pos];
    if (rng() % 3 == 0) {
      auto it = ref.find(k);
      const uint32_t expected = it == ref.end() ? FileKeyIndex::kNone : it->second;
      if (it != ref.end()) ref.erase(it);
      ASSERT_EQ(index.Erase(k, hash(k), key_of), expected) << "erase " << k;
    } else {
      auto [it, inserted] = ref.try_emplace(k, pos);
      const uint32_t expected = inserted ? FileKeyIndex::kNone : it->second;
      it->second = pos;
      ASSERT_EQ(index.Upsert(k, hash(k), pos, key_of), expected) << "upsert " << k;
    }
    ASSERT_EQ(index.size(), ref.size());
  }
  for (int i = 0; i < 700; ++i) {
    const std::string k = "part-" + std::to_string(i) + ".parquet";
    auto it = ref.find(k);
    EXPECT_EQ(index.Find(k, hash(k), key_of), it == ref.end() ? FileKeyIndex::kNone : it->second) << k;
  }
}

TEST(FileKeyIndexTest, MatchesUnorderedMap) {
  RunAgainstReference(0xFFFFFFFFu, 1);  // real hashes
  RunAgainstReference(0x3Fu, 2);        // 64 hash values: long runs, equal tags
  RunAgainstReference(0x80000003u, 3);  // 4 values: nearly one run around the table
}

TEST(FileKeyIndexTest, ReserveAndClear) {
  std::vector<std::string> keys = {"a", "b", "c"};
  auto key_of = [&](uint32_t pos) { return std::string_view(keys[pos]); };
  FileKeyIndex index;
  EXPECT_EQ(index.Find("a", FileKeyIndex::Hash("a"), key_of), FileKeyIndex::kNone);
  EXPECT_EQ(index.Erase("a", FileKeyIndex::Hash("a"), key_of), FileKeyIndex::kNone);
  index.Reserve(1000);
  for (uint32_t i = 0; i < 3; ++i) index.Upsert(keys[i], FileKeyIndex::Hash(keys[i]), i, key_of);
  EXPECT_EQ(index.Find("b", FileKeyIndex::Hash("b"), key_of), 1u);
  index.Clear();
  EXPECT_EQ(index.size(), 0u);
  EXPECT_EQ(index.Find("b", FileKeyIndex::Hash("b"), key_of), FileKeyIndex::kNone);
}

}  // namespace
}  // namespace sluice::delta
