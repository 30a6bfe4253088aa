// File-source helpers: name filters, listings and the watch position codec.
#include "sluice/connectors/files/file_listing.h"

#include <gtest/gtest.h>

#include "connectors/files/file_source_test_util.h"
#include "sluice/connectors/files/watch_position.h"

namespace sluice::stream {
namespace {

TEST(FileListingTest, GlobMatch) {
  EXPECT_TRUE(connectors::GlobMatch("", "anything"));
  EXPECT_TRUE(connectors::GlobMatch("*.csv", "a.csv"));
  EXPECT_TRUE(connectors::GlobMatch("*.csv", ".csv"));
  EXPECT_FALSE(connectors::GlobMatch("*.csv", "a.csv.tmp"));
  EXPECT_FALSE(connectors::GlobMatch("*.csv", "a.CSV"));
  EXPECT_TRUE(connectors::GlobMatch("part-?-*.json*", "part-3-x.jsonl"));
  EXPECT_FALSE(connectors::GlobMatch("part-?-*.json*", "part-33-x.jsonl"));
  EXPECT_TRUE(connectors::GlobMatch("*a*b*c", "xxaxxbxxbxxc"));
  EXPECT_FALSE(connectors::GlobMatch("*a*b*c", "xxaxxcxxb"));
  EXPECT_TRUE(connectors::GlobMatch("**", ""));
  EXPECT_FALSE(connectors::GlobMatch("?", ""));
  // Never exponential: a long name against many stars.
  EXPECT_FALSE(connectors::GlobMatch("*a*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
}

TEST(FileListingTest, HiddenNames) {
  EXPECT_TRUE(connectors::IsHiddenFileName(".x.csv"));
  EXPECT_TRUE(connectors::IsHiddenFileName("_SUCCESS"));
  EXPECT_FALSE(connectors::IsHiddenFileName("x_.csv"));
  EXPECT_FALSE(connectors::IsHiddenFileName(""));
}

class ListDataFilesTest : public testing::FileSourceTest {};

TEST_F(ListDataFilesTest, DirectoriesAndFilesSortedWithoutDuplicates) {
  WriteText("d/b.csv", "x");
  WriteText("d/a.csv", "x");
  WriteText("d/.a.csv", "x");
  WriteText("d/_a.csv", "x");
  WriteText("d/c.txt", "x");
  WriteText("d/sub/s.csv", "x");
  WriteText("e/_named.csv", "x");
  auto files = connectors::ListDataFiles(*io::LocalFileSystem(), {Path("d"), Path("d/b.csv"), Path("e/_named.csv")},
                                         "*.csv", false);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  std::vector<std::string> paths;
  for (const auto& f : *files) paths.push_back(f.path);
  EXPECT_EQ(paths, (std::vector<std::string>{Path("d/a.csv"), Path("d/b.csv"), Path("e/_named.csv")}));
  EXPECT_EQ(connectors::ListDataFiles(*io::LocalFileSystem(), {Path("nope")}, "", true).value().size(), 0u);
  EXPECT_EQ(connectors::ListDataFiles(*io::LocalFileSystem(), {Path("nope")}, "", false).status().code(),
            StatusCode::kNotFound);
}

TEST(WatchPositionTest, RoundTripsWithFrontCoding) {
  connectors::WatchPosition p;
  p.done = {"/data/in/part-0001.csv", "/data/in/part-0002.csv", "/data/in/part-0010.csv", "/data/z 1:2",
            std::string("/bin\n\0ary", 9)};
  p.current = "/data/in/part-0011.csv";
  p.rows = 1234;
  const std::string text = connectors::EncodeWatchPosition(p);
  // Front coding: each later path costs about its differing suffix.
  EXPECT_LT(text.size(), 120u) << text;
  auto back = connectors::DecodeWatchPosition(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->done, p.done);
  EXPECT_EQ(back->current, p.current);
  EXPECT_EQ(back->rows, p.rows);
  auto empty = connectors::DecodeWatchPosition(connectors::EncodeWatchPosition({}));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->done.empty() && empty->current.empty() && empty->rows == 0);
}

TEST(WatchPositionTest, RejectsMalformedPositions) {
  connectors::WatchPosition p;
  p.done = {"/a/x", "/a/y"};
  p.current = "/a/z";
  p.rows = 7;
  const std::string good = connectors::EncodeWatchPosition(p);
  // Every truncation and a few corruptions are Corrupt, never a crash.
  for (size_t n = 0; n < good.size(); ++n) {
    EXPECT_EQ(connectors::DecodeWatchPosition(good.substr(0, n)).status().code(), StatusCode::kCorrupt) << n;
  }
  for (const std::string& bad : std::vector<std::string>{"w1 2 7 4:/a/z 0 4:/a/y 3 1:x",  // out of order
                                                         "w1 1 7 4:/a/z 9 1:x",  // prefix longer than the previous path
                                                         "w1 0 7 99:/a/z",       // length past the end
                                                         "w1 0 3 0:",            // rows without a file
                                                         "w1 1 0 4:/a/x 0 4:/a/x",  // current also done
                                                         "w1 -1 0 0:", "w2 0 0 0:", good + " "}) {
    EXPECT_EQ(connectors::DecodeWatchPosition(bad).status().code(), StatusCode::kCorrupt) << bad;
  }
}

}  // namespace
}  // namespace sluice::stream
