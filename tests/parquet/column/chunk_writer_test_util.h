#pragma once

// Test helpers for the column chunk writer: hand-made leaves, LeafData
// builders, a small independent decoder of written chunks, and a minimal
// single-column file writer (for manual checks with pyarrow).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "sluice/common/bit_util.h"
#include "sluice/io/file.h"
#include "sluice/parquet/column/column_chunk_writer.h"
#include "sluice/parquet/compression/codec.h"
#include "sluice/parquet/encoding/dictionary.h"
#include "sluice/parquet/encoding/levels.h"
#include "sluice/parquet/encoding/plain.h"
#include "sluice/parquet/encoding/rle_hybrid.h"
#include "sluice/parquet/format/metadata_codec.h"

namespace sluice::parquet::testing {

using format::FieldRepetitionType;
using format::Type;

// A top-level leaf `name` (optional when nullable), or a leaf inside a list
// when `in_list` (max_rep 1; optional list of optional/required elements).
inline LeafColumn MakeLeaf(std::string name, Type pt, columnar::DataTypePtr type, bool nullable,
                           int32_t type_length = 0, bool in_list = false) {
  LeafColumn l;
  l.path = in_list ? std::vector<std::string>{name, "list", "element"} : std::vector<std::string>{name};
  l.physical_type = pt;
  l.type_length = type_length;
  l.type = std::move(type);
  l.element.type = pt;
  l.element.name = in_list ? "element" : name;
  l.element.repetition_type = nullable ? FieldRepetitionType::OPTIONAL : FieldRepetitionType::REQUIRED;
  if (type_length) l.element.type_length = type_length;
  l.max_def_level = static_cast<int16_t>((nullable ? 1 : 0) + (in_list ? 2 : 0));
  l.max_rep_level = in_list ? 1 : 0;
  return l;
}

template <typename T>
LeafData FixedData(const std::vector<T>& values, const std::vector<int16_t>& def = {},
                   const std::vector<int16_t>& rep = {}) {
  LeafData d;
  d.num_values = static_cast<int64_t>(values.size());
  d.num_levels = def.empty() ? d.num_values : static_cast<int64_t>(def.size());
  d.values->Append(values.data(), static_cast<int64_t>(values.size() * sizeof(T)));
  d.def_levels->Append(def.data(), static_cast<int64_t>(def.size() * 2));
  d.rep_levels->Append(rep.data(), static_cast<int64_t>(rep.size() * 2));
  return d;
}

inline LeafData StringData(const std::vector<std::string>& values, const std::vector<int16_t>& def = {},
                           const std::vector<int16_t>& rep = {}) {
  LeafData d;
  d.num_values = static_cast<int64_t>(values.size());
  d.num_levels = def.empty() ? d.num_values : static_cast<int64_t>(def.size());
  int32_t off = 0;
  d.values->AppendValue(off);
  for (const auto& v : values) {
    d.data->Append(v.data(), static_cast<int64_t>(v.size()));
    off += static_cast<int32_t>(v.size());
    d.values->AppendValue(off);
  }
  d.def_levels->Append(def.data(), static_cast<int64_t>(def.size() * 2));
  d.rep_levels->Append(rep.data(), static_cast<int64_t>(rep.size() * 2));
  return d;
}

inline LeafData BoolData(const std::vector<bool>& values, const std::vector<int16_t>& def = {}) {
  LeafData d;
  d.num_values = static_cast<int64_t>(values.size());
  d.num_levels = def.empty() ? d.num_values : static_cast<int64_t>(def.size());
  d.values->Resize(bit_util::BytesForBits(d.num_values));
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i]) bit_util::SetBit(d.values->mutable_data(), static_cast<int64_t>(i));
  }
  d.def_levels->Append(def.data(), static_cast<int64_t>(def.size() * 2));
  return d;
}

// Everything a written chunk holds, decoded independently of the writer.
struct DecodedChunk {
  std::vector<format::PageHeader> headers;  // dictionary page first, if any
  std::vector<int64_t> page_offsets;        // absolute offset of each page
  std::vector<int16_t> def, rep;
  std::vector<std::string> values;  // each value's PLAIN bytes (BYTE_ARRAY without prefix)
  std::vector<format::Encoding> page_encodings;
};

