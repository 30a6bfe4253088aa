#include "sluice/delta/log_replay.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace sluice::delta
