#include "sluice/connectors/files/transactional_file_sink.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sluice/stream/api/row.h"

namespace sluice::connectors {
namespace {

class StagingWriter final : public stream::SinkWriter {
 public:
  Status Write(const columnar::RecordBatch& batch) override {
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      stream::Row row(&batch, i);
      for (int c = 0; c < static_cast<int>(batch.columns.size()); ++c) {
        if (c > 0) staged_ += ',';
        staged_ += row.Get(c).ToString();
      }
      staged_ += '\n';
    }
    return Status::OK();
  }
  Result<std::vector<std::string>> PrepareCommit(int64_t) override {
    std::vector<std::string> out;
    if (!staged_.empty()) out.push_back(std::move(staged_));
    staged_.clear();
    return out;
  }

 private:
  std::string staged_;
};

// Parses "#<word> <id>[ <n>]" lines; false if `line` is not such a marker.
bool ParseMarker(std::string_view line, std::string_view word, int64_t* id) {
  if (line.substr(0, word.size()) != word) return false;
  int64_t v = 0;
  size_t i = word.size();
  if (i >= line.size()) return false;
  for (; i < line.size() && line[i] >= '0' && line[i] <= '9'; ++i) v = v * 10 + (line[i] - '0');
  *id = v;
  return true;
}

}  // namespace

Result<std::unique_ptr<stream::SinkWriter>> TransactionalFileSink::CreateWriter(int, int) {
  return std::unique_ptr<stream::SinkWriter>(std::make_unique<StagingWriter>());
}

Result<int64_t> TransactionalFileSink::Recover(const std::string& path, std::vector<std::string>* rows) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return int64_t{0};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("{}: cannot open", path);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();
  int64_t last = 0, open_id = -1;
  size_t good_end = 0, pos = 0;
  std::vector<std::string> block;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) break;  // torn last line
    std::string_view line(data.data() + pos, nl - pos);
    pos = nl + 1;
    int64_t id = 0;
    if (open_id < 0) {
      if (!ParseMarker(line, "#commit ", &id))
        return Status::Corrupt("{}: expected a #commit line at byte {}", path, pos);
      open_id = id;
      block.clear();
    } else if (ParseMarker(line, "#end ", &id)) {
      if (id != open_id) return Status::Corrupt("{}: #end {} closes #commit {}", path, id, open_id);
      if (id != 0) last = id;
      open_id = -1;
      good_end = pos;
      if (rows) rows->insert(rows->end(), block.begin(), block.end());
    } else {
      block.emplace_back(line);
    }
  }
  if (good_end != data.size()) {
    std::filesystem::resize_file(path, good_end, ec);
    if (ec) return Status::IOError("{}: cannot truncate torn commit: {}", path, ec.message());
  }
  return last;
}

Status TransactionalFileSink::Commit(int64_t checkpoint_id, std::vector<std::string> committables) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!recovered_) {
    SLUICE_ASSIGN_OR_RETURN(last_committed_, Recover(path_, nullptr));
    recovered_ = true;
  }
  if (checkpoint_id != 0 && checkpoint_id <= last_committed_) return Status::OK();  // already committed
  size_t lines = 0;
  for (const auto& c : committables) lines += static_cast<size_t>(std::count(c.begin(), c.end(), '\n'));
  std::string block = fmt::format("#commit {} {}\n", checkpoint_id, lines);
  for (const auto& c : committables) block.append(c);
  block.append(fmt::format("#end {}\n", checkpoint_id));
  int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError("{}: open: {}", path_, std::strerror(errno));
  size_t done = 0;
  while (done < block.size()) {
    ssize_t n = ::write(fd, block.data() + done, block.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return Status::IOError("{}: write: {}", path_, std::strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  if (checkpoint_id != 0) last_committed_ = checkpoint_id;
  return Status::OK();
}

}  // namespace sluice::connectors
