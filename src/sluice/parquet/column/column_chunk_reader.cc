#include "sluice/parquet/column/column_chunk_reader.h"

#include <algorithm>

#include "sluice/parquet/column/page_reader.h"
#include "sluice/parquet/column/value_decoder.h"
#include "sluice/parquet/encoding/levels.h"

namespace sluice::parquet {

namespace {

// Levels decoded per step when a column has levels: bounds the scratch and
// keeps it in cache.
constexpr int64_t kLevelBatch = 4096;
// Binary output stops taking new records past this many bytes, so int32
// offsets never overflow (a page adds at most its own size on top).
constexpr int64_t kBinarySoftLimit = int64_t{1} << 30;

Result<encoding::LevelEncoding> ToLevelEncoding(format::Encoding e, const std::string& what, int64_t offset) {
  if (e == format::Encoding::RLE) return encoding::LevelEncoding::kRle;
  if (e == format::Encoding::BIT_PACKED) return encoding::LevelEncoding::kBitPacked;
  return Status::NotSupported("{}: page at offset {} encodes levels with encoding {}", what, offset,
                              static_cast<int>(e));
}

// Records and levels of a column chunk:
//   rep level 0 starts a record; a record may span pages (v1 files), so a
//   call only stops at a level whose rep is 0 (or the end of the chunk).
//   def level == max_def marks a present value; only those have a value in
//   the page's values section.
//   max_rep == 0: every level is a record; max_def == 0 and max_rep == 0: no
//   levels are stored, every "level" is a value.
class ColumnChunkReaderImpl final : public ColumnChunkReader {
 public:
  Status Init(const io::RandomAccessFile* file, const LeafColumn& leaf, const format::ColumnChunk& chunk,
              const ColumnReadOptions& options);
  Result<int64_t> ReadRecords(int64_t max_records, LeafData* out) override;

 private:
  Result<bool> NextDataPage();
  Result<bool> NextBatch();
  void ReserveFor(int64_t max_records, LeafData* out) const;

