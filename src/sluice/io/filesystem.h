#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"
#include "sluice/io/file.h"

namespace sluice::io {

struct FileInfo {
  std::string path;  // full path as passed to the file system
  int64_t size = 0;
  int64_t modification_time_ms = 0;  // since the epoch
  bool is_dir = false;
};

// Storage as Delta needs it. Paths are plain file-system paths (local) or
// URIs (object stores); the Delta layer turns log URIs into these.
class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<std::unique_ptr<RandomAccessFile>> OpenRead(const std::string& path) const = 0;
  // Reads a whole file.
  virtual Result<BufferPtr> ReadAll(const std::string& path) const = 0;
  // Creates (or truncates) a file for writing; creates missing parent directories.
  virtual Result<std::unique_ptr<OutputFile>> OpenWrite(const std::string& path) const = 0;
  // Atomically creates `path` with `bytes` iff it does not exist; Conflict when it does.
  // Readers never see a partial file. (Local: write a temp file, then link().)
  virtual Status PutIfAbsent(const std::string& path, std::span<const uint8_t> bytes) const = 0;
  // Atomically replaces `path` with `bytes` (temp file + rename), for files like _last_checkpoint.
  virtual Status PutAtomic(const std::string& path, std::span<const uint8_t> bytes) const = 0;
  // Entries directly inside `dir`, sorted by name (lexicographic byte order). NotFound if `dir` is missing.
  virtual Result<std::vector<FileInfo>> List(const std::string& dir) const = 0;
  // The entries of List(dir) whose names sort at or after `start_name` (what
  // object stores offer as StartAfter; a local listing skips the stat of the
  // others). The default filters List().
  virtual Result<std::vector<FileInfo>> ListFrom(const std::string& dir, std::string_view start_name) const {
    SLUICE_ASSIGN_OR_RETURN(std::vector<FileInfo> all, List(dir));
    std::erase_if(all, [&](const FileInfo& f) {
      const size_t slash = f.path.find_last_of('/');
      return std::string_view(f.path).substr(slash == std::string::npos ? 0 : slash + 1) < start_name;
    });
    return all;
  }
  // Every file below `dir` (recursively), sorted by path.
  virtual Result<std::vector<FileInfo>> ListRecursive(const std::string& dir) const = 0;
  virtual Result<FileInfo> Stat(const std::string& path) const = 0;
  virtual Result<bool> Exists(const std::string& path) const = 0;
  // Deletes a file; OK if it did not exist.
  virtual Status Delete(const std::string& path) const = 0;
  virtual Status CreateDirs(const std::string& dir) const = 0;
};

// The local file system.
std::shared_ptr<FileSystem> LocalFileSystem();

}  // namespace sluice::io
