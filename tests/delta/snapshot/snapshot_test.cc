#include "sluice/delta/snapshot/snapshot.h"

#include <gtest/gtest.h>
#include <utime.h>

#include <filesystem>
#include <fstream>

#include "delta/snapshot/snapshot_test_data.h"

namespace sluice::delta {
namespace {

namespace stdfs = std::filesystem;
const std::string kDeltaDir = std::string(SLUICE_TESTDATA_DIR) + "/delta/";

std::string Join(const std::optional<std::vector<std::string>>& v) {
  std::string out;
  for (const std::string& s : v.value_or(std::vector<std::string>{})) out += (out.empty() ? "" : ",") + s;
  return out;
}

VersionSpec AtVersion(int64_t v) {
  VersionSpec spec;
  if (v >= 0) spec.version = v;
  return spec;
}

// Every table of testdata/delta at every listed version: live files,
// protocol and schema width as deltalake reports them.
TEST(SnapshotGoldenTest, MatchesDeltalake) {
  auto fs = io::LocalFileSystem();
  for (const testing::ExpectedSnapshot& e : testing::kExpectedSnapshots) {
    SCOPED_TRACE(std::string(e.table) + " @ " + std::to_string(e.version));
    auto snap = LoadSnapshot(fs, kDeltaDir + e.table, AtVersion(e.version));
    ASSERT_TRUE(snap.ok()) << snap.status().ToString();
    EXPECT_EQ((*snap)->version(), e.loaded_version);
    EXPECT_EQ(static_cast<int64_t>((*snap)->files().size()), e.num_files);
    EXPECT_EQ((*snap)->protocol().min_reader_version, e.min_reader_version);
    EXPECT_EQ((*snap)->protocol().min_writer_version, e.min_writer_version);
    EXPECT_EQ(static_cast<int>((*snap)->schema()->fields.size()), e.num_fields);
    EXPECT_EQ(Join((*snap)->protocol().reader_features), e.reader_features);
  }
}

// Tables broken on purpose, and those needing a feature sluice refuses.
TEST(SnapshotGoldenTest, FailuresAreClear) {
  auto fs = io::LocalFileSystem();
  for (const testing::ExpectedFailure& e : testing::kExpectedFailures) {
    SCOPED_TRACE(std::string(e.table) + " @ " + std::to_string(e.version));
    auto snap = LoadSnapshot(fs, kDeltaDir + e.table, AtVersion(e.version));
    ASSERT_FALSE(snap.ok());
    EXPECT_EQ(snap.status().code(), e.code) << snap.status().ToString();
    EXPECT_NE(snap.status().message().find(e.table), std::string::npos) << snap.status().ToString();
  }
}

TEST(SnapshotGoldenTest, SpecificErrors) {
  auto fs = io::LocalFileSystem();
  auto s = LoadSnapshot(fs, kDeltaDir + "golden/no-delta-log-folder");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_NE(s.status().message().find("not a Delta table"), std::string::npos);
  s = LoadSnapshot(fs, kDeltaDir + "golden/versions-not-contiguous");
  EXPECT_EQ(s.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(s.status().message().find("version 1 is missing"), std::string::npos) << s.status().ToString();
  s = LoadSnapshot(fs, kDeltaDir + "golden/deltalog-invalid-protocol-version");
  EXPECT_EQ(s.status().code(), StatusCode::kNotSupported);
  s = LoadSnapshot(fs, kDeltaDir + "golden/type-widening");
  EXPECT_NE(s.status().message().find("requires reader feature typeWidening-preview which sluice does not support"),
            std::string::npos)
      << s.status().ToString();
  // Commits before the oldest checkpoint (5) were vacuumed.
  s = LoadSnapshot(fs, kDeltaDir + "delta-rs/checkpoints_vacuumed", AtVersion(3));
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_NE(s.status().message().find("cannot be reconstructed"), std::string::npos) << s.status().ToString();
  s = LoadSnapshot(fs, kDeltaDir + "delta-rs/simple_table", AtVersion(99));
  EXPECT_NE(s.status().message().find("latest version is 4"), std::string::npos) << s.status().ToString();
}

TEST(SnapshotGoldenTest, StateDetails) {
  auto fs = io::LocalFileSystem();
  // V2 checkpoint (JSON top level, two Parquet sidecars).
  auto s = LoadSnapshot(fs, kDeltaDir + "golden/v2-checkpoint-json");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->metadata().configuration.at("delta.checkpointPolicy"), "v2");
  // Domain metadata from a checkpoint with no commits after it.
  s = LoadSnapshot(fs, kDeltaDir + "delta-rs/table-with-domain-metadata");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->version(), 108);
  EXPECT_FALSE((*s)->domains().empty());
  // Deletion vectors survive a checkpoint round.
  s = LoadSnapshot(fs, kDeltaDir + "golden/dv-partitioned-with-checkpoint");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  int with_dv = 0;
  for (const Add& a : (*s)->files()) with_dv += a.deletion_vector.has_value();
  EXPECT_GT(with_dv, 0);
  // Multi-part checkpoint: version 1 comes from its two parts alone.
  s = LoadSnapshot(fs, kDeltaDir + "golden/multi-part-checkpoint");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->files().size(), 10u);
  // Removes are kept as tombstones.
  s = LoadSnapshot(fs, kDeltaDir + "golden/snapshot-data2-deleted");
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE((*s)->tombstones().empty());
  EXPECT_EQ((*s)->table_root(), kDeltaDir + "golden/snapshot-data2-deleted");
}

