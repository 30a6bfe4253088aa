#include "sluice/parquet/column/column_chunk_writer.h"

#include <algorithm>

#include "sluice/common/bit_util.h"
#include "sluice/parquet/column/column_chunk_writer_values.h"
#include "sluice/parquet/column/page_writer.h"
#include "sluice/parquet/column/statistics.h"
#include "sluice/parquet/column/value_encoder.h"
#include "sluice/parquet/encoding/rle_hybrid.h"

namespace sluice::parquet {
namespace {

// Levels are fed to the encoders in batches of about this many; page limits
// are checked after each batch (pages end only where a record starts).
constexpr int64_t kBatchLevels = 1024;

int64_t CountEqual(const int16_t* levels, int64_t n, int16_t v) {
  int64_t c = 0;
  for (int64_t i = 0; i < n; ++i) c += levels[i] == v;
  return c;
}

class ColumnChunkWriterImpl final : public ColumnChunkWriter {
 public:
  ColumnChunkWriterImpl(const LeafColumn& leaf, const WriterOptions& options, PageBufferPool* pool)
      : leaf_(leaf),
        options_(options),
        pool_(pool),
        def_enc_(bit_util::BitWidth(static_cast<uint64_t>(std::max<int16_t>(leaf.max_def_level, 0)))),
        rep_enc_(bit_util::BitWidth(static_cast<uint64_t>(std::max<int16_t>(leaf.max_rep_level, 0)))) {}

  Status Init() {
    SLUICE_ASSIGN_OR_RETURN(conversion_, ChooseValueConversion(leaf_));
    if (leaf_.physical_type == format::Type::BOOLEAN || conversion_ == ValueConversion::kNullType) {
      // BOOLEAN has no dictionary encoding worth having; the null type has no values.
      options_.dictionary = options_.dictionary && conversion_ == ValueConversion::kNullType;
    }
    SLUICE_ASSIGN_OR_RETURN(encoder_, ValueEncoder::Make(leaf_, options_));
    SLUICE_ASSIGN_OR_RETURN(pages_, PageWriter::Make(leaf_, options_, pool_));
    if (options_.write_statistics || options_.write_page_index) {
      const StatsOrder order = StatsOrderFor(leaf_);
      page_stats_ = ColumnStatistics::Make(order, options_.statistics_truncate_bytes);
      chunk_stats_ = ColumnStatistics::Make(order, options_.statistics_truncate_bytes);
    }
    if (options_.data_page_rows <= 0 || options_.data_page_bytes <= 0) {
      return Status::Invalid("data_page_rows and data_page_bytes must be positive");
    }
    return Status::OK();
  }

  Status Write(const LeafData& in) override;
  int64_t EstimatedSize() const override {
    return pages_->buffered_bytes() + (encoder_->dictionary_active() ? encoder_->dictionary_size() : 0) +
           OpenPageSize();
  }
  Result<ColumnChunkResult> Finish(io::OutputFile* out) override;
  const ColumnStatistics* statistics() const override { return chunk_stats_.get(); }

 private:
  Status Validate(const LeafData& in) const;
  int64_t OpenPageSize() const {
    return def_enc_.EstimatedSize() + rep_enc_.EstimatedSize() + encoder_->EstimatedPageSize();
  }
  Status FlushPage();

