#include "sluice/delta/snapshot/log_replay.h"

#include <gtest/gtest.h>

#include <random>

#include "sluice/delta/snapshot/file_key_index.h"

namespace sluice::delta {
namespace {

Add MakeAdd(std::string path, std::optional<DeletionVectorDescriptor> dv = std::nullopt) {
  Add a;
  a.path = std::move(path);
  a.deletion_vector = std::move(dv);
  return a;
}
Remove MakeRemove(std::string path, std::optional<DeletionVectorDescriptor> dv = std::nullopt) {
  Remove r;
  r.path = std::move(path);
  r.deletion_vector = std::move(dv);
  return r;
}
DeletionVectorDescriptor Dv(std::string id, std::optional<int32_t> offset = std::nullopt) {
  DeletionVectorDescriptor d;
  d.storage_type = "u";
  d.path_or_inline_dv = std::move(id);
  d.offset = offset;
  return d;
}

TEST(CanonicalPathTest, Forms) {
  EXPECT_EQ(CanonicalPath("part-0.parquet", "/t"), "part-0.parquet");
  EXPECT_EQ(CanonicalPath("a%20b/p%23.parquet", "/t"), "a b/p#.parquet");
  EXPECT_EQ(CanonicalPath("/some/with%20space/p@%23h", "/t"), "/some/with space/p@#h");
  EXPECT_EQ(CanonicalPath("file:/some/with%20space/p@%23h", "/t"), "/some/with space/p@#h");
  EXPECT_EQ(CanonicalPath("file:///some/with%20space/p@%23h", "/t"), "/some/with space/p@#h");
  EXPECT_EQ(CanonicalPath("file:/t/x.parquet", "/t"), "x.parquet");
  EXPECT_EQ(CanonicalPath("/t/x.parquet", "/t"), "x.parquet");
  EXPECT_EQ(CanonicalPath("/tx/x.parquet", "/t"), "/tx/x.parquet");
  EXPECT_EQ(CanonicalPath("bad%zz", "/t"), "bad%zz");  // malformed escape kept
}

Result<SnapshotPtr> Build(LogReplay& r) {
  Protocol p;
  Metadata m;
  m.id = "id";
  r.Apply(Action(p));
  r.Apply(Action(m));
  return std::move(r).Finish(nullptr, 3, 42);
}

TEST(LogReplayTest, RemoveCancelsAddAndBecomesTombstone) {
  LogReplay r("/t");
  r.Apply(Action(MakeAdd("b0")));
  r.Apply(Action(MakeAdd("a")));
  r.Apply(Action(MakeAdd("b")));
  r.Apply(Action(MakeRemove("a")));
  r.Apply(Action(MakeRemove("b0")));
  EXPECT_EQ(r.num_files(), 1u);
  r.Apply(Action(MakeAdd("c")));
  auto s = Build(r);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ((*s)->files().size(), 2u);  // in log order
  EXPECT_EQ((*s)->files()[0].path, "b");
  EXPECT_EQ((*s)->files()[1].path, "c");
  ASSERT_EQ((*s)->tombstones().size(), 2u);
  EXPECT_EQ((*s)->tombstones()[0].path, "a");
  EXPECT_EQ((*s)->tombstones()[1].path, "b0");
  EXPECT_EQ((*s)->version(), 3);
  EXPECT_EQ((*s)->timestamp_ms(), 42);
  EXPECT_EQ((*s)->table_root(), "/t");
}

TEST(LogReplayTest, DeletionVectorKeys) {
  // golden log-replay-dv-key-cases: a file's key includes its DV's unique id.
  LogReplay r("/t");
  r.Apply(Action(MakeAdd("f")));
  r.Apply(Action(MakeRemove("f")));
  r.Apply(Action(MakeAdd("f", Dv("dv1"))));
  r.Apply(Action(MakeRemove("f", Dv("dv1"))));
  r.Apply(Action(MakeAdd("f", Dv("dv1", 7))));
  r.Apply(Action(MakeRemove("f", Dv("dv1", 8))));  // other offset: other key
  auto s = Build(r);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ((*s)->files().size(), 1u);
  EXPECT_EQ((*s)->files()[0].deletion_vector->offset, 7);
  EXPECT_EQ((*s)->tombstones().size(), 3u);
}

TEST(LogReplayTest, LaterAddReplacesAndLatestProtocolWins) {
  LogReplay r("/t");
  Add a = MakeAdd("x");
  a.size = 1;
  r.Apply(Action(a));
  a.size = 2;
  r.Apply(Action(a));
  Protocol p;
  p.min_reader_version = 3;
  p.reader_features = std::vector<std::string>{"deletionVectors"};
  r.Apply(Action(p));
  Metadata m;
  m.schema_string = R"({"type":"struct","fields":[]})";
  m.configuration["k"] = "v";
  r.Apply(Action(m));
  auto s = std::move(r).Finish(nullptr, 0, 0);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ((*s)->files().size(), 1u);
  EXPECT_EQ((*s)->files()[0].size, 2);
  EXPECT_EQ((*s)->protocol().min_reader_version, 3);
  EXPECT_EQ((*s)->metadata().configuration.at("k"), "v");
}

TEST(LogReplayTest, MissingOrUnsupported) {
  LogReplay no_protocol("/t");
  no_protocol.Apply(Action(Metadata{}));
  auto s = std::move(no_protocol).Finish(nullptr, 0, 0);
  EXPECT_EQ(s.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(s.status().message().find("no protocol"), std::string::npos);
  LogReplay no_metadata("/t");
  no_metadata.Apply(Action(Protocol{}));
  EXPECT_NE(std::move(no_metadata).Finish(nullptr, 0, 0).status().message().find("no metaData"), std::string::npos);
  LogReplay variant("/t");
  Protocol p;
  p.min_reader_version = 3;
  p.reader_features = std::vector<std::string>{"variantType"};
  variant.Apply(Action(p));
  variant.Apply(Action(Metadata{}));
  EXPECT_EQ(std::move(variant).Finish(nullptr, 0, 0).status().code(), StatusCode::kNotSupported);
}

// A checkpoint applied whole (vectors taken over, keys hashed by the reader)
// must reconcile exactly like its actions applied one by one, with the
// commits after it: same files and tombstones, in the same order.
TEST(LogReplayTest, CheckpointEqualsActionByAction) {
  std::mt19937 rng(7);
  const std::vector<std::string> paths = {"a.parquet",           "x=1/b.parquet", "x%3D2/c.parquet", "/t/d.parquet",
                                          "file:///t/e.parquet", "e.parquet",     "f%20g.parquet",   "f g.parquet"};
  for (int round = 0; round < 200; ++round) {
    // A checkpoint: each key at most once (add or remove).
    CheckpointActions cp;
    std::vector<Action> flat = {Action(Protocol{}), Action(Metadata{})};
    cp.others = flat;
    for (size_t k = 0; k < paths.size(); ++k) {
      const int what = static_cast<int>(rng() % 4);
      std::optional<DeletionVectorDescriptor> dv;
      if (rng() % 3 == 0) dv = Dv("dv" + std::to_string(rng() % 2));
      if (what == 0) {
        Add a = MakeAdd(paths[k], dv);
        a.size = round * 100 + static_cast<int64_t>(k);
        cp.adds.push_back(a);
      } else if (what == 1) {
        cp.removes.push_back(MakeRemove(paths[k], dv));
      }
    }
    for (const Add& a : cp.adds) flat.emplace_back(a);
    for (const Remove& r : cp.removes) flat.emplace_back(r);
    const bool hashes = round % 2 == 0;
    if (hashes) {
      for (const Add& a : cp.adds)
        cp.add_key_hashes.push_back(FileKeyIndex::PathKeyHash(a.path, a.deletion_vector.has_value()));
      for (const Remove& r : cp.removes) {
        cp.remove_key_hashes.push_back(FileKeyIndex::PathKeyHash(r.path, r.deletion_vector.has_value()));
      }
    }
    // Commits after it: random adds and removes over the same paths.
    std::vector<Action> commits;
    for (int i = 0; i < 12; ++i) {
      const std::string& path = paths[rng() % paths.size()];
      std::optional<DeletionVectorDescriptor> dv;
      if (rng() % 4 == 0) dv = Dv("dv" + std::to_string(rng() % 2));
      if (rng() % 2) {
        Add a = MakeAdd(path, dv);
        a.size = -i;
        commits.emplace_back(a);
      } else {
        commits.emplace_back(MakeRemove(path, dv));
      }
    }
    LogReplay whole("/t");
    whole.ApplyCheckpoint(std::move(cp));
    whole.Apply(std::vector<Action>(commits));
    LogReplay one_by_one("/t");
    one_by_one.Apply(std::move(flat));
    one_by_one.Apply(std::vector<Action>(commits));
    EXPECT_EQ(whole.num_files(), one_by_one.num_files());
    auto s1 = std::move(whole).Finish(nullptr, 1, 0);
    auto s2 = std::move(one_by_one).Finish(nullptr, 1, 0);
    ASSERT_TRUE(s1.ok() && s2.ok());
    EXPECT_EQ((*s1)->files(), (*s2)->files()) << "round " << round;
    EXPECT_EQ((*s1)->tombstones(), (*s2)->tombstones()) << "round " << round;
  }
}

}  // namespace
}  // namespace sluice::delta
