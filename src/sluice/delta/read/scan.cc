#include "sluice/delta/read/scan.h"

#include <algorithm>

#include "sluice/columnar/builder.h"
#include "sluice/columnar/take.h"
#include "sluice/delta/protocol/path_uri.h"
#include "sluice/delta/read/data_skipping.h"
#include "sluice/delta/read/deletion_vector.h"
#include "sluice/delta/read/partition_values.h"
#include "sluice/delta/schema/column_mapping.h"
#include "sluice/expr/evaluate.h"
#include "sluice/expr/pushdown.h"
#include "sluice/parquet/file_reader.h"

namespace sluice::delta {

using columnar::ArrayPtr;
using columnar::FieldPtr;
using columnar::RecordBatch;

namespace {

// Where a read column's values come from, for the current file.
struct ColumnSource {
  enum Kind { kFile, kPartition, kMissing } kind = kMissing;
  int batch_index = -1;  // kFile: position in the file reader's batches
  int file_field = -1;   // kFile: index into the file's top-level fields
  Scalar partition_value;
};

// The top-level columns a predicate mentions (a dotted name counts for
// itself and its top-level struct).
void FilterColumns(const expr::Expr& p, std::vector<std::string>* out) {
  for (const std::string& c : expr::ReferencedColumns(p)) {
    const std::string top = c.substr(0, c.find('.'));
    if (std::find(out->begin(), out->end(), c) == out->end()) out->push_back(c);
    if (top != c && std::find(out->begin(), out->end(), top) == out->end()) out->push_back(top);
  }
}

}  // namespace

struct Scan::State {
  ColumnMappingMode mode = ColumnMappingMode::kNone;
  columnar::SchemaPtr read_schema;  // output columns + filter-only columns
  std::vector<bool> is_partition;   // per read column
  size_t next_file = 0;
  // The file being read.
  const Add* file = nullptr;
  std::unique_ptr<parquet::FileReader> reader;
  std::unique_ptr<parquet::BatchReader> batches;
  std::vector<FileField> file_fields;
  std::vector<ColumnSource> sources;
  std::vector<uint64_t> deleted;  // sorted row positions
  size_t deleted_pos = 0;
  int64_t row = 0;        // position of the next row in the file
  int64_t file_rows = 0;  // rows in the file
  bool reads_file_columns = false;
  std::vector<uint8_t> keep;
  std::optional<expr::BoundExpr> row_filter;  // options.filter bound to read_schema

