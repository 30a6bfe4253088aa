#include "sluice/connectors/delta/delta_source.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <sstream>

#include "sluice/columnar/resuming_reader.h"
#include "sluice/common/clock.h"
#include "sluice/delta/log/log_json.h"
#include "sluice/delta/log/log_segment.h"
#include "sluice/delta/protocol/table_features.h"
#include "sluice/delta/read/scan.h"
#include "sluice/delta/schema/schema_json.h"

namespace sluice::connectors {
namespace {

using stream::ReadResult;
using stream::SourceSplit;

Result<std::vector<int64_t>> ParseInts(const std::string& text, size_t count, const std::string& what) {
  std::vector<int64_t> out;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end && out.size() < count) {
    while (p < end && *p == ' ') ++p;
    int64_t v = 0;
    auto [q, ec] = std::from_chars(p, end, v);
    if (ec != std::errc() || v < 0) break;
    out.push_back(v);
    p = q;
  }
  if (out.size() != count || p != end) return Status::Corrupt("Delta source: bad {} position '{}'", what, text);
  return out;
}

delta::ScanOptions ScanFor(const DeltaSourceOptions& o, std::optional<std::vector<delta::Add>> files) {
  delta::ScanOptions so;
  so.columns = o.columns;
  so.filter = o.filter;
  so.batch_rows = o.batch_rows;
  so.files = std::move(files);
  return so;
}

// Reads files one after the other, resuming `rows` rows into the current one.
class FileCursor {
 public:
  FileCursor(delta::SnapshotPtr snapshot, const DeltaSourceOptions* o) : snapshot_(std::move(snapshot)), o_(o) {}

  // The next batch of `file` after `*rows` rows (advancing *rows), or nullopt
  // at its end.
  Result<std::optional<columnar::RecordBatch>> Next(const delta::Add& file, int64_t* rows) {
    if (!reader_) {
      SLUICE_ASSIGN_OR_RETURN(auto scan, delta::Scan::Make(snapshot_, ScanFor(*o_, std::vector<delta::Add>{file})));
      reader_ = std::make_unique<columnar::ResumingReader>(std::move(scan), *rows);
    }
    auto batch = reader_->Next();
    if (!batch.ok()) return batch.status().WithContext(fmt::format("Delta source: data file {}", file.path));
    if (!*batch) {
      reader_.reset();
      return batch;
    }
    *rows = reader_->position();
    return batch;
  }
  void Reset() { reader_.reset(); }

 private:
  delta::SnapshotPtr snapshot_;
  const DeltaSourceOptions* o_;
  std::unique_ptr<columnar::ResumingReader> reader_;
};

class BoundedReader final : public stream::SourceReader {
 public:
  BoundedReader(delta::SnapshotPtr snapshot, const DeltaSourceOptions* o, std::vector<delta::Add> files,
                std::vector<SourceSplit> splits)
      : cursor_(std::move(snapshot), o), files_(std::move(files)), splits_(std::move(splits)) {}

  Result<ReadResult> Read(int64_t) override {
    while (next_ < splits_.size()) {
      SourceSplit& split = splits_[next_];
      const size_t c1 = split.id.find(':');
      const size_t c2 = c1 == std::string::npos ? c1 : split.id.find(':', c1 + 1);
      if (c2 == std::string::npos) return Status::Corrupt("Delta source: bad split id '{}'", split.id);
      SLUICE_ASSIGN_OR_RETURN(auto idx, ParseInts(split.id.substr(c1 + 1, c2 - c1 - 1), 1, "split"));
      if (idx[0] >= static_cast<int64_t>(files_.size()) || files_[idx[0]].path != split.id.substr(c2 + 1)) {
        return Status::Invalid(
            "Delta source: split {} is not a file of the version being read; start the job at "
            "the checkpoint's version",
            split.id);
      }
      SLUICE_ASSIGN_OR_RETURN(auto pos, ParseInts(split.position, 1, "file"));
      int64_t rows = pos[0];
      SLUICE_ASSIGN_OR_RETURN(auto batch, cursor_.Next(files_[idx[0]], &rows));
      split.position = std::to_string(rows);
      if (batch) return ReadResult{ReadResult::Kind::kBatch, std::move(*batch)};
      split.position = "done";
      ++next_;
    }
    return ReadResult{ReadResult::Kind::kEnd, {}};
  }
  std::vector<SourceSplit> SnapshotSplits() const override {
    std::vector<SourceSplit> out;
    for (const auto& s : splits_) {
      if (s.position != "done") out.push_back(s);
    }
    return out;
  }

