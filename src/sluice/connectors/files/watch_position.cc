#include "sluice/connectors/files/watch_position.h"

#include <charconv>

namespace sluice::connectors {
namespace {

void AppendBytes(std::string* out, std::string_view bytes) {
  out->append(std::to_string(bytes.size()));
  out->push_back(':');
  out->append(bytes);
}

// Reads the encoded form front to back; every read is bounds-checked.
class PositionParser {
 public:
  explicit PositionParser(std::string_view text) : text_(text) {}

  Status Expect(std::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal) return Error("expected '" + std::string(literal) + "'");
    pos_ += literal.size();
    return Status::OK();
  }
  // A non-negative decimal followed by `sep`.
  Result<int64_t> Int(char sep) {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), v);
    if (ec != std::errc() || v < 0 || p == text_.data() + text_.size() || *p != sep) return Error("bad number");
    pos_ = static_cast<size_t>(p - text_.data()) + 1;
    return v;
  }
  // "<len>:<bytes>".
  Result<std::string_view> Bytes() {
    SLUICE_ASSIGN_OR_RETURN(int64_t len, Int(':'));
    if (static_cast<uint64_t>(len) > text_.size() - pos_) return Error("length past the end");
    std::string_view out = text_.substr(pos_, static_cast<size_t>(len));
    pos_ += static_cast<size_t>(len);
    return out;
  }
  bool at_end() const { return pos_ == text_.size(); }
  Status Error(const std::string& what) const {
    return Status::Corrupt("file source: bad watch position at byte {}: {}", pos_, what);
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::string EncodeWatchPosition(const WatchPosition& p) {
  std::string out = "w1 " + std::to_string(p.done.size()) + " " + std::to_string(p.rows) + " ";
  AppendBytes(&out, p.current);
  std::string_view prev;
  for (const std::string& path : p.done) {
    size_t shared = 0;
    while (shared < prev.size() && shared < path.size() && prev[shared] == path[shared]) ++shared;
    out.push_back(' ');
    out.append(std::to_string(shared));
    out.push_back(' ');
    AppendBytes(&out, std::string_view(path).substr(shared));
    prev = path;
  }
  return out;
}

Result<WatchPosition> DecodeWatchPosition(std::string_view text) {
  PositionParser in(text);
  WatchPosition p;
  SLUICE_RETURN_NOT_OK(in.Expect("w1 "));
  SLUICE_ASSIGN_OR_RETURN(int64_t count, in.Int(' '));
  SLUICE_ASSIGN_OR_RETURN(p.rows, in.Int(' '));
  SLUICE_ASSIGN_OR_RETURN(std::string_view current, in.Bytes());
  p.current = std::string(current);
  if (p.current.empty() && p.rows != 0) return in.Error("rows without a current file");
  std::string prev;
  for (int64_t i = 0; i < count; ++i) {
    SLUICE_RETURN_NOT_OK(in.Expect(" "));
    SLUICE_ASSIGN_OR_RETURN(int64_t shared, in.Int(' '));
    if (static_cast<uint64_t>(shared) > prev.size()) return in.Error("shared prefix longer than the previous path");
    SLUICE_ASSIGN_OR_RETURN(std::string_view rest, in.Bytes());
    std::string path = prev.substr(0, static_cast<size_t>(shared));
    path.append(rest);
    if (i > 0 && path <= prev) return in.Error("done paths out of order");
    if (path.empty()) return in.Error("empty done path");
    p.done.insert(p.done.end(), path);
    prev = std::move(path);
  }
  if (!in.at_end()) return in.Error("trailing bytes");
  if (p.done.count(p.current)) return in.Error("the current file is also done");
  return p;
}

}  // namespace sluice::connectors
