#include "sluice/parquet/column/page_reader.h"

#include <algorithm>
#include <span>

#include "sluice/parquet/compression/crc32.h"
#include "sluice/parquet/format/metadata_codec.h"

namespace sluice::parquet {

namespace {

// Upper bound of the decompression ratio we accept before allocating the
// uncompressed page: deflate cannot exceed 1032:1, snappy and lz4 are lower.
// ZSTD and BROTLI can legitimately reach ~10^6:1 (large_string_map.brotli.parquet
// inflates 1627 bytes to 1 GiB), so only the int32 page size bounds them.
int64_t MaxRatio(format::CompressionCodec codec) {
  switch (codec) {
    case format::CompressionCodec::SNAPPY:
    case format::CompressionCodec::GZIP:
    case format::CompressionCodec::LZ4:
    case format::CompressionCodec::LZ4_RAW:
      return 1100;
    default:
      return int64_t{1} << 31;
  }
}
// Pages may always claim this much, whatever the ratio.
constexpr int64_t kMinUncompressedCap = 16 << 20;

}  // namespace

Status PageReader::Open(const io::RandomAccessFile* file, int64_t start, int64_t size, format::CompressionCodec codec,
                        bool verify_checksums, std::string what) {
  what_ = std::move(what);
  verify_checksums_ = verify_checksums;
  const int64_t file_size = file->Size();
  if (start < 0 || size < 0 || start > file_size || size > file_size - start) {
    return Status::Corrupt("{}: column chunk byte range [{}, +{}) lies outside the file of {} bytes", what_, start,
                           size, file_size);
  }
  SLUICE_ASSIGN_OR_RETURN(chunk_, file->ReadAt(start, size));
  start_ = start;
  size_ = size;
  pos_ = 0;
  if (codec != format::CompressionCodec::UNCOMPRESSED) {
    auto made = compression::MakeCodec(static_cast<compression::CodecId>(codec));
    if (!made.ok()) return made.status().WithContext(what_);
    codec_ = std::move(made).value();
    max_ratio_ = MaxRatio(codec);
  } else {
    codec_.reset();
  }
  return Status::OK();
}

Status PageReader::Decompress(const uint8_t* in, int64_t in_size, int64_t out_size, const uint8_t** out) {
  if (out_size > std::max(kMinUncompressedCap, in_size * max_ratio_)) {
    return Status::Corrupt("{}: page claims {} uncompressed bytes from {} compressed bytes", what_, out_size, in_size);
  }
  // Only grows the allocation; the buffer is reused across pages. Not
  // zeroed: the codec checks that it fills exactly out_size bytes.
  scratch_.ResizeUninitialized(out_size);
  Status st = codec_->Decompress(std::span<const uint8_t>(in, static_cast<size_t>(in_size)),
                                 std::span<uint8_t>(scratch_.mutable_data(), static_cast<size_t>(out_size)));
  if (!st.ok()) return st.WithContext(what_);
  *out = scratch_.data();
  return Status::OK();
}

Result<bool> PageReader::Next(Page* page) {
  while (pos_ < size_) {
    const int64_t header_offset = start_ + pos_;
    const uint8_t* base = chunk_->data() + pos_;
    int64_t header_size = 0;
    auto parsed =
        format::DeserializePageHeader(std::span<const uint8_t>(base, static_cast<size_t>(size_ - pos_)), &header_size);
    if (!parsed.ok())
      return parsed.status().WithContext(fmt::format("{}: page header at offset {}", what_, header_offset));
    const format::PageHeader& h = *parsed;
    const int64_t csize = h.compressed_page_size;
    const int64_t usize = h.uncompressed_page_size;
    if (header_size <= 0 || header_size > size_ - pos_ || csize < 0 || usize < 0 ||
        csize > size_ - pos_ - header_size) {
      return Status::Corrupt(
          "{}: page at offset {} has invalid sizes (header {}, compressed {}, uncompressed {}, {} "
          "bytes left in the chunk)",
          what_, header_offset, header_size, csize, usize, size_ - pos_);
    }
    const uint8_t* raw = base + header_size;
    pos_ += header_size + csize;
    if (h.type != format::PageType::DATA_PAGE && h.type != format::PageType::DATA_PAGE_V2 &&
        h.type != format::PageType::DICTIONARY_PAGE) {
      continue;  // INDEX_PAGE and page types from the future carry nothing we read
    }
    if (verify_checksums_ && h.crc.has_value()) {
      // PageHeader.crc covers the page's bytes as stored (compressed; v2 incl. levels).
      uint32_t crc = compression::Crc32(std::span<const uint8_t>(raw, static_cast<size_t>(csize)));
      if (crc != static_cast<uint32_t>(*h.crc)) {
        return Status::Corrupt("{}: page checksum mismatch at offset {} (stored {:08x}, computed {:08x})", what_,
                               header_offset, static_cast<uint32_t>(*h.crc), crc);
      }
    }
    *page = Page{};
    page->type = h.type;
    page->offset = header_offset;
    if (h.type == format::PageType::DATA_PAGE_V2) {
      if (!h.data_page_header_v2)
        return Status::Corrupt("{}: v2 data page at offset {} lacks its header", what_, header_offset);
      const auto& v2 = *h.data_page_header_v2;
      const int64_t rep = v2.repetition_levels_byte_length;
      const int64_t def = v2.definition_levels_byte_length;
      if (v2.num_values < 0 || v2.num_nulls < 0 || v2.num_nulls > v2.num_values || rep < 0 || def < 0 ||
          rep + def > csize || rep + def > usize) {
        return Status::Corrupt(
            "{}: v2 data page at offset {} has invalid counts (values {}, nulls {}, level bytes {}+{})", what_,
            header_offset, v2.num_values, v2.num_nulls, rep, def);
      }
      page->num_values = v2.num_values;
      page->num_nulls = v2.num_nulls;
      page->encoding = v2.encoding;
      page->levels = raw;  // levels are never compressed in v2 pages
      page->rep_size = rep;
      page->def_size = def;
      const uint8_t* values = raw + rep + def;
      const int64_t values_csize = csize - rep - def;
      const int64_t values_usize = usize - rep - def;
      const bool compressed = codec_ != nullptr && v2.is_compressed.value_or(true);
      page->body_size = values_usize;
      if (!compressed || values_usize == 0) {
        // An empty values section is never handed to the codec
        // (datapage_v2_empty_datapage.snappy.parquet).
        if (values_usize > values_csize) {
          return Status::Corrupt("{}: uncompressed v2 page at offset {} claims {} value bytes, holds {}", what_,
                                 header_offset, values_usize, values_csize);
        }
        page->body = values;
      } else {
        SLUICE_RETURN_NOT_OK(Decompress(values, values_csize, values_usize, &page->body));
      }
      return true;
    }
    if (h.type == format::PageType::DATA_PAGE) {
      if (!h.data_page_header)
        return Status::Corrupt("{}: data page at offset {} lacks its header", what_, header_offset);
      const auto& v1 = *h.data_page_header;
      if (v1.num_values < 0) {
        return Status::Corrupt("{}: data page at offset {} has negative num_values {}", what_, header_offset,
                               v1.num_values);
      }
      page->num_values = v1.num_values;
      if (v1.statistics && v1.statistics->null_count) page->num_nulls = *v1.statistics->null_count;
      page->encoding = v1.encoding;
      page->def_encoding = v1.definition_level_encoding;
      page->rep_encoding = v1.repetition_level_encoding;
    } else {
      if (!h.dictionary_page_header) {
        return Status::Corrupt("{}: dictionary page at offset {} lacks its header", what_, header_offset);
      }
      const auto& d = *h.dictionary_page_header;
      if (d.num_values < 0) {
        return Status::Corrupt("{}: dictionary page at offset {} has negative num_values {}", what_, header_offset,
                               d.num_values);
      }
      page->num_values = d.num_values;
      page->encoding = d.encoding;
    }
    page->body_size = usize;
    if (codec_ == nullptr) {
      if (usize > csize) {
        return Status::Corrupt("{}: uncompressed page at offset {} claims {} bytes, holds {}", what_, header_offset,
                               usize, csize);
      }
      page->body = raw;
    } else {
      SLUICE_RETURN_NOT_OK(Decompress(raw, csize, usize, &page->body));
    }
    page->levels = page->body;
    return true;
  }
  return false;
}

}  // namespace sluice::parquet
