#include "sluice/connectors/files/file_source.h"

#include <algorithm>
#include <charconv>
#include <tuple>

#include "sluice/connectors/files/file_cursor.h"
#include "sluice/connectors/files/file_follower.h"
#include "sluice/connectors/files/file_listing.h"

namespace sluice::connectors {
namespace {

// Bounded split ids are "file:<path>"; positions "<rows emitted>" or "done".
constexpr std::string_view kFilePrefix = "file:";
constexpr std::string_view kDone = "done";

Result<int64_t> ParseRows(const stream::SourceSplit& s) {
  int64_t rows = 0;
  auto [p, ec] = std::from_chars(s.position.data(), s.position.data() + s.position.size(), rows);
  if (ec != std::errc() || p != s.position.data() + s.position.size() || rows < 0) {
    return Status::Corrupt("file source: split '{}' has a bad position '{}'", s.id, s.position);
  }
  return rows;
}

// Reads the file splits of one subtask, one file after the other.
class BoundedFileReader final : public stream::SourceReader {
 public:
  BoundedFileReader(const FileSourceOptions* o, std::vector<stream::SourceSplit> splits)
      : cursor_(o), splits_(std::move(splits)) {}

  Result<stream::ReadResult> Read(int64_t) override {
    while (next_ < splits_.size()) {
      stream::SourceSplit& split = splits_[next_];
      if (split.position == kDone) {
        ++next_;
        continue;
      }
      SLUICE_ASSIGN_OR_RETURN(int64_t rows, ParseRows(split));
      const std::string path = split.id.substr(kFilePrefix.size());
      SLUICE_ASSIGN_OR_RETURN(auto batch, cursor_.Next(path, &rows));
      if (batch) {
        split.position = std::to_string(rows);
        return stream::ReadResult{stream::ReadResult::Kind::kBatch, std::move(*batch)};
      }
      split.position = kDone;
      ++next_;
    }
    return stream::ReadResult{stream::ReadResult::Kind::kEnd, {}};
  }

  std::vector<stream::SourceSplit> SnapshotSplits() const override { return splits_; }

 private:
  FileCursor cursor_;
  std::vector<stream::SourceSplit> splits_;
  size_t next_ = 0;
};

// A reader with nothing to read (subtasks without a split).
class EmptyReader final : public stream::SourceReader {
 public:
  Result<stream::ReadResult> Read(int64_t) override { return stream::ReadResult{stream::ReadResult::Kind::kEnd, {}}; }
  std::vector<stream::SourceSplit> SnapshotSplits() const override { return {}; }
};

}  // namespace

Result<std::shared_ptr<FileSource>> FileSource::Make(FileSourceOptions options) {
  if (options.paths.empty()) return Status::Invalid("file source: no paths given");
  if (options.poll_interval_ms < 0) return Status::Invalid("file source: poll_interval_ms must not be negative");
  if (options.read.batch_rows < 1 || options.read.infer_rows < 1) {
    return Status::Invalid("file source: batch_rows and infer_rows must be positive");
  }
  for (std::string& p : options.paths) {
    while (p.size() > 1 && p.back() == '/') p.pop_back();
  }
  // Every path must exist now (a watched directory may still be empty).
  SLUICE_ASSIGN_OR_RETURN(std::vector<io::FileInfo> files,
                          ListDataFiles(*io::LocalFileSystem(), options.paths, options.name_pattern,
                                        /*missing_files_ok=*/false));
  std::shared_ptr<FileSource> src(new FileSource());
  if (options.read.schema == nullptr) {
    if (files.empty()) {
      return Status::Invalid("file source: no files in {} to infer the schema from; give a schema",
                             fmt::join(options.paths, ", "));
    }
    // The first file the source reads: by path, or by (mtime, path) when watching.
    auto first = files.begin();
    if (options.watch) {
      first = std::min_element(files.begin(), files.end(), [](const io::FileInfo& a, const io::FileInfo& b) {
        return std::tie(a.modification_time_ms, a.path) < std::tie(b.modification_time_ms, b.path);
      });
    }
    SLUICE_ASSIGN_OR_RETURN(auto reader, OpenSourceFile(first->path, options));
    options.read.schema = reader->schema();
  }
  options.read.exact_columns = true;
  src->schema_ = options.read.schema;
  if (!options.watch) {
    for (auto& f : files) src->files_.push_back(std::move(f.path));
  }
  src->options_ = std::move(options);
  return src;
}

Result<std::vector<stream::SourceSplit>> FileSource::CreateSplits(int) {
  std::vector<stream::SourceSplit> out;
  if (options_.watch) {
    out.push_back({kFollowerSplitId, EncodeWatchPosition({})});
    return out;
  }
  for (const std::string& path : files_) out.push_back({std::string(kFilePrefix) + path, "0"});
  return out;
}

Result<std::unique_ptr<stream::SourceReader>> FileSource::CreateReader(int, std::vector<stream::SourceSplit> splits) {
  if (splits.empty()) return std::unique_ptr<stream::SourceReader>(std::make_unique<EmptyReader>());
  if (options_.watch) {
    if (splits.size() != 1 || splits[0].id != kFollowerSplitId) {
      return Status::Invalid("file source: watching, but the checkpoint holds the splits of a bounded file source");
    }
    SLUICE_ASSIGN_OR_RETURN(WatchPosition start, DecodeWatchPosition(splits[0].position));
    return std::unique_ptr<stream::SourceReader>(std::make_unique<FileFollower>(&options_, std::move(start)));
  }
  for (const auto& s : splits) {
    if (s.id.rfind(kFilePrefix, 0) != 0) {
      return Status::Invalid("file source: bounded, but the checkpoint holds split '{}' of another source", s.id);
    }
  }
  return std::unique_ptr<stream::SourceReader>(std::make_unique<BoundedFileReader>(&options_, std::move(splits)));
}

}  // namespace sluice::connectors
