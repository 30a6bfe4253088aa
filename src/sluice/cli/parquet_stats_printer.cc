#include "sluice/cli/parquet_stats_printer.h"

#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <cstring>

#include "sluice/parquet/file_reader.h"

namespace sluice::cli {
namespace {

using parquet::format::Encoding;
using parquet::format::Type;

// Thrift enum names, indexed by value.
constexpr std::array<std::string_view, 10> kEncodingNames = {
    "PLAIN",          "GROUP_VAR_INT",       "PLAIN_DICTIONARY",        "RLE",
    "BIT_PACKED",     "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY",
    "RLE_DICTIONARY", "BYTE_STREAM_SPLIT"};
constexpr std::array<std::string_view, 8> kTypeNames = {"BOOLEAN", "INT32",  "INT64",      "INT96",
                                                        "FLOAT",   "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
constexpr std::array<std::string_view, 8> kCodecNames = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO",
                                                         "BROTLI",       "LZ4",    "ZSTD", "LZ4_RAW"};

template <size_t N>
std::string EnumName(const std::array<std::string_view, N>& names, int32_t v) {
  if (v >= 0 && static_cast<size_t>(v) < N) return std::string(names[v]);
  return fmt::format("UNKNOWN({})", v);
}

// Renders a plain-encoded statistics value of physical type `t`.
std::string StatValue(Type t, const std::string& bytes) {
  auto load = [&](auto v) {
    std::memcpy(&v, bytes.data(), sizeof(v));
    return v;
  };
  switch (t) {
    case Type::BOOLEAN:
      return bytes.size() == 1 ? (bytes[0] ? "true" : "false") : "?";
    case Type::INT32:
      return bytes.size() == 4 ? fmt::format("{}", load(int32_t{})) : "?";
    case Type::INT64:
      return bytes.size() == 8 ? fmt::format("{}", load(int64_t{})) : "?";
    case Type::FLOAT:
      return bytes.size() == 4 ? fmt::format("{}", load(float{})) : "?";
    case Type::DOUBLE:
      return bytes.size() == 8 ? fmt::format("{}", load(double{})) : "?";
    default: {
      bool printable = true;
      for (unsigned char c : bytes) printable = printable && c >= 0x20 && c < 0x7F;
      if (printable) return fmt::format("\"{}\"", bytes);
      std::string hex = "0x";
      for (unsigned char c : bytes) hex += fmt::format("{:02x}", c);
      return hex;
    }
  }
}

}  // namespace

Status PrintParquetStats(const std::string& path) {
  SLUICE_ASSIGN_OR_RETURN(auto reader, parquet::FileReader::Open(path));
  const auto& md = reader->metadata();
  const auto& leaves = reader->descriptor().leaves();
  std::string out;
  out += fmt::format("file: {}\ncreated_by: {}\nversion: {}\nrows: {}\nrow_groups: {}\n", path,
                     md.created_by.value_or("?"), md.version, md.num_rows, md.row_groups.size());
  if (md.key_value_metadata) {
    for (const auto& kv : *md.key_value_metadata) {
      std::string v = kv.value.value_or("");
      if (v.size() > 60) v = v.substr(0, 57) + "...";
      out += fmt::format("metadata: {} = {}\n", kv.key, v);
    }
  }
  for (size_t g = 0; g < md.row_groups.size(); ++g) {
    const auto& rg = md.row_groups[g];
    out += fmt::format("row group {}: {} rows, {} bytes uncompressed\n", g, rg.num_rows, rg.total_byte_size);
    for (size_t c = 0; c < rg.columns.size(); ++c) {
      const auto& cm = *rg.columns[c].meta_data;
      const auto t = leaves[c].physical_type;
      std::string path_str;
      for (const auto& p : cm.path_in_schema) {
        if (!path_str.empty()) path_str.push_back('.');
        path_str.append(p);
      }
      std::string encs;
      for (auto e : cm.encodings) {
        if (!encs.empty()) encs.push_back(',');
        encs.append(EnumName(kEncodingNames, static_cast<int>(e)));
      }
      out += fmt::format("  {}: {} {} values={} compressed={} uncompressed={} encodings={}", path_str,
                         EnumName(kTypeNames, static_cast<int>(t)), EnumName(kCodecNames, static_cast<int>(cm.codec)),
                         cm.num_values, cm.total_compressed_size, cm.total_uncompressed_size, encs);
      if (cm.statistics) {
        const auto& s = *cm.statistics;
        if (s.null_count) out += fmt::format(" nulls={}", *s.null_count);
        if (s.min_value) out += " min=" + StatValue(t, *s.min_value);
        if (s.max_value) out += " max=" + StatValue(t, *s.max_value);
        if (!s.min_value && s.min) out += " min(legacy)=" + StatValue(t, *s.min);
        if (!s.max_value && s.max) out += " max(legacy)=" + StatValue(t, *s.max);
      }
      if (rg.columns[c].column_index_offset) out += " column_index";
      if (rg.columns[c].offset_index_offset) out += " offset_index";
      out += "\n";
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return Status::OK();
}

}  // namespace sluice::cli
