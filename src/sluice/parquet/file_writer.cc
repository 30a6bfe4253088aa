#include "sluice/parquet/file_writer.h"

#include <algorithm>

#include "sluice/parquet/format/metadata_codec.h"
#include "sluice/parquet/schema/record_assembly.h"

namespace sluice::parquet {

Result<std::unique_ptr<FileWriter>> FileWriter::Open(const std::string& path, columnar::SchemaPtr schema,
                                                     WriterOptions options) {
  SLUICE_ASSIGN_OR_RETURN(auto out, io::CreateLocalFile(path));
  return Open(std::move(out), std::move(schema), std::move(options));
}

Result<std::unique_ptr<FileWriter>> FileWriter::Open(std::unique_ptr<io::OutputFile> out, columnar::SchemaPtr schema,
                                                     WriterOptions options) {
  if (options.row_group_rows <= 0) return Status::Invalid("row_group_rows must be positive");
  auto desc = SchemaDescriptor::FromColumnar(*schema);
  if (!desc.ok()) return desc.status().WithContext(out->path());
  std::unique_ptr<FileWriter> w(new FileWriter());
  w->out_ = std::move(out);
  w->options_ = std::move(options);
  w->descriptor_ = std::move(desc).value();
  if (w->options_.write_statistics || w->options_.write_page_index) {
    for (const auto& leaf : w->descriptor_->leaves()) {
      w->file_stats_.push_back(ColumnStatistics::Make(StatsOrderFor(leaf), w->options_.statistics_truncate_bytes));
    }
  }
  SLUICE_RETURN_NOT_OK(w->out_->Write("PAR1", 4));
  return w;
}

FileWriter::~FileWriter() = default;

Status FileWriter::StartRowGroup() {
  columns_.clear();
  for (const auto& leaf : descriptor_->leaves()) {
    SLUICE_ASSIGN_OR_RETURN(auto cw, ColumnChunkWriter::Make(leaf, options_, &page_pool_));
    columns_.push_back(std::move(cw));
  }
  return Status::OK();
}

Status FileWriter::Write(const columnar::RecordBatch& batch) {
  if (closed_) return Status::Invalid("{}: write after close", out_->path());
  const auto& fields = descriptor_->schema()->fields;
  if (batch.columns.size() != fields.size()) {
    return Status::Invalid("{}: batch has {} columns, the file has {}", out_->path(), batch.columns.size(),
                           fields.size());
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!batch.columns[i]->type->Equals(*fields[i]->type)) {
      return Status::Invalid("{}: column '{}' has type {}, the file has {}", out_->path(), fields[i]->name,
                             batch.columns[i]->type->ToString(), fields[i]->type->ToString());
    }
    if (batch.columns[i]->length != batch.num_rows) {
      return Status::Invalid("{}: column '{}' has {} rows, the batch {}", out_->path(), fields[i]->name,
                             batch.columns[i]->length, batch.num_rows);
    }
  }
  int64_t done = 0;
  while (done < batch.num_rows) {
    if (columns_.empty()) SLUICE_RETURN_NOT_OK(StartRowGroup());
    const int64_t n = std::min(batch.num_rows - done, options_.row_group_rows - group_rows_);
    for (size_t f = 0; f < fields.size(); ++f) {
      auto [first, last] = descriptor_->LeafRange(static_cast<int>(f));
      std::vector<LeafData> leaves(last - first);
      std::vector<LeafData*> ptrs;
      for (auto& l : leaves) ptrs.push_back(&l);
      const columnar::ArrayPtr column =
          (done == 0 && n == batch.num_rows) ? batch.columns[f] : batch.columns[f]->Slice(done, n);
      Status st = ShredField(*descriptor_, static_cast<int>(f), *column, ptrs);
      if (!st.ok()) return st.WithContext(fmt::format("{}: column '{}'", out_->path(), fields[f]->name));
      for (int leaf = first; leaf < last; ++leaf) SLUICE_RETURN_NOT_OK(columns_[leaf]->Write(leaves[leaf - first]));
    }
    done += n;
    group_rows_ += n;
    rows_written_ += n;
    if (group_rows_ >= options_.row_group_rows) SLUICE_RETURN_NOT_OK(FlushRowGroup());
  }
  return Status::OK();
}

