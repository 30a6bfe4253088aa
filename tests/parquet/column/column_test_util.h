#pragma once

// Test helper: parses a Parquet footer and reads whole leaf columns with
// ColumnChunkReader, without the file-level reader. Levels come from the
// repetition of each path; leaf types follow the decided Parquet -> columnar mapping).

#include <memory>
#include <string>
#include <vector>

#include "sluice/io/file.h"
#include "sluice/parquet/column/column_chunk_reader.h"
#include "sluice/parquet/format/metadata_codec.h"

namespace sluice::parquet::testing {

inline std::string TestDataPath(const std::string& rel) {
  return std::string(SLUICE_TESTDATA_DIR) + "/parquet-testing/" + rel;
}

struct TestFile {
  std::unique_ptr<io::RandomAccessFile> file;
  format::FileMetaData meta;
  std::vector<LeafColumn> leaves;
};

inline columnar::DataTypePtr LeafType(const format::SchemaElement& e) {
  using columnar::TimeUnit;
  auto unit = [](format::TimeUnit u) {
    return u == format::TimeUnit::MILLIS   ? TimeUnit::kMilli
           : u == format::TimeUnit::MICROS ? TimeUnit::kMicro
                                           : TimeUnit::kNano;
  };
  const format::Type phys = e.type.value_or(format::Type::INT32);
  if (e.logical_type && e.logical_type->kind != format::LogicalType::Kind::kFuture &&
      e.logical_type->kind != format::LogicalType::Kind::kNone) {
    const auto& lt = *e.logical_type;
    using K = format::LogicalType::Kind;
    switch (lt.kind) {
      case K::kString:
      case K::kEnum:
      case K::kJson:
        return columnar::String();
      case K::kDecimal:
        return columnar::Decimal128(lt.decimal.precision, lt.decimal.scale);
      case K::kDate:
        return columnar::Date32();
      case K::kTime:
        return lt.time.unit == format::TimeUnit::MILLIS ? columnar::Time32(TimeUnit::kMilli)
                                                        : columnar::Time64(unit(lt.time.unit));
      case K::kTimestamp:
        return columnar::Timestamp(unit(lt.timestamp.unit), lt.timestamp.is_adjusted_to_utc);
      case K::kInteger: {
        const int bw = lt.integer.bit_width;
        const bool s = lt.integer.is_signed;
        if (bw == 8) return s ? columnar::Int8() : columnar::UInt8();
        if (bw == 16) return s ? columnar::Int16() : columnar::UInt16();
        if (bw == 32) return s ? columnar::Int32() : columnar::UInt32();
        return s ? columnar::Int64() : columnar::UInt64();
      }
      case K::kUnknown:
        return columnar::Null();
      case K::kFloat16:
        return columnar::Float16();
      default:
        break;
    }
  } else if (e.converted_type) {
    using C = format::ConvertedType;
    switch (*e.converted_type) {
      case C::UTF8:
      case C::ENUM:
      case C::JSON:
        return columnar::String();
      case C::DECIMAL:
        return columnar::Decimal128(e.precision.value_or(0), e.scale.value_or(0));
      case C::DATE:
        return columnar::Date32();
      case C::TIME_MILLIS:
        return columnar::Time32(TimeUnit::kMilli);
      case C::TIME_MICROS:
        return columnar::Time64(TimeUnit::kMicro);
      case C::TIMESTAMP_MILLIS:
        return columnar::Timestamp(TimeUnit::kMilli, true);
      case C::TIMESTAMP_MICROS:
        return columnar::Timestamp(TimeUnit::kMicro, true);
      case C::INT_8:
        return columnar::Int8();
      case C::INT_16:
        return columnar::Int16();
      case C::INT_32:
        return columnar::Int32();
      case C::INT_64:
        return columnar::Int64();
      case C::UINT_8:
        return columnar::UInt8();
      case C::UINT_16:
        return columnar::UInt16();
      case C::UINT_32:
        return columnar::UInt32();
      case C::UINT_64:
        return columnar::UInt64();
      default:
        break;
    }
  }
  switch (phys) {
    case format::Type::BOOLEAN:
      return columnar::Bool();
    case format::Type::INT32:
      return columnar::Int32();
    case format::Type::INT64:
      return columnar::Int64();
    case format::Type::INT96:
      return columnar::Timestamp(TimeUnit::kMicro, false);
    case format::Type::FLOAT:
      return columnar::Float32();
    case format::Type::DOUBLE:
      return columnar::Float64();
    case format::Type::BYTE_ARRAY:
      return columnar::Binary();
    default:
      return columnar::FixedSizeBinary(e.type_length.value_or(0));
  }
}

// Opens `rel` (relative to parquet-testing/) and builds flat leaves.
inline Result<TestFile> OpenTestFile(const std::string& rel) {
  TestFile t;
  SLUICE_ASSIGN_OR_RETURN(t.file, io::OpenLocalFile(TestDataPath(rel)));
  const int64_t size = t.file->Size();
  if (size < 12) return Status::Corrupt("too small");
  SLUICE_ASSIGN_OR_RETURN(BufferPtr tail, t.file->ReadAt(size - 8, 8));
  const uint32_t len = bit_util::LoadLE<uint32_t>(tail->data());
  if (std::string_view(reinterpret_cast<const char*>(tail->data()) + 4, 4) != "PAR1") {
    return Status::Corrupt("no PAR1 footer");
  }
  if (len > size - 12) return Status::Corrupt("footer length {}", len);
  SLUICE_ASSIGN_OR_RETURN(BufferPtr footer, t.file->ReadAt(size - 8 - len, len));
  SLUICE_ASSIGN_OR_RETURN(t.meta, format::DeserializeFileMetaData(footer->span()));
  if (t.meta.schema.empty()) return Status::Corrupt("empty schema");
  // Depth-first walk: a non-REQUIRED node adds a def level, a REPEATED one a rep level.
  struct Frame {
    int remaining;
    int16_t def, rep;
    std::vector<std::string> path;
  };
  std::vector<Frame> stack{{t.meta.schema[0].num_children.value_or(0), 0, 0, {}}};
  for (size_t i = 1; i < t.meta.schema.size(); ++i) {
    while (!stack.empty() && stack.back().remaining == 0) stack.pop_back();
    if (stack.empty()) return Status::Corrupt("schema has extra elements");
    Frame& parent = stack.back();
    --parent.remaining;
    const auto& e = t.meta.schema[i];
    const auto rep = e.repetition_type.value_or(format::FieldRepetitionType::REQUIRED);
    const int16_t def = parent.def + (rep != format::FieldRepetitionType::REQUIRED ? 1 : 0);
    const int16_t rl = parent.rep + (rep == format::FieldRepetitionType::REPEATED ? 1 : 0);
    std::vector<std::string> path = parent.path;
    path.push_back(e.name);
    if (e.num_children.value_or(0) > 0) {
      stack.push_back({*e.num_children, def, rl, path});
      continue;
    }
    if (!e.type || !format::IsKnown(*e.type)) return Status::Corrupt("leaf without a valid type");
    LeafColumn leaf;
    leaf.index = static_cast<int>(t.leaves.size());
    leaf.path = path;
    leaf.element = e;
    leaf.physical_type = *e.type;
    leaf.type_length = e.type_length.value_or(0);
    leaf.max_def_level = def;
    leaf.max_rep_level = rl;
    leaf.type = LeafType(e);
    t.leaves.push_back(leaf);
  }
  return t;
}

// Reads every row group of leaf `i` into one LeafData, `batch` records per call.
inline Result<LeafData> ReadLeaf(const TestFile& t, int i, int64_t batch = 1 << 30, ColumnReadOptions options = {}) {
  LeafData out;
  for (const auto& rg : t.meta.row_groups) {
    if (static_cast<size_t>(i) >= rg.columns.size()) return Status::Corrupt("row group lacks column {}", i);
    SLUICE_ASSIGN_OR_RETURN(auto reader, ColumnChunkReader::Open(t.file.get(), t.leaves[i], rg.columns[i], options));
    int64_t rows = 0;
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(int64_t got, reader->ReadRecords(batch, &out));
      if (got == 0) break;
      rows += got;
    }
    if (rows != rg.num_rows) return Status::Corrupt("row group has {} rows, read {}", rg.num_rows, rows);
  }
  return out;
}