  LeafColumn leaf_;
  WriterOptions options_;
  PageBufferPool* pool_;
  ValueConversion conversion_ = ValueConversion::kNone;
  std::unique_ptr<ValueEncoder> encoder_;
  std::unique_ptr<PageWriter> pages_;
  std::unique_ptr<ColumnStatistics> page_stats_;
  std::unique_ptr<ColumnStatistics> chunk_stats_;
  encoding::RleBitPackedEncoder def_enc_;
  encoding::RleBitPackedEncoder rep_enc_;
  Buffer convert_scratch_;
  Buffer levels_;  // scratch: encoded levels of one page (v1: followed by its values)
  Buffer values_;  // scratch: encoded values of one page
  Buffer dict_;    // scratch: PLAIN dictionary
  // The open page.
  int64_t page_levels_ = 0;
  int64_t page_nulls_ = 0;
  int64_t page_rows_ = 0;
  // The chunk so far.
  int64_t chunk_levels_ = 0;
  int64_t chunk_rows_ = 0;  // rows in finished pages
  bool finished_ = false;
};

Status ColumnChunkWriterImpl::Validate(const LeafData& in) const {
  if (finished_) return Status::Invalid("column chunk writer used after Finish");
  const int64_t n = in.num_levels;
  if (n < 0 || in.num_values < 0) return Status::Invalid("negative level or value count");
  if (leaf_.max_def_level > 0 && in.def_levels->size() < n * 2) {
    return Status::Invalid("def levels buffer holds {} bytes for {} levels", in.def_levels->size(), n);
  }
  if (leaf_.max_rep_level > 0) {
    if (in.rep_levels->size() < n * 2) {
      return Status::Invalid("rep levels buffer holds {} bytes for {} levels", in.rep_levels->size(), n);
    }
    if (n > 0 && in.rep()[0] != 0) return Status::Invalid("leaf data must start at a record (rep level 0)");
  }
  if (leaf_.max_def_level == 0 && in.num_values != n) {
    return Status::Invalid("required column: {} values for {} levels", in.num_values, n);
  }
  return Status::OK();
}

Status ColumnChunkWriterImpl::Write(const LeafData& in) {
  SLUICE_RETURN_NOT_OK(Validate(in));
  SLUICE_ASSIGN_OR_RETURN(PhysicalValues pv, ToPhysicalValues(leaf_, conversion_, in, &convert_scratch_));
  const int64_t n = in.num_levels;
  const int16_t* def = leaf_.max_def_level > 0 ? in.def() : nullptr;
  const int16_t* rep = leaf_.max_rep_level > 0 ? in.rep() : nullptr;
  const int16_t max_def = leaf_.max_def_level;
  int64_t lvl = 0;
  int64_t val = 0;
  while (lvl < n) {
    const int64_t rows_room = std::max<int64_t>(1, options_.data_page_rows - page_rows_);
    int64_t end;
    int64_t rows;
    if (!rep) {
      rows = std::min({kBatchLevels, rows_room, n - lvl});
      end = lvl + rows;
    } else {
      // Extend to the start of the next record once the batch is full.
      end = lvl;
      rows = 0;
      while (end < n) {
        if (rep[end] == 0) {
          if (rows == rows_room || end - lvl >= kBatchLevels) break;
          ++rows;
        }
        ++end;
      }
    }
    const int64_t count = end - lvl;
    const int64_t nvals = def ? CountEqual(def + lvl, count, max_def) : count;
    if (val + nvals > pv.num_values) {
      return Status::Invalid("def levels announce more than the {} values given", pv.num_values);
    }
    if (def) def_enc_.PutBatch(def + lvl, count);
    if (rep) rep_enc_.PutBatch(rep + lvl, count);
    encoder_->Put(pv, val, nvals);
    if (page_stats_) {
      if (!encoder_->page_stats_from_dictionary()) page_stats_->Update(pv, val, nvals);
      page_stats_->AddNulls(count - nvals);
    }
    page_levels_ += count;
    page_nulls_ += count - nvals;
    page_rows_ += rows;
    lvl = end;
    val += nvals;
    if (encoder_->ShouldFallBack()) {
      // Dictionary too large: close the page with the dictionary, keep the
      // dictionary page as it is now and write PLAIN from here on.
      // (A first page that did not pay for its dictionary is PLAIN already.)
      SLUICE_RETURN_NOT_OK(FlushPage());
      if (encoder_->dictionary_active()) {
        dict_.Clear();
        encoder_->WriteDictionary(&dict_);
        SLUICE_RETURN_NOT_OK(pages_->SetDictionaryPage(dict_.span(), encoder_->dictionary_entries()));
        encoder_->FallBackToPlain();
      }
    } else if (page_rows_ >= options_.data_page_rows || OpenPageSize() >= options_.data_page_bytes) {
      SLUICE_RETURN_NOT_OK(FlushPage());
    }
  }
  if (val != pv.num_values) {
    return Status::Invalid("def levels announce {} values but {} were given", val, pv.num_values);
  }
  chunk_levels_ += n;
  return Status::OK();
}

Status ColumnChunkWriterImpl::FlushPage() {
  levels_.Clear();
  DataPageSections s;
  if (options_.data_page_version == 1) {
    // v1: each level section is a 4-byte little-endian length + RLE hybrid.
    for (auto* enc : {&rep_enc_, &def_enc_}) {
      const bool present = enc == &rep_enc_ ? leaf_.max_rep_level > 0 : leaf_.max_def_level > 0;
      if (!present) continue;
      const int64_t start = levels_.size();
      levels_.AppendValue<uint32_t>(0);
      enc->Flush(&levels_);
      bit_util::StoreLE<uint32_t>(levels_.mutable_data() + start, static_cast<uint32_t>(levels_.size() - start - 4));
    }
  } else {
    if (leaf_.max_rep_level > 0) rep_enc_.Flush(&levels_);
    s.rep_levels_bytes = static_cast<int32_t>(levels_.size());
    if (leaf_.max_def_level > 0) def_enc_.Flush(&levels_);
    s.def_levels_bytes = static_cast<int32_t>(levels_.size()) - s.rep_levels_bytes;
  }
  if (page_stats_ && encoder_->page_stats_from_dictionary()) encoder_->AddPageStatistics(page_stats_.get());
  // As parquet-mr: the first page decides whether the chunk keeps its
  // dictionary. When its indices plus the dictionary are no smaller than
  // PLAIN (high-cardinality columns), it is re-encoded PLAIN and the chunk
  // gets no dictionary page, instead of growing the dictionary to its limit.
  if (pages_->num_data_pages() == 0 && encoder_->dictionary_active() && !encoder_->DictionaryPays()) {
    encoder_->PageToPlain();
  }
  s.encoding = encoder_->page_encoding();
  if (options_.data_page_version == 1) {
    // v1 compresses levels and values together: keep them contiguous.
    const size_t level_bytes = static_cast<size_t>(levels_.size());
    encoder_->FlushPage(&levels_);
    s.levels = levels_.span().subspan(0, level_bytes);
    s.values = levels_.span().subspan(level_bytes);
  } else {
    values_.Clear();
    encoder_->FlushPage(&values_);
    s.levels = levels_.span();
    s.values = values_.span();
  }
  s.num_levels = page_levels_;
  s.num_nulls = page_nulls_;
  s.num_rows = page_rows_;
  s.first_row = chunk_rows_;
  s.statistics = page_stats_.get();
  SLUICE_RETURN_NOT_OK(pages_->AddDataPage(s));
  if (page_stats_) {
    chunk_stats_->Merge(*page_stats_);
    page_stats_->Reset();
  }
  chunk_rows_ += page_rows_;
  page_levels_ = page_nulls_ = page_rows_ = 0;
  return Status::OK();
}

Result<ColumnChunkResult> ColumnChunkWriterImpl::Finish(io::OutputFile* out) {
  if (finished_) return Status::Invalid("column chunk writer finished twice");
  finished_ = true;
  // An empty chunk still gets one (empty) data page so data_page_offset points at a page.
  if (page_levels_ > 0 || pages_->num_data_pages() == 0) SLUICE_RETURN_NOT_OK(FlushPage());
  if (encoder_->dictionary_active()) {
    dict_.Clear();
    encoder_->WriteDictionary(&dict_);
    SLUICE_RETURN_NOT_OK(pages_->SetDictionaryPage(dict_.span(), encoder_->dictionary_entries()));
  }
  return pages_->Finish(out, chunk_levels_, chunk_stats_.get());
}

}  // namespace

Result<std::unique_ptr<ColumnChunkWriter>> ColumnChunkWriter::Make(const LeafColumn& leaf, const WriterOptions& options,
                                                                   PageBufferPool* pool) {
  auto w = std::make_unique<ColumnChunkWriterImpl>(leaf, options, pool);
  SLUICE_RETURN_NOT_OK(w->Init());
  return std::unique_ptr<ColumnChunkWriter>(std::move(w));
}

}  // namespace sluice::parquet
