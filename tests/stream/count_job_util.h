#pragma once

// The keyed-count job of the checkpoint, savepoint and job-client tests, and
// what they read back from its transactional file sink.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "sluice/connectors/files/transactional_file_sink.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/sources/generator_source.h"

namespace sluice::stream::testing {

// A fresh directory "<tmp>/sluice-<tag>-<pid>".
inline std::string FreshTempDir(const std::string& tag) {
  namespace fs = std::filesystem;
  std::string d = (fs::temp_directory_path() / ("sluice-" + tag + "-" + std::to_string(::getpid()))).string();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// generator (seed, splits, keys; `rate` rows/s per reader, 0 = unlimited)
// -> KeyBy(key) -> Count -> transactional file sink at `out`.
inline void BuildCountJob(StreamEnvironment* env, const std::string& out, int64_t events, double rate,
                          uint64_t seed = 7, int splits = 6, int64_t keys = 300) {
  GeneratorOptions g;
  g.count = events;
  g.seed = seed;
  g.num_splits = splits;
  g.num_keys = keys;
  g.rows_per_second = rate;
  env->FromSource(std::make_shared<GeneratorSource>(g), WatermarkStrategy::NoWatermarks(), "gen")
      .KeyBy({"key"})
      .Count()
      .Name("count")
      .SinkTo(std::make_shared<connectors::TransactionalFileSink>(out), "out");
}

// The committed rows of the sink's file, sorted.
inline std::vector<std::string> SortedCommittedRows(const std::string& path) {
  std::vector<std::string> rows;
  auto last = connectors::TransactionalFileSink::Recover(path, &rows);
  EXPECT_TRUE(last.ok());
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace sluice::stream::testing
