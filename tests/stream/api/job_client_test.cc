// A running job's handle: savepoints on demand (then restore, also at another
// parallelism), stop-with-savepoint, cancel, and the errors around them.
#include "sluice/stream/api/job_client.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "sluice/connectors/files/transactional_file_sink.h"
#include "sluice/stream/api/environment.h"
#include "sluice/stream/sources/generator_source.h"
#include "stream/count_job_util.h"
#include "stream/stream_test_util.h"

namespace sluice::stream {
namespace {

namespace fs = std::filesystem;

std::string TempDir(const std::string& name) { return testing::FreshTempDir("client-" + name); }

void BuildCount(StreamEnvironment* env, const std::string& out, int64_t events, double rate) {
  testing::BuildCountJob(env, out, events, rate, /*seed=*/11, /*splits=*/4, /*keys=*/200);
}

std::vector<std::string> SortedRows(const std::string& path) { return testing::SortedCommittedRows(path); }

// Waits until the job has read at least `rows` rows; fails after 20 s.
void WaitForRows(const JobClient& client, int64_t rows) {
  EXPECT_TRUE(testing::WaitUntil([&] { return client.Metrics().source_rows >= rows; },
                                 std::to_string(rows) + " rows read", std::chrono::seconds(20)));
}

std::vector<std::string> Reference(const std::string& dir, int64_t events) {
  StreamOptions ref;
  ref.parallelism = 2;
  StreamEnvironment env(ref);
  BuildCount(&env, dir + "/ref.txt", events, 0);
  EXPECT_TRUE(env.Execute().ok());
  return SortedRows(dir + "/ref.txt");
}

void SavepointWhileRunningThenRestore(int from_p, int to_p) {
  std::string dir = TempDir("sp" + std::to_string(from_p) + std::to_string(to_p));
  const int64_t events = 40000;
  std::vector<std::string> expected = Reference(dir, events);
  ASSERT_EQ(expected.size(), static_cast<size_t>(events));

  StreamOptions o;
  o.parallelism = from_p;
  o.checkpoint_dir = dir + "/chk";
  o.checkpoint_interval_ms = 10000;  // no periodic checkpoint gets in the way
  o.batch_size = 256;
  StreamEnvironment env(o);
  BuildCount(&env, dir + "/out.txt", events, 4000);  // per reader: ~5 s in all
  auto client = env.ExecuteAsync("count");
  WaitForRows(*client, 2000);
  Status st = client->TriggerSavepoint(dir + "/sp1");
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(fs::exists(dir + "/sp1/_metadata"));
  // The savepoint committed to the sink like a checkpoint; the job goes on.
  size_t at_savepoint = SortedRows(dir + "/out.txt").size();
  EXPECT_GT(at_savepoint, 0u);
  EXPECT_LT(at_savepoint, static_cast<size_t>(events));
  st = client->StopWithSavepoint(dir + "/sp2");
  ASSERT_TRUE(st.ok()) << st.ToString();
  st = client->Wait();
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(fs::exists(dir + "/sp2/_metadata"));
  size_t at_stop = SortedRows(dir + "/out.txt").size();
  EXPECT_GE(at_stop, at_savepoint);
  EXPECT_LT(at_stop, static_cast<size_t>(events));

  StreamOptions second;
  second.parallelism = to_p;
  second.checkpoint_dir = dir + "/chk";
  second.restore_from = dir + "/sp2";
  StreamEnvironment env2(second);
  BuildCount(&env2, dir + "/out.txt", events, 0);
  st = env2.Execute();
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(SortedRows(dir + "/out.txt"), expected);
}

TEST(JobClientTest, SavepointOnDemandThenStopWithSavepointRestoresExactly) { SavepointWhileRunningThenRestore(2, 2); }

TEST(JobClientTest, SavepointOnDemandRestoresAtAnotherParallelism) { SavepointWhileRunningThenRestore(2, 3); }

TEST(JobClientTest, SavepointWithoutCheckpointingFailsClearly) {
  std::string dir = TempDir("nochk");
  StreamOptions o;
  o.batch_size = 256;
  StreamEnvironment env(o);
  BuildCount(&env, dir + "/out.txt", 20000, 4000);
  auto client = env.ExecuteAsync();
  Status st = client->TriggerSavepoint(dir + "/sp");
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.ToString().find("checkpointing is off"), std::string::npos) << st.ToString();
  client->Cancel();
  EXPECT_TRUE(client->Wait().ok());
}

TEST(JobClientTest, CancelStopsWithoutCommittingPendingWork) {
  std::string dir = TempDir("cancel");
  StreamOptions o;
  o.checkpoint_dir = dir + "/chk";
  o.checkpoint_interval_ms = 60000;
  o.batch_size = 256;
  StreamEnvironment env(o);
  BuildCount(&env, dir + "/out.txt", 1000000, 2000);
  auto client = env.ExecuteAsync();
  WaitForRows(*client, 500);
  client->Cancel();
  Status st = client->Wait();
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_GT(client->Metrics().source_rows, 0);
  EXPECT_TRUE(SortedRows(dir + "/out.txt").empty());  // no checkpoint completed: nothing committed
}

TEST(JobClientTest, SavepointAfterTheJobEndedFails) {
  std::string dir = TempDir("ended");
  StreamOptions o;
  o.checkpoint_dir = dir + "/chk";
  StreamEnvironment env(o);
  BuildCount(&env, dir + "/out.txt", 100, 0);
  auto client = env.ExecuteAsync();
  ASSERT_TRUE(client->Wait().ok());
  Status st = client->TriggerSavepoint(dir + "/sp");
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.ToString().find("ended"), std::string::npos) << st.ToString();
}

TEST(JobClientTest, BuildErrorsShowInWait) {
  StreamEnvironment env;
  env.FromSource(std::make_shared<GeneratorSource>(GeneratorOptions{}), WatermarkStrategy::NoWatermarks(), "gen")
      .KeyBy({"no_such_column"})
      .Count();
  auto client = env.ExecuteAsync();
  Status st = client->Wait();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.ToString().find("no_such_column"), std::string::npos) << st.ToString();
}

}  // namespace
}  // namespace sluice::stream
