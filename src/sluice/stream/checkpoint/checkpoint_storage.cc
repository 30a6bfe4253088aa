#include "sluice/stream/checkpoint/checkpoint_storage.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sluice::stream::checkpoint {
namespace {

namespace fs = std::filesystem;

bool ParseCheckpointName(const std::string& name, int64_t* id) {
  if (name.size() < 5 || name.compare(0, 4, "chk-") != 0 || name.size() > 4 + 18) return false;
  int64_t v = 0;
  for (size_t i = 4; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return false;
    v = v * 10 + (name[i] - '0');
  }
  *id = v;
  return true;
}

}  // namespace

Status WriteFileAtomic(const std::string& path, std::string_view bytes) {
  std::error_code ec;
  fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  if (ec) return Status::IOError("{}: cannot create parent directory: {}", path, ec.message());
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError("{}: open: {}", tmp, std::strerror(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return Status::IOError("{}: write: {}", tmp, std::strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return Status::IOError("{}: fsync/close: {}", tmp, std::strerror(errno));
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::IOError("{}: rename: {}", path, std::strerror(errno));
  }
  return Status::OK();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("{}: cannot open", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("{}: read failed", path);
  return ss.str();
}

Status RemoveCheckpointDir(const std::string& dir) {
  std::error_code ec;
  fs::remove(fs::path(dir) / "_metadata", ec);
  if (ec) return Status::IOError("{}: cannot remove _metadata: {}", dir, ec.message());
  fs::remove_all(dir, ec);
  if (ec) return Status::IOError("{}: cannot remove: {}", dir, ec.message());
  return Status::OK();
}

std::string CheckpointDirFor(const std::string& checkpoint_dir, int64_t id) {
  return checkpoint_dir + "/chk-" + std::to_string(id);
}

Result<std::vector<int64_t>> ListCheckpointDirs(const std::string& checkpoint_dir) {
  std::vector<int64_t> ids;
  std::error_code ec;
  if (!fs::exists(checkpoint_dir, ec)) return ids;
  for (auto it = fs::directory_iterator(checkpoint_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    int64_t id = 0;
    if (it->is_directory() && ParseCheckpointName(it->path().filename().string(), &id)) ids.push_back(id);
  }
  if (ec) return Status::IOError("{}: cannot list: {}", checkpoint_dir, ec.message());
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<std::vector<int64_t>> ListCompleteCheckpoints(const std::string& checkpoint_dir) {
  SLUICE_ASSIGN_OR_RETURN(std::vector<int64_t> all, ListCheckpointDirs(checkpoint_dir));
  std::vector<int64_t> done;
  std::error_code ec;
  for (int64_t id : all) {
    if (fs::exists(fs::path(CheckpointDirFor(checkpoint_dir, id)) / "_metadata", ec)) done.push_back(id);
  }
  return done;
}

Result<std::string> ResolveRestorePath(const std::string& restore_from) {
  std::error_code ec;
  if (fs::exists(fs::path(restore_from) / "_metadata", ec)) return restore_from;
  SLUICE_ASSIGN_OR_RETURN(std::vector<int64_t> done, ListCompleteCheckpoints(restore_from));
  if (done.empty()) return Status::NotFound("{}: no complete checkpoint to restore from", restore_from);
  return CheckpointDirFor(restore_from, done.back());
}

Result<CheckpointMetadata> LoadMetadata(const std::string& dir) {
  SLUICE_ASSIGN_OR_RETURN(std::string bytes, ReadFile(dir + "/_metadata"));
  auto m = DecodeMetadata(bytes);
  if (!m.ok()) return m.status().WithContext(dir + "/_metadata");
  return m;
}

}  // namespace sluice::stream::checkpoint