 private:
  FileCursor cursor_;
  std::vector<delta::Add> files_;
  std::vector<SourceSplit> splits_;
  size_t next_ = 0;
};

// Follows the log: position "S <snapshot version> <file> <rows>" (in the
// start snapshot) or "C <version> <file> <rows>" (in the data-change adds of
// one commit).
class ContinuousReader final : public stream::SourceReader {
 public:
  ContinuousReader(delta::SnapshotPtr snapshot, const DeltaSourceOptions* o, std::vector<delta::Add> snapshot_files,
                   int64_t first_change, columnar::SchemaPtr schema)
      : snapshot_(snapshot),
        o_(o),
        cursor_(std::move(snapshot), o),
        snapshot_files_(std::move(snapshot_files)),
        first_change_(first_change),
        schema_(std::move(schema)) {}

  Status Restore(const std::string& position) {
    if (position.rfind("S ", 0) == 0) {
      SLUICE_ASSIGN_OR_RETURN(auto v, ParseInts(position.substr(2), 3, "snapshot"));
      if (v[0] != snapshot_->version()) {
        return Status::Invalid(
            "Delta source: the checkpoint was reading version {} of {}, but the job now starts at "
            "version {}; start it at the checkpoint's version",
            v[0], o_->table_root, snapshot_->version());
      }
      in_snapshot_ = true;
      file_ = v[1];
      rows_ = v[2];
      files_ = snapshot_files_;
      loaded_ = true;
    } else if (position.rfind("C ", 0) == 0) {
      SLUICE_ASSIGN_OR_RETURN(auto v, ParseInts(position.substr(2), 3, "log"));
      in_snapshot_ = false;
      version_ = v[0];
      file_ = v[1];
      rows_ = v[2];
      loaded_ = false;
    } else {
      return Status::Corrupt("Delta source: bad position '{}'", position);
    }
    return Status::OK();
  }

  Result<ReadResult> Read(int64_t) override {
    while (true) {
      if (!in_snapshot_ && o_->end_version && version_ > *o_->end_version)
        return ReadResult{ReadResult::Kind::kEnd, {}};
      if (!loaded_) {
        SLUICE_ASSIGN_OR_RETURN(bool ready, LoadCommit());
        if (!ready) return ReadResult{ReadResult::Kind::kNothingYet, {}};
      }
      if (file_ >= static_cast<int64_t>(files_.size())) {
        // The unit is done: move to the next commit.
        version_ = in_snapshot_ ? first_change_ : version_ + 1;
        in_snapshot_ = false;
        file_ = rows_ = 0;
        loaded_ = false;
        cursor_.Reset();
        continue;
      }
      SLUICE_ASSIGN_OR_RETURN(auto batch, cursor_.Next(files_[file_], &rows_));
      if (batch) return ReadResult{ReadResult::Kind::kBatch, std::move(*batch)};
      ++file_;
      rows_ = 0;
    }
  }

  std::vector<SourceSplit> SnapshotSplits() const override {
    SourceSplit s;
    s.id = "log";
    s.position =
        in_snapshot_
            ? "S " + std::to_string(snapshot_->version()) + " " + std::to_string(file_) + " " + std::to_string(rows_)
            : "C " + std::to_string(version_) + " " + std::to_string(file_) + " " + std::to_string(rows_);
    return {s};
  }

 private:
  // Loads commit version_'s data-change adds into files_; false when the
  // commit does not exist yet (polled at most every poll_interval_ms).
  Result<bool> LoadCommit() {
    const int64_t now = MonotonicMillis();
    if (last_poll_ >= 0 && now - last_poll_ < o_->poll_interval_ms) return false;
    const std::string path = o_->table_root + "/_delta_log/" + delta::CommitFileName(version_);
    auto bytes = o_->fs->ReadAll(path);
    if (!bytes.ok()) {
      if (bytes.status().code() != StatusCode::kNotFound && bytes.status().code() != StatusCode::kIOError) {
        return bytes.status();
      }
      SLUICE_ASSIGN_OR_RETURN(bool exists, o_->fs->Exists(path));
      if (exists) return bytes.status();
      last_poll_ = now;
      return false;
    }
    last_poll_ = -1;
    SLUICE_ASSIGN_OR_RETURN(auto actions, delta::ParseLogJson((*bytes)->view(), path));
    std::vector<delta::Add> adds;
    bool removes = false;
    for (auto& a : actions) {
      if (auto* add = std::get_if<delta::Add>(&a)) {
        if (add->data_change) adds.push_back(std::move(*add));
      } else if (auto* rm = std::get_if<delta::Remove>(&a)) {
        removes = removes || rm->data_change;
      } else if (auto* p = std::get_if<delta::Protocol>(&a)) {
        SLUICE_RETURN_NOT_OK(delta::CheckReadSupported(*p, o_->table_root));
      } else if (auto* m = std::get_if<delta::Metadata>(&a)) {
        SLUICE_RETURN_NOT_OK(CheckSchema(*m, path));
      }
    }
    if (removes) {
      const bool rewrites = !adds.empty();
      if (!o_->ignore_changes && (rewrites || !o_->ignore_deletes)) {
        return Status::Invalid(
            "Delta source: {} {} data (a delete, update or overwrite); a stream of appends cannot follow it. Set "
            "ignore_deletes to skip commits that only delete, or ignore_changes to also re-read rewritten files",
            path, rewrites ? "rewrites" : "deletes");
      }
      if (!rewrites || !o_->ignore_changes) adds.clear();
    }
    SLUICE_ASSIGN_OR_RETURN(auto scan, delta::Scan::Make(snapshot_, ScanFor(*o_, std::move(adds))));
    files_ = scan->files();  // pruned by the filter
    loaded_ = true;
    return true;
  }

