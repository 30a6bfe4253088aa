#include "sluice/delta/protocol/path_uri.h"

#include <gtest/gtest.h>

namespace sluice::delta {
namespace {

std::string Resolve(const std::string& root, const std::string& uri) {
  auto r = ResolveDataPath(root, uri);
  EXPECT_TRUE(r.ok()) << uri << ": " << r.status().ToString();
  return r.ok() ? *r : std::string();
}

TEST(PathUriTest, ResolvesRelativeEncodedPaths) {
  EXPECT_EQ(Resolve("/t", "part-0.parquet"), "/t/part-0.parquet");
  EXPECT_EQ(Resolve("/t/", "a%20b/part-0.parquet"), "/t/a b/part-0.parquet");
  EXPECT_EQ(Resolve("/t", "date=2024-01-01/x.parquet"), "/t/date=2024-01-01/x.parquet");
  // golden/data-reader-escaped-chars: the directory is "_2=bar+%2521".
  EXPECT_EQ(Resolve("/t", "_2=bar+%252521/p.parquet"), "/t/_2=bar+%2521/p.parquet");
  // golden/log-replay-special-characters-a.
  EXPECT_EQ(Resolve("/t", "special%20p@%23h"), "/t/special p@#h");
  EXPECT_EQ(Resolve("/t", "bar%2Dbar.snappy.parquet"), "/t/bar-bar.snappy.parquet");
  EXPECT_EQ(Resolve("/t", "./x//y.parquet"), "/t/x/y.parquet");
  EXPECT_EQ(Resolve("/t", "caf\xC3\xA9.parquet"), "/t/caf\xC3\xA9.parquet");
}

TEST(PathUriTest, AbsolutePathsInsideRootAllowed) {
  EXPECT_EQ(Resolve("/data/t", "/data/t/x.parquet"), "/data/t/x.parquet");
  EXPECT_EQ(Resolve("/data/t", "file:///data/t/a%20b/x.parquet"), "/data/t/a b/x.parquet");
  EXPECT_EQ(Resolve("/data/t", "file:/data/t/x.parquet"), "/data/t/x.parquet");
  EXPECT_EQ(Resolve("/data/t", "file://localhost/data/t/x.parquet"), "/data/t/x.parquet");
  EXPECT_EQ(Resolve("file:///data/t", "x.parquet"), "/data/t/x.parquet");
}

TEST(PathUriTest, RefusesEscapes) {
  for (const char* uri : {"../x.parquet", "a/../../x.parquet", "a/%2E%2E/b", "a%2F..%2Fb", "/data/other/x.parquet",
                          "/data/t2/x.parquet", "/data/t", "file:///etc/passwd",
                          // golden/data-reader-absolute-paths-escaped-chars
                          "..//Users/scott/foo.snappy.parquet"}) {
    auto r = ResolveDataPath("/data/t", uri);
    ASSERT_FALSE(r.ok()) << uri;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid) << uri;
    EXPECT_NE(r.status().message().find(uri), std::string::npos) << r.status().message();
  }
  EXPECT_EQ(ResolveDataPath("/t", "s3://bucket/t/x.parquet").status().code(), StatusCode::kNotSupported);
  EXPECT_EQ(ResolveDataPath("/t", "file://host/t/x.parquet").status().code(), StatusCode::kNotSupported);
  EXPECT_EQ(ResolveDataPath("/t", "a%2").status().code(), StatusCode::kInvalid);
  EXPECT_EQ(ResolveDataPath("/t", "a%zz").status().code(), StatusCode::kInvalid);
  EXPECT_EQ(ResolveDataPath("/t", "a%00b").status().code(), StatusCode::kInvalid);
  EXPECT_EQ(ResolveDataPath("/t", "").status().code(), StatusCode::kInvalid);
}

TEST(PathUriTest, EncodeLikeSpark) {
  EXPECT_EQ(EncodeRelativePath("part-0.parquet"), "part-0.parquet");
  EXPECT_EQ(EncodeRelativePath("special p@#h"), "special%20p@%23h");
  // golden/hive/deltatbl-special-chars-in-partition-column
  EXPECT_EQ(EncodeRelativePath("c2=+ %3D%250/part-0.parquet"), "c2=+%20%253D%25250/part-0.parquet");
  EXPECT_EQ(EncodeRelativePath("_2=bar+%2521/p"), "_2=bar+%252521/p");
  EXPECT_EQ(EncodeRelativePath("x=A%2FA/p"), "x=A%252FA/p");
  EXPECT_EQ(EncodeRelativePath("a\"b?c\x01[]"), "a%22b%3Fc%01%5B%5D");
  EXPECT_EQ(EncodeRelativePath("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(EncodeRelativePath("a:b/c:d"), "a%3Ab/c:d");
  EXPECT_EQ(EncodeRelativePath("!$&'()*+,;=~"), "!$&'()*+,;=~");
}

TEST(PathUriTest, EncodeDecodeRoundTrip) {
  std::string all;
  for (int c = 1; c < 256; ++c) all.push_back(static_cast<char>(c));
  std::string encoded = EncodeRelativePath(all);
  auto decoded = PercentDecode(encoded);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, all);
}

TEST(PathUriTest, HivePartitionEscaping) {
  EXPECT_EQ(EscapePartitionValue("+ =%0"), "+ %3D%250");
  EXPECT_EQ(EscapePartitionValue("bar+%21"), "bar+%2521");
  EXPECT_EQ(EscapePartitionValue("A/A"), "A%2FA");
  EXPECT_EQ(EscapePartitionValue("2024-01-01 10:00:00"), "2024-01-01 10%3A00%3A00");
  EXPECT_EQ(EscapePartitionValue("a\"#'*?\\{[]^\x01\x7F"), "a%22%23%27%2A%3F%5C%7B%5B%5D%5E%01%7F");
  EXPECT_EQ(EscapePartitionValue("caf\xC3\xA9 }<>|"), "caf\xC3\xA9 }<>|");
  EXPECT_EQ(UnescapePartitionValue("+ %3D%250"), "+ =%0");
  EXPECT_EQ(UnescapePartitionValue("100%"), "100%");
  EXPECT_EQ(UnescapePartitionValue("%zz%4"), "%zz%4");
  EXPECT_EQ(PartitionDirectoryName("date", std::string("2024-01-01")), "date=2024-01-01");
  EXPECT_EQ(PartitionDirectoryName("c", std::nullopt), "c=__HIVE_DEFAULT_PARTITION__");
  EXPECT_EQ(PartitionDirectoryName("c", std::string()), "c=__HIVE_DEFAULT_PARTITION__");
  EXPECT_EQ(PartitionDirectoryName("a=b", std::string("x/y")), "a%3Db=x%2Fy");
  std::string s;
  for (int c = 1; c < 256; ++c) s.push_back(static_cast<char>(c));
  EXPECT_EQ(UnescapePartitionValue(EscapePartitionValue(s)), s);
}

}  // namespace
}  // namespace sluice::delta
