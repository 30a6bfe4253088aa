#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sluice/delta/log/log_json.h"

namespace sluice::delta {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every JSON file of every _delta_log under the Delta test tables: commits,
// JSON checkpoints (V2 top-level), compacted logs and _sidecars never hold
// JSON, so this is the whole JSON surface the tables exercise.
std::vector<fs::path> LogJsonFiles() {
  std::vector<fs::path> out;
  fs::path root = fs::path(SLUICE_TESTDATA_DIR) / "delta";
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& p = it->path();
    if (it->is_regular_file() && p.extension() == ".json" && p.parent_path().filename() == "_delta_log") {
      out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(LogJsonTestdataTest, ParsesEveryCommitOfEveryTable) {
  std::vector<fs::path> files = LogJsonFiles();
  ASSERT_EQ(files.size(), 495u);
  std::map<size_t, int64_t> counts;  // action variant index -> count
  int64_t total = 0;
  for (const auto& f : files) {
    std::string text = ReadFile(f);
    auto r = ParseLogJson(text, f.string());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    for (const Action& a : *r) counts[a.index()]++;
    total += static_cast<int64_t>(r->size());
    // Every action survives our serialization unchanged.
    for (const Action& a : *r) {
      auto again = ParseLogJson(SerializeAction(a), "reserialized");
      ASSERT_TRUE(again.ok()) << f << ": " << again.status().ToString();
      ASSERT_EQ(again->size(), 1u);
      ASSERT_TRUE((*again)[0] == a) << f << ": " << SerializeAction(a);
    }
  }
  std::printf("%zu log JSON files, %lld actions:", files.size(), static_cast<long long>(total));
  for (auto [k, n] : counts) std::printf(" [%zu]=%lld", k, static_cast<long long>(n));
  std::printf("\n");
  // Cross-checked with Python json over the same files.
  EXPECT_EQ(total, 1949);
  std::map<size_t, int64_t> expected = {{0, 167}, {1, 186}, {2, 797}, {3, 271}, {4, 36},
                                        {5, 2},   {6, 481}, {7, 2},   {8, 3},   {9, 4}};
  EXPECT_EQ(counts, expected);
}

}  // namespace
}  // namespace sluice::delta