// In-commit timestamps (delta.enableInCommitTimestamps from version 0).
TEST(SnapshotTimeTravelTest, InCommitTimestamps) {
  auto fs = io::LocalFileSystem();
  const std::string t = kDeltaDir + "delta-rs/cdc_ict_table";
  auto s = LoadSnapshot(fs, t);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->version(), 3);
  EXPECT_EQ((*s)->timestamp_ms(), 1783874213881);
  s = LoadSnapshot(fs, t, AtVersion(0));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->timestamp_ms(), 1783874203271);
  VersionSpec at;
  at.timestamp_ms = 1783874212175;  // exactly version 2's
  s = LoadSnapshot(fs, t, at);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->version(), 2);
  at.timestamp_ms = 1783874213880;
  EXPECT_EQ((*LoadSnapshot(fs, t, at))->version(), 2);
  at.timestamp_ms = 1783874213881 + 100000;
  EXPECT_EQ((*LoadSnapshot(fs, t, at))->version(), 3);
  at.timestamp_ms = 1783874203270;
  s = LoadSnapshot(fs, t, at);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("1783874203271"), std::string::npos) << s.status().ToString();
}

class TempTable : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = stdfs::temp_directory_path() / ("sluice_snapshot_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    stdfs::remove_all(root_);
    stdfs::create_directories(root_ / "_delta_log");
  }
  void TearDown() override { stdfs::remove_all(root_); }
  void Write(const std::string& name, const std::string& text, int64_t mtime_s = 0) {
    const stdfs::path p = root_ / "_delta_log" / name;
    std::ofstream(p, std::ios::binary) << text;
    if (mtime_s > 0) {
      struct utimbuf times = {mtime_s, mtime_s};
      ASSERT_EQ(::utime(p.c_str(), &times), 0);
    }
  }
  std::string Root() const { return root_.string(); }
  stdfs::path root_;
};

constexpr char kHeader[] =
    R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})"
    "\n"
    R"({"metaData":{"id":"x","format":{"provider":"parquet","options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"a\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}","partitionColumns":[],"configuration":{},"createdTime":1}})"
    "\n";

std::string AddLine(const std::string& path) {
  return R"({"add":{"path":")" + path + R"(","partitionValues":{},"size":1,"modificationTime":1,"dataChange":true}})" +
         "\n";
}
std::string RemoveLine(const std::string& path) {
  return R"({"remove":{"path":")" + path + R"(","deletionTimestamp":5,"dataChange":true}})" + "\n";
}