  // A new metaData must keep every column the stream reads, with its type.
  Status CheckSchema(const delta::Metadata& m, const std::string& path) {
    SLUICE_ASSIGN_OR_RETURN(auto schema, delta::ParseDeltaSchema(m.schema_string));
    for (const auto& f : schema_->fields) {
      const int i = schema->FieldIndex(f->name);
      if (i < 0 || !schema->fields[i]->type->Equals(*f->type)) {
        return Status::Invalid("Delta source: {} changes column '{}' that the stream reads; restart the job", path,
                               f->name);
      }
    }
    return Status::OK();
  }

  delta::SnapshotPtr snapshot_;
  const DeltaSourceOptions* o_;
  FileCursor cursor_;
  std::vector<delta::Add> snapshot_files_;
  const int64_t first_change_;
  columnar::SchemaPtr schema_;
  bool in_snapshot_ = false;
  bool loaded_ = false;
  int64_t version_ = 0;
  int64_t file_ = 0;
  int64_t rows_ = 0;
  int64_t last_poll_ = -1;
  std::vector<delta::Add> files_;
};

}  // namespace

Result<std::shared_ptr<DeltaSource>> DeltaSource::Make(DeltaSourceOptions options) {
  if (options.version && options.timestamp_ms) return Status::Invalid("Delta source: give a version or a timestamp");
  std::shared_ptr<DeltaSource> src(new DeltaSource());
  delta::VersionSpec spec;
  spec.version = options.version;
  spec.timestamp_ms = options.timestamp_ms;
  SLUICE_ASSIGN_OR_RETURN(src->snapshot_, delta::LoadSnapshot(options.fs, options.table_root, spec));
  const auto& snap = src->snapshot_;
  if (options.continuous) {
    if (options.version) {
      src->first_change_version_ = *options.version;
    } else if (options.timestamp_ms) {
      src->first_change_version_ =
          snap->timestamp_ms() >= *options.timestamp_ms ? snap->version() : snap->version() + 1;
    } else {
      src->emit_snapshot_ = true;
      src->first_change_version_ = snap->version() + 1;
    }
    if (options.poll_interval_ms < 0) return Status::Invalid("Delta source: poll interval must not be negative");
  }
  SLUICE_ASSIGN_OR_RETURN(auto scan, delta::Scan::Make(snap, ScanFor(options, std::nullopt)));
  src->schema_ = scan->schema();
  src->options_ = std::move(options);
  return src;
}

Result<std::vector<SourceSplit>> DeltaSource::CreateSplits(int) {
  std::vector<SourceSplit> out;
  if (options_.continuous) {
    SourceSplit s;
    s.id = "log";
    s.position = emit_snapshot_ ? "S " + std::to_string(snapshot_->version()) + " 0 0"
                                : "C " + std::to_string(first_change_version_) + " 0 0";
    out.push_back(std::move(s));
    return out;
  }
  SLUICE_ASSIGN_OR_RETURN(auto scan, delta::Scan::Make(snapshot_, ScanFor(options_, std::nullopt)));
  for (size_t i = 0; i < scan->files().size(); ++i) {
    out.push_back(
        SourceSplit{std::to_string(snapshot_->version()) + ":" + std::to_string(i) + ":" + scan->files()[i].path, "0"});
  }
  return out;
}

Result<std::unique_ptr<stream::SourceReader>> DeltaSource::CreateReader(int, std::vector<SourceSplit> splits) {
  SLUICE_ASSIGN_OR_RETURN(auto scan, delta::Scan::Make(snapshot_, ScanFor(options_, std::nullopt)));
  std::vector<delta::Add> files = scan->files();
  if (!options_.continuous) {
    return std::unique_ptr<stream::SourceReader>(
        new BoundedReader(snapshot_, &options_, std::move(files), std::move(splits)));
  }
  if (splits.empty()) return std::unique_ptr<stream::SourceReader>(new BoundedReader(snapshot_, &options_, {}, {}));
  if (splits.size() != 1 || splits[0].id != "log") return Status::Corrupt("Delta source: unexpected splits");
  auto reader =
      std::make_unique<ContinuousReader>(snapshot_, &options_, std::move(files), first_change_version_, schema_);
  SLUICE_RETURN_NOT_OK(reader->Restore(splits[0].position));
  return std::unique_ptr<stream::SourceReader>(std::move(reader));
}

bool DeltaSource::ApplyFilter(const expr::Expr& predicate) {
  options_.filter = options_.filter ? (*options_.filter && predicate) : predicate;
  return true;
}

}  // namespace sluice::connectors
