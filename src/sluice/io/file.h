#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sluice/common/buffer.h"
#include "sluice/common/status.h"

namespace sluice::io {

// A file read by offset. Thread-safe: ReadAt may be called concurrently.
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  // The path or URI the file was opened from; used in error messages.
  virtual const std::string& path() const = 0;
  virtual int64_t Size() const = 0;
  // Returns exactly `length` bytes starting at `offset`, or an error naming the
  // file when the range lies outside it. The buffer may borrow mapped memory.
  virtual Result<BufferPtr> ReadAt(int64_t offset, int64_t length) const = 0;
};

// A file written front to back. Nothing is guaranteed visible before Close().
class OutputFile {
 public:
  virtual ~OutputFile() = default;
  virtual const std::string& path() const = 0;
  virtual Status Write(const void* data, int64_t length) = 0;
  // Bytes written so far.
  virtual int64_t Tell() const = 0;
  virtual Status Close() = 0;
};

// Opens a local file for reading (memory-mapped).
Result<std::unique_ptr<RandomAccessFile>> OpenLocalFile(const std::string& path);
// Wraps bytes in memory as a file named `name`.
std::unique_ptr<RandomAccessFile> MemoryFile(BufferPtr bytes, std::string name = "<memory>");
// Creates or truncates a local file for writing.
Result<std::unique_ptr<OutputFile>> CreateLocalFile(const std::string& path);
// An output file collecting bytes in memory; `Contents()` returns them.
class MemoryOutputFile : public OutputFile {
 public:
  explicit MemoryOutputFile(std::string name = "<memory>") : name_(std::move(name)), buf_(std::make_shared<Buffer>()) {}
  const std::string& path() const override { return name_; }
  Status Write(const void* data, int64_t length) override {
    buf_->Append(data, length);
    return Status::OK();
  }
  int64_t Tell() const override { return buf_->size(); }
  Status Close() override { return Status::OK(); }
  BufferPtr Contents() const { return buf_; }

 private:
  std::string name_;
  BufferPtr buf_;
};

}  // namespace sluice::io