int64_t FileWriter::buffered_bytes() const {
  int64_t total = 0;
  for (const auto& cw : columns_) total += cw->EstimatedSize();
  return total;
}

Status FileWriter::FlushRowGroup() {
  if (columns_.empty() || group_rows_ == 0) return Status::OK();
  format::RowGroup rg;
  rg.num_rows = group_rows_;
  rg.file_offset = out_->Tell();
  rg.ordinal = static_cast<int16_t>(std::min<size_t>(row_groups_.size(), INT16_MAX));
  int64_t compressed = 0;
  std::vector<ColumnChunkResult> results;
  for (size_t i = 0; i < columns_.size(); ++i) {
    ColumnChunkWriter& cw = *columns_[i];
    SLUICE_ASSIGN_OR_RETURN(ColumnChunkResult r, cw.Finish(out_.get()));
    if (!file_stats_.empty() && cw.statistics() != nullptr) file_stats_[i]->Merge(*cw.statistics());
    rg.total_byte_size += r.chunk.meta_data->total_uncompressed_size;
    compressed += r.chunk.meta_data->total_compressed_size;
    rg.columns.push_back(r.chunk);
    results.push_back(std::move(r));
  }
  rg.total_compressed_size = compressed;
  row_groups_.push_back(std::move(rg));
  indexes_.push_back(std::move(results));
  columns_.clear();
  group_rows_ = 0;
  return Status::OK();
}

Status FileWriter::WritePageIndexAndFooter() {
  Buffer scratch;
  // Page index: all column indexes, then all offset indexes (as parquet-mr and
  // arrow lay them out), between the last row group and the footer.
  for (size_t g = 0; g < row_groups_.size(); ++g) {
    for (size_t c = 0; c < indexes_[g].size(); ++c) {
      const auto& ci = indexes_[g][c].column_index;
      if (!ci) continue;
      scratch.Clear();
      format::Serialize(*ci, &scratch);
      row_groups_[g].columns[c].column_index_offset = out_->Tell();
      row_groups_[g].columns[c].column_index_length = static_cast<int32_t>(scratch.size());
      SLUICE_RETURN_NOT_OK(out_->Write(scratch.data(), scratch.size()));
    }
  }
  for (size_t g = 0; g < row_groups_.size(); ++g) {
    for (size_t c = 0; c < indexes_[g].size(); ++c) {
      const auto& oi = indexes_[g][c].offset_index;
      if (!oi) continue;
      scratch.Clear();
      format::Serialize(*oi, &scratch);
      row_groups_[g].columns[c].offset_index_offset = out_->Tell();
      row_groups_[g].columns[c].offset_index_length = static_cast<int32_t>(scratch.size());
      SLUICE_RETURN_NOT_OK(out_->Write(scratch.data(), scratch.size()));
    }
  }
  format::FileMetaData md;
  md.version = 2;
  md.schema = descriptor_->elements();
  md.num_rows = rows_written_;
  md.row_groups = std::move(row_groups_);
  md.created_by = options_.created_by;
  if (!options_.key_value_metadata.empty()) {
    std::vector<format::KeyValue> kvs;
    for (const auto& [k, v] : options_.key_value_metadata) kvs.push_back(format::KeyValue{k, v});
    md.key_value_metadata = std::move(kvs);
  }
  md.column_orders = std::vector<format::ColumnOrder>(descriptor_->leaves().size(),
                                                      format::ColumnOrder{format::ColumnOrder::Kind::kTypeOrder});
  scratch.Clear();
  format::Serialize(md, &scratch);
  const auto footer_len = static_cast<uint32_t>(scratch.size());
  scratch.AppendValue(footer_len);
  scratch.Append("PAR1", 4);
  return out_->Write(scratch.data(), scratch.size());
}

Status FileWriter::Close() {
  if (closed_) return Status::OK();
  SLUICE_RETURN_NOT_OK(FlushRowGroup());
  closed_ = true;
  SLUICE_RETURN_NOT_OK(WritePageIndexAndFooter());
  return out_->Close();
}

}  // namespace sluice::parquet
