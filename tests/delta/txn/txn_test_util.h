#pragma once

// Helpers for transaction and checkpoint tests: a temp table root, a small
// (a long, p string) schema, and actions to stage.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "sluice/delta/log/log_segment.h"
#include "sluice/delta/protocol/actions.h"
#include "sluice/delta/snapshot/log_replay.h"
#include "sluice/delta/snapshot/snapshot.h"
#include "sluice/delta/txn/new_table.h"
#include "sluice/delta/txn/transaction.h"
#include "sluice/io/filesystem.h"

namespace sluice::delta::testing {

// A fresh directory, deleted with its content at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "sluice_txn_XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data()) ? tmpl : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline constexpr const char* kSchemaAP =
    R"({"type":"struct","fields":[{"name":"a","type":"long","nullable":true,"metadata":{}},)"
    R"({"name":"p","type":"string","nullable":true,"metadata":{}}]})";

// Metadata of an (a long, p string) table, partitioned by p when asked.
inline Metadata TestMetadata(bool partitioned, std::map<std::string, std::string> config = {}) {
  Metadata m;
  m.id = "11111111-2222-4333-8444-555555555555";
  m.schema_string = kSchemaAP;
  if (partitioned) m.partition_columns = {"p"};
  m.configuration = std::move(config);
  return m;
}

// An add of `path` (in partition p=`p` when p is given) with stats.
inline Add TestAdd(std::string path, std::optional<std::string> p = std::nullopt, int64_t rows = 1) {
  Add a;
  a.path = std::move(path);
  if (p) a.partition_values["p"] = *p;
  a.size = 100 + rows;
  a.modification_time = 1700000000000;
  a.stats =
      R"({"numRecords":)" + std::to_string(rows) + R"(,"minValues":{"a":1},"maxValues":{"a":9},"nullCount":{"a":0}})";
  return a;
}

inline Remove TestRemove(std::string path, std::optional<std::string> p = std::nullopt, bool data_change = true) {
  Remove r;
  r.path = std::move(path);
  r.data_change = data_change;
  if (p) r.partition_values = PartitionValues{{"p", *p}};
  return r;
}

// Creates a table at `root` (version 0) with `adds`.
inline CommitResult CreateTestTable(const std::string& root, const Metadata& metadata, std::vector<Add> adds = {}) {
  auto txn = Transaction::BeginCreate(io::LocalFileSystem(), root);
  txn->SetProtocol(ProtocolForNewTable(metadata));
  txn->SetMetadata(metadata);
  for (Add& a : adds) txn->AddFile(std::move(a));
  CommitOptions options;
  options.operation = "CREATE TABLE";
  auto r = txn->Commit(options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : CommitResult{};
}

inline SnapshotPtr LoadLatest(const std::string& root) {
  auto s = LoadSnapshot(io::LocalFileSystem(), root);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : nullptr;
}

// The path of commit `v` of the table at `root`.
inline std::string CommitPath(const std::string& root, int64_t v) { return root + "/_delta_log/" + CommitFileName(v); }

// A transaction on the latest version of the table at `root`.
inline std::unique_ptr<Transaction> BeginLatest(const std::string& root) {
  auto txn = Transaction::Begin(LoadLatest(root));
  EXPECT_TRUE(txn.ok()) << txn.status().ToString();
  return txn.ok() ? std::move(*txn) : nullptr;
}

// A snapshot built in memory from `actions` (no files), at `version`.
inline SnapshotPtr SnapshotOf(std::vector<Action> actions, int64_t version = 0, std::string root = "/t",
                              std::shared_ptr<io::FileSystem> fs = io::LocalFileSystem()) {
  LogReplay replay(std::move(root));
  replay.Apply(std::move(actions));
  auto s = std::move(replay).Finish(std::move(fs), version, 0);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : nullptr;
}

}  // namespace sluice::delta::testing
