#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sluice/common/status.h"

namespace sluice::delta {

// Paths in the Delta log are URIs (PROTOCOL.md "Path"): relative to the table
// root and percent-encoded (RFC 3986, as Spark writes them through
// java.net.URI: `a%20b/part-0.parquet`), or absolute (`file:///abs`,
// `file:/abs`, `/abs`, `s3://...`).

// Returns the local file-system path of the log URI `uri` under `table_root`
// (a local directory path), percent-decoded. Invalid naming the URI when it
// escapes the table root (a `..` segment, an absolute path outside the root)
// or is malformed (bad %XX escape, NUL); NotSupported for non-file schemes.
// Absolute paths inside the root are allowed.
Result<std::string> ResolveDataPath(const std::string& table_root, const std::string& uri);

// Returns the bytes of `text` with every %XX escape decoded; Invalid on a
// truncated or non-hex escape.
Result<std::string> PercentDecode(std::string_view text);

// Returns a relative path (e.g. "a b/x=1/part-0.parquet") encoded as a log
// URI the way Spark writes it: RFC 3986 unreserved characters, the sub-delims,
// ':', '@' and '/' stay; non-ASCII UTF-8 stays; everything else (space, '%',
// '#', '?', '"', control bytes, ...) becomes %XX (upper-case hex). A ':' in the
// first segment is escaped too so that it does not read as a URI scheme.
std::string EncodeRelativePath(std::string_view path);

// Returns `value` escaped for a Hive-style partition directory name the way
// Spark does (ExternalCatalogUtils.escapePathName): control bytes 0x01-0x1F,
// 0x7F and `"#%'*/:=?\{[]^` become %XX; everything else is kept.
std::string EscapePartitionValue(std::string_view value);

// Reverses EscapePartitionValue (a '%' not followed by two hex digits stays).
std::string UnescapePartitionValue(std::string_view escaped);

// The Hive partition directory for a null (or empty) partition value.
inline constexpr std::string_view kHiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

// Returns "<escaped column>=<escaped value>", with kHiveDefaultPartition for a
// null or empty value: one directory level of a partitioned table (not yet
// URI-encoded; pass the joined relative path through EncodeRelativePath).
std::string PartitionDirectoryName(std::string_view column, const std::optional<std::string>& value);

}  // namespace sluice::delta
