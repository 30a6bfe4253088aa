#include "sluice/parquet/column/page_writer.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "sluice/parquet/compression/crc32.h"
#include "sluice/parquet/format/metadata_codec.h"

namespace sluice::parquet {

using format::Encoding;
using format::PageType;

namespace {

Status CheckInt32(int64_t v, const char* what) {
  if (v > std::numeric_limits<int32_t>::max()) {
    return Status::Invalid("page {} {} exceeds the int32 range of the page header", what, v);
  }
  return Status::OK();
}

void AddEncoding(std::vector<Encoding>* list, Encoding e) {
  if (std::find(list->begin(), list->end(), e) == list->end()) list->push_back(e);
}

}  // namespace

PageWriter::PageWriter(const LeafColumn& leaf, const WriterOptions& options, std::unique_ptr<compression::Codec> codec,
                       PageBufferPool* pool)
    : leaf_(leaf), options_(options), codec_(std::move(codec)), pool_(pool), order_(StatsOrderFor(leaf)) {}

Result<std::unique_ptr<PageWriter>> PageWriter::Make(const LeafColumn& leaf, const WriterOptions& options,
                                                     PageBufferPool* pool) {
  std::unique_ptr<compression::Codec> codec;
  if (options.codec != compression::CodecId::kUncompressed) {
    SLUICE_ASSIGN_OR_RETURN(codec, compression::MakeCodec(options.codec, options.compression_level));
  }
  if (options.data_page_version != 1 && options.data_page_version != 2) {
    return Status::Invalid("data_page_version must be 1 or 2, got {}", options.data_page_version);
  }
  return std::unique_ptr<PageWriter>(new PageWriter(leaf, options, std::move(codec), pool));
}

Result<std::span<const uint8_t>> PageWriter::Compress(std::span<const uint8_t> in) {
  if (!codec_) return in;
  compressed_.Clear();
  SLUICE_RETURN_NOT_OK(codec_->Compress(in, &compressed_));
  return compressed_.span();
}

Status PageWriter::AddDataPage(const DataPageSections& page) {
  SLUICE_RETURN_NOT_OK(CheckInt32(page.num_levels, "value count"));
  const int64_t uncompressed = static_cast<int64_t>(page.levels.size() + page.values.size());
  SLUICE_RETURN_NOT_OK(CheckInt32(uncompressed, "size"));
  format::PageHeader h;
  std::optional<format::Statistics> stats;
  if (options_.write_statistics && page.statistics) stats = page.statistics->ToThrift();
  // The body as written: `raw` as is, then `packed`, compressed when there is
  // a codec (v1: levels and values compressed together; v2: levels raw).
  std::span<const uint8_t> raw;
  std::span<const uint8_t> packed;
  if (options_.data_page_version == 1) {
    h.type = PageType::DATA_PAGE;
    format::DataPageHeader d;
    d.num_values = static_cast<int32_t>(page.num_levels);
    d.encoding = page.encoding;
    d.definition_level_encoding = Encoding::RLE;
    d.repetition_level_encoding = Encoding::RLE;
    d.statistics = std::move(stats);
    h.data_page_header = std::move(d);
    if (!codec_) {
      raw = page.levels;
      packed = page.values;
    } else if (page.levels.empty()) {
      packed = page.values;
    } else if (page.levels.data() + page.levels.size() == page.values.data()) {
      // The column writer hands v1 levels and values over contiguously.
      packed = {page.levels.data(), page.levels.size() + page.values.size()};
    } else {
      body_.Clear();
      body_.Append(page.levels.data(), static_cast<int64_t>(page.levels.size()));
      body_.Append(page.values.data(), static_cast<int64_t>(page.values.size()));
      packed = body_.span();
    }
  } else {
    h.type = PageType::DATA_PAGE_V2;
    format::DataPageHeaderV2 d;
    d.num_values = static_cast<int32_t>(page.num_levels);
    d.num_nulls = static_cast<int32_t>(page.num_nulls);
    d.num_rows = static_cast<int32_t>(page.num_rows);
    d.encoding = page.encoding;
    d.definition_levels_byte_length = page.def_levels_bytes;
    d.repetition_levels_byte_length = page.rep_levels_bytes;
    d.is_compressed = codec_ != nullptr;
    d.statistics = std::move(stats);
    h.data_page_header_v2 = std::move(d);
    raw = page.levels;
    packed = page.values;
  }
  h.uncompressed_page_size = static_cast<int32_t>(uncompressed);
  const int64_t offset = pages_size_;
  int64_t page_size = 0;
  if (codec_ && !options_.write_page_checksum) {
    SLUICE_ASSIGN_OR_RETURN(page_size, AppendCompressedPage(h, raw, packed));
  } else {
    std::span<const uint8_t> body = packed;
    if (codec_) {
      SLUICE_ASSIGN_OR_RETURN(body, Compress(packed));
    }
    const int64_t body_size = static_cast<int64_t>(raw.size() + body.size());
    SLUICE_RETURN_NOT_OK(CheckInt32(body_size, "compressed size"));
    h.compressed_page_size = static_cast<int32_t>(body_size);
    if (options_.write_page_checksum) {
      h.crc = static_cast<int32_t>(compression::Crc32Extend(compression::Crc32(raw), body));
    }
    header_.Clear();
    format::Serialize(h, &header_);
    AppendPage(header_.span(), raw, body);
    page_size = header_.size() + body_size;
  }
  total_uncompressed_ += page_size - h.compressed_page_size + uncompressed;

  PageMeta m;
  m.offset = offset;
  m.size = static_cast<int32_t>(page_size);
  m.first_row = page.first_row;
  m.encoding = page.encoding;
  m.null_page = page.num_nulls == page.num_levels;
  m.null_count = page.num_nulls;
  m.has_bounds = page.statistics && page.statistics->ColumnIndexBounds(&m.min, &m.max);
  if (!page.statistics || (!m.null_page && !m.has_bounds)) index_possible_ = false;
  pages_meta_.push_back(std::move(m));
  return Status::OK();
}

Result<int64_t> PageWriter::AppendCompressedPage(format::PageHeader& h, std::span<const uint8_t> raw,
                                                 std::span<const uint8_t> packed) {
  // The header comes first but holds the compressed size. Serialize it with
  // the uncompressed size, compress behind it, then write the real header:
  // the same length unless the size's varint got shorter or longer, in which
  // case the body moves by those few bytes.
  const auto in_size = static_cast<int64_t>(raw.size() + packed.size());
  h.compressed_page_size = static_cast<int32_t>(in_size);
  header_.Clear();
  format::Serialize(h, &header_);
  const int64_t guess = header_.size();
  // Room for what every codec's bound allows (snappy: n + n/6 + 32); a
  // larger output only makes the segment grow.
  Buffer& seg = SegmentFor(guess + in_size + in_size / 4 + 1024);
  const int64_t pos = seg.size();
  seg.ResizeUninitialized(pos + guess);
  seg.Append(raw.data(), static_cast<int64_t>(raw.size()));
  if (Status st = codec_->Compress(packed, &seg); !st.ok()) {
    seg.ResizeUninitialized(pos);
    return st;
  }
  const int64_t body_size = seg.size() - pos - guess;
  if (Status st = CheckInt32(body_size, "compressed size"); !st.ok()) {
    seg.ResizeUninitialized(pos);
    return st;
  }
  h.compressed_page_size = static_cast<int32_t>(body_size);
  header_.Clear();
  format::Serialize(h, &header_);
  const int64_t header_size = header_.size();
  if (header_size != guess) {
    if (header_size > guess) seg.ResizeUninitialized(seg.size() + header_size - guess);
    std::memmove(seg.mutable_data() + pos + header_size, seg.data() + pos + guess, static_cast<size_t>(body_size));
    seg.ResizeUninitialized(pos + header_size + body_size);
  }
  std::memcpy(seg.mutable_data() + pos, header_.data(), static_cast<size_t>(header_size));
  pages_size_ += header_size + body_size;
  return header_size + body_size;
}

Buffer& PageWriter::SegmentFor(int64_t n) {
  if (segments_.empty() || segments_.back().capacity() - segments_.back().size() < n) {
    // Segments double from 256 KiB up to 16 MiB, or hold one large page.
    constexpr int64_t kMin = 256 << 10;
    constexpr int64_t kMax = 16 << 20;
    const int64_t next = std::max(n, segments_.empty() ? kMin : std::min(kMax, segments_.back().capacity() * 2));
    if (pool_) {
      segments_.push_back(pool_->Take(next));
    } else {
      segments_.emplace_back();
      segments_.back().Reserve(next);
    }
  }
  return segments_.back();
}

void PageWriter::AppendPage(std::span<const uint8_t> header, std::span<const uint8_t> a, std::span<const uint8_t> b) {
  const int64_t n = static_cast<int64_t>(header.size() + a.size() + b.size());
  Buffer& seg = SegmentFor(n);
  seg.Append(header.data(), static_cast<int64_t>(header.size()));
  seg.Append(a.data(), static_cast<int64_t>(a.size()));
  seg.Append(b.data(), static_cast<int64_t>(b.size()));
  pages_size_ += n;
}

Status PageWriter::SetDictionaryPage(std::span<const uint8_t> plain, int64_t entries) {
  SLUICE_RETURN_NOT_OK(CheckInt32(entries, "dictionary entry count"));
  SLUICE_RETURN_NOT_OK(CheckInt32(static_cast<int64_t>(plain.size()), "dictionary size"));
  SLUICE_ASSIGN_OR_RETURN(auto body, Compress(plain));
  SLUICE_RETURN_NOT_OK(CheckInt32(static_cast<int64_t>(body.size()), "dictionary compressed size"));
  format::PageHeader h;
  h.type = PageType::DICTIONARY_PAGE;
  h.uncompressed_page_size = static_cast<int32_t>(plain.size());
  h.compressed_page_size = static_cast<int32_t>(body.size());
  if (options_.write_page_checksum) h.crc = static_cast<int32_t>(compression::Crc32(body));
  format::DictionaryPageHeader d;
  d.num_values = static_cast<int32_t>(entries);
  d.encoding = Encoding::PLAIN;
  h.dictionary_page_header = d;
  dict_page_.Clear();
  format::Serialize(h, &dict_page_);
  dict_uncompressed_ = dict_page_.size() + static_cast<int64_t>(plain.size());
  dict_page_.Append(body.data(), static_cast<int64_t>(body.size()));
  dict_entries_ = entries;
  return Status::OK();
}

namespace {

// ASCENDING/DESCENDING when the non-null pages' mins and maxes are both
// non-decreasing/non-increasing (parquet.thrift ColumnIndex.boundary_order).
template <typename Meta>
format::BoundaryOrder ComputeBoundaryOrder(StatsOrder order, const std::vector<Meta>& pages) {
  bool asc = true;
  bool desc = true;
  const Meta* prev = nullptr;
  for (const auto& p : pages) {
    if (p.null_page) continue;
    if (prev) {
      const int cmin = CompareEncoded(order, prev->min, p.min);
      const int cmax = CompareEncoded(order, prev->max, p.max);
      asc = asc && cmin <= 0 && cmax <= 0;
      desc = desc && cmin >= 0 && cmax >= 0;
    }
    prev = &p;
  }
  if (asc) return format::BoundaryOrder::ASCENDING;
  if (desc) return format::BoundaryOrder::DESCENDING;
  return format::BoundaryOrder::UNORDERED;
}

}  // namespace

Result<ColumnChunkResult> PageWriter::Finish(io::OutputFile* out, int64_t num_levels,
                                             const ColumnStatistics* chunk_stats) {
  ColumnChunkResult r;
  format::ColumnMetaData md;
  md.type = leaf_.physical_type;
  md.path_in_schema = leaf_.path;
  md.codec = static_cast<format::CompressionCodec>(options_.codec);
  md.num_values = num_levels;
  const int64_t base = out->Tell();
  std::vector<format::PageEncodingStats> enc_stats;
  if (dict_entries_ >= 0) {
    SLUICE_RETURN_NOT_OK(out->Write(dict_page_.data(), dict_page_.size()));
    md.dictionary_page_offset = base;
    AddEncoding(&md.encodings, Encoding::PLAIN);
    enc_stats.push_back({PageType::DICTIONARY_PAGE, Encoding::PLAIN, 1});
  }
  AddEncoding(&md.encodings, Encoding::RLE);  // levels
  md.data_page_offset = base + dict_page_.size();
  for (const auto& seg : segments_) SLUICE_RETURN_NOT_OK(out->Write(seg.data(), seg.size()));
  if (pool_) {
    for (auto& seg : segments_) pool_->Return(std::move(seg));
    segments_.clear();
  }
  const PageType data_type = options_.data_page_version == 1 ? PageType::DATA_PAGE : PageType::DATA_PAGE_V2;
  const size_t first_data_stat = enc_stats.size();
  for (const auto& p : pages_meta_) {
    AddEncoding(&md.encodings, p.encoding);
    auto it = std::find_if(enc_stats.begin() + static_cast<std::ptrdiff_t>(first_data_stat), enc_stats.end(),
                           [&](const format::PageEncodingStats& s) { return s.encoding == p.encoding; });
    if (it == enc_stats.end()) {
      enc_stats.push_back({data_type, p.encoding, 1});
    } else {
      ++it->count;
    }
  }
  md.encoding_stats = std::move(enc_stats);
  md.total_compressed_size = dict_page_.size() + pages_size_;
  md.total_uncompressed_size = (dict_entries_ >= 0 ? dict_uncompressed_ : 0) + total_uncompressed_;
  if (options_.write_statistics && chunk_stats) md.statistics = chunk_stats->ToThrift();

  if (options_.write_page_index) {
    format::OffsetIndex oi;
    oi.page_locations.reserve(pages_meta_.size());
    for (const auto& p : pages_meta_)
      oi.page_locations.push_back({md.data_page_offset + p.offset, p.size, p.first_row});
    r.offset_index = std::move(oi);
    if (index_possible_) {
      format::ColumnIndex ci;
      std::vector<int64_t> null_counts;
      for (const auto& p : pages_meta_) {
        ci.null_pages.push_back(p.null_page);
        ci.min_values.push_back(p.null_page ? std::string() : p.min);
        ci.max_values.push_back(p.null_page ? std::string() : p.max);
        null_counts.push_back(p.null_count);
      }
      ci.null_counts = std::move(null_counts);
      ci.boundary_order = ComputeBoundaryOrder(order_, pages_meta_);
      r.column_index = std::move(ci);
    }
  }
  r.chunk.file_offset = base;  // the first page, as current parquet-mr and Arrow write it
  r.chunk.meta_data = std::move(md);
  return r;
}

}  // namespace sluice::parquet
