#include "sluice/delta/protocol/path_uri.h"

#include <unistd.h>

#include <array>
#include <cctype>
#include <vector>

namespace sluice::delta {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendEscaped(std::string* out, unsigned char c) {
  out->push_back('%');
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 15]);
}

// Characters a java.net.URI path keeps unencoded (RFC 2396 unreserved and
// punct, plus '@' and '/'); Spark writes add.path through it. Non-ASCII is
// kept as UTF-8 (URI.toString), see golden/log-replay-special-characters*.
constexpr std::array<bool, 128> MakeUriKeepTable() {
  std::array<bool, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (char c : std::string_view("-_.!~*'(),;:$&+=@/")) t[static_cast<unsigned char>(c)] = true;
  return t;
}
constexpr auto kUriKeep = MakeUriKeepTable();

// Characters Spark's ExternalCatalogUtils.escapePathName escapes in partition
// directory names (see golden/hive/deltatbl-special-chars-in-partition-column:
// "+ =%0" -> "+ %3D%250"). NUL is added: no file name may hold it.
constexpr std::array<bool, 128> MakeHiveEscapeTable() {
  std::array<bool, 128> t{};
  for (int c = 0; c <= 0x1F; ++c) t[c] = true;
  t[0x7F] = true;
  for (char c : std::string_view("\"#%'*/:=?\\{[]^")) t[static_cast<unsigned char>(c)] = true;
  return t;
}
constexpr auto kHiveEscape = MakeHiveEscapeTable();

// Length of the URI scheme ("file", "s3") at the front of `uri`, or 0.
size_t SchemeLength(std::string_view uri) {
  if (uri.empty() || !std::isalpha(static_cast<unsigned char>(uri[0]))) return 0;
  for (size_t i = 1; i < uri.size(); ++i) {
    char c = uri[i];
    if (c == ':') return i;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return 0;
  }
  return 0;
}

// Splits `path` on '/', dropping empty and "." segments; false on a ".." segment.
bool NormalizedSegments(std::string_view path, std::vector<std::string_view>* out) {
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view seg = path.substr(pos, slash - pos);
    if (seg == "..") return false;
    if (!seg.empty() && seg != ".") out->push_back(seg);
    pos = slash + 1;
  }
  return true;
}

std::string JoinAbsolute(const std::vector<std::string_view>& segs) {
  std::string out;
  for (auto s : segs) {
    out.push_back('/');
    out.append(s);
  }
  return out.empty() ? "/" : out;
}

// The table root as an absolute, normalized path ("file:" URIs accepted).
Result<std::string> NormalizeRoot(const std::string& table_root) {
  std::string root = table_root;
  if (size_t n = SchemeLength(root); n > 0) {
    if (root.compare(0, n, "file") != 0) return Status::NotSupported("{}: table root is not a local path", table_root);
    root.erase(0, n + 1);
    if (root.rfind("//", 0) == 0)
      root.erase(0, root.find('/', 2) == std::string::npos ? root.size() : root.find('/', 2));
  }
  if (root.empty()) return Status::Invalid("empty table root");
  if (root[0] != '/') {
    char cwd[4096];
    if (::getcwd(cwd, sizeof(cwd)) == nullptr) return Status::IOError("{}: cannot resolve relative table root", root);
    root = std::string(cwd) + "/" + root;
  }
  std::vector<std::string_view> segs;
  if (!NormalizedSegments(root, &segs)) return Status::Invalid("{}: table root must not contain '..'", table_root);
  return JoinAbsolute(segs);
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '%') {
      out.push_back(c);
      continue;
    }
    if (i + 2 >= text.size()) {
      return Status::Invalid("{}: truncated %-escape at offset {}", text, i);
    }
    int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
    if (hi < 0 || lo < 0) return Status::Invalid("{}: bad %-escape at offset {}", text, i);
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

Result<std::string> ResolveDataPath(const std::string& table_root, const std::string& uri) {
  std::string_view path = uri;
  if (size_t n = SchemeLength(path); n > 0) {
    std::string scheme(path.substr(0, n));
    for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (scheme != "file") return Status::NotSupported("{}: scheme '{}' is not a local file path", uri, scheme);
    path.remove_prefix(n + 1);
    if (path.substr(0, 2) == "//") {  // file://authority/path
      size_t slash = path.find('/', 2);
      std::string_view authority = path.substr(2, slash == std::string_view::npos ? path.npos : slash - 2);
      if (!authority.empty() && authority != "localhost") {
        return Status::NotSupported("{}: file URI with host '{}' is not a local path", uri, authority);
      }
      path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
    }
    if (path.empty() || path[0] != '/') return Status::Invalid("{}: file URI without an absolute path", uri);
  }
  auto decoded = PercentDecode(path);
  if (!decoded.ok()) return Status::Invalid("data file path {}", decoded.status().message());
  if (decoded->find('\0') != std::string::npos) return Status::Invalid("{}: data file path holds a NUL byte", uri);
  std::vector<std::string_view> segs;
  if (!NormalizedSegments(*decoded, &segs)) {
    return Status::Invalid("{}: data file path has a '..' segment and would escape the table root", uri);
  }
  SLUICE_ASSIGN_OR_RETURN(std::string root, NormalizeRoot(table_root));
  if ((*decoded)[0] == '/') {
    std::string abs = JoinAbsolute(segs);
    bool inside =
        abs.size() > root.size() && abs.compare(0, root.size(), root) == 0 && (root == "/" || abs[root.size()] == '/');
    if (!inside) return Status::Invalid("{}: absolute data file path is outside the table root {}", uri, root);
    return abs;
  }
  if (segs.empty()) return Status::Invalid("'{}': empty data file path", uri);
  std::string out = root == "/" ? std::string() : root;
  for (auto s : segs) {
    out.push_back('/');
    out.append(s);
  }
  return out;
}

std::string EncodeRelativePath(std::string_view path) {
  std::string out;
  out.reserve(path.size() + 16);
  bool first_segment = true;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '/') first_segment = false;
    // A ':' before the first '/' would read as a scheme (RFC 3986 4.2).
    bool keep = c >= 0x80 || (kUriKeep[c] && !(c == ':' && first_segment));
    if (keep) {
      out.push_back(ch);
    } else {
      AppendEscaped(&out, c);
    }
  }
  return out;
}

std::string EscapePartitionValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80 && kHiveEscape[c]) {
      AppendEscaped(&out, c);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

std::string UnescapePartitionValue(std::string_view escaped) {
  std::string out;
  out.reserve(escaped.size());
  for (size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] == '%' && i + 2 < escaped.size()) {
      int hi = HexValue(escaped[i + 1]), lo = HexValue(escaped[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(escaped[i]);
  }
  return out;
}

std::string PartitionDirectoryName(std::string_view column, const std::optional<std::string>& value) {
  std::string out = EscapePartitionValue(column);
  out.push_back('=');
  if (!value.has_value() || value->empty()) {
    out.append(kHiveDefaultPartition);
  } else {
    out.append(EscapePartitionValue(*value));
  }
  return out;
}

}  // namespace sluice::delta
