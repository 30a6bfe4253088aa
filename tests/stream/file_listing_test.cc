// File-source helpers: name filters, listings and the watch position codec.
#include "sluice/stream/sources/file_listing.h"

#include <gtest/gtest.h>

#include "sluice/stream/sources/watch_position.h"
#include "stream/file_source_test_util.h"

namespace sluice::stream {
namespace {

TEST(FileListingTest, GlobMatch) {
  EXPECT_TRUE(GlobMatch("", "anything"));
  EXPECT_TRUE(GlobMatch("*.csv", "a.csv"));
  EXPECT_TRUE(GlobMatch("*.csv", ".csv"));
  EXPECT_FALSE(GlobMatch("*.csv", "a.csv.tmp"));
  EXPECT_FALSE(GlobMatch("*.csv", "a.CSV"));
  EXPECT_TRUE(GlobMatch("part-?-*.json*", "part-3-x.jsonl"));
  EXPECT_FALSE(GlobMatch("part-?-*.json*", "part-33-x.jsonl"));
  EXPECT_TRUE(GlobMatch("*a*b*c", "xxaxxbxxbxxc"));
  EXPECT_FALSE(GlobMatch("*a*b*c", "xxaxxcxxb"));
  EXPECT_TRUE(GlobMatch("**", ""));
  EXPECT_FALSE(GlobMatch("?", ""));
  // Never exponential: a long name against many stars.
  EXPECT_FALSE(GlobMatch("*a*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
}

TEST(FileListingTest, HiddenNames) {
  EXPECT_TRUE(IsHiddenFileName(".x.csv"));
  EXPECT_TRUE(IsHiddenFileName("_SUCCESS"));
  EXPECT_FALSE(IsHiddenFileName("x_.csv"));
  EXPECT_FALSE(IsHiddenFileName(""));
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
  auto files =
      ListDataFiles(*io::LocalFileSystem(), {Path("d"), Path("d/b.csv"), Path("e/_named.csv")}, "*.csv", false);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  std::vector<std::string> paths;
  for (const auto& f : *files) paths.push_back(f.path);
  EXPECT_EQ(paths, (std::vector<std::string>{Path("d/a.csv"), Path("d/b.csv"), Path("e/_named.csv")}));
  EXPECT_EQ(ListDataFiles(*io::LocalFileSystem(), {Path("nope")}, "", true).value().size(), 0u);
  EXPECT_EQ(ListDataFiles(*io::LocalFileSystem(), {Path("nope")}, "", false).status().code(), StatusCode::kNotFound);
}

TEST(WatchPositionTest, RoundTripsWithFrontCoding) {
  WatchPosition p;
  p.done = {"/data/in/part-0001.csv", "/data/in/part-0002.csv", "/data/in/part-0010.csv", "/data/z 1:2",
            std::string("/bin\n\0ary", 9)};
  p.current = "/data/in/part-0011.csv";
  p.rows = 1234;
  const std::string text = EncodeWatchPosition(p);
  // Front coding: each later path costs about its differing suffix.
  EXPECT_LT(text.size(), 120u) << text;
  auto back = DecodeWatchPosition(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->done, p.done);
  EXPECT_EQ(back->current, p.current);
  EXPECT_EQ(back->rows, p.rows);
  auto empty = DecodeWatchPosition(EncodeWatchPosition({}));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->done.empty() && empty->current.empty() && empty->rows == 0);
}

TEST(WatchPositionTest, RejectsMalformedPositions) {
  WatchPosition p;
  p.done = {"/a/x", "/a/y"};
  p.current = "/a/z";
  p.rows = 7;
  const std::string good = EncodeWatchPosition(p);
  // Every truncation and a few corruptions are Corrupt, never a crash.
  for (size_t n = 0; n < good.size(); ++n) {
    EXPECT_EQ(DecodeWatchPosition(good.substr(0, n)).status().code(), StatusCode::kCorrupt) << n;
  }
  for (const std::string& bad : std::vector<std::string>{"w1 2 7 4:/a/z 0 4:/a/y 3 1:x",  // out of order
                                                         "w1 1 7 4:/a/z 9 1:x",  // prefix longer than the previous path
                                                         "w1 0 7 99:/a/z",       // length past the end
                                                         "w1 0 3 0:",            // rows without a file
                                                         "w1 1 0 4:/a/x 0 4:/a/x",  // current also done
                                                         "w1 -1 0 0:", "w2 0 0 0:", good + " "}) {
    EXPECT_EQ(DecodeWatchPosition(bad).status().code(), StatusCode::kCorrupt) << bad;
  }
}

}  // namespace
}  // namespace sluice::stream
