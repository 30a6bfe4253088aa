#include "sluice/connectors/files/file_listing.h"

#include <algorithm>

namespace sluice::connectors {

bool IsHiddenFileName(std::string_view name) { return !name.empty() && (name[0] == '.' || name[0] == '_'); }

bool GlobMatch(std::string_view pattern, std::string_view name) {
  if (pattern.empty()) return true;
  // Iterative matching with one backtrack point (the last '*'): linear in
  // practice, never exponential.
  size_t p = 0, n = 0;
  size_t star = std::string_view::npos, star_n = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || (pattern[p] != '*' && pattern[p] == name[n]))) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_n = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++star_n;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Result<std::vector<io::FileInfo>> ListDataFiles(const io::FileSystem& fs, const std::vector<std::string>& paths,
                                                std::string_view pattern, bool missing_files_ok) {
  std::vector<io::FileInfo> out;
  for (const std::string& path : paths) {
    auto info = fs.Stat(path);
    if (!info.ok()) {
      if (info.status().code() == StatusCode::kNotFound && missing_files_ok) continue;
      return info.status();
    }
    if (!info->is_dir) {
      info->path = path;
      out.push_back(std::move(*info));
      continue;
    }
    SLUICE_ASSIGN_OR_RETURN(std::vector<io::FileInfo> entries, fs.List(path));
    for (auto& e : entries) {
      const size_t slash = e.path.find_last_of('/');
      const std::string_view name = std::string_view(e.path).substr(slash == std::string::npos ? 0 : slash + 1);
      if (e.is_dir || IsHiddenFileName(name) || !GlobMatch(pattern, name)) continue;
      out.push_back(std::move(e));
    }
  }
  std::sort(out.begin(), out.end(), [](const io::FileInfo& a, const io::FileInfo& b) { return a.path < b.path; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const io::FileInfo& a, const io::FileInfo& b) { return a.path == b.path; }),
            out.end());
  return out;
}

}  // namespace sluice::connectors
