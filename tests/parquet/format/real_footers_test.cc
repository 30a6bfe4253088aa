// Reads the footer of every Parquet file in parquet-testing and checks it
// against the row counts listed in INDEX.md.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "sluice/parquet/format/metadata_codec.h"

namespace sluice::parquet::format {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = fs::path(SLUICE_TESTDATA_DIR) / "parquet-testing";

std::vector<uint8_t> ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Maps "data/x.parquet" to the row count INDEX.md lists for it ("rows / RGs" column).
std::map<std::string, int64_t> IndexedRowCounts() {
  std::map<std::string, int64_t> out;
  std::ifstream in(kRoot / "INDEX.md");
  const std::regex row(R"(^\| ([^ |]+\.parquet) \|.*\| (\d+) / (\d+) \|)");
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, row)) out[m[1]] = std::stoll(m[2]);
  }
  return out;
}

// Returns the footer bytes, or empty when the file is not a plaintext-footer Parquet file.
std::vector<uint8_t> Footer(const std::vector<uint8_t>& file) {
  if (file.size() < 12 || std::memcmp(file.data() + file.size() - 4, "PAR1", 4) != 0) return {};
  uint32_t len = 0;
  std::memcpy(&len, file.data() + file.size() - 8, 4);
  if (len > file.size() - 12) return {};
  const uint8_t* begin = file.data() + file.size() - 8 - len;
  return std::vector<uint8_t>(begin, begin + len);
}

std::vector<fs::path> ParquetFiles(const std::string& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(kRoot / dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(kRoot / dir)) {
    if (e.is_regular_file() && e.path().extension() == ".parquet") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(RealFootersTest, EveryTestFileDecodesWithPlausibleRows) {
  const auto expected_rows = IndexedRowCounts();
  int decoded = 0;
  int checked_against_index = 0;
  for (const std::string dir : {"data", "variant", "shredded_variant"}) {
    for (const fs::path& path : ParquetFiles(dir)) {
      const std::vector<uint8_t> footer = Footer(ReadAll(path));
      if (footer.empty()) continue;  // e.g. encrypted footer ("PARE")
      const std::string rel = fs::relative(path, kRoot).string();
      SCOPED_TRACE(rel);
      auto md = DeserializeFileMetaData({footer.data(), footer.size()});
      ASSERT_TRUE(md.ok()) << md.status().ToString();
      ++decoded;
      ASSERT_FALSE(md->schema.empty());
      EXPECT_GE(md->num_rows, 0);
      int64_t sum = 0;
      for (const RowGroup& rg : md->row_groups) {
        EXPECT_GE(rg.num_rows, 0);
        sum += rg.num_rows;
        for (const ColumnChunk& c : rg.columns) {
          ASSERT_TRUE(c.meta_data.has_value());
          EXPECT_TRUE(IsKnown(c.meta_data->type));
          EXPECT_FALSE(c.meta_data->path_in_schema.empty());
        }
      }
      // parquet-rs 0.3.0 wrote FileMetaData.num_rows = 0 (data/repeated_no_annotation.parquet).
      if (md->num_rows != 0) {
        EXPECT_EQ(sum, md->num_rows);
      }
      auto it = expected_rows.find(rel);
      if (it != expected_rows.end()) {
        EXPECT_EQ(md->num_rows, it->second);
        ++checked_against_index;
      }
      // What we read, we write back identically (except unknown logical types, which are not written).
      for (SchemaElement& e : md->schema) {
        if (e.logical_type && e.logical_type->kind == LogicalType::Kind::kFuture) e.logical_type.reset();
      }
      Buffer buf;
      Serialize(*md, &buf);
      auto again = DeserializeFileMetaData(buf.span());
      ASSERT_TRUE(again.ok()) << again.status().ToString();
      EXPECT_TRUE(*again == *md);
    }
  }
  EXPECT_GT(decoded, 60);
  EXPECT_GT(checked_against_index, 50);
}

TEST(RealFootersTest, KnownFileDetails) {
  const std::vector<uint8_t> footer = Footer(ReadAll(kRoot / "data" / "alltypes_plain.parquet"));
  ASSERT_FALSE(footer.empty());
  auto md = DeserializeFileMetaData({footer.data(), footer.size()});
  ASSERT_TRUE(md.ok()) << md.status().ToString();
  EXPECT_EQ(md->num_rows, 8);
  ASSERT_EQ(md->schema.size(), 12u);  // root + 11 columns
  EXPECT_EQ(md->schema[0].num_children, 11);
  EXPECT_EQ(md->created_by, "impala version 1.3.0-INTERNAL (build 8a48ddb1eff84592b3fc06bc6f51ec120e1fffc9)");
  EXPECT_EQ(md->schema[1].name, "id");
  EXPECT_EQ(md->schema[1].type, Type::INT32);

  // unknown-logical-type.parquet carries a LogicalType member id this reader does not know.
  const std::vector<uint8_t> f2 = Footer(ReadAll(kRoot / "data" / "unknown-logical-type.parquet"));
  auto md2 = DeserializeFileMetaData({f2.data(), f2.size()});
  ASSERT_TRUE(md2.ok()) << md2.status().ToString();
  bool saw_future = false;
  for (const auto& e : md2->schema) {
    saw_future |= e.logical_type.has_value() && e.logical_type->kind == LogicalType::Kind::kFuture;
  }
  EXPECT_TRUE(saw_future);
}

TEST(RealFootersTest, BadDataFootersNeverCrash) {
  for (const fs::path& path : ParquetFiles("bad_data")) {
    const std::vector<uint8_t> footer = Footer(ReadAll(path));
    if (footer.empty()) continue;
    auto md = DeserializeFileMetaData({footer.data(), footer.size()});
    (void)md.ok();  // either outcome is fine; no crash, no sanitizer report
  }
}

}  // namespace
}  // namespace sluice::parquet::format