// Decodes the chunk `r` describes from `file` (the whole file's bytes).
inline DecodedChunk DecodeChunk(const LeafColumn& leaf, const Buffer& file, const ColumnChunkResult& r) {
  DecodedChunk out;
  const auto& md = *r.chunk.meta_data;
  int64_t pos = md.dictionary_page_offset ? *md.dictionary_page_offset : md.data_page_offset;
  const int64_t end = pos + md.total_compressed_size;
  auto codec = compression::MakeCodec(static_cast<compression::CodecId>(md.codec)).value();
  std::vector<std::string> dict;
  Buffer page;
  auto value_bytes = [&](const uint8_t* data, int64_t size, int64_t n, format::Encoding enc) {
    if (enc == format::Encoding::RLE_DICTIONARY) {
      encoding::DictIndexDecoder dec;
      EXPECT_TRUE(dec.Init(data, size, static_cast<int64_t>(dict.size())).ok());
      std::vector<uint32_t> idx(static_cast<size_t>(n));
      EXPECT_EQ(dec.Decode(idx.data(), n).value(), n);
      for (auto i : idx) out.values.push_back(dict[i]);
    } else if (leaf.physical_type == Type::BOOLEAN) {
      std::vector<uint32_t> bits(static_cast<size_t>(n));
      if (enc == format::Encoding::RLE) {
        const uint32_t len = bit_util::LoadLE<uint32_t>(data);
        encoding::RleBitPackedDecoder dec(data + 4, len, 1);
        EXPECT_EQ(dec.Decode(bits.data(), n).value(), n);
      } else {
        for (int64_t i = 0; i < n; ++i) bits[static_cast<size_t>(i)] = bit_util::GetBit(data, i);
      }
      for (auto b : bits) out.values.push_back(std::string(1, static_cast<char>(b)));
    } else if (leaf.physical_type == Type::BYTE_ARRAY) {
      encoding::PlainByteArrayDecoder dec;
      dec.Init(data, size);
      std::vector<std::string_view> v(static_cast<size_t>(n));
      EXPECT_EQ(dec.Decode(v.data(), n).value(), n);
      for (auto s : v) out.values.emplace_back(s);
    } else {
      const int w = leaf.physical_type == Type::INT32 || leaf.physical_type == Type::FLOAT ? 4
                    : leaf.physical_type == Type::FIXED_LEN_BYTE_ARRAY                     ? leaf.type_length
                                                                                           : 8;
      EXPECT_GE(size, n * w);
      for (int64_t i = 0; i < n; ++i) out.values.emplace_back(reinterpret_cast<const char*>(data) + i * w, w);
    }
  };
  while (pos < end) {
    int64_t hsize = 0;
    auto h = format::DeserializePageHeader(file.span().subspan(static_cast<size_t>(pos)), &hsize).value();
    out.page_offsets.push_back(pos);
    const uint8_t* body = file.data() + pos + hsize;
    if (h.crc) {
      EXPECT_EQ(static_cast<uint32_t>(*h.crc), compression::Crc32({body, static_cast<size_t>(h.compressed_page_size)}));
    }
    page.Resize(h.uncompressed_page_size);
    if (h.type == format::PageType::DICTIONARY_PAGE) {
      EXPECT_TRUE(codec
                      ->Decompress({body, static_cast<size_t>(h.compressed_page_size)},
                                   {page.mutable_data(), static_cast<size_t>(page.size())})
                      .ok());
      const int64_t n = h.dictionary_page_header->num_values;
      const size_t before = out.values.size();
      value_bytes(page.data(), page.size(), n, format::Encoding::PLAIN);
      dict.assign(out.values.begin() + static_cast<std::ptrdiff_t>(before), out.values.end());
      out.values.resize(before);
    } else if (h.type == format::PageType::DATA_PAGE) {
      EXPECT_TRUE(codec
                      ->Decompress({body, static_cast<size_t>(h.compressed_page_size)},
                                   {page.mutable_data(), static_cast<size_t>(page.size())})
                      .ok());
      const auto& d = *h.data_page_header;
      const int64_t n = d.num_values;
      int64_t off = 0;
      std::vector<int16_t> rep(static_cast<size_t>(n)), def(static_cast<size_t>(n));
      if (leaf.max_rep_level > 0) {
        off += encoding::DecodeLevelsV1(encoding::LevelEncoding::kRle, leaf.max_rep_level, page.data(), page.size(), n,
                                        rep.data())
                   .value();
        out.rep.insert(out.rep.end(), rep.begin(), rep.end());
      }
      int64_t nv = n;
      if (leaf.max_def_level > 0) {
        off += encoding::DecodeLevelsV1(encoding::LevelEncoding::kRle, leaf.max_def_level, page.data() + off,
                                        page.size() - off, n, def.data())
                   .value();
        out.def.insert(out.def.end(), def.begin(), def.end());
        nv = 0;
        for (auto x : def) nv += x == leaf.max_def_level;
      }
      value_bytes(page.data() + off, page.size() - off, nv, d.encoding);
      out.page_encodings.push_back(d.encoding);
    } else {
      const auto& d = *h.data_page_header_v2;
      const int64_t n = d.num_values;
      const int64_t lv = d.repetition_levels_byte_length + d.definition_levels_byte_length;
      std::vector<int16_t> rep(static_cast<size_t>(n)), def(static_cast<size_t>(n));
      if (leaf.max_rep_level > 0) {
        EXPECT_TRUE(
            encoding::DecodeLevelsV2(leaf.max_rep_level, body, d.repetition_levels_byte_length, n, rep.data()).ok());
        out.rep.insert(out.rep.end(), rep.begin(), rep.end());
      }
      if (leaf.max_def_level > 0) {
        EXPECT_TRUE(encoding::DecodeLevelsV2(leaf.max_def_level, body + d.repetition_levels_byte_length,
                                             d.definition_levels_byte_length, n, def.data())
                        .ok());
        out.def.insert(out.def.end(), def.begin(), def.end());
      }
      page.Resize(h.uncompressed_page_size - lv);
      if (d.is_compressed.value_or(true)) {
        EXPECT_TRUE(codec
                        ->Decompress({body + lv, static_cast<size_t>(h.compressed_page_size - lv)},
                                     {page.mutable_data(), static_cast<size_t>(page.size())})
                        .ok());
      } else {
        std::memcpy(page.mutable_data(), body + lv, static_cast<size_t>(page.size()));
      }
      value_bytes(page.data(), page.size(), n - d.num_nulls, d.encoding);
      out.page_encodings.push_back(d.encoding);
    }
    out.headers.push_back(std::move(h));
    pos += hsize + out.headers.back().compressed_page_size;
  }
  EXPECT_EQ(pos, end);
  return out;
}

