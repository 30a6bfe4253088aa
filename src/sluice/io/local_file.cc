#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sluice/io/file.h"

namespace sluice::io {
namespace {

std::string ErrnoText() { return std::strerror(errno); }

class RangeCheckedFile : public RandomAccessFile {
 public:
  Result<BufferPtr> ReadAt(int64_t offset, int64_t length) const override {
    if (offset < 0 || length < 0 || offset > Size() || length > Size() - offset) {
      return Status::Corrupt("{}: read of {} bytes at offset {} is outside the file ({} bytes)", path(), length, offset,
                             Size());
    }
    return Slice(offset, length);
  }

 protected:
  virtual BufferPtr Slice(int64_t offset, int64_t length) const = 0;
};

struct Mapping {
  void* addr = nullptr;
  size_t size = 0;
  ~Mapping() {
    if (addr != nullptr && addr != MAP_FAILED) munmap(addr, size);
  }
};

class LocalMappedFile final : public RangeCheckedFile {
 public:
  LocalMappedFile(std::string path, std::shared_ptr<Mapping> m, int64_t size)
      : path_(std::move(path)), map_(std::move(m)), size_(size) {}
  const std::string& path() const override { return path_; }
  int64_t Size() const override { return size_; }

 protected:
  BufferPtr Slice(int64_t offset, int64_t length) const override {
    const auto* base = static_cast<const uint8_t*>(map_->addr);
    return Buffer::Wrap(base == nullptr ? nullptr : base + offset, length, map_);
  }

 private:
  std::string path_;
  std::shared_ptr<Mapping> map_;
  int64_t size_;
};

class InMemoryFile final : public RangeCheckedFile {
 public:
  InMemoryFile(BufferPtr bytes, std::string name) : bytes_(std::move(bytes)), name_(std::move(name)) {}
  const std::string& path() const override { return name_; }
  int64_t Size() const override { return bytes_->size(); }

 protected:
  BufferPtr Slice(int64_t offset, int64_t length) const override {
    return Buffer::Wrap(bytes_->data() + offset, length, bytes_);
  }

 private:
  BufferPtr bytes_;
  std::string name_;
};

class LocalOutputFile final : public OutputFile {
 public:
  LocalOutputFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~LocalOutputFile() override {
    if (fd_ >= 0) ::close(fd_);
  }
  const std::string& path() const override { return path_; }
  Status Write(const void* data, int64_t length) override {
    const auto* p = static_cast<const uint8_t*>(data);
    int64_t left = length;
    while (left > 0) {
      ssize_t n = ::write(fd_, p, static_cast<size_t>(left));
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status::IOError("{}: write failed: {}", path_, ErrnoText());
      }
      p += n;
      left -= n;
    }
    pos_ += length;
    return Status::OK();
  }
  int64_t Tell() const override { return pos_; }
  Status Close() override {
    if (fd_ < 0) return Status::OK();
    int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0) return Status::IOError("{}: close failed: {}", path_, ErrnoText());
    return Status::OK();
  }

 private:
  std::string path_;
  int fd_;
  int64_t pos_ = 0;
};

}  // namespace

Result<std::unique_ptr<RandomAccessFile>> OpenLocalFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound("{}: no such file", path);
    return Status::IOError("{}: cannot open: {}", path, ErrnoText());
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IOError("{}: cannot stat: {}", path, ErrnoText());
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::Invalid("{}: is a directory, not a file", path);
  }
  auto m = std::make_shared<Mapping>();
  if (st.st_size > 0) {
    m->size = static_cast<size_t>(st.st_size);
    m->addr = ::mmap(nullptr, m->size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m->addr == MAP_FAILED) {
      m->addr = nullptr;
      ::close(fd);
      return Status::IOError("{}: cannot map: {}", path, ErrnoText());
    }
  }
  ::close(fd);
  return std::unique_ptr<RandomAccessFile>(new LocalMappedFile(path, std::move(m), st.st_size));
}

std::unique_ptr<RandomAccessFile> MemoryFile(BufferPtr bytes, std::string name) {
  return std::make_unique<InMemoryFile>(std::move(bytes), std::move(name));
}

Result<std::unique_ptr<OutputFile>> CreateLocalFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError("{}: cannot create: {}", path, ErrnoText());
  return std::unique_ptr<OutputFile>(new LocalOutputFile(path, fd));
}

}  // namespace sluice::io
