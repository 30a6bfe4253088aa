#include "sluice/delta/checkpoint/checkpoint_reader.h"

#include <algorithm>
#include <string_view>

#include "sluice/delta/checkpoint/checkpoint_reader_rows.h"
#include "sluice/delta/log/log_json.h"
#include "sluice/delta/snapshot/file_key_index.h"
#include "sluice/parquet/file_reader.h"

namespace sluice::delta {
namespace {

constexpr CheckpointColumn kKinds[] = {CheckpointColumn::kProtocol, CheckpointColumn::kMetaData,
                                       CheckpointColumn::kTxn,      CheckpointColumn::kDomainMetadata,
                                       CheckpointColumn::kAdd,      CheckpointColumn::kRemove,
                                       CheckpointColumn::kSidecar,  CheckpointColumn::kCheckpointMetadata};

bool IsAbsoluteUri(std::string_view p) { return p.starts_with("/") || p.find(':') != std::string_view::npos; }

// Reads the sidecar files named by the V2 checkpoint actions in
// out->others[first...] (PROTOCOL.md "V2 Spec": sidecars live in _delta_log/_sidecars/).
Status ReadSidecars(const io::FileSystem& fs, const std::string& log_dir, size_t first, CheckpointActions* out) {
  std::vector<std::string> sidecars;
  for (size_t i = first; i < out->others.size(); ++i) {
    if (const Sidecar* s = std::get_if<Sidecar>(&out->others[i])) {
      sidecars.push_back(IsAbsoluteUri(s->path) ? s->path : log_dir + "/_sidecars/" + s->path);
    }
  }
  for (const std::string& p : sidecars) {
    const std::string local = p.starts_with("file://") ? p.substr(7) : p.starts_with("file:") ? p.substr(5) : p;
    auto file = fs.OpenRead(local);
    if (!file.ok()) {
      return Status::NotFound("{}: sidecar file {} of the V2 checkpoint is missing ({})", log_dir, local,
                              file.status().message());
    }
    SLUICE_RETURN_NOT_OK(ReadParquetCheckpoint(std::move(*file), out));
  }
  return Status::OK();
}

// Appends the actions of `from` to `out` in the order ReadCheckpoint documents.
void Flatten(CheckpointActions&& from, std::vector<Action>* out) {
  out->reserve(out->size() + from.others.size() + from.adds.size() + from.removes.size());
  for (Action& a : from.others) out->push_back(std::move(a));
  for (Add& a : from.adds) out->emplace_back(std::move(a));
  for (Remove& r : from.removes) out->emplace_back(std::move(r));
}

// Grows `v` to hold `n` more items, at least doubling, so that appending
// several files' rows stays linear.
template <typename T>
void Grow(std::vector<T>* v, size_t n) {
  if (v->size() + n > v->capacity()) v->reserve(std::max(v->size() + n, 2 * v->capacity()));
}

}  // namespace

Status ReadParquetCheckpoint(std::unique_ptr<io::RandomAccessFile> file, CheckpointActions* out) {
  const std::string path = file->path();
  parquet::ReadOptions options;
  options.batch_rows = 8192;
  SLUICE_ASSIGN_OR_RETURN(auto reader, parquet::FileReader::Open(std::move(file), options));
  // Only the action columns a snapshot needs; absent ones are fine (older
  // checkpoints lack domainMetadata, sidecar...); commitInfo and cdc never
  // matter for a snapshot.
  const columnar::Schema& schema = *reader->schema();
  std::vector<int> fields;
  std::vector<CheckpointColumn> kinds;
  for (CheckpointColumn k : kKinds) {
    const int i = schema.FieldIndex(CheckpointColumnName(k));
    if (i < 0) continue;
    if (schema.fields[i]->type->id != columnar::TypeId::kStruct) {
      return Status::Corrupt("{}: checkpoint column '{}' is not a struct", path, CheckpointColumnName(k));
    }
    kinds.push_back(k);
    fields.push_back(i);
  }
  if (fields.empty()) return Status::OK();
  SLUICE_ASSIGN_OR_RETURN(auto batches, reader->NewBatchReader(fields));
  // Most rows of a checkpoint are adds: room for one per row, built in place
  // (cap the hint so a lying footer cannot make us allocate).
  const size_t rows_hint = static_cast<size_t>(std::clamp<int64_t>(reader->num_rows(), 0, 1 << 20));
  Grow(&out->adds, rows_hint + out->extra_adds);
  Grow(&out->add_key_hashes, rows_hint);
  int64_t row_base = 0;
  std::vector<CheckpointColumnReader> columns;
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(auto batch, batches->Next());
    if (!batch) break;
    if (batch->columns.size() != kinds.size()) {
      return Status::Corrupt("{}: checkpoint batch has {} columns, expected {}", path, batch->columns.size(),
                             kinds.size());
    }
    columns.clear();
    for (size_t c = 0; c < kinds.size(); ++c) {
      const columnar::Array& column = *batch->columns[c];
      SLUICE_RETURN_NOT_OK(columnar::ValidateArray(column));
      // Each row holds one action: most columns are null in a whole batch.
      if (column.null_count < column.length) columns.emplace_back(kinds[c], column, path);
    }
    // A checkpoint holds at most one action per key, so the order between
    // columns of one row does not matter.
    for (int64_t r = 0; r < batch->num_rows; ++r) {
      for (const CheckpointColumnReader& col : columns) SLUICE_RETURN_NOT_OK(col.Read(r, row_base + r, out));
    }
    row_base += batch->num_rows;
  }
  return Status::OK();
}