  // Opens `add` and works out where each read column comes from.
  Status OpenFile(const Snapshot& snap, const Add& add, int64_t batch_rows);
};

Scan::~Scan() = default;

Result<std::unique_ptr<Scan>> Scan::Make(SnapshotPtr snapshot, ScanOptions options) {
  std::unique_ptr<Scan> scan(new Scan());
  scan->state_ = std::make_unique<State>();
  State& st = *scan->state_;
  const columnar::Schema& table = *snapshot->schema();
  const auto& part_cols = snapshot->metadata().partition_columns;
  SLUICE_ASSIGN_OR_RETURN(st.mode, GetColumnMappingMode(snapshot->protocol(), snapshot->metadata()));
  if (options.batch_rows <= 0) return Status::Invalid("batch_rows must be positive");

  std::vector<std::string> names = options.columns;
  if (names.empty()) {
    for (const auto& f : table.fields) names.push_back(f->name);
  }
  auto output = std::make_shared<columnar::Schema>();
  auto read = std::make_shared<columnar::Schema>();
  auto add_field = [&](const std::string& name, columnar::Schema* schema) -> Status {
    const int i = table.FieldIndex(name);
    if (i < 0) return Status::Invalid("table {} has no column '{}'", snapshot->table_root(), name);
    schema->fields.push_back(table.fields[i]);
    return Status::OK();
  };
  for (const auto& n : names) {
    SLUICE_RETURN_NOT_OK(add_field(n, output.get()));
    SLUICE_RETURN_NOT_OK(add_field(n, read.get()));
  }
  std::vector<FileSkipper> skippers;
  if (options.filter) {
    SLUICE_ASSIGN_OR_RETURN(auto skipper, FileSkipper::Make(snapshot->schema(), part_cols, st.mode, *options.filter));
    skippers.push_back(std::move(skipper));
    std::vector<std::string> filter_cols;
    FilterColumns(*options.filter, &filter_cols);
    for (const auto& c : filter_cols) {
      const int i = table.FieldIndex(c);
      if (i >= 0 && read->FieldIndex(c) < 0) read->fields.push_back(table.fields[i]);
    }
  }
  for (const auto& f : read->fields) {
    st.is_partition.push_back(std::find(part_cols.begin(), part_cols.end(), f->name) != part_cols.end());
  }
  for (const Add& add : options.files ? *options.files : snapshot->files()) {
    if (skippers.empty() || skippers[0].MayMatch(add)) scan->files_.push_back(add);
  }
  if (options.filter) {
    SLUICE_ASSIGN_OR_RETURN(auto bound, expr::BindPredicate(*options.filter, *read));
    st.row_filter = std::move(bound);
  }
  st.read_schema = std::move(read);
  scan->schema_ = std::move(output);
  scan->snapshot_ = std::move(snapshot);
  scan->options_ = std::move(options);
  return scan;
}

Result<std::optional<RecordBatch>> Scan::Next() {
  State& st = *state_;
  while (true) {
    if (st.file == nullptr) {
      if (st.next_file >= files_.size()) return std::optional<RecordBatch>();
      const Add& add = files_[st.next_file++];
      Status s = st.OpenFile(*snapshot_, add, options_.batch_rows);
      if (!s.ok()) return s.WithContext("table " + snapshot_->table_root() + ", data file " + add.path);
    }
    // Rows of the next chunk: from the Parquet reader, or counted when no
    // column comes from the file.
    std::optional<RecordBatch> file_batch;
    int64_t n = 0;
    if (st.reads_file_columns) {
      auto r = st.batches->Next();
      if (!r.ok()) return r.status().WithContext("table " + snapshot_->table_root() + ", data file " + st.file->path);
      file_batch = std::move(*r);
      if (file_batch) n = file_batch->num_rows;
    } else {
      n = std::min(options_.batch_rows, st.file_rows - st.row);
    }
    if (n == 0 || (st.reads_file_columns && !file_batch)) {
      st.file = nullptr;
      st.reader.reset();
      st.batches.reset();
      continue;
    }
    RecordBatch batch{st.read_schema, n, {}};
    for (size_t c = 0; c < st.sources.size(); ++c) {
      const FieldPtr& field = st.read_schema->fields[c];
      const ColumnSource& src = st.sources[c];
      ArrayPtr col;
      if (src.kind == ColumnSource::kFile) {
        auto r = ConformArray(file_batch->columns[src.batch_index], st.file_fields[src.file_field], *field, st.mode);
        if (!r.ok()) return r.status().WithContext("table " + snapshot_->table_root() + ", data file " + st.file->path);
        col = std::move(*r);
      } else {
        SLUICE_ASSIGN_OR_RETURN(col, columnar::MakeConstantArray(field->type, src.partition_value, n));
      }
      batch.columns.push_back(std::move(col));
    }
    // Deletion vector: drop the deleted positions in [row, row + n).
    const int64_t start = st.row;
    st.row += n;
    if (st.deleted_pos < st.deleted.size() && st.deleted[st.deleted_pos] < static_cast<uint64_t>(start + n)) {
      st.keep.assign(static_cast<size_t>(n), 1);
      while (st.deleted_pos < st.deleted.size() && st.deleted[st.deleted_pos] < static_cast<uint64_t>(start + n)) {
        st.keep[st.deleted[st.deleted_pos++] - start] = 0;
      }
      SLUICE_ASSIGN_OR_RETURN(batch, columnar::FilterRows(batch, st.keep));
    }
    if (st.row_filter) {
      SLUICE_ASSIGN_OR_RETURN(batch, expr::FilterBatch(*st.row_filter, batch));
    }
    if (batch.num_rows == 0) continue;
    // Drop filter-only columns.
    batch.schema = schema_;
    batch.columns.resize(schema_->fields.size());
    return std::optional<RecordBatch>(std::move(batch));
  }
}

Status Scan::State::OpenFile(const Snapshot& snap, const Add& add, int64_t batch_rows) {
  State* st = this;
  SLUICE_ASSIGN_OR_RETURN(std::string path, ResolveDataPath(snap.table_root(), add.path));
  SLUICE_ASSIGN_OR_RETURN(auto file, snap.fs()->OpenRead(path));
  parquet::ReadOptions ro;
  ro.batch_rows = batch_rows;
  SLUICE_ASSIGN_OR_RETURN(st->reader, parquet::FileReader::Open(std::move(file), ro));
  st->file_fields = FileFieldsOf(st->reader->descriptor());
  // Row groups are summed: some writers leave FileMetaData.num_rows at 0
  // (parquet-rs 0.3.0, see parquet/file_reader.cc).
  st->file_rows = 0;
  for (const auto& rg : st->reader->metadata().row_groups) st->file_rows += rg.num_rows;
  st->row = 0;
  st->sources.clear();
  std::vector<int> fields;
  const auto& read_fields = st->read_schema->fields;
  for (size_t c = 0; c < read_fields.size(); ++c) {
    const columnar::Field& field = *read_fields[c];
    ColumnSource src;
    if (st->is_partition[c]) {
      src.kind = ColumnSource::kPartition;
      auto it = add.partition_values.find(PhysicalName(field, st->mode));
      if (it == add.partition_values.end()) it = add.partition_values.find(field.name);
      const std::optional<std::string> text =
          it == add.partition_values.end() ? std::optional<std::string>() : it->second;
      auto v = ParsePartitionValue(*field.type, text);
      if (!v.ok()) return v.status().WithContext("partition column " + field.name);
      src.partition_value = std::move(*v);
    } else {
      src.file_field = FindFileField(st->file_fields, field, st->mode);
      if (src.file_field >= 0) {
        src.kind = ColumnSource::kFile;
        auto pos = std::find(fields.begin(), fields.end(), src.file_field);
        src.batch_index = static_cast<int>(pos - fields.begin());
        if (pos == fields.end()) fields.push_back(src.file_field);
      }
    }
    st->sources.push_back(std::move(src));
  }
  st->reads_file_columns = !fields.empty();
  if (st->reads_file_columns) {
    SLUICE_ASSIGN_OR_RETURN(st->batches, st->reader->NewBatchReader(fields));
  }
  st->deleted.clear();
  st->deleted_pos = 0;
  if (add.deletion_vector) {
    SLUICE_ASSIGN_OR_RETURN(st->deleted, LoadDeletionVector(*snap.fs(), snap.table_root(), *add.deletion_vector,
                                                            static_cast<uint64_t>(st->file_rows)));
  }
  st->file = &add;
  return Status::OK();
}

}  // namespace sluice::delta
