#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sluice/common/status.h"
#include "sluice/io/filesystem.h"

namespace sluice::connectors {

// Returns true iff `name` (a file name, no directory) is hidden from
// directory listings: it starts with '.' or '_'.
bool IsHiddenFileName(std::string_view name);

// Returns true iff `name` matches the glob `pattern` ('*' matches any run of
// characters, '?' one character, anything else itself); an empty pattern
// matches every name.
bool GlobMatch(std::string_view pattern, std::string_view name);

// The data files of `paths`, sorted by path without duplicates: a file
// stands for itself, a directory for its entries that are not directories,
// not hidden and match `pattern`. A missing directory is NotFound naming it;
// a missing file is too unless `missing_files_ok` (a watched file may be
// gone).
Result<std::vector<io::FileInfo>> ListDataFiles(const io::FileSystem& fs, const std::vector<std::string>& paths,
                                                std::string_view pattern, bool missing_files_ok);

}  // namespace sluice::connectors
