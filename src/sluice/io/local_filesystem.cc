#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>

#include "sluice/io/filesystem.h"

namespace sluice::io {
namespace {

std::string ErrnoText(int err) { return std::strerror(err); }

int64_t MtimeMs(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

FileInfo MakeInfo(std::string path, const struct stat& st) {
  FileInfo info;
  info.path = std::move(path);
  info.is_dir = S_ISDIR(st.st_mode);
  info.size = info.is_dir ? 0 : static_cast<int64_t>(st.st_size);
  info.modification_time_ms = MtimeMs(st);
  return info;
}

std::string JoinPath(const std::string& dir, std::string_view name) {
  std::string out = dir;
  if (out.empty() || out.back() != '/') out.push_back('/');
  out.append(name);
  return out;
}

std::string ParentDir(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// A name unique across threads and processes for a temp file next to `path`.
std::string TempPathFor(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  static const uint64_t seed = std::random_device{}();
  uint64_t n = counter.fetch_add(1, std::memory_order_relaxed);
  std::string dir = ParentDir(path);
  std::string base = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  return JoinPath(dir, fmt::format(".{}.{}.{:x}.{}.tmp", base, ::getpid(), seed, n));
}

Status MakeDirs(const std::string& dir) {
  if (dir.empty()) return Status::OK();
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Status::OK();
    return Status::IOError("{}: exists and is not a directory", dir);
  }
  std::string parent = ParentDir(dir);
  if (parent != dir && parent != "." && parent != "/") SLUICE_RETURN_NOT_OK(MakeDirs(parent));
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    return Status::IOError("{}: cannot create directory: {}", dir, ErrnoText(errno));
  }
  return Status::OK();
}

Status WriteAllFd(int fd, const std::string& path, std::span<const uint8_t> bytes) {
  const uint8_t* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IOError("{}: write failed: {}", path, ErrnoText(errno));
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return Status::OK();
}

// Writes `bytes` to a fresh temp file next to `path`, fsynced; returns its path.
Result<std::string> WriteTempFile(const std::string& path, std::span<const uint8_t> bytes) {
  SLUICE_RETURN_NOT_OK(MakeDirs(ParentDir(path)));
  std::string tmp = TempPathFor(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError("{}: cannot create temp file {}: {}", path, tmp, ErrnoText(errno));
  Status st = WriteAllFd(fd, tmp, bytes);
  if (st.ok() && ::fsync(fd) != 0) st = Status::IOError("{}: fsync failed: {}", tmp, ErrnoText(errno));
  if (::close(fd) != 0 && st.ok()) st = Status::IOError("{}: close failed: {}", tmp, ErrnoText(errno));
  if (!st.ok()) {
    ::unlink(tmp.c_str());
    return st;
  }
  return tmp;
}

// Makes a rename or link durable by syncing the directory holding it.
void SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

class LocalFs final : public FileSystem {
 public:
  Result<std::unique_ptr<RandomAccessFile>> OpenRead(const std::string& path) const override {
    return OpenLocalFile(path);
  }

  Result<BufferPtr> ReadAll(const std::string& path) const override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return Status::NotFound("{}: no such file", path);
      return Status::IOError("{}: cannot open: {}", path, ErrnoText(errno));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
      int err = errno;
      ::close(fd);
      if (S_ISDIR(st.st_mode)) return Status::Invalid("{}: is a directory, not a file", path);
      return Status::IOError("{}: cannot stat: {}", path, ErrnoText(err));
    }
    auto buf = std::make_shared<Buffer>();
    buf->Reserve(static_cast<int64_t>(st.st_size) + 1);
    // Read straight into the buffer until EOF (the file may have grown since
    // fstat); bytes past the end stay zero, as simdjson's padding needs.
    while (true) {
      if (buf->capacity() == buf->size()) buf->Reserve(buf->capacity() * 2);
      int64_t size = buf->size();
      ssize_t n = ::read(fd, buf->mutable_data() + size, static_cast<size_t>(buf->capacity() - size));
      if (n < 0) {
        if (errno == EINTR) continue;
        int err = errno;
        ::close(fd);
        return Status::IOError("{}: read failed: {}", path, ErrnoText(err));
      }
      if (n == 0) break;
      buf->ResizeUninitialized(size + n);
    }
    ::close(fd);
    return buf;
  }

  Result<std::unique_ptr<OutputFile>> OpenWrite(const std::string& path) const override {
    SLUICE_RETURN_NOT_OK(MakeDirs(ParentDir(path)));
    return CreateLocalFile(path);
  }

