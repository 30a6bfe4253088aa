#include "sluice/connectors/files/transactional_file_sink.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace sluice::stream {
namespace {

TEST(TransactionalFileSinkTest, CommitIsIdempotentAndTornBlocksAreDropped) {
  std::string path = std::filesystem::temp_directory_path() / ("sluice-txsink-" + std::to_string(::getpid()));
  std::filesystem::remove(path);
  {
    connectors::TransactionalFileSink sink(path);
    ASSERT_TRUE(sink.Commit(1, {"a,1\n", "b,1\n"}).ok());
    ASSERT_TRUE(sink.Commit(1, {"a,1\n"}).ok());  // retried: skipped
    ASSERT_TRUE(sink.Commit(2, {}).ok());
  }
  {
    std::ofstream out(path, std::ios::app);
    out << "#commit 3 1\nc,1\n";  // torn: no #end
  }
  std::vector<std::string> rows;
  auto last = connectors::TransactionalFileSink::Recover(path, &rows);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(*last, 2);
  EXPECT_EQ(rows, (std::vector<std::string>{"a,1", "b,1"}));
  connectors::TransactionalFileSink again(path);  // a restarted job
  ASSERT_TRUE(again.Commit(2, {"dup\n"}).ok());
  ASSERT_TRUE(again.Commit(3, {"c,1\n"}).ok());
  rows.clear();
  ASSERT_EQ(*connectors::TransactionalFileSink::Recover(path, &rows), 3);
  EXPECT_EQ(rows, (std::vector<std::string>{"a,1", "b,1", "c,1"}));
  {
    std::ofstream out(path, std::ios::trunc);
    out << "garbage\n";
  }
  EXPECT_EQ(connectors::TransactionalFileSink::Recover(path, nullptr).status().code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace sluice::stream
