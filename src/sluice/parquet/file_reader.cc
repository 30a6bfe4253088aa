#include "sluice/parquet/file_reader.h"

#include <cstring>

#include "sluice/parquet/column/column_chunk_reader.h"
#include "sluice/parquet/format/metadata_codec.h"
#include "sluice/parquet/schema/record_assembly.h"

namespace sluice::parquet {
namespace {

constexpr int64_t kFooterTail = 8;  // 4-byte footer length + "PAR1"

Status CheckRowGroups(const std::string& path, const format::FileMetaData& md, const SchemaDescriptor& schema) {
  int64_t total = 0;
  for (size_t i = 0; i < md.row_groups.size(); ++i) {
    const auto& rg = md.row_groups[i];
    if (rg.columns.size() != schema.leaves().size()) {
      return Status::Corrupt("{}: row group {} has {} column chunks, the schema has {} leaf columns", path, i,
                             rg.columns.size(), schema.leaves().size());
    }
    if (rg.num_rows < 0) return Status::Corrupt("{}: row group {} has negative num_rows {}", path, i, rg.num_rows);
    for (size_t c = 0; c < rg.columns.size(); ++c) {
      if (!rg.columns[c].meta_data) {
        return Status::NotSupported("{}: row group {} column {} has no metadata (encrypted or external)", path, i, c);
      }
      if (rg.columns[c].file_path) {
        return Status::NotSupported("{}: column chunk in external file '{}' is not supported", path,
                                    *rg.columns[c].file_path);
      }
    }
    total += rg.num_rows;
  }
  // parquet-rs 0.3.0 wrote num_rows = 0 whatever the row groups hold
  // (data/repeated_no_annotation.parquet, tests/interop/test_parquet_testing.py).
  if (total != md.num_rows && md.num_rows != 0) {
    return Status::Corrupt("{}: footer says {} rows but its row groups hold {}", path, md.num_rows, total);
  }
  return Status::OK();
}

class FileBatchReader final : public BatchReader {
 public:
  FileBatchReader(const io::RandomAccessFile* file, const format::FileMetaData* md, SchemaDescriptorPtr schema,
                  ReadOptions options, std::vector<int> fields, std::vector<int> row_groups)
      : file_(file),
        md_(md),
        desc_(std::move(schema)),
        options_(options),
        fields_(std::move(fields)),
        row_groups_(std::move(row_groups)) {
    auto s = std::make_shared<columnar::Schema>();
    for (int f : fields_) s->fields.push_back(desc_->schema()->fields[f]);
    s->metadata = desc_->schema()->metadata;
    schema_ = std::move(s);
  }

  const columnar::SchemaPtr& schema() const override { return schema_; }

  Result<std::optional<columnar::RecordBatch>> Next() override {
    while (true) {
      if (readers_.empty() || rows_left_ == 0) {
        if (next_group_ >= row_groups_.size()) return std::optional<columnar::RecordBatch>();
        SLUICE_RETURN_NOT_OK(OpenRowGroup(row_groups_[next_group_++]));
        if (rows_left_ == 0 && !fields_.empty()) continue;
      }
      const int64_t want = std::min(options_.batch_rows, rows_left_);
      columnar::RecordBatch batch{schema_, want, {}};
      for (size_t fi = 0; fi < fields_.size(); ++fi) {
        auto [first, last] = desc_->LeafRange(fields_[fi]);
        std::vector<LeafData> data(last - first);
        std::vector<const LeafData*> ptrs;
        for (int leaf = first; leaf < last; ++leaf) {
          LeafData& d = data[leaf - first];
          SLUICE_ASSIGN_OR_RETURN(int64_t got, readers_[leaf - reader_base_[fi]]->ReadRecords(want, &d));
          if (got != want) {
            return Status::Corrupt("{}: column '{}' of row group {} ends after {} of its {} rows", file_->path(),
                                   JoinPath(desc_->leaves()[leaf].path), current_group_, group_rows_ - rows_left_ + got,
                                   group_rows_);
          }
          ptrs.push_back(&d);
        }
        auto array = AssembleField(*desc_, fields_[fi], ptrs, want);
        if (!array.ok()) {
          return array.status().WithContext(
              fmt::format("{}: row group {}, column '{}'", file_->path(), current_group_, schema_->fields[fi]->name));
        }
        batch.columns.push_back(std::move(array).value());
      }
      rows_left_ -= want;
      if (fields_.empty()) rows_left_ = 0;
      return std::optional<columnar::RecordBatch>(std::move(batch));
    }
  }

 private:
  static std::string JoinPath(const std::vector<std::string>& path) {
    std::string s;
    for (const auto& p : path) {
      if (!s.empty()) s.push_back('.');
      s.append(p);
    }
    return s;
  }

