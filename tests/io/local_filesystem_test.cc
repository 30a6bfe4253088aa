#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "sluice/io/filesystem.h"

namespace sluice::io {
namespace {

class LocalFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sluice_fs_test_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    fs_ = LocalFileSystem();
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  static std::span<const uint8_t> Bytes(std::string_view s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
  }
  std::string Read(const std::string& path) {
    auto r = fs_->ReadAll(path);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::string((*r)->view()) : std::string();
  }

  std::string root_;
  std::shared_ptr<FileSystem> fs_;
};

TEST_F(LocalFileSystemTest, PutIfAbsentCreatesThenConflicts) {
  std::string p = root_ + "/_delta_log/00000000000000000000.json";
  ASSERT_TRUE(fs_->PutIfAbsent(p, Bytes("first\n")).ok());
  EXPECT_EQ(Read(p), "first\n");
  Status st = fs_->PutIfAbsent(p, Bytes("second\n"));
  EXPECT_EQ(st.code(), StatusCode::kConflict);
  EXPECT_NE(st.message().find(p), std::string::npos);
  EXPECT_NE(st.message().find("already exists"), std::string::npos);
  EXPECT_EQ(Read(p), "first\n");
  // No temp files are left behind.
  auto list = fs_->List(root_ + "/_delta_log");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].path, p);
  EXPECT_EQ((*list)[0].size, 6);
}

TEST_F(LocalFileSystemTest, ConcurrentPutIfAbsentHasOneWinner) {
  std::string p = root_ + "/log/00000000000000000001.json";
  ASSERT_TRUE(fs_->CreateDirs(root_ + "/log").ok());
  constexpr int kThreads = 8;
  std::vector<std::string> payloads;
  for (int i = 0; i < kThreads; ++i) payloads.push_back(std::string(100000 + i, static_cast<char>('a' + i)));
  std::atomic<int> wins{0}, conflicts{0}, winner{-1};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) {
      }
      Status st = fs_->PutIfAbsent(p, Bytes(payloads[i]));
      if (st.ok()) {
        wins++;
        winner = i;
      } else if (st.code() == StatusCode::kConflict) {
        conflicts++;
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(conflicts.load(), kThreads - 1);
  ASSERT_GE(winner.load(), 0);
  EXPECT_EQ(Read(p), payloads[winner.load()]);
  auto list = fs_->List(root_ + "/log");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);
}

TEST_F(LocalFileSystemTest, PutAtomicReplaces) {
  std::string p = root_ + "/_last_checkpoint";
  ASSERT_TRUE(fs_->PutAtomic(p, Bytes("{\"version\":1}")).ok());
  ASSERT_TRUE(fs_->PutAtomic(p, Bytes("{\"version\":22}")).ok());
  EXPECT_EQ(Read(p), "{\"version\":22}");
  auto list = fs_->List(root_);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);
}

TEST_F(LocalFileSystemTest, ListSortedByBytesAndRecursive) {
  for (const char* name : {"b", "a", "B", "a0", "_x"}) {
    ASSERT_TRUE(fs_->PutAtomic(root_ + "/" + name, Bytes(name)).ok());
  }
  ASSERT_TRUE(fs_->PutAtomic(root_ + "/d/e/f.parquet", Bytes("xyz")).ok());
  auto list = fs_->List(root_);
  ASSERT_TRUE(list.ok());
  std::vector<std::string> names;
  for (const auto& f : *list) names.push_back(f.path.substr(root_.size() + 1));
  EXPECT_EQ(names, (std::vector<std::string>{"B", "_x", "a", "a0", "b", "d"}));
  EXPECT_TRUE(list->back().is_dir);
  auto rec = fs_->ListRecursive(root_);
  ASSERT_TRUE(rec.ok());
  ASSERT_EQ(rec->size(), 6u);
  EXPECT_EQ(rec->back().path, root_ + "/d/e/f.parquet");
  EXPECT_EQ(rec->back().size, 3);
  EXPECT_FALSE(rec->back().is_dir);
  EXPECT_EQ(fs_->List(root_ + "/missing").status().code(), StatusCode::kNotFound);
}