Status ReadParquetCheckpoint(std::unique_ptr<io::RandomAccessFile> file, std::vector<Action>* out) {
  CheckpointActions actions;
  SLUICE_RETURN_NOT_OK(ReadParquetCheckpoint(std::move(file), &actions));
  Flatten(std::move(actions), out);
  return Status::OK();
}

Status ReadCheckpoint(const io::FileSystem& fs, const std::string& log_dir, const CheckpointFiles& cp,
                      CheckpointActions* out) {
  const size_t first = out->others.size();
  for (const LogFile& f : cp.files) {
    if (f.path.ends_with(".json")) {
      SLUICE_ASSIGN_OR_RETURN(BufferPtr bytes, fs.ReadAll(f.path));
      std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
      SLUICE_ASSIGN_OR_RETURN(std::vector<Action> actions, ParseLogJson(text, f.path));
      for (Action& a : actions) {
        if (Add* add = std::get_if<Add>(&a)) {
          out->add_key_hashes.push_back(FileKeyIndex::PathKeyHash(add->path, add->deletion_vector.has_value()));
          out->adds.push_back(std::move(*add));
        } else if (Remove* remove = std::get_if<Remove>(&a)) {
          out->remove_key_hashes.push_back(
              FileKeyIndex::PathKeyHash(remove->path, remove->deletion_vector.has_value()));
          out->removes.push_back(std::move(*remove));
        } else {
          out->others.push_back(std::move(a));
        }
      }
    } else {
      SLUICE_ASSIGN_OR_RETURN(auto file, fs.OpenRead(f.path));
      SLUICE_RETURN_NOT_OK(ReadParquetCheckpoint(std::move(file), out));
    }
  }
  // V2 checkpoints name sidecars; a classic-named file may be a V2 checkpoint too.
  if (cp.kind != CheckpointKind::kMultiPart) SLUICE_RETURN_NOT_OK(ReadSidecars(fs, log_dir, first, out));
  return Status::OK();
}

Status ReadCheckpoint(const io::FileSystem& fs, const std::string& log_dir, const CheckpointFiles& cp,
                      std::vector<Action>* out) {
  CheckpointActions actions;
  SLUICE_RETURN_NOT_OK(ReadCheckpoint(fs, log_dir, cp, &actions));
  Flatten(std::move(actions), out);
  return Status::OK();
}

}  // namespace sluice::delta