  std::string what_;
  int16_t max_def_ = 0;
  int16_t max_rep_ = 0;
  bool is_binary_ = false;
  PageReader pages_;
  ValueDecoder values_;
  int64_t chunk_num_values_ = 0;
  int64_t reserve_cap_ = 0;           // most values ReserveFor allocates ahead
  double bytes_per_value_ = 0;        // binary: uncompressed chunk bytes per value (an over-estimate)
  int64_t chunk_values_started_ = 0;  // levels of the pages started so far
  bool seen_data_page_ = false;
  bool first_level_ = true;
  int64_t page_offset_ = 0;
  int64_t page_levels_left_ = 0;  // levels of the current page not yet in a batch
  encoding::LevelDecoder def_dec_;
  encoding::LevelDecoder rep_dec_;
  Buffer def_batch_;
  Buffer rep_batch_;
  int64_t batch_pos_ = 0;
  int64_t batch_size_ = 0;
};

Status ColumnChunkReaderImpl::Init(const io::RandomAccessFile* file, const LeafColumn& leaf,
                                   const format::ColumnChunk& chunk, const ColumnReadOptions& options) {
  std::string path;
  for (const auto& p : leaf.path) path += (path.empty() ? "" : ".") + p;
  what_ = fmt::format("{} column '{}'", file->path(), path);
  if (chunk.file_path.has_value()) {
    return Status::NotSupported("{}: column chunk stored in another file ({})", what_, *chunk.file_path);
  }
  if (!chunk.meta_data) {
    if (chunk.encrypted_column_metadata) return Status::NotSupported("{}: encrypted column chunk", what_);
    return Status::Corrupt("{}: column chunk has no meta_data", what_);
  }
  const format::ColumnMetaData& md = *chunk.meta_data;
  if (md.type != leaf.physical_type) {
    return Status::Corrupt("{}: column chunk has physical type {}, the schema says {}", what_,
                           static_cast<int>(md.type), static_cast<int>(leaf.physical_type));
  }
  if (md.num_values < 0) return Status::Corrupt("{}: column chunk has num_values {}", what_, md.num_values);
  if (leaf.max_def_level < 0 || leaf.max_rep_level < 0) {
    return Status::Invalid("{}: negative max levels {}/{}", what_, leaf.max_def_level, leaf.max_rep_level);
  }
  max_def_ = leaf.max_def_level;
  max_rep_ = leaf.max_rep_level;
  chunk_num_values_ = md.num_values;
  reserve_cap_ = std::max<int64_t>(0, std::min<int64_t>(md.total_uncompressed_size, int64_t{1} << 32)) * 8 + (1 << 16);
  // Untrusted too: at most 64x the stored bytes (more than any codec's ratio on real data).
  const int64_t chunk_bytes = std::max<int64_t>(
      0, std::min({md.total_uncompressed_size, 64 * std::max<int64_t>(md.total_compressed_size, 0), int64_t{1} << 32}));
  bytes_per_value_ = md.num_values > 0 ? static_cast<double>(chunk_bytes) / static_cast<double>(md.num_values) : 0;
  // dictionary_page_offset 0 means absent (dict-page-offset-zero.parquet, written by Dremio).
  int64_t start = md.data_page_offset;
  if (md.dictionary_page_offset && *md.dictionary_page_offset > 0 && *md.dictionary_page_offset < start) {
    start = *md.dictionary_page_offset;
  }
  SLUICE_RETURN_NOT_OK(values_.Init(leaf, what_));
  is_binary_ = values_.layout().kind == OutputKind::kBinary;
  return pages_.Open(file, start, md.total_compressed_size, md.codec, options.verify_checksums, what_);
}

Result<bool> ColumnChunkReaderImpl::NextDataPage() {
  Page page;
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(bool more, pages_.Next(&page));
    if (!more) return false;
    if (page.type != format::PageType::DICTIONARY_PAGE) break;
    if (seen_data_page_) {
      return Status::Corrupt("{}: dictionary page at offset {} follows data pages", what_, page.offset);
    }
    if (page.encoding != format::Encoding::PLAIN && page.encoding != format::Encoding::PLAIN_DICTIONARY) {
      return Status::NotSupported("{}: dictionary page at offset {} uses encoding {}", what_, page.offset,
                                  static_cast<int>(page.encoding));
    }
    SLUICE_RETURN_NOT_OK(values_.SetDictionary(page.body, page.body_size, page.num_values, page.offset));
  }
  seen_data_page_ = true;
  page_offset_ = page.offset;
  const int64_t n = page.num_values;
  if (n > chunk_num_values_ - chunk_values_started_) {
    return Status::Corrupt("{}: page at offset {} holds {} values, but the chunk has only {} more", what_, page.offset,
                           n, chunk_num_values_ - chunk_values_started_);
  }
  // A REQUIRED leaf cannot hold nulls (ARROW-GH-47662.parquet).
  if (max_def_ == 0 && page.num_nulls > 0) {
    return Status::Corrupt("{}: page at offset {} has {} nulls in a required column", what_, page.offset,
                           page.num_nulls);
  }
  const uint8_t* values = page.body;
  int64_t values_size = page.body_size;
  if (page.type == format::PageType::DATA_PAGE) {
    // v1: rep levels, then def levels, each with its own encoding, then values.
    if (max_rep_ > 0) {
      SLUICE_ASSIGN_OR_RETURN(auto enc, ToLevelEncoding(page.rep_encoding, what_, page.offset));
      auto used = rep_dec_.InitV1(enc, max_rep_, values, values_size, n);
      if (!used.ok()) return used.status().WithContext(fmt::format("{}: page at offset {}", what_, page.offset));
      values += *used;
      values_size -= *used;
    }
    if (max_def_ > 0) {
      SLUICE_ASSIGN_OR_RETURN(auto enc, ToLevelEncoding(page.def_encoding, what_, page.offset));
      auto used = def_dec_.InitV1(enc, max_def_, values, values_size, n);
      if (!used.ok()) return used.status().WithContext(fmt::format("{}: page at offset {}", what_, page.offset));
      values += *used;
      values_size -= *used;
    }
  } else {
    // v2: both level sections have their lengths in the header, RLE without prefix.
    if (max_rep_ > 0) {
      Status st = rep_dec_.InitV2(max_rep_, page.levels, page.rep_size, n);
      if (!st.ok()) return st.WithContext(fmt::format("{}: page at offset {}", what_, page.offset));
    }
    if (max_def_ > 0) {
      Status st = def_dec_.InitV2(max_def_, page.levels + page.rep_size, page.def_size, n);
      if (!st.ok()) return st.WithContext(fmt::format("{}: page at offset {}", what_, page.offset));
    }
  }
  SLUICE_RETURN_NOT_OK(values_.StartPage(page.encoding, values, values_size, page.offset, n));
  chunk_values_started_ += n;
  page_levels_left_ = n;
  return true;
}

Result<bool> ColumnChunkReaderImpl::NextBatch() {
  while (page_levels_left_ == 0) {
    if (chunk_values_started_ >= chunk_num_values_) return false;
    SLUICE_ASSIGN_OR_RETURN(bool more, NextDataPage());
    if (!more) {
      return Status::Corrupt("{}: column chunk ends after {} of its {} values", what_, chunk_values_started_,
                             chunk_num_values_);
    }
  }
  const bool has_levels = max_def_ > 0 || max_rep_ > 0;
  const int64_t n = has_levels ? std::min(page_levels_left_, kLevelBatch) : page_levels_left_;
  if (max_def_ > 0) {
    def_batch_.ResizeUninitialized(n * 2);
    auto got = def_dec_.Decode(def_batch_.mutable_data_as<int16_t>(), n);
    if (!got.ok()) return got.status().WithContext(fmt::format("{}: page at offset {}", what_, page_offset_));
    if (*got < n) {
      return Status::Corrupt("{}: page at offset {} holds fewer definition levels than its num_values", what_,
                             page_offset_);
    }
  }
  if (max_rep_ > 0) {
    rep_batch_.ResizeUninitialized(n * 2);
    auto got = rep_dec_.Decode(rep_batch_.mutable_data_as<int16_t>(), n);
    if (!got.ok()) return got.status().WithContext(fmt::format("{}: page at offset {}", what_, page_offset_));
    if (*got < n) {
      return Status::Corrupt("{}: page at offset {} holds fewer repetition levels than its num_values", what_,
                             page_offset_);
    }
    // A column chunk starts with a record (ARROW-GH-45185.parquet).
    if (first_level_ && n > 0 && rep_batch_.data_as<int16_t>()[0] != 0) {
      return Status::Corrupt("{}: page at offset {} starts with repetition level {} (must be 0)", what_, page_offset_,
                             rep_batch_.data_as<int16_t>()[0]);
    }
  }
  first_level_ = false;
  page_levels_left_ -= n;
  batch_pos_ = 0;
  batch_size_ = n;
  return true;
}

void ColumnChunkReaderImpl::ReserveFor(int64_t max_records, LeafData* out) const {
  // Grow the outputs once to the expected size instead of doubling per page.
  // The metadata counts are untrusted: cap by what the chunk's bytes can hold.
  int64_t n = chunk_num_values_ - chunk_values_started_ + page_levels_left_ + (batch_size_ - batch_pos_);
  if (max_rep_ == 0) n = std::min(n, max_records);
  n = std::min(n, reserve_cap_);
  if (n <= 0) return;
  if (max_def_ > 0) out->def_levels->Reserve(out->def_levels->size() + 2 * n);
  if (max_rep_ > 0) out->rep_levels->Reserve(out->rep_levels->size() + 2 * n);
  const ValueLayout& l = values_.layout();
  if (l.kind == OutputKind::kBinary) {
    out->values->Reserve(out->values->size() + 4 * n);
    // The string bytes too (else they grow by doubling, copying, page by page).
    const int64_t bytes = static_cast<int64_t>(bytes_per_value_ * static_cast<double>(n));
    out->data->Reserve(out->data->size() + std::min<int64_t>(bytes, kBinarySoftLimit));
  } else if (l.kind == OutputKind::kBool) {
    out->values->Reserve(out->values->size() + n / 8 + 1);
  } else {
    out->values->Reserve(out->values->size() + l.out_width * n);
  }
}

Result<int64_t> ColumnChunkReaderImpl::ReadRecords(int64_t max_records, LeafData* out) {
  values_.PrepareOutput(out);
  ReserveFor(max_records, out);
  int64_t records = 0;
  while (records < max_records || max_rep_ > 0) {
    if (batch_pos_ == batch_size_) {
      SLUICE_ASSIGN_OR_RETURN(bool more, NextBatch());
      if (!more) break;
    }
    const int16_t* rep = rep_batch_.data_as<int16_t>();
    const int16_t* def = def_batch_.data_as<int16_t>();
    const int64_t start = batch_pos_;
    if (is_binary_ && records > 0 && out->data->size() > kBinarySoftLimit && (max_rep_ == 0 || rep[start] == 0)) {
      break;
    }
    int64_t end = start;
    if (max_rep_ == 0) {
      end = start + std::min(batch_size_ - start, max_records - records);
      records += end - start;
    } else {
      for (; end < batch_size_; ++end) {
        if (rep[end] == 0) {
          if (records == max_records) break;
          ++records;
        }
      }
    }
    const int64_t n = end - start;
    if (n > 0) {
      int64_t num_values = n;
      if (max_def_ > 0) {
        out->def_levels->Append(def + start, n * 2);
        num_values = encoding::CountLevels(def + start, n, max_def_);
      }
      if (max_rep_ > 0) out->rep_levels->Append(rep + start, n * 2);
      SLUICE_RETURN_NOT_OK(values_.Decode(num_values, out->num_values, out));
      out->num_values += num_values;
      out->num_levels += n;
    }
    batch_pos_ = end;
    // With repetition, the last record may continue in the next batch.
    if (records == max_records && (max_rep_ == 0 || end < batch_size_)) break;
  }
  return records;
}

}  // namespace

Result<std::unique_ptr<ColumnChunkReader>> ColumnChunkReader::Open(const io::RandomAccessFile* file,
                                                                   const LeafColumn& leaf,
                                                                   const format::ColumnChunk& chunk,
                                                                   const ColumnReadOptions& options) {
  auto reader = std::make_unique<ColumnChunkReaderImpl>();
  SLUICE_RETURN_NOT_OK(reader->Init(file, leaf, chunk, options));
  return std::unique_ptr<ColumnChunkReader>(std::move(reader));
}

}  // namespace sluice::parquet