  Status PutIfAbsent(const std::string& path, std::span<const uint8_t> bytes) const override {
    SLUICE_ASSIGN_OR_RETURN(std::string tmp, WriteTempFile(path, bytes));
    // link() fails with EEXIST when `path` exists: the atomic "create if
    // absent" of POSIX. Unlike rename(), it never replaces a winner's commit,
    // and readers only ever see the complete, fsynced temp file's contents.
    int rc = ::link(tmp.c_str(), path.c_str());
    int err = errno;
    ::unlink(tmp.c_str());
    if (rc != 0) {
      if (err == EEXIST) return Status::Conflict("{} already exists", path);
      return Status::IOError("{}: cannot link from {}: {}", path, tmp, ErrnoText(err));
    }
    SyncDir(ParentDir(path));
    return Status::OK();
  }

  Status PutAtomic(const std::string& path, std::span<const uint8_t> bytes) const override {
    SLUICE_ASSIGN_OR_RETURN(std::string tmp, WriteTempFile(path, bytes));
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      int err = errno;
      ::unlink(tmp.c_str());
      return Status::IOError("{}: cannot rename from {}: {}", path, tmp, ErrnoText(err));
    }
    SyncDir(ParentDir(path));
    return Status::OK();
  }

  Result<std::vector<FileInfo>> List(const std::string& dir) const override { return ListFrom(dir, {}); }

  Result<std::vector<FileInfo>> ListFrom(const std::string& dir, std::string_view start_name) const override {
    std::vector<FileInfo> out;
    SLUICE_RETURN_NOT_OK(ListInto(dir, /*recursive=*/false, &out, start_name));
    std::sort(out.begin(), out.end(), [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
    return out;
  }

  Result<std::vector<FileInfo>> ListRecursive(const std::string& dir) const override {
    std::vector<FileInfo> out;
    SLUICE_RETURN_NOT_OK(ListInto(dir, /*recursive=*/true, &out));
    std::sort(out.begin(), out.end(), [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
    return out;
  }

  Result<FileInfo> Stat(const std::string& path) const override {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT || errno == ENOTDIR) return Status::NotFound("{}: no such file or directory", path);
      return Status::IOError("{}: cannot stat: {}", path, ErrnoText(errno));
    }
    return MakeInfo(path, st);
  }

  Result<bool> Exists(const std::string& path) const override {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) return true;
    if (errno == ENOENT || errno == ENOTDIR) return false;
    return Status::IOError("{}: cannot stat: {}", path, ErrnoText(errno));
  }

  Status Delete(const std::string& path) const override {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      return Status::IOError("{}: cannot delete: {}", path, ErrnoText(errno));
    }
    return Status::OK();
  }

  Status CreateDirs(const std::string& dir) const override { return MakeDirs(dir); }

 private:
  // Appends the entries of `dir` (files only and recursing when `recursive`)
  // whose names sort at or after `start_name`.
  static Status ListInto(const std::string& dir, bool recursive, std::vector<FileInfo>* out,
                         std::string_view start_name = {}) {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) {
      if (errno == ENOENT) return Status::NotFound("{}: no such directory", dir);
      return Status::IOError("{}: cannot list: {}", dir, ErrnoText(errno));
    }
    std::vector<std::string> subdirs;
    Status status;
    while (true) {
      errno = 0;
      struct dirent* e = ::readdir(d);
      if (e == nullptr) {
        if (errno != 0) status = Status::IOError("{}: cannot list: {}", dir, ErrnoText(errno));
        break;
      }
      std::string_view name = e->d_name;
      if (name == "." || name == ".." || name < start_name) continue;
      std::string full = JoinPath(dir, name);
      // Relative to the open directory: no walk of the whole path per entry.
      struct stat st {};
      if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) continue;  // deleted while listing
        status = Status::IOError("{}: cannot stat: {}", full, ErrnoText(errno));
        break;
      }
      // Symbolic links are reported as their target but never recursed into
      // (a link cycle must not make listing loop).
      bool is_link = S_ISLNK(st.st_mode);
      if (is_link && ::fstatat(::dirfd(d), e->d_name, &st, 0) != 0) continue;  // dangling link
      if (recursive && !is_link && S_ISDIR(st.st_mode)) {
        subdirs.push_back(std::move(full));
      } else {
        out->push_back(MakeInfo(std::move(full), st));
      }
    }
    ::closedir(d);
    SLUICE_RETURN_NOT_OK(status);
    for (const std::string& sub : subdirs) {
      Status st = ListInto(sub, true, out);
      if (!st.ok() && st.code() != StatusCode::kNotFound) return st;
    }
    return Status::OK();
  }
};

}  // namespace

std::shared_ptr<FileSystem> LocalFileSystem() {
  static const std::shared_ptr<FileSystem> fs = std::make_shared<LocalFs>();
  return fs;
}

}  // namespace sluice::io