TEST_F(TempTable, ModificationTimeTravel) {
  Write("00000000000000000000.json", std::string(kHeader) + AddLine("a"), 1000);
  Write("00000000000000000001.json", AddLine("b"), 2000);
  Write("00000000000000000002.json", RemoveLine("a"), 3000);
  auto fs = io::LocalFileSystem();
  VersionSpec at;
  at.timestamp_ms = 2500 * 1000;
  auto s = LoadSnapshot(fs, Root(), at);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->version(), 1);
  EXPECT_EQ((*s)->timestamp_ms(), 2000 * 1000);
  EXPECT_EQ((*s)->files().size(), 2u);
  at.timestamp_ms = 3000 * 1000;
  EXPECT_EQ((*LoadSnapshot(fs, Root(), at))->files().size(), 1u);
  at.timestamp_ms = 999 * 1000;
  s = LoadSnapshot(fs, Root(), at);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("1000000"), std::string::npos) << s.status().ToString();
  VersionSpec both;
  both.version = 1;
  both.timestamp_ms = 1;
  EXPECT_EQ(LoadSnapshot(fs, Root(), both).status().code(), StatusCode::kInvalid);
}

TEST_F(TempTable, CorruptLastCheckpointFallsBackToListing) {
  Write("00000000000000000000.json", std::string(kHeader) + AddLine("a"));
  Write("00000000000000000001.json", AddLine("b%20c"));
  Write("_last_checkpoint", "{\"version\":1,\"size\":");
  auto s = LoadSnapshot(io::LocalFileSystem(), Root());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->files().size(), 2u);
  // Pointing at a checkpoint that does not exist: ignored as well.
  Write("_last_checkpoint", "{\"version\":1,\"size\":3}");
  s = LoadSnapshot(io::LocalFileSystem(), Root());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->version(), 1);
}

TEST_F(TempTable, TornCheckpointFallsBackToCommits) {
  Write("00000000000000000000.json", std::string(kHeader) + AddLine("a"));
  Write("00000000000000000001.json", AddLine("b"));
  Write("00000000000000000001.checkpoint.parquet", "PAR1 torn write");
  Write("_last_checkpoint", "{\"version\":1,\"size\":4}");
  auto s = LoadSnapshot(io::LocalFileSystem(), Root());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->files().size(), 2u);
}

TEST_F(TempTable, ReconcilesCanonicalPathsAndTxns) {
  Write("00000000000000000000.json", std::string(kHeader) + AddLine("x%3Dy/a%20b.parquet") +
                                         AddLine(Root() + "/c.parquet") + R"({"txn":{"appId":"app","version":3}})" +
                                         "\n");
  Write("00000000000000000001.json", RemoveLine("x=y/a b.parquet") + RemoveLine("file://" + Root() + "/c.parquet") +
                                         R"({"txn":{"appId":"app","version":4}})" + "\n" +
                                         R"({"domainMetadata":{"domain":"d","configuration":"{}","removed":false}})" +
                                         "\n");
  auto s = LoadSnapshot(io::LocalFileSystem(), Root());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE((*s)->files().empty());
  EXPECT_EQ((*s)->tombstones().size(), 2u);
  EXPECT_EQ((*s)->TxnVersion("app"), 4);
  EXPECT_FALSE((*s)->TxnVersion("other"));
  EXPECT_EQ((*s)->domains().size(), 1u);
  Write("00000000000000000002.json", R"({"domainMetadata":{"domain":"d","configuration":"{}","removed":true}})"
                                     "\n" +
                                         AddLine("x=y/a b.parquet"));
  s = LoadSnapshot(io::LocalFileSystem(), Root());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE((*s)->domains().empty());
  ASSERT_EQ((*s)->files().size(), 1u);
  EXPECT_EQ((*s)->tombstones().size(), 1u);  // the re-added file is no longer a tombstone
}