// Writes "PAR1", the chunk, page indexes, footer and "PAR1" for a single
// top-level column `leaf` with `num_rows` rows; returns the file bytes.
inline BufferPtr WriteSingleColumnFile(const LeafColumn& leaf, const WriterOptions& options,
                                       const std::vector<LeafData>& batches, int64_t num_rows,
                                       ColumnChunkResult* result = nullptr) {
  io::MemoryOutputFile out;
  EXPECT_TRUE(out.Write("PAR1", 4).ok());
  auto w = ColumnChunkWriter::Make(leaf, options).value();
  for (const auto& b : batches) EXPECT_TRUE(w->Write(b).ok());
  auto r = w->Finish(&out).value();
  Buffer tmp;
  if (r.column_index) {
    tmp.Clear();
    format::Serialize(*r.column_index, &tmp);
    r.chunk.column_index_offset = out.Tell();
    r.chunk.column_index_length = static_cast<int32_t>(tmp.size());
    EXPECT_TRUE(out.Write(tmp.data(), tmp.size()).ok());
  }
  if (r.offset_index) {
    tmp.Clear();
    format::Serialize(*r.offset_index, &tmp);
    r.chunk.offset_index_offset = out.Tell();
    r.chunk.offset_index_length = static_cast<int32_t>(tmp.size());
    EXPECT_TRUE(out.Write(tmp.data(), tmp.size()).ok());
  }
  format::FileMetaData fm;
  fm.version = 2;
  format::SchemaElement root;
  root.name = "schema";
  std::vector<format::SchemaElement> elems = {root};
  if (leaf.max_rep_level > 0) {
    format::SchemaElement list;
    list.name = leaf.path[0];
    list.repetition_type = FieldRepetitionType::OPTIONAL;
    list.converted_type = format::ConvertedType::LIST;
    list.logical_type.emplace();
    list.logical_type->kind = format::LogicalType::Kind::kList;
    list.num_children = 1;
    format::SchemaElement rep;
    rep.name = "list";
    rep.repetition_type = FieldRepetitionType::REPEATED;
    rep.num_children = 1;
    elems.push_back(list);
    elems.push_back(rep);
  }
  elems.push_back(leaf.element);
  elems[0].num_children = 1;
  fm.schema = elems;
  fm.num_rows = num_rows;
  format::RowGroup rg;
  rg.num_rows = num_rows;
  rg.total_byte_size = r.chunk.meta_data->total_uncompressed_size;
  rg.columns.push_back(r.chunk);
  fm.row_groups.push_back(rg);
  fm.created_by = options.created_by;
  fm.column_orders = std::vector<format::ColumnOrder>{{format::ColumnOrder::Kind::kTypeOrder}};
  tmp.Clear();
  format::Serialize(fm, &tmp);
  EXPECT_TRUE(out.Write(tmp.data(), tmp.size()).ok());
  const uint32_t len = static_cast<uint32_t>(tmp.size());
  EXPECT_TRUE(out.Write(&len, 4).ok());
  EXPECT_TRUE(out.Write("PAR1", 4).ok());
  if (result) *result = r;
  return out.Contents();
}

}  // namespace sluice::parquet::testing
