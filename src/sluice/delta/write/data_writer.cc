#include "sluice/delta/write/data_writer.h"

#include <algorithm>
#include <unordered_map>

#include "sluice/common/uuid.h"
#include "sluice/delta/protocol/path_uri.h"
#include "sluice/delta/schema/schema_json.h"
#include "sluice/delta/write/partition_split.h"
#include "sluice/parquet/file_writer.h"

namespace sluice::delta {

namespace {

// Row groups are cut at this many (estimated) bytes, parquet-mr's default
// block size, or at the target file size when smaller, so that an open file
// never buffers more than that in memory.
constexpr int64_t kMaxRowGroupBytes = 128LL << 20;

// File name extension of a codec, as parquet-mr names it (Spark's file names).
std::string_view CodecExtension(parquet::compression::CodecId codec) {
  using parquet::compression::CodecId;
  switch (codec) {
    case CodecId::kUncompressed:
      return "";
    case CodecId::kSnappy:
      return ".snappy";
    case CodecId::kGzip:
      return ".gz";
    case CodecId::kLzo:
      return ".lzo";
    case CodecId::kBrotli:
      return ".br";
    case CodecId::kLz4:
      return ".lz4hadoop";
    case CodecId::kZstd:
      return ".zstd";
    case CodecId::kLz4Raw:
      return ".lz4raw";
  }
  return "";
}

int FindColumn(const columnar::Schema& schema, const std::string& name) {
  const int exact = schema.FieldIndex(name);
  if (exact >= 0) return exact;
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    const std::string& n = schema.fields[i]->name;
    if (n.size() == name.size() && std::equal(n.begin(), n.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// A data file being written.
struct OpenFile {
  std::unique_ptr<parquet::FileWriter> writer;
  std::string path;      // file-system path
  std::string relative;  // relative to the table root, not URI-encoded
  FileStatsCollector stats;
  int64_t rows = 0;
  size_t index = 0;  // position among the files opened
};

struct PartitionState {
  PartitionValues values;
  std::string dir;  // "a=1/b=x/" (empty when unpartitioned)
  std::unique_ptr<OpenFile> file;
};

}  // namespace

struct DataWriter::Impl {
  std::shared_ptr<io::FileSystem> fs;
  std::string root;  // without a trailing '/'
  columnar::SchemaPtr table_schema;
  columnar::SchemaPtr data_schema;
  std::vector<int> partition_columns;  // indices in table_schema
  std::vector<int> data_columns;
  DataWriterOptions options;
  StatsOptions stats_options;
  int64_t row_group_bytes = kMaxRowGroupBytes;
  std::unordered_map<std::string, PartitionState> partitions;  // by directory
  std::vector<std::optional<Add>> adds;                        // by open order
  std::vector<std::string> paths;                              // every file opened
  bool finished = false;                                       // Finish() succeeded or Abort() ran
  Status failed;  // the first write error: the files are in an unknown state

  Status CheckSchema(const columnar::RecordBatch& batch) const;
  PartitionState& Partition(std::vector<std::optional<std::string>>& values);
  Status WriteRows(PartitionState& part, const columnar::RecordBatch& rows);
  Status OpenNewFile(PartitionState& part);
  Status CloseFile(PartitionState& part);
};

Status DataWriter::Impl::CheckSchema(const columnar::RecordBatch& batch) const {
  if (batch.schema == nullptr) return Status::Invalid("batch has no schema");
  const auto& table = table_schema->fields;
  const auto& fields = batch.schema->fields;
  if (batch.columns.size() != fields.size()) {
    return Status::Invalid("batch has {} columns but its schema {}", batch.columns.size(), fields.size());
  }
  for (size_t i = 0; i < std::max(table.size(), fields.size()); ++i) {
    if (i >= fields.size()) return Status::Invalid("batch lacks the table's column '{}'", table[i]->name);
    if (i >= table.size()) return Status::Invalid("batch column '{}' is not in the table", fields[i]->name);
    if (fields[i]->name != table[i]->name) {
      return Status::Invalid("batch column {} is '{}' but the table's is '{}'", i, fields[i]->name, table[i]->name);
    }
    const columnar::Array& col = *batch.columns[i];
    if (!col.type->Equals(*table[i]->type)) {
      return Status::Invalid("column '{}' has type {} in the batch but {} in the table", table[i]->name,
                             col.type->ToString(), table[i]->type->ToString());
    }
    if (col.length != batch.num_rows) {
      return Status::Invalid("column '{}' has {} rows, the batch {}", table[i]->name, col.length, batch.num_rows);
    }
    // PROTOCOL.md "Invariants"/nullability: writers must not add nulls to a NOT NULL column.
    if (!table[i]->nullable && col.null_count > 0) {
      return Status::Invalid("column '{}' is NOT NULL in the table but the batch has {} nulls", table[i]->name,
                             col.null_count);
    }
  }
  return Status::OK();
}

PartitionState& DataWriter::Impl::Partition(std::vector<std::optional<std::string>>& values) {
  std::string dir;
  for (size_t i = 0; i < partition_columns.size(); ++i) {
    dir += PartitionDirectoryName(table_schema->fields[partition_columns[i]]->name, values[i]);
    dir.push_back('/');
  }
  auto [it, inserted] = partitions.try_emplace(dir);
  if (inserted) {
    it->second.dir = dir;
    for (size_t i = 0; i < partition_columns.size(); ++i) {
      it->second.values.emplace(table_schema->fields[partition_columns[i]]->name, std::move(values[i]));
    }
  }
  return it->second;
}

Status DataWriter::Impl::OpenNewFile(PartitionState& part) {
  auto file = std::make_unique<OpenFile>(OpenFile{nullptr, "", "", FileStatsCollector(data_schema, stats_options)});
  file->index = adds.size();
  file->relative = fmt::format("{}part-{:05}-{}.c000{}.parquet", part.dir, file->index, RandomUuid(),
                               CodecExtension(options.parquet.codec));
  file->path = root + "/" + file->relative;
  paths.push_back(file->path);
  adds.emplace_back();
  SLUICE_ASSIGN_OR_RETURN(auto out, fs->OpenWrite(file->path));
  SLUICE_ASSIGN_OR_RETURN(file->writer, parquet::FileWriter::Open(std::move(out), data_schema, options.parquet));
  // The writer computes column statistics anyway: take what it can give.
  if (file->writer->computes_statistics()) file->stats.UseParquetStatistics(file->writer->descriptor());
  part.file = std::move(file);
  return Status::OK();
}

Status DataWriter::Impl::CloseFile(PartitionState& part) {
  std::unique_ptr<OpenFile> file = std::move(part.file);
  SLUICE_RETURN_NOT_OK(file->writer->Close());
  SLUICE_RETURN_NOT_OK(file->stats.TakeParquetStatistics(*file->writer).WithContext(file->path));
  SLUICE_ASSIGN_OR_RETURN(io::FileInfo info, fs->Stat(file->path));
  Add add;
  add.path = EncodeRelativePath(file->relative);
  add.partition_values = part.values;
  add.size = info.size;
  add.modification_time = info.modification_time_ms;
  add.data_change = true;
  add.stats = file->stats.ToJson();
  adds[file->index] = std::move(add);
  return Status::OK();
}

Status DataWriter::Impl::WriteRows(PartitionState& part, const columnar::RecordBatch& rows) {
  const int64_t max_rows = options.max_rows_per_file;
  int64_t done = 0;
  while (done < rows.num_rows) {
    if (!part.file) SLUICE_RETURN_NOT_OK(OpenNewFile(part));
    OpenFile& file = *part.file;
    int64_t n = rows.num_rows - done;
    if (max_rows > 0) n = std::min(n, max_rows - file.rows);
    const columnar::RecordBatch slice = done == 0 && n == rows.num_rows ? rows : rows.Slice(done, n);
    SLUICE_RETURN_NOT_OK(file.writer->Write(slice));
    file.stats.Add(slice);
    file.rows += n;
    done += n;
    if (max_rows > 0 && file.rows >= max_rows) {
      SLUICE_RETURN_NOT_OK(CloseFile(part));
      continue;
    }
    // Roll by size: bytes already written plus the open row group's estimate.
    const int64_t buffered = file.writer->buffered_bytes();
    if (file.writer->bytes_written() + buffered >= options.target_file_bytes) {
      SLUICE_RETURN_NOT_OK(CloseFile(part));
    } else if (buffered >= row_group_bytes) {
      SLUICE_RETURN_NOT_OK(file.writer->FlushRowGroup());
    }
  }
  return Status::OK();
}

Result<std::unique_ptr<DataWriter>> DataWriter::Make(std::shared_ptr<io::FileSystem> fs, std::string table_root,
                                                     const Metadata& metadata, DataWriterOptions options) {
  if (auto it = metadata.configuration.find("delta.columnMapping.mode");
      it != metadata.configuration.end() && it->second != "none") {
    return Status::NotSupported("writing data files of tables with column mapping (delta.columnMapping.mode = {})",
                                it->second);
  }
  if (options.target_file_bytes <= 0) return Status::Invalid("target_file_bytes must be positive");
  if (options.max_rows_per_file < 0) return Status::Invalid("max_rows_per_file must not be negative");
  auto impl = std::make_unique<Impl>();
  SLUICE_ASSIGN_OR_RETURN(impl->table_schema, ParseDeltaSchema(metadata.schema_string));
  const columnar::Schema& schema = *impl->table_schema;
  for (const auto& name : metadata.partition_columns) {
    const int idx = FindColumn(schema, name);
    if (idx < 0) return Status::Invalid("partition column '{}' is not in the table schema", name);
    const auto& type = *schema.fields[idx]->type;
    if (type.IsNested()) {
      return Status::NotSupported("partition column '{}' has the nested type {}", name, type.ToString());
    }
    if (std::find(impl->partition_columns.begin(), impl->partition_columns.end(), idx) !=
        impl->partition_columns.end()) {
      return Status::Invalid("partition column '{}' is listed twice", name);
    }
    impl->partition_columns.push_back(idx);
  }
  auto data_schema = std::make_shared<columnar::Schema>();
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    if (std::find(impl->partition_columns.begin(), impl->partition_columns.end(), static_cast<int>(i)) !=
        impl->partition_columns.end()) {
      continue;
    }
    impl->data_columns.push_back(static_cast<int>(i));
    data_schema->fields.push_back(schema.fields[i]);
  }
  if (data_schema->fields.empty()) {
    return Status::Invalid("every column of the table is a partition column: data files would have no columns");
  }
  // Fail now, not at the first file, when Parquet cannot hold a column.
  if (auto desc = parquet::SchemaDescriptor::FromColumnar(*data_schema); !desc.ok()) return desc.status();
  impl->data_schema = std::move(data_schema);
  if (options.stats) {
    impl->stats_options = *options.stats;
  } else {
    SLUICE_ASSIGN_OR_RETURN(impl->stats_options, StatsOptionsFromConfiguration(metadata.configuration));
  }
  impl->row_group_bytes = std::min(kMaxRowGroupBytes, options.target_file_bytes);
  while (table_root.size() > 1 && table_root.back() == '/') table_root.pop_back();
  impl->root = std::move(table_root);
  impl->fs = std::move(fs);
  impl->options = std::move(options);
  std::unique_ptr<DataWriter> writer(new DataWriter());
  writer->impl_ = std::move(impl);
  return writer;
}

DataWriter::~DataWriter() {
  // Files of a writer that never finished are incomplete: remove them.
  if (impl_ && !impl_->finished) Abort();
}

Status DataWriter::Write(const columnar::RecordBatch& batch) {
  Impl& s = *impl_;
  if (s.finished) return Status::Invalid("data writer: Write after Finish or Abort");
  if (!s.failed.ok()) return s.failed;
  SLUICE_RETURN_NOT_OK(s.CheckSchema(batch));
  if (batch.num_rows == 0) return Status::OK();
  SLUICE_ASSIGN_OR_RETURN(auto parts, SplitByPartition(batch, s.partition_columns, s.data_columns, s.data_schema));
  for (auto& part : parts) {
    PartitionState& state = s.Partition(part.values);
    Status st = s.WriteRows(state, part.rows);
    if (!st.ok()) {
      s.failed = st.WithContext(fmt::format("table {}: writing partition '{}'", s.root, state.dir));
      return s.failed;
    }
  }
  return Status::OK();
}

Result<std::vector<Add>> DataWriter::Finish() {
  Impl& s = *impl_;
  if (s.finished) return Status::Invalid("data writer: Finish after Finish or Abort");
  if (!s.failed.ok()) return s.failed;
  for (auto& [dir, part] : s.partitions) {
    if (!part.file) continue;
    if (Status st = s.CloseFile(part); !st.ok()) {
      s.failed = st.WithContext(fmt::format("table {}: closing a file of partition '{}'", s.root, dir));
      return s.failed;
    }
  }
  std::vector<Add> adds;
  adds.reserve(s.adds.size());
  for (auto& add : s.adds) {
    if (!add) return Status::Invalid("data writer: a data file was left unfinished");  // not reachable
    adds.push_back(std::move(*add));
  }
  s.adds.clear();
  s.finished = true;
  return adds;
}

void DataWriter::Abort() {
  Impl& s = *impl_;
  for (auto& [dir, part] : s.partitions) part.file.reset();
  for (const auto& path : s.paths) (void)s.fs->Delete(path);
  s.paths.clear();
  s.adds.clear();
  s.finished = true;
}

}  // namespace sluice::delta
