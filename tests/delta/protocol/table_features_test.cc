#include "sluice/delta/protocol/table_features.h"

#include <gtest/gtest.h>

#include <set>

#include "sluice/delta/snapshot/snapshot.h"

namespace sluice::delta {
namespace {

TEST(TableFeaturesTest, TableHasUniqueNames) {
  std::set<std::string_view> names;
  for (const TableFeatureInfo& f : KnownTableFeatures()) EXPECT_TRUE(names.insert(f.name).second) << f.name;
  EXPECT_EQ(FindTableFeature("nope"), nullptr);
  ASSERT_NE(FindTableFeature("deletionVectors"), nullptr);
  EXPECT_TRUE(FindTableFeature("deletionVectors")->reader_writer);
  EXPECT_FALSE(FindTableFeature("appendOnly")->reader_writer);
}

TEST(TableFeaturesTest, ReaderFeatures) {
  for (const char* f : {"columnMapping", "deletionVectors", "timestampNtz", "v2Checkpoint", "vacuumProtocolCheck"}) {
    EXPECT_TRUE(IsSupportedReaderFeature(f)) << f;
  }
  for (const char* f : {"typeWidening", "typeWidening-preview", "variantType", "variantType-preview", "blahabl"}) {
    EXPECT_FALSE(IsSupportedReaderFeature(f)) << f;
  }
  EXPECT_TRUE(IsSupportedWriterFeature("appendOnly"));
  EXPECT_FALSE(IsSupportedWriterFeature("deletionVectors"));
  EXPECT_FALSE(IsSupportedWriterFeature("unknownThing"));
}

TEST(TableFeaturesTest, CheckRead) {
  Protocol p;
  EXPECT_TRUE(CheckReadSupported(p, "/t").ok());
  p.min_reader_version = 3;
  p.reader_features = std::vector<std::string>{"deletionVectors", "variantType"};
  Status st = CheckReadSupported(p, "/t");
  EXPECT_EQ(st.code(), StatusCode::kNotSupported);
  EXPECT_EQ(st.message(), "table /t requires reader feature variantType which sluice does not support");
  p.min_reader_version = 99;
  p.reader_features.reset();
  st = CheckReadSupported(p, "/t");
  EXPECT_EQ(st.code(), StatusCode::kNotSupported);
  EXPECT_NE(st.message().find("reader version 99"), std::string::npos);
}

TEST(TableFeaturesTest, CheckWrite) {
  Protocol p;  // r1/w2: invariants implied, appendOnly
  Metadata m;
  m.schema_string = R"({"type":"struct","fields":[{"name":"a","type":"long","nullable":true,"metadata":{}}]})";
  EXPECT_TRUE(CheckWriteSupported(p, m, "/t").ok());
  Metadata with_invariant = m;
  with_invariant.schema_string =
      R"({"type":"struct","fields":[{"name":"a","type":"long","nullable":true,"metadata":{"delta.invariants":"a>0"}}]})";
  EXPECT_EQ(CheckWriteSupported(p, with_invariant, "/t").code(), StatusCode::kNotSupported);
  p.min_writer_version = 4;
  m.configuration["delta.enableChangeDataFeed"] = "false";
  EXPECT_TRUE(CheckWriteSupported(p, m, "/t").ok());
  m.configuration["delta.enableChangeDataFeed"] = "true";
  Status st = CheckWriteSupported(p, m, "/t");
  EXPECT_NE(st.message().find("changeDataFeed"), std::string::npos) << st.ToString();
  p.min_writer_version = 7;
  p.writer_features = std::vector<std::string>{"appendOnly", "domainMetadata"};
  EXPECT_EQ(CheckWriteSupported(p, m, "/t").code(), StatusCode::kNotSupported);
  p.writer_features = std::vector<std::string>{"appendOnly", "invariants"};
  EXPECT_TRUE(CheckWriteSupported(p, m, "/t").ok());
}

}  // namespace
}  // namespace sluice::delta