// A V2 checkpoint in JSON (PROTOCOL.md "V2 Checkpoint"), readable without
// a Parquet writer: the table state at `version` with live files `adds`.
constexpr char kV2Header[] =
    R"({"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["v2Checkpoint"],"writerFeatures":["v2Checkpoint"]}})"
    "\n"
    R"({"metaData":{"id":"x","format":{"provider":"parquet","options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"a\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}","partitionColumns":[],"configuration":{},"createdTime":1}})"
    "\n";
std::string V2Checkpoint(int64_t version, const std::vector<std::string>& adds) {
  std::string text = R"({"checkpointMetadata":{"version":)" + std::to_string(version) + "}}\n" + kV2Header;
  for (const auto& a : adds) text += AddLine(a);
  return text;
}
std::string V2Name(int64_t version) {
  char name[80];
  std::snprintf(name, sizeof(name), "%020lld.checkpoint.3a0d65cd-4056-49b8-937b-95f9e3ee90e5.json",
                static_cast<long long>(version));
  return name;
}
std::vector<std::string> Paths(const Snapshot& s) {
  std::vector<std::string> out;
  for (const Add& a : s.files()) out.push_back(a.path);
  return out;
}

TEST_F(TempTable, LoadsFromTheHintedCheckpointAfterLogCleanup) {
  // Commits 0 and 1 are gone: only the checkpoint at 2 can rebuild the table.
  Write(V2Name(2), V2Checkpoint(2, {"a", "b"}));
  Write("00000000000000000002.json", AddLine("b"));
  Write("00000000000000000003.json", RemoveLine("a") + AddLine("c") + AddLine("a%20x"));
  Write("_last_checkpoint", R"({"version":2,"size":5})");
  auto s = LoadSnapshot(io::LocalFileSystem(), Root());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->version(), 3);
  EXPECT_EQ(Paths(**s), (std::vector<std::string>{"b", "c", "a%20x"}));
  ASSERT_EQ((*s)->tombstones().size(), 1u);
  EXPECT_EQ((*s)->tombstones()[0].path, "a");
  // The hinted version itself, and one before the hint (no longer rebuildable).
  VersionSpec v2;
  v2.version = 2;
  s = LoadSnapshot(io::LocalFileSystem(), Root(), v2);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(Paths(**s), (std::vector<std::string>{"a", "b"}));
  VersionSpec v1;
  v1.version = 1;
  EXPECT_FALSE(LoadSnapshot(io::LocalFileSystem(), Root(), v1).ok());
}

TEST_F(TempTable, NewerCheckpointThanTheHintWins) {
  // The hint lags (a writer died before updating it): listing from the hint
  // still finds the checkpoint at 3, and only it makes version 4 rebuildable.
  Write(V2Name(1), V2Checkpoint(1, {"a"}));
  Write(V2Name(3), V2Checkpoint(3, {"a", "b", "c"}));
  Write("00000000000000000004.json", RemoveLine("b") + AddLine("d"));
  Write("_last_checkpoint", R"({"version":1,"size":4})");
  auto s = LoadSnapshot(io::LocalFileSystem(), Root());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->version(), 4);
  EXPECT_EQ(Paths(**s), (std::vector<std::string>{"a", "c", "d"}));
}

TEST_F(TempTable, VersionBeforeTheHintReplaysTheCommits) {
  Write("00000000000000000000.json", std::string(kHeader) + AddLine("a"));
  Write("00000000000000000001.json", AddLine("b"));
  Write("00000000000000000002.json", RemoveLine("a"));
  Write("00000000000000000003.json", AddLine("c"));
  Write(V2Name(2), V2Checkpoint(2, {"b"}));
  Write("_last_checkpoint", R"({"version":2,"size":4})");
  VersionSpec v1;
  v1.version = 1;
  auto s = LoadSnapshot(io::LocalFileSystem(), Root(), v1);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(Paths(**s), (std::vector<std::string>{"a", "b"}));
  s = LoadSnapshot(io::LocalFileSystem(), Root());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(Paths(**s), (std::vector<std::string>{"b", "c"}));
}

}  // namespace
}  // namespace sluice::delta