TEST_F(LocalFileSystemTest, ListFromSkipsEarlierNames) {
  const auto& fs = fs_;
  for (const char* name :
       {"00000000000000000001.json", "00000000000000000002.json", "00000000000000000002.checkpoint.parquet",
        "00000000000000000010.json", "_last_checkpoint"}) {
    ASSERT_TRUE(fs->PutAtomic(root_ + "/" + name, Bytes(name)).ok());
  }
  auto listed = fs->ListFrom(root_, "00000000000000000002");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  std::vector<std::string> names;
  for (const auto& f : *listed) names.push_back(f.path.substr(f.path.find_last_of('/') + 1));
  EXPECT_EQ(names, (std::vector<std::string>{"00000000000000000002.checkpoint.parquet", "00000000000000000002.json",
                                             "00000000000000000010.json", "_last_checkpoint"}));
  // The FileSystem default (filtering List) agrees with the local override.
  auto by_default = fs->FileSystem::ListFrom(root_, "00000000000000000002");
  ASSERT_TRUE(by_default.ok());
  ASSERT_EQ(by_default->size(), listed->size());
  for (size_t i = 0; i < listed->size(); ++i) EXPECT_EQ((*by_default)[i].path, (*listed)[i].path);
  EXPECT_EQ((*by_default)[0].size, (*listed)[0].size);
  EXPECT_EQ(fs->ListFrom(root_ + "/missing", "a").status().code(), StatusCode::kNotFound);
}

TEST_F(LocalFileSystemTest, StatExistsDelete) {
  std::string p = root_ + "/f";
  ASSERT_TRUE(fs_->PutAtomic(p, Bytes("12345")).ok());
  auto info = fs_->Stat(p);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->size, 5);
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(info->modification_time_ms, st.st_mtim.tv_sec * 1000 + st.st_mtim.tv_nsec / 1000000);
  EXPECT_TRUE(*fs_->Exists(p));
  ASSERT_TRUE(fs_->Delete(p).ok());
  EXPECT_FALSE(*fs_->Exists(p));
  EXPECT_TRUE(fs_->Delete(p).ok());  // idempotent
  Status missing = fs_->Stat(p).status();
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_NE(missing.message().find(p), std::string::npos);
  EXPECT_EQ(fs_->ReadAll(p).status().code(), StatusCode::kNotFound);
}

TEST_F(LocalFileSystemTest, OpenWriteCreatesParents) {
  std::string p = root_ + "/x=1/y=2/part-0.parquet";
  auto out = fs_->OpenWrite(p);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE((*out)->Write("hello", 5).ok());
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_EQ(Read(p), "hello");
  auto f = fs_->OpenRead(p);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->Size(), 5);
}

TEST_F(LocalFileSystemTest, ReadAllLargeAndEmpty) {
  std::string big(300000, 'q');
  big[12345] = 'z';
  ASSERT_TRUE(fs_->PutAtomic(root_ + "/big", Bytes(big)).ok());
  EXPECT_EQ(Read(root_ + "/big"), big);
  ASSERT_TRUE(fs_->PutAtomic(root_ + "/empty", Bytes("")).ok());
  EXPECT_EQ(Read(root_ + "/empty"), "");
}

TEST_F(LocalFileSystemTest, ErrorsNamePathAndReason) {
  // A file where a directory is needed.
  ASSERT_TRUE(fs_->PutAtomic(root_ + "/file", Bytes("x")).ok());
  Status st = fs_->PutIfAbsent(root_ + "/file/child", Bytes("y"));
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find(root_ + "/file"), std::string::npos);
}

}  // namespace
}  // namespace sluice::io