// Reads every leaf of `rel`; returns the first error.
inline Status ReadWholeFile(const std::string& rel, ColumnReadOptions options = {}) {
  SLUICE_ASSIGN_OR_RETURN(TestFile t, OpenTestFile(rel));
  for (size_t i = 0; i < t.leaves.size(); ++i) SLUICE_RETURN_NOT_OK(ReadLeaf(t, static_cast<int>(i), 1 << 30, options));
  return Status::OK();
}

}  // namespace sluice::parquet::testing

namespace sluice::parquet::testing {

// The num_values dense values of `d` as T.
template <typename T>
std::vector<T> Values(const LeafData& d) {
  const T* p = d.values->data_as<T>();
  return std::vector<T>(p, p + d.num_values);
}

// The dense values of a string/binary leaf.
inline std::vector<std::string> Strings(const LeafData& d) {
  std::vector<std::string> out;
  const int32_t* off = d.values->data_as<int32_t>();
  for (int64_t i = 0; i < d.num_values; ++i) {
    out.emplace_back(reinterpret_cast<const char*>(d.data->data()) + off[i], off[i + 1] - off[i]);
  }
  return out;
}

inline std::vector<int16_t> Levels(const BufferPtr& b) {
  return std::vector<int16_t>(b->data_as<int16_t>(), b->data_as<int16_t>() + b->size() / 2);
}

// The low 64 bits of decimal128 value i (the tests' values fit).
inline int64_t Decimal64(const LeafData& d, int64_t i) { return bit_util::LoadLE<int64_t>(d.values->data() + 16 * i); }

}  // namespace sluice::parquet::testing