  Status OpenRowGroup(int g) {
    readers_.clear();
    reader_base_.clear();
    current_group_ = g;
    const auto& rg = md_->row_groups[g];
    ColumnReadOptions copts;
    copts.verify_checksums = options_.verify_checksums;
    for (int f : fields_) {
      auto [first, last] = desc_->LeafRange(f);
      reader_base_.push_back(first - static_cast<int>(readers_.size()));
      for (int leaf = first; leaf < last; ++leaf) {
        SLUICE_ASSIGN_OR_RETURN(auto r, ColumnChunkReader::Open(file_, desc_->leaves()[leaf], rg.columns[leaf], copts));
        readers_.push_back(std::move(r));
      }
    }
    group_rows_ = rows_left_ = rg.num_rows;
    return Status::OK();
  }

  const io::RandomAccessFile* file_;
  const format::FileMetaData* md_;
  SchemaDescriptorPtr desc_;
  ReadOptions options_;
  std::vector<int> fields_;
  std::vector<int> row_groups_;
  columnar::SchemaPtr schema_;
  size_t next_group_ = 0;
  int current_group_ = -1;
  int64_t group_rows_ = 0;
  int64_t rows_left_ = 0;
  std::vector<std::unique_ptr<ColumnChunkReader>> readers_;
  // Readers are stored field after field: leaf L of field fi is readers_[L - reader_base_[fi]].
  std::vector<int> reader_base_;
};

}  // namespace

Result<std::unique_ptr<FileReader>> FileReader::Open(const std::string& path, ReadOptions options) {
  SLUICE_ASSIGN_OR_RETURN(auto file, io::OpenLocalFile(path));
  return Open(std::move(file), options);
}

Result<std::unique_ptr<FileReader>> FileReader::Open(std::unique_ptr<io::RandomAccessFile> file, ReadOptions options) {
  const std::string& path = file->path();
  const int64_t size = file->Size();
  if (size < 4 + kFooterTail) {
    return Status::Corrupt("{}: {} bytes is too small to be a Parquet file", path, size);
  }
  SLUICE_ASSIGN_OR_RETURN(BufferPtr tail, file->ReadAt(size - kFooterTail, kFooterTail));
  SLUICE_ASSIGN_OR_RETURN(BufferPtr head, file->ReadAt(0, 4));
  const std::string_view magic = tail->view().substr(4);
  if (magic == "PARE") {
    return Status::NotSupported("{}: the footer is encrypted (Parquet modular encryption is not supported)", path);
  }
  if (magic != "PAR1" || head->view() != "PAR1") {
    return Status::Corrupt("{}: not a Parquet file (missing PAR1 magic at start or end)", path);
  }
  uint32_t footer_len = 0;
  std::memcpy(&footer_len, tail->data(), 4);
  if (footer_len > static_cast<uint64_t>(size - kFooterTail - 4)) {
    return Status::Corrupt("{}: footer length {} exceeds the file size {}", path, footer_len, size);
  }
  SLUICE_ASSIGN_OR_RETURN(BufferPtr footer, file->ReadAt(size - kFooterTail - footer_len, footer_len));
  auto md = format::DeserializeFileMetaData(footer->span());
  if (!md.ok()) return md.status().WithContext(fmt::format("{}: footer", path));
  auto desc = SchemaDescriptor::FromParquet(md->schema);
  if (!desc.ok()) return desc.status().WithContext(fmt::format("{}: schema", path));
  SLUICE_RETURN_NOT_OK(CheckRowGroups(path, *md, **desc));

  std::unique_ptr<FileReader> r(new FileReader());
  r->file_ = std::move(file);
  r->options_ = options;
  r->metadata_ = std::move(md).value();
  r->descriptor_ = std::move(desc).value();
  return r;
}

Result<std::vector<int>> FileReader::ResolveColumns(const std::vector<std::string>& names) const {
  std::vector<int> out;
  for (const auto& n : names) {
    int i = schema()->FieldIndex(n);
    if (i < 0) return Status::NotFound("{}: no column named '{}'", path(), n);
    out.push_back(i);
  }
  return out;
}

Result<std::unique_ptr<BatchReader>> FileReader::NewBatchReader(std::vector<int> fields,
                                                                std::vector<int> row_groups) const {
  if (fields.empty()) {
    for (size_t i = 0; i < schema()->fields.size(); ++i) fields.push_back(static_cast<int>(i));
  }
  if (row_groups.empty()) {
    for (int i = 0; i < num_row_groups(); ++i) row_groups.push_back(i);
  }
  for (int f : fields) {
    if (f < 0 || f >= static_cast<int>(schema()->fields.size())) {
      return Status::OutOfRange("{}: field index {} out of range", path(), f);
    }
  }
  for (int g : row_groups) {
    if (g < 0 || g >= num_row_groups()) return Status::OutOfRange("{}: row group {} out of range", path(), g);
  }
  return std::unique_ptr<BatchReader>(
      new FileBatchReader(file_.get(), &metadata_, descriptor_, options_, std::move(fields), std::move(row_groups)));
}

Result<std::vector<columnar::RecordBatch>> FileReader::ReadAll() const {
  SLUICE_ASSIGN_OR_RETURN(auto reader, NewBatchReader());
  std::vector<columnar::RecordBatch> out;
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(auto batch, reader->Next());
    if (!batch) break;
    out.push_back(std::move(*batch));
  }
  return out;
}

}  // namespace sluice::parquet
